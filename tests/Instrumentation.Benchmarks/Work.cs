using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;

namespace Instrumentation.Benchmarks;

/// <summary>The same trivial work, plain, [Traced], and with hand-written span code.</summary>
public static class Work
{
    /// <summary>The source of the hand-written variants; the generated code uses "Instrumentation.Benchmarks".</summary>
    public static readonly ActivitySource ManualSource = new("Instrumentation.Benchmarks.Manual");

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Plain(int value) => value + 1;

    [Traced]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Traced(int value) => value + 1;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int HandWritten(int value)
    {
        using var activity = ManualSource.StartActivity("Work.HandWritten");
        return value + 1;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Task<int> PlainAsync(int value) => Task.FromResult(value + 1);

    [Traced]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Task<int> TracedAsync(int value) => Task.FromResult(value + 1);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static async Task<int> HandWrittenAsync(int value)
    {
        using var activity = ManualSource.StartActivity("Work.HandWrittenAsync");
        return await Task.FromResult(value + 1).ConfigureAwait(false);
    }
}

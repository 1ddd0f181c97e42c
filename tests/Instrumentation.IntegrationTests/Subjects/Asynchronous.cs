using System;
using System.Diagnostics;
using System.Threading.Tasks;

namespace Instrumentation.IntegrationTests.Subjects;

internal static class Asynchronous
{
    public static readonly Task<int> CachedResult = Task.FromResult(42);

    [Traced]
    public static Task Completed() => Task.CompletedTask;

    [Traced]
    public static Task<int> Cached() => CachedResult;

    [Traced]
    public static ValueTask CompletedValueTask() => default;

    [Traced]
    public static ValueTask<int> CompletedValueTaskOfT() => new(7);

    [Traced]
    public static Task<int> ReturnGiven(Task<int> task) => task;

    [Traced]
    public static Task ReturnGivenTask(Task task) => task;

    [Traced]
    public static ValueTask<int> FromSource(TaskCompletionSource<int> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new(source.Task);
    }

    [Traced]
    public static ValueTask FromPlainSource(TaskCompletionSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new(source.Task);
    }

    /// <summary>Records, when its work completes, the time and the activity that was current inside it.</summary>
    [Traced]
    public static async Task DelayAsync(int milliseconds, Probe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        probe.CurrentAtStart = Activity.Current;
        probe.WorkStartedUtc = DateTime.UtcNow;
        await Task.Delay(milliseconds).ConfigureAwait(false);
        probe.CurrentAfterAwait = Activity.Current;
        probe.Child = Children.Work();
        probe.WorkEndedUtc = DateTime.UtcNow;
    }

    [Traced]
    public static async Task<int> DelayOfTAsync(int milliseconds, Probe probe)
    {
        await DelayAsync(milliseconds, probe).ConfigureAwait(false);
        return 5;
    }

    [Traced]
    public static async ValueTask DelayValueTaskAsync(int milliseconds, Probe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        probe.CurrentAtStart = Activity.Current;
        probe.WorkStartedUtc = DateTime.UtcNow;
        await Task.Delay(milliseconds).ConfigureAwait(false);
        probe.CurrentAfterAwait = Activity.Current;
        probe.Child = Children.Work();
        probe.WorkEndedUtc = DateTime.UtcNow;
    }

    [Traced]
    public static async ValueTask<int> DelayValueTaskOfTAsync(int milliseconds, Probe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        probe.CurrentAtStart = Activity.Current;
        probe.WorkStartedUtc = DateTime.UtcNow;
        await Task.Delay(milliseconds).ConfigureAwait(false);
        probe.CurrentAfterAwait = Activity.Current;
        probe.Child = Children.Work();
        probe.WorkEndedUtc = DateTime.UtcNow;
        return 9;
    }
}

// A task returned unstarted, for the caller to Start (found by the corpus run on Nito.AsyncEx).
internal static class ColdTasks
{
    [Traced]
    public static Task Create(Action action) => new Task(action);

    [Traced]
    public static Task<int> CreateOfT(Func<int> function) => new Task<int>(function);

    [Traced]
    public static ValueTask CreateValueTask(Action action) => new ValueTask(new Task(action));
}

internal static class Children
{
    [Traced]
    public static Activity? Work() => Activity.Current;
}

internal sealed class Probe
{
    public Activity? CurrentAtStart { get; set; }

    public Activity? CurrentAfterAwait { get; set; }

    /// <summary>The activity current inside the child span (the child span itself).</summary>
    public Activity? Child { get; set; }

    public DateTime WorkStartedUtc { get; set; }

    public DateTime WorkEndedUtc { get; set; }
}

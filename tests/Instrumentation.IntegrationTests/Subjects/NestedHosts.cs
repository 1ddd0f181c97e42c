using System.Collections.Generic;
using System.Threading.Tasks;

namespace Instrumentation.IntegrationTests.Subjects;

/// <summary>
/// Private nested types of a static partial class, and signatures that name them: the interceptors are declared in a
/// part of the class, the only place that can name them.
/// </summary>
internal static partial class NestedHosts
{
    public static int Run()
    {
        var counter = new Counter();
        counter.Add(2);
        counter.Add(3);
        counter.ResetIfAbove(100);
        var accumulator = default(Accumulator);
        accumulator.Push(4);
        accumulator.Push(5);
        return counter.Total + accumulator.Sum + Sum(new Pair(10, 20)) + new Box<string>("abc").Describe().Length + TotalOf(counter);
    }

    [Traced]
    private static int TotalOf<TCounter>(TCounter counter)
        where TCounter : Counter => counter.Total;

    public static async Task<int> RunAsync()
    {
        var box = new Box<int>(7);
        var total = await box.TwiceAsync().ConfigureAwait(false);
        foreach (var value in box.Repeat(2))
        {
            total += value;
        }

        return total;
    }

    [Traced]
    private static int Sum(Pair pair) => pair.A + pair.B;

    private readonly record struct Pair(int A, int B);

#pragma warning disable CA1852 // Not sealed: a type parameter is constrained to it.
    private class Counter
#pragma warning restore CA1852
    {
        public int Total { get; private set; }

        [Traced]
        public void Add(int value) => Total += value;

        public void ResetIfAbove(int limit)
        {
            if (Total > limit)
            {
                Reset();
            }

            Touch();
        }

        private void Reset() => Total = 0;

        [Traced]
        private void Touch() => Total += 0;
    }

    private struct Accumulator
    {
        public int Sum { get; private set; }

        [Traced]
        public void Push(int value) => Sum += value;
    }

    private sealed class Box<T>(T value)
    {
        [Traced]
        public string Describe() => $"<{value}>";

        [Traced]
        public async Task<int> TwiceAsync()
        {
            await Task.Yield();
            return 2 * (value is int number ? number : 0);
        }

        [Traced]
        public IEnumerable<T> Repeat(int count)
        {
            for (var i = 0; i < count; i++)
            {
                yield return value;
            }
        }
    }
}

/// <summary>Static methods whose signature names a private nested type, in a non-static partial class and a partial struct.</summary>
internal sealed partial class RowMapper
{
    private readonly int _offset = 1;

    public static int Run() => new RowMapper().Total();

    private int Total() => _offset + Map(3).Id + Point.Run();

    [Traced]
    private static Row Map(int id) => new(id * 10);

    private sealed record Row(int Id);

    private readonly record struct Hidden(int Y);

    private readonly partial record struct Point(int X)
    {
        public static int Run() => Of(new Hidden(7));

        [Traced]
        private static int Of(Hidden hidden) => hidden.Y;
    }
}

/// <summary>
/// One type whose traced methods need the host and some that do not, called in either order (the placement is decided
/// per method: a type's file once took the first call's placement for all of them).
/// </summary>
internal static partial class MixedHosts
{
    public static int Run() => Plain() + WithPrivate(new Hidden(2)) + new Inner<int>().Get() + Plain();

    [Traced]
    public static int Plain() => 1;

    [Traced]
    private static int WithPrivate(Hidden hidden) => hidden.Value;

    private sealed record Hidden(int Value);

    private sealed class Inner<T>
    {
        private readonly int _base = 1;

        [Traced]
        public int Get() => _base + Static();

        [Traced]
        private static int Static() => 10;
    }
}

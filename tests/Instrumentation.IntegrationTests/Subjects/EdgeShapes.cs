using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Instrumentation.IntegrationTests.Subjects;

internal sealed class ReadonlyFieldHolder
{
    private readonly Counter _readonlyCounter;
    private Counter _counter;

    // A readonly field's struct is copied before a mutating call: the field stays unchanged.
    public int IncrementReadonlyField()
    {
        _readonlyCounter.Increment();
        return _readonlyCounter.Count;
    }

    public int IncrementField()
    {
        _counter.Increment();
        return _counter.Count;
    }

    public static int IncrementIn(in Counter counter)
    {
        counter.Increment();
        return counter.Count;
    }

    // An rvalue receiver: the call mutates a temporary.
    public static int IncrementTemporary() => Create().PeekAfterIncrement();

    private static Counter Create() => new() { Count = 5 };
}

internal struct MutableBox<T>
    where T : struct
{
    public T Value;
    public int Sets;

    [Traced]
    public void Set(T value)
    {
        Value = value;
        Sets++;
    }
}

internal static class GenericCache<TKey>
    where TKey : notnull
{
    private static readonly Dictionary<TKey, string> Items = [];

    [Traced]
    public static string GetOrAdd(TKey key, Func<TKey, string> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        if (!Items.TryGetValue(key, out var value))
        {
            value = factory(key);
            Items[key] = value;
        }

        return value;
    }
}

internal static class ListExtensions
{
    [Traced]
    public static T? SecondOrDefault<T>(this List<T> list)
    {
        ArgumentNullException.ThrowIfNull(list);
        return list.Count > 1 ? list[1] : default;
    }
}

internal static class Identity
{
    [Traced]
    public static T Of<T>(T value) => value;
}

internal static class Spans
{
    [Traced]
    public static int Sum(params ReadOnlySpan<int> values)
    {
        var sum = 0;
        foreach (var value in values)
        {
            sum += value;
        }

        return sum;
    }

    [Traced]
    public static Span<int> Tail(int[] values) => values.AsSpan(1);

    [Traced]
    public static int Length(scoped ReadOnlySpan<char> text) => text.Length;
}

internal static class Keywords
{
    [Traced]
    public static string Describe(string @event, int @this, string activity, string exception) => @event + @this.ToString(System.Globalization.CultureInfo.InvariantCulture) + activity + exception;
}

internal static class Overloaded
{
    [Traced]
    public static int Take(int value) => value;

    [Traced]
    public static int Take(ref int value) => ++value;
}

internal static class AsyncEdges
{
    [Traced]
    public static Task<int> Pending(TaskCompletionSource<int> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Task;
    }

    [Traced]
    public static async Task<int> WithToken(int value, CancellationToken cancellationToken = default)
    {
        await Task.Delay(1, cancellationToken).ConfigureAwait(false);
        return value;
    }
}

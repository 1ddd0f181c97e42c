using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Instrumentation.IntegrationTests.Subjects;

internal static class Conversions
{
    [Traced]
    public static TOut Widen<TIn, TOut>(TIn value, Func<TIn, TOut> widen)
        where TIn : TOut
    {
        ArgumentNullException.ThrowIfNull(widen);
        return widen(value);
    }

    [Traced]
    public static T? OrNull<T>(T? value)
        where T : class? => value;

    [Traced]
    [return: Tag("app.found")]
    public static async Task<string?> FindAsync([Tag("app.key")] int? key)
    {
        await Task.Yield();
        return key is null ? null : "found";
    }

    [Traced]
    public static string Pick(int value) => "int:" + value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Traced]
    public static string Pick<T>(T value) => "generic:" + value;

    [Traced]
    public static IReadOnlyList<T> Pair<T>(T first, T second) => [first, second];
}

internal sealed class Box<T>
{
    private readonly T _value;

    public Box(T value)
    {
        _value = value;
    }

    [Traced]
    public T Get() => _value;
}

internal sealed class Box
{
    private readonly int _value = 1;

    [Traced]
    public int Get() => _value;
}

using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;

namespace Instrumentation.IntegrationTests.Subjects;

internal interface IStore
{
    [Traced]
    T Find<T>(string key)
        where T : class;

    // A default interface method: the call still dispatches to an override when there is one.
    [Traced]
    string Describe() => "store";
}

internal sealed class MemoryStore : IStore
{
    private readonly Dictionary<string, object> _items = new() { ["a"] = "alpha" };

    public T Find<T>(string key)
        where T : class => (T)_items[key];
}

internal sealed class DescribedStore : IStore
{
    private readonly string _name = "described";

    public T Find<T>(string key)
        where T : class => throw new KeyNotFoundException(key + _name);

    public string Describe() => _name;
}

internal static class CallerInfo
{
    [Traced]
    public static string Where([Tag("app.message")] string message, [CallerMemberName] string member = "", [CallerLineNumber] int line = 0, [CallerArgumentExpression(nameof(message))] string expression = "") =>
        $"{message}|{member}|{line.ToString(System.Globalization.CultureInfo.InvariantCulture)}|{expression}";
}

internal sealed class Initialized
{
    private readonly int _fromField = StaticUtilities.Twice(1);

    public Initialized()
    {
        FromConstructor = StaticUtilities.Twice(2);
    }

    public int FromConstructor { get; }

    public int FromGetter => StaticUtilities.Twice(3) + _fromField;
}

internal static class Pooled
{
    [Traced]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<int> TwiceLaterAsync(int value)
    {
        await Task.Yield();
        return value * 2;
    }

    [Traced]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask YieldAsync() => await Task.Yield();
}

internal sealed class Catalog<TItem>
{
    private readonly List<TItem> _items;

    public Catalog(params TItem[] items)
    {
        _items = [.. items];
    }

    [Traced]
    public IEnumerable<TItem> All()
    {
        foreach (var item in _items)
        {
            yield return item;
        }
    }
}

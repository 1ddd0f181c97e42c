using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace Instrumentation.IntegrationTests.Subjects;

/// <summary>[Traced] on a class: its public methods are traced, with the class's name and kind as their defaults.</summary>
[Traced("catalog", Kind = ActivityKind.Client)]
internal sealed partial class TracedCatalog
{
    private int _lookups;

    public int Lookups => _lookups;

    public int Find(string sku) => Count(sku) + Normalize(sku).Length;

    public async Task<int> FindAsync(string sku, CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        return Find(sku);
    }

    [NotTraced]
    public static string Normalize(string sku) => sku.Trim();

    [Traced("catalog.refresh")]
    public void Refresh() => _lookups = 0;

    public static TracedCatalog operator +(TracedCatalog left, TracedCatalog right) => left._lookups >= right._lookups ? left : right;

    internal int Internal() => _lookups >= 0 ? 1 : 0;

    private int Count(string sku)
    {
        _lookups++;
        return sku.Length;
    }
}

/// <summary>The other part of <see cref="TracedCatalog"/>: the attribute on one part covers the methods of every part.</summary>
internal sealed partial class TracedCatalog
{
    public int Size() => Lookups + Internal();

    public void Fail() => throw new InvalidOperationException(Lookups >= 0 ? "catalog offline" : "catalog broken");
}

/// <summary>A traced record: its own public methods, not the members the compiler writes (Equals, ToString, Deconstruct…).</summary>
[Traced]
internal sealed record Price(decimal Amount, string Currency)
{
    public Price Add(Price other) => this with { Amount = Amount + other.Amount };
}

/// <summary>A traced struct: its methods change the caller's variable, as untraced.</summary>
[Traced]
internal struct Tally
{
    public int Count { get; private set; }

    public void Increment() => Count++;
}

/// <summary>A traced generic class, static factory and params included.</summary>
[Traced]
internal sealed class Shelf<T>
    where T : class
{
    private int _searches;

    public int Searches => _searches;

    public static Shelf<T> Create() => new();

    public T? Find(Func<T, bool> predicate, params T[] items)
    {
        _searches++;
        return Array.Find(items, item => predicate(item));
    }
}

/// <summary>A traced static class of extension methods: both call forms.</summary>
[Traced]
internal static class Formatting
{
    public static string Exclaim(this string value) => value.ToUpperInvariant() + "!";
}

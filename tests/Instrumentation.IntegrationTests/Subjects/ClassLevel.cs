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

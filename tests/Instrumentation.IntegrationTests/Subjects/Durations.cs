using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Instrumentation.IntegrationTests.Subjects;

/// <summary>Methods that record their duration (<c>[Traced(RecordDuration = true)]</c>), one per way a call ends.</summary>
internal static class MeteredOrders
{
    [Traced(RecordDuration = true)]
    public static int Price([Tag("app.sku")] string sku, out int stock)
    {
        Thread.Sleep(20);
        stock = sku.Length;
        return 2;
    }

    [Traced(RecordDuration = true)]
    public static int Quote([Tag("app.amount")] int amount) => amount * 2;

    [Traced("orders.fail", RecordDuration = true)]
    public static void Fail() => throw new InvalidOperationException("out of stock");

    [Traced(RecordDuration = true)]
    public static async Task<int> SaveAsync(int id, CancellationToken cancellationToken)
    {
        await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        return id;
    }

    [Traced(RecordDuration = true)]
    public static Task<int> SavedAlready(int id) => Task.FromResult(id);

    [Traced(RecordDuration = true)]
    public static async ValueTask RejectAsync()
    {
        await Task.Yield();
        throw new TimeoutException("payment provider timed out");
    }

    [Traced(RecordDuration = true)]
    public static Task ThrowsBeforeTask() => throw new ArgumentException("bad order");

    [Traced(RecordDuration = true)]
    public static async Task WaitAsync(CancellationToken cancellationToken) => await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);

    [Traced(RecordDuration = true, RecordCancellationAsError = true)]
    public static async Task WaitOrFailAsync(CancellationToken cancellationToken) => await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);

    [Traced(RecordDuration = true)]
    public static IEnumerable<int> Lines(int count, bool fail)
    {
        for (var i = 0; i < count; i++)
        {
            yield return i;
        }

        if (fail)
        {
            throw new FormatException("bad line");
        }
    }

    [Traced(RecordDuration = true)]
    public static async IAsyncEnumerable<int> StreamLines(int count, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return i;
        }
    }

    [Traced]
    public static int NotMeasured() => 1;
}

/// <summary>RecordDuration on a class is the default of its public methods; a method's own setting wins.</summary>
[Traced(RecordDuration = true)]
internal static class MeteredCatalog
{
    public static int Find(string sku) => sku.Length;

    [Traced(RecordDuration = false)]
    public static int Count() => 0;
}

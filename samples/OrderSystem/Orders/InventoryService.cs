using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Instrumentation;

namespace Orders;

/// <summary>Checks and reserves stock. Spans: "InventoryService.ReserveAsync" > "InventoryService.IsInStock", "InventoryService.Release".</summary>
public sealed class InventoryService
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _stock = new()
    {
        ["sku-keyboard"] = 100,
        ["sku-mouse"] = 250,
        ["sku-monitor"] = 20,
    };

    private readonly Dictionary<string, IReadOnlyList<OrderLine>> _reservations = [];

    /// <summary><c>ValueTask</c> method: the span ends when the awaited work completes; the nested <see cref="IsInStock"/> calls are child spans.</summary>
    [Traced]
    public async ValueTask ReserveAsync([Tag("app.order.id")] string orderId, IReadOnlyList<OrderLine> lines, CancellationToken cancellationToken)
    {
        await Task.Delay(5, cancellationToken).ConfigureAwait(false); // the warehouse round trip
        lock (_lock)
        {
            foreach (var line in lines)
            {
                if (!IsInStock(line.Sku, line.Quantity))
                {
                    throw new OutOfStockException(line.Sku);
                }
            }

            foreach (var line in lines)
            {
                _stock[line.Sku] -= line.Quantity;
            }

            _reservations[orderId] = lines;
        }
    }

    /// <summary>Synchronous method: the span covers the call; the tagged parameters become span attributes.</summary>
    [Traced]
    public bool IsInStock([Tag("app.product.sku")] string sku, [Tag("app.product.quantity")] int quantity) =>
        _stock.TryGetValue(sku, out var available) && available >= quantity;

    /// <summary>Gives the reserved items back (the order failed after the reservation).</summary>
    [Traced]
    public void Release([Tag("app.order.id")] string orderId)
    {
        lock (_lock)
        {
            if (_reservations.Remove(orderId, out var lines))
            {
                foreach (var line in lines)
                {
                    _stock[line.Sku] += line.Quantity;
                }
            }
        }
    }
}

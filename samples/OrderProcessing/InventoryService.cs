using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Instrumentation;

namespace OrderProcessing;

/// <summary>Checks and reserves stock. Spans: "InventoryService.IsInStock", "InventoryService.ReserveAsync".</summary>
public sealed class InventoryService
{
    private readonly Dictionary<string, int> _stock = new()
    {
        ["sku-keyboard"] = 10,
        ["sku-mouse"] = 25,
        ["sku-monitor"] = 2,
    };

    /// <summary>Synchronous method: the span covers the call; the tagged parameters become span attributes.</summary>
    [Traced]
    public bool IsInStock([Tag("app.product.sku")] string sku, [Tag("app.product.quantity")] int quantity) =>
        _stock.TryGetValue(sku, out var available) && available >= quantity;

    /// <summary>
    /// <c>ValueTask</c> method: the span ends when the awaited work completes. The nested <see cref="IsInStock"/>
    /// calls become child spans.
    /// </summary>
    [Traced]
    public async ValueTask ReserveAsync(Cart cart, CancellationToken cancellationToken)
    {
        foreach (var line in cart.Lines)
        {
            if (!IsInStock(line.Sku, line.Quantity))
            {
                throw new OutOfStockException(line.Sku);
            }
        }

        await Task.Delay(15, cancellationToken).ConfigureAwait(false); // the warehouse round trip
        foreach (var line in cart.Lines)
        {
            _stock[line.Sku] -= line.Quantity;
        }
    }
}

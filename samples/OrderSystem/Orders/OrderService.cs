using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Instrumentation;

// Every [Traced] method of this assembly also records its duration (histogram traced.method.duration of the meter
// "Orders"): calls, errors and latency per operation, for every call, sampled or not. The source keeps its default name.
[assembly: TracedSource(RecordDuration = true)]

namespace Orders;

/// <summary>Places an order: inventory, then payment. Every step is a child span of "OrderService.PlaceOrderAsync".</summary>
public sealed class OrderService(InventoryService inventory, PaymentsClient payments)
{
    private int _lastOrderNumber = 1000;

    /// <summary>A new order id (a tag on the spans, never part of a span name: that would make every name unique).</summary>
    public string NewOrderId() => "order-" + Interlocked.Increment(ref _lastOrderNumber);

    /// <summary>
    /// <c>Task&lt;T&gt;</c> method, the child of the request's Server span. A declined payment releases the reservation and
    /// propagates unchanged (this span: status Error, <c>exception</c> event); a cancelled request propagates its
    /// <c>OperationCanceledException</c> (status Unset, <c>exception</c> event).
    /// </summary>
    [Traced]
    public async Task<Order> PlaceOrderAsync(
        [Tag("app.order.id")] string orderId,
        [Tag("app.customer.id")] string customerId,
        IReadOnlyList<OrderLine> lines,
        CancellationToken cancellationToken)
    {
        var total = lines.Sum(line => line.Quantity * line.UnitPrice);
        await inventory.ReserveAsync(orderId, lines, cancellationToken).ConfigureAwait(false);
        try
        {
            var transactionId = await payments.ChargeAsync(orderId, customerId, total, cancellationToken).ConfigureAwait(false);
            return new Order(orderId, total, transactionId);
        }
        catch
        {
            inventory.Release(orderId);
            throw;
        }
    }
}

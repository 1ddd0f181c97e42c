using System.Threading;
using System.Threading.Tasks;
using Instrumentation;

namespace OrderProcessing;

/// <summary>Places an order: total → inventory → payment. Every step is a child span of "OrderService.PlaceOrderAsync".</summary>
public sealed class OrderService(InventoryService inventory, PaymentGateway payments)
{
    private int _nextOrder = 1000;

    /// <summary><c>Task&lt;T&gt;</c> method: the root span of the flow; it ends when the order is paid (or fails).</summary>
    [Traced]
    public async Task<Receipt> PlaceOrderAsync([Tag("app.customer.id")] string customerId, Cart cart, CancellationToken cancellationToken = default)
    {
        var orderId = "order-" + Interlocked.Increment(ref _nextOrder);
        var total = CalculateTotal(cart);
        await inventory.ReserveAsync(cart, cancellationToken).ConfigureAwait(false);
        var transactionId = await payments.ChargeAsync(customerId, total, cancellationToken).ConfigureAwait(false);
        return new Receipt(orderId, transactionId, total);
    }

    /// <summary>Synchronous method whose result is recorded with <c>[return: Tag]</c>.</summary>
    [Traced]
    [return: Tag("app.order.total")]
    public static decimal CalculateTotal(Cart cart) => cart.Total;
}

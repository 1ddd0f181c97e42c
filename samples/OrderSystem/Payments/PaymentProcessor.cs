using System;
using System.Threading;
using System.Threading.Tasks;
using Instrumentation;

namespace Payments;

/// <summary>
/// Charges a customer through a (simulated) card network. Span: "PaymentProcessor.ChargeAsync"; its duration is also
/// recorded in the histogram <c>traced.method.duration</c> (<c>span.name</c>, and <c>error.type</c> for a declined charge).
/// </summary>
public sealed class PaymentProcessor
{
    /// <summary>Charges above this amount are declined.</summary>
    public const decimal CardLimit = 1_000m;

    /// <summary>The card network answers this customer slowly (30 s): the caller gives up first.</summary>
    public const string SlowCustomer = "customer-slow";

    /// <summary>
    /// <c>Task&lt;T&gt;</c> method, a child of the request's Server span. The order id and the customer id are tags (never
    /// part of the span name); the transaction id is the recorded return value. A declined charge throws
    /// <see cref="PaymentDeclinedException"/>: the span gets status Error, an <c>exception</c> event and <c>error.type</c>.
    /// When the request is aborted, <paramref name="cancellationToken"/> cancels the wait: the span records the
    /// <c>exception</c> event but keeps status Unset (the caller asked for it).
    /// </summary>
    [Traced(RecordDuration = true)]     // also a histogram of every charge's duration (meter "Payments")
    [return: Tag("app.payment.transaction_id")]
    public async Task<string> ChargeAsync(
        [Tag("app.order.id")] string orderId,
        [Tag("app.customer.id")] string customerId,
        [Tag("app.payment.amount")] decimal amount,
        CancellationToken cancellationToken)
    {
        var latency = customerId == SlowCustomer ? TimeSpan.FromSeconds(30) : TimeSpan.FromMilliseconds(10);
        await Task.Delay(latency, cancellationToken).ConfigureAwait(false);
        if (amount > CardLimit)
        {
            throw new PaymentDeclinedException("card limit exceeded");
        }

        return "txn-" + Guid.NewGuid().ToString("N")[..12];
    }
}

/// <summary>The card network refused the charge.</summary>
public sealed class PaymentDeclinedException(string reason) : Exception($"Payment declined: {reason}")
{
    /// <summary>Why the charge was refused.</summary>
    public string Reason { get; } = reason;
}

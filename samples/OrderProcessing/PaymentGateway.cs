using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Instrumentation;

namespace OrderProcessing;

/// <summary>Calls a (simulated) remote payment provider.</summary>
public sealed class PaymentGateway
{
    private const decimal CardLimit = 1_000m;

    /// <summary>
    /// A client span named "payment.charge" (a custom name, <c>Kind = Client</c> because it calls another service).
    /// The returned transaction id is recorded as an attribute with <c>[return: Tag]</c>.
    /// When the provider declines, <see cref="PaymentDeclinedException"/> propagates unchanged and the span gets status
    /// Error, an "exception" event and the "error.type" attribute. When the caller cancels through
    /// <paramref name="cancellationToken"/>, the span is not an error (set <c>RecordCancellationAsError = true</c> to
    /// change that).
    /// </summary>
    [Traced("payment.charge", Kind = ActivityKind.Client)]
    [return: Tag("app.payment.transaction_id")]
    public async Task<string> ChargeAsync(
        [Tag("app.customer.id")] string customerId,
        [Tag("app.payment.amount")] decimal amount,
        CancellationToken cancellationToken)
    {
        // HTTP propagation: the outgoing request carries the W3C trace context of this client span, so the
        // provider's server span joins the same trace.
        var headers = new Dictionary<string, string>
        {
            ["traceparent"] = Activity.Current?.Id ?? "",
        };
        Console.WriteLine($"  -> POST https://payments.example/charges  traceparent: {headers["traceparent"]}");

        await Task.Delay(customerId == "customer-slow" ? 2_000 : 20, cancellationToken).ConfigureAwait(false);
        if (amount > CardLimit)
        {
            throw new PaymentDeclinedException("card limit exceeded");
        }

        return "txn-" + Guid.NewGuid().ToString("N")[..12];
    }
}

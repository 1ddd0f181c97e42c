using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;
using Instrumentation;

namespace Orders;

/// <summary>
/// Calls the payments service over HTTP. Its span, "PaymentsClient.ChargeAsync" (Internal), is the parent of the
/// HttpClient instrumentation's Client span "POST", whose W3C <c>traceparent</c> header makes the payments service's
/// Server span a child of it: one trace across both services.
/// </summary>
public sealed class PaymentsClient(HttpClient http)
{
    private sealed record ChargeRequest(string OrderId, string CustomerId, decimal Amount);

    private sealed record ChargeResponse(string TransactionId);

    private sealed record Problem(string? Detail);

    /// <summary>
    /// A 402 answer becomes <see cref="PaymentDeclinedException"/>: this span, and every <c>[Traced]</c> caller it
    /// propagates through, gets status Error and an <c>exception</c> event.
    /// </summary>
    [Traced]
    [return: Tag("app.payment.transaction_id")]
    public async Task<string> ChargeAsync([Tag("app.order.id")] string orderId, string customerId, decimal amount, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/charges", new ChargeRequest(orderId, customerId, amount), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.PaymentRequired)
        {
            var problem = await response.Content.ReadFromJsonAsync<Problem>(cancellationToken).ConfigureAwait(false);
            throw new PaymentDeclinedException(problem?.Detail ?? "no reason given");
        }

        response.EnsureSuccessStatusCode();
        var charge = await response.Content.ReadFromJsonAsync<ChargeResponse>(cancellationToken).ConfigureAwait(false);
        return charge?.TransactionId ?? throw new HttpRequestException("The payments service answered without a transaction id.");
    }
}

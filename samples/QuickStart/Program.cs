using System.Diagnostics;
using Instrumentation;
using OpenTelemetry;
using OpenTelemetry.Trace;

// Subscribe to the sources of the [Traced] methods (AddTracedSources is generated for projects that use the SDK).
using var tracing = Sdk.CreateTracerProviderBuilder()
    .AddTracedSources()
    .AddConsoleExporter()
    .Build();

var receipt = await new PaymentGateway().ChargeAsync("customer-42", OrderService.CalculateTotal(2, 24.50m), CancellationToken.None);
Console.WriteLine(receipt);

public sealed class PaymentGateway
{
    [Traced("payment.charge", Kind = ActivityKind.Client)]      // span "payment.charge", kind Client
    public async Task<string> ChargeAsync([Tag("app.customer.id")] string customerId, decimal amount, CancellationToken cancellationToken)
    {
        await Task.Delay(10, cancellationToken);
        return $"charged {amount} to {customerId}";
    }
}

public static class OrderService
{
    [Traced]                                                    // span "OrderService.CalculateTotal"
    [return: Tag("app.order.total")]
    public static decimal CalculateTotal(int quantity, decimal price) => quantity * price;
}

// Order → inventory → payment, traced with [Traced] only: no span is started by hand in this flow.
// Every call to a [Traced] method below is wrapped in a span at compile time; the OpenTelemetry SDK
// exports them to the console. Run: dotnet run --project samples/OrderProcessing
using System;
using System.Threading;
using System.Threading.Tasks;
using OpenTelemetry;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using OrderProcessing;

// The generated code of this assembly uses one ActivitySource named after the assembly ("OrderProcessing";
// override with [assembly: Instrumentation.TracedSource("name")]). AddTracedSources(), generated because this
// project uses the OpenTelemetry SDK, subscribes to it (and to the sources of referenced libraries with [Traced]
// methods); without it, TRC501 warns that no [Traced] span would be exported.
using var tracerProvider = Sdk.CreateTracerProviderBuilder()
    .ConfigureResource(resource => resource.AddService("order-processing-sample"))
    .AddTracedSources()
    .AddConsoleExporter()
    .Build();

var orders = new OrderService(new InventoryService(), new PaymentGateway());
var cart = new Cart([new CartLine("sku-keyboard", 1, 89.90m), new CartLine("sku-mouse", 2, 24.50m)]);

Console.WriteLine("== 1. A successful order: PlaceOrderAsync > CalculateTotal, ReserveAsync > IsInStock ×2, payment.charge");
var receipt = await orders.PlaceOrderAsync("customer-42", cart);
Console.WriteLine($"   placed {receipt.OrderId}, paid {receipt.Amount} with {receipt.TransactionId}");

Console.WriteLine("== 2. The payment is declined: the exception propagates unchanged; payment.charge and PlaceOrderAsync get status Error");
try
{
    await orders.PlaceOrderAsync("customer-7", new Cart([new CartLine("sku-monitor", 2, 649m)]));
}
catch (PaymentDeclinedException exception)
{
    Console.WriteLine($"   caught {exception.GetType().Name}: {exception.Message}");
}

Console.WriteLine("== 3. The caller cancels a slow payment: OperationCanceledException, spans end with status Unset (not an error by default)");
using (var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(200)))
{
    try
    {
        await orders.PlaceOrderAsync("customer-slow", cart, timeout.Token);
    }
    catch (OperationCanceledException)
    {
        Console.WriteLine("   order cancelled by the caller");
    }
}

Console.WriteLine("== Spans exported above. Build warnings from AnalyzerShowcase.cs are intentional (see README).");

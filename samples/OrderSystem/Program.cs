// The order system: two ASP.NET Core services on loopback ports, one trace across both.
//   orders   POST /orders  -> [Traced] OrderService -> InventoryService, PaymentsClient -> HttpClient POST /charges
//   payments POST /charges -> [Traced] PaymentProcessor
// Run: dotnet run --project samples/OrderSystem [-- --dump]
//   --dump                        also print every span with the OpenTelemetry console exporter
//   OTEL_EXPORTER_OTLP_ENDPOINT   also export over OTLP (a collector, the Aspire dashboard)
//   OTEL_TRACES_SAMPLER(_ARG)     the sampler (read by the OpenTelemetry SDK itself)
using System;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using Orders;
using OrderSystem;

if (args.Any(arg => arg is "-h" or "--help"))
{
    Console.WriteLine("usage: dotnet run --project samples/OrderSystem [-- --dump]   (see samples/OrderSystem/README.md)");
    return 0;
}

var dump = args.Contains("--dump");
var otlp = !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"));
var collector = new SpanCollector();
var durations = new DurationSummary();

await using var system = await OrderSystemHost.StartAsync(service =>
{
    service.To(collector.Exporter());                                              // for the span trees printed below
    if (dump)
    {
        service.To(new ConsoleActivityExporter(new ConsoleExporterOptions()));      // AddConsoleExporter(), one service per process
    }

    if (otlp)
    {
        service.InBatchesTo(new OtlpTraceExporter(new OtlpExporterOptions()));      // AddOtlpExporter(): reads OTEL_EXPORTER_OTLP_*
    }
},
(service, metrics) =>
{
    metrics.AddReader(durations.Reader(service));                                    // for the duration table printed below
    if (otlp)
    {
        metrics.AddOtlpExporter();                                                   // each service's own meters only
    }
});

Console.WriteLine($"orders   listening on {system.OrdersAddress}");
Console.WriteLine($"payments listening on {system.PaymentsAddress}");
if (otlp)
{
    Console.WriteLine("exporting over OTLP to " + Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"));
}

Console.WriteLine();
using var client = new HttpClient { BaseAddress = system.OrdersAddress };
OrderLine[] keyboardAndMice = [new("sku-keyboard", 1, 89.90m), new("sku-mouse", 2, 24.50m)];

await PlaceOrder("1. a successful order", new OrderRequest("customer-42", keyboardAndMice));
await PlaceOrder("2. a declined payment (over the card limit)", new OrderRequest("customer-7", [new("sku-monitor", 2, 649m)]));
await PlaceOrder("3. a caller that gives up after 500 ms (slow payment)", new OrderRequest("customer-slow", keyboardAndMice),
                 TimeSpan.FromMilliseconds(500));

// A graceful stop waits for the requests in flight (the cancelled one included) and flushes the exporters.
await system.StopAsync();

Console.WriteLine();
Console.WriteLine("Span trees (name, kind, service, duration, status):");
Console.WriteLine();
SpanTree.Print(collector.Spans, Console.Out);
if (collector.Spans.Count == 0)
{
    Console.WriteLine($"(none: the sampler dropped every trace; OTEL_TRACES_SAMPLER={Environment.GetEnvironmentVariable("OTEL_TRACES_SAMPLER")})");
}

Console.WriteLine();
Console.WriteLine("Durations of the [Traced(RecordDuration = true)] methods (histogram traced.method.duration; every call, sampled or not):");
Console.WriteLine();
durations.Print(Console.Out);
return 0;

async Task PlaceOrder(string scenario, OrderRequest order, TimeSpan? giveUpAfter = null)
{
    Console.WriteLine($"== {scenario}");
    using var timeout = new CancellationTokenSource(giveUpAfter ?? Timeout.InfiniteTimeSpan);
    // This driver is not a traced service: without this scope, the HttpClient instrumentation (enabled in this process
    // for the orders service) would record its request as the parent of "POST /orders".
    using var untraced = SuppressInstrumentationScope.Begin();
    try
    {
        using var response = await client.PostAsJsonAsync("/orders", order, timeout.Token);
        Console.WriteLine($"   {(int)response.StatusCode} {response.StatusCode}: {await response.Content.ReadAsStringAsync(timeout.Token)}");
    }
    catch (OperationCanceledException) when (timeout.IsCancellationRequested)
    {
        Console.WriteLine("   cancelled by the caller");
    }
}

using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Orders;
using Payments;

namespace OrderSystem;

/// <summary>Where one service's spans go: add exporters for <see cref="ServiceName"/>.</summary>
public sealed class ServiceExport
{
    private readonly ServiceSpans _spans;
    private readonly TracerProviderBuilder _tracing;

    internal ServiceExport(string serviceName, ServiceSpans spans, TracerProviderBuilder tracing)
    {
        ServiceName = serviceName;
        _spans = spans;
        _tracing = tracing;
    }

    /// <summary><c>orders</c> or <c>payments</c>.</summary>
    public string ServiceName { get; }

    /// <summary>Exports each of the service's spans when it ends (console, in-memory).</summary>
    public ServiceExport To(BaseExporter<Activity> exporter)
    {
        _tracing.AddProcessor(_spans.Simple(exporter));
        return this;
    }

    /// <summary>Exports the service's spans in batches (OTLP).</summary>
    public ServiceExport InBatchesTo(BaseExporter<Activity> exporter)
    {
        _tracing.AddProcessor(_spans.Batch(exporter));
        return this;
    }
}

/// <summary>
/// The order system in one process: the payments and orders services, each a real Kestrel server on a loopback port
/// chosen by the system (port 0), each with its own tracer provider and <c>service.name</c>.
/// </summary>
public sealed class OrderSystemHost : IAsyncDisposable
{
    private const string LoopbackAnyPort = "http://127.0.0.1:0";

    private readonly WebApplication _payments;
    private readonly WebApplication _orders;
    private bool _stopped;

    private OrderSystemHost(WebApplication payments, Uri paymentsAddress, WebApplication orders, Uri ordersAddress)
    {
        _payments = payments;
        _orders = orders;
        PaymentsAddress = paymentsAddress;
        OrdersAddress = ordersAddress;
    }

    /// <summary>The base address of the orders service (<c>POST /orders</c>).</summary>
    public Uri OrdersAddress { get; }

    /// <summary>The base address of the payments service (<c>POST /charges</c>).</summary>
    public Uri PaymentsAddress { get; }

    /// <summary>
    /// Starts payments, then orders (which needs the payments address). <paramref name="export"/> is called once per
    /// service, and <paramref name="exportMetrics"/> with each service's name and meter provider builder.
    /// </summary>
    public static async Task<OrderSystemHost> StartAsync(Action<ServiceExport> export, Action<string, MeterProviderBuilder>? exportMetrics = null)
    {
        var paymentSpans = new ServiceSpans();
        var payments = PaymentsService.Create(
            LoopbackAnyPort,
            tracing => export(new ServiceExport(PaymentsService.ServiceName, paymentSpans, tracing)),
            Quiet,
            metrics => exportMetrics?.Invoke(PaymentsService.ServiceName, metrics));
        var paymentsAddress = await StartAsync(payments, paymentSpans).ConfigureAwait(false);

        try
        {
            var orderSpans = new ServiceSpans();
            var orders = OrdersService.Create(
                LoopbackAnyPort,
                paymentsAddress,
                tracing => export(new ServiceExport(OrdersService.ServiceName, orderSpans, tracing)),
                Quiet,
                metrics => exportMetrics?.Invoke(OrdersService.ServiceName, metrics));
            var ordersAddress = await StartAsync(orders, orderSpans).ConfigureAwait(false);
            return new OrderSystemHost(payments, paymentsAddress, orders, ordersAddress);
        }
        catch
        {
            await payments.StopAsync().ConfigureAwait(false);
            await payments.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Stops orders, then payments. A graceful stop waits for the requests in flight, so every Server span has ended when
    /// this returns; disposing the services' tracer providers then flushes their exporters.
    /// </summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await _orders.StopAsync().ConfigureAwait(false);
        await _orders.DisposeAsync().ConfigureAwait(false);
        await _payments.StopAsync().ConfigureAwait(false);
        await _payments.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <summary>Only warnings and errors from ASP.NET Core: the spans tell the story.</summary>
    private static void Quiet(WebApplicationBuilder builder) => builder.Logging.SetMinimumLevel(LogLevel.Warning);

    private static async Task<Uri> StartAsync(WebApplication app, ServiceSpans spans)
    {
        spans.MarkRequests(app);
        await app.StartAsync().ConfigureAwait(false);
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        return new Uri(addresses.Single());
    }
}

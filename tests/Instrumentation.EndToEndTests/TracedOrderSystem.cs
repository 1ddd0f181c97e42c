using System;
using System.Collections.Generic;
using System.Diagnostics;
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
using Payments;
using Xunit;

namespace Instrumentation.EndToEndTests;

/// <summary>
/// A fresh order system whose services export to in-memory lists. Spans are read only after <see cref="StopAsync"/>:
/// a graceful stop waits for every request in flight (so every Server span has ended) and disposing the tracer
/// providers flushes the exporters — no sleep, no polling.
/// </summary>
internal sealed class TracedOrderSystem : IAsyncDisposable
{
    private readonly List<Activity> _orders = [];
    private readonly List<Activity> _payments = [];
    private readonly SpanCollector _collector = new();
    private OrderSystemHost? _host;
    private HttpClient? _client;

    /// <summary>The duration histograms of the [Traced(RecordDuration = true)] methods, read when the services stop.</summary>
    public DurationSummary Durations { get; } = new();

    public static async Task<TracedOrderSystem> StartAsync()
    {
        var system = new TracedOrderSystem();
        system._host = await OrderSystemHost.StartAsync(
            service => service
                .To(new InMemoryExporter<Activity>(service.ServiceName == OrdersService.ServiceName ? system._orders : system._payments))
                .To(system._collector.Exporter()),
            (service, metrics) => metrics.AddReader(system.Durations.Reader(service)));
        system._client = new HttpClient { BaseAddress = system._host.OrdersAddress };
        return system;
    }

    /// <summary>Posts an order as an untraced caller would (its request is not a span), so "POST /orders" is a root.</summary>
    public async Task<HttpResponseMessage> PlaceOrderAsync(OrderRequest order, CancellationToken cancellationToken)
    {
        using var untraced = SuppressInstrumentationScope.Begin();
        return await _client!.PostAsJsonAsync("/orders", order, cancellationToken);
    }

    /// <summary>Stops both services and returns what each exported.</summary>
    public async Task<ExportedSpans> StopAsync()
    {
        await _host!.StopAsync();
        var byResource = _collector.Spans.ToLookup(s => s.Service, s => s.Span);
        // Each in-memory exporter received exactly the spans its provider's resource names as that service's.
        Assert.Equal(byResource[OrdersService.ServiceName].ToHashSet(), _orders.ToHashSet());
        Assert.Equal(byResource[PaymentsService.ServiceName].ToHashSet(), _payments.ToHashSet());
        return new ExportedSpans(_orders, _payments);
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}

/// <summary>The spans each service exported.</summary>
internal sealed record ExportedSpans(IReadOnlyList<Activity> Orders, IReadOnlyList<Activity> Payments)
{
    public IEnumerable<Activity> All => Orders.Concat(Payments);

    public Activity OrdersSpan(string name) => Assert.Single(Orders, s => s.DisplayName == name);

    public Activity PaymentsSpan(string name) => Assert.Single(Payments, s => s.DisplayName == name);
}

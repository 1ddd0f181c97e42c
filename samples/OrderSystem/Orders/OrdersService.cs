using System;
using System.Threading;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Orders;

/// <summary>The orders service: a minimal API with one endpoint, <c>POST /orders</c>.</summary>
public static class OrdersService
{
    /// <summary>The <c>service.name</c> resource attribute of every span this service exports.</summary>
    public const string ServiceName = "orders";

    /// <summary>
    /// Builds the service (not started), calling the payments service at <paramref name="paymentsAddress"/>.
    /// <paramref name="configureTracing"/> adds the exporters and <paramref name="configure"/> anything else the host
    /// wants (logging), <paramref name="configureMetrics"/> the metric exporters; the rest is what any ASP.NET Core service with
    /// OpenTelemetry does. The sampler is the SDK's, configured by the standard <c>OTEL_TRACES_SAMPLER</c>/
    /// <c>OTEL_TRACES_SAMPLER_ARG</c> environment variables.
    /// </summary>
    public static WebApplication Create(string url, Uri paymentsAddress, Action<TracerProviderBuilder> configureTracing,
                                        Action<WebApplicationBuilder>? configure = null, Action<MeterProviderBuilder>? configureMetrics = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Services.AddSingleton<InventoryService>();
        builder.Services.AddSingleton<OrderService>();
        builder.Services.AddHttpClient<PaymentsClient>(http => http.BaseAddress = paymentsAddress);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing =>
            {
                tracing
                    .AddTracedSources()                 // the [Traced] methods of this assembly ("Orders")
                    .AddAspNetCoreInstrumentation()     // a Server span per request
                    .AddHttpClientInstrumentation();    // a Client span per outgoing request, which sends its traceparent
                configureTracing(tracing);
            })
            .WithMetrics(metrics =>
            {
                metrics.AddTracedMeters();              // the duration histograms of the [Traced(RecordDuration = true)] methods ("Orders")
                configureMetrics?.Invoke(metrics);
            });

        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapPost("/orders", async (OrderRequest request, OrderService orders, CancellationToken cancellationToken) =>
        {
            var orderId = orders.NewOrderId();
            try
            {
                var order = await orders.PlaceOrderAsync(orderId, request.CustomerId, request.Lines, cancellationToken);
                return Results.Created($"/orders/{order.OrderId}", order);
            }
            catch (PaymentDeclinedException declined)
            {
                return Results.Problem(statusCode: StatusCodes.Status402PaymentRequired, title: "Payment declined", detail: declined.Reason,
                                       extensions: [new("orderId", orderId)]);
            }
            catch (OutOfStockException outOfStock)
            {
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Out of stock", detail: outOfStock.Message,
                                       extensions: [new("orderId", orderId)]);
            }
        });
        return app;
    }
}

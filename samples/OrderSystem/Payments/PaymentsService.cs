using System;
using System.Threading;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Payments;

/// <summary>The body of <c>POST /charges</c>.</summary>
public sealed record ChargeRequest(string OrderId, string CustomerId, decimal Amount);

/// <summary>The answer to an accepted charge.</summary>
public sealed record ChargeResponse(string TransactionId);

/// <summary>The payments service: a minimal API with one endpoint, <c>POST /charges</c>.</summary>
public static class PaymentsService
{
    /// <summary>The <c>service.name</c> resource attribute of every span this service exports.</summary>
    public const string ServiceName = "payments";

    /// <summary>
    /// Builds the service (not started). <paramref name="configureTracing"/> adds the exporters and <paramref name="configure"/> anything else the host
    /// wants (logging), <paramref name="configureMetrics"/> the metric exporters; the rest is what any
    /// ASP.NET Core service with OpenTelemetry does. The sampler is the SDK's, configured by the standard
    /// <c>OTEL_TRACES_SAMPLER</c>/<c>OTEL_TRACES_SAMPLER_ARG</c> environment variables.
    /// </summary>
    public static WebApplication Create(string url, Action<TracerProviderBuilder> configureTracing,
                                        Action<WebApplicationBuilder>? configure = null, Action<MeterProviderBuilder>? configureMetrics = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Services.AddSingleton<PaymentProcessor>();
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing =>
            {
                tracing
                    .AddTracedSources()                 // the [Traced] methods of this assembly ("Payments")
                    .AddAspNetCoreInstrumentation();    // a Server span per request, parented by the caller's traceparent
                configureTracing(tracing);
            })
            .WithMetrics(metrics =>
            {
                metrics.AddTracedMeters();              // the duration histograms of the [Traced(RecordDuration = true)] methods ("Payments")
                configureMetrics?.Invoke(metrics);
            });

        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapPost("/charges", async (ChargeRequest charge, PaymentProcessor processor, CancellationToken cancellationToken) =>
        {
            try
            {
                var transactionId = await processor.ChargeAsync(charge.OrderId, charge.CustomerId, charge.Amount, cancellationToken);
                return Results.Ok(new ChargeResponse(transactionId));
            }
            catch (PaymentDeclinedException declined)
            {
                // A business answer, not a server fault: 402 leaves the Server span's status Unset (4xx on a server).
                return Results.Problem(statusCode: StatusCodes.Status402PaymentRequired, title: "Payment declined", detail: declined.Reason);
            }
        });
        return app;
    }
}

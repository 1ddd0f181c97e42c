using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using OpenTelemetry;

namespace OrderSystem;

/// <summary>
/// Keeps each service's exporters to that service's spans when two services share one process.
/// </summary>
/// <remarks>
/// Activity sources are process-wide: both services' tracer providers subscribe to "Microsoft.AspNetCore" (and would to
/// "System.Net.Http"), so each is offered the other's Server spans. In production each service has a process of its own
/// and needs none of this: it calls <c>AddConsoleExporter()</c> or <c>AddOtlpExporter()</c>. Here a middleware marks
/// each request's Server span with the service that received it, and a span belongs to the service of the nearest
/// marked span among itself and its in-process ancestors (the remote parent of a Server span is not an ancestor).
/// </remarks>
internal sealed class ServiceSpans
{
    private const string OwnerProperty = "OrderSystem.ServiceSpans";

    /// <summary>Marks every request's Server span as this service's (call before the app starts).</summary>
    public void MarkRequests(WebApplication app) =>
        app.Use((context, next) =>
        {
            Activity.Current?.SetCustomProperty(OwnerProperty, this);
            return next(context);
        });

    public bool Owns(Activity span)
    {
        for (var current = span; current is not null; current = current.Parent)
        {
            if (current.GetCustomProperty(OwnerProperty) is ServiceSpans owner)
            {
                return ReferenceEquals(owner, this);
            }
        }

        return false;
    }

    /// <summary>Exports this service's spans one by one as they end (console, in-memory).</summary>
    public BaseProcessor<Activity> Simple(BaseExporter<Activity> exporter) => new SimpleProcessor(this, exporter);

    /// <summary>Exports this service's spans in batches (OTLP).</summary>
    public BaseProcessor<Activity> Batch(BaseExporter<Activity> exporter) => new BatchProcessor(this, exporter);

    private sealed class SimpleProcessor(ServiceSpans service, BaseExporter<Activity> exporter) : SimpleActivityExportProcessor(exporter)
    {
        public override void OnEnd(Activity data)
        {
            if (service.Owns(data))
            {
                base.OnEnd(data);
            }
        }
    }

    private sealed class BatchProcessor(ServiceSpans service, BaseExporter<Activity> exporter) : BatchActivityExportProcessor(exporter)
    {
        public override void OnEnd(Activity data)
        {
            if (service.Owns(data))
            {
                base.OnEnd(data);
            }
        }
    }
}

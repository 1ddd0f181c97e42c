using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using OpenTelemetry;
using OpenTelemetry.Resources;

namespace OrderSystem;

/// <summary>A finished span and the <c>service.name</c> of the tracer provider that exported it.</summary>
public sealed record ServiceSpan(string Service, Activity Span);

/// <summary>An exporter that keeps every span it is given, with its service's name (read from the provider's resource).</summary>
public sealed class SpanCollector
{
    private readonly ConcurrentQueue<ServiceSpan> _spans = new();

    public IReadOnlyCollection<ServiceSpan> Spans => _spans;

    /// <summary>A new exporter for one service; every exporter adds to this collector.</summary>
    public BaseExporter<Activity> Exporter() => new CollectingExporter(_spans);

    private sealed class CollectingExporter(ConcurrentQueue<ServiceSpan> spans) : BaseExporter<Activity>
    {
        private string? _service;

        public override ExportResult Export(in Batch<Activity> batch)
        {
            _service ??= ParentProvider?.GetResource().Attributes
                .FirstOrDefault(attribute => attribute.Key == "service.name").Value as string ?? "?";
            foreach (var span in batch)
            {
                spans.Enqueue(new ServiceSpan(_service, span));
            }

            return ExportResult.Success;
        }
    }
}

/// <summary>Prints spans as one tree per trace: name, kind, service, duration, status (and the error, the order id).</summary>
public static class SpanTree
{
    public static void Print(IEnumerable<ServiceSpan> spans, TextWriter output)
    {
        foreach (var trace in spans.GroupBy(s => s.Span.TraceId).OrderBy(t => t.Min(s => s.Span.StartTimeUtc)))
        {
            var byId = trace.ToDictionary(s => s.Span.SpanId);
            var children = trace.ToLookup(s => s.Span.ParentSpanId);
            output.WriteLine($"trace {trace.Key}");
            var roots = trace.Where(s => !byId.ContainsKey(s.Span.ParentSpanId)).OrderBy(s => s.Span.StartTimeUtc).ToList();
            foreach (var root in roots)
            {
                Print(root, children, "  ", "  ", output);
            }

            output.WriteLine();
        }
    }

    private static void Print(ServiceSpan node, ILookup<ActivitySpanId, ServiceSpan> children, string lead, string indent, TextWriter output)
    {
        var span = node.Span;
        var name = lead + span.DisplayName;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{name,-46} {span.Kind,-8} {node.Service,-9} {span.Duration.TotalMilliseconds,7:0.0} ms  {Status(span)}");
        if (span.GetTagItem("app.order.id") is string orderId && span.Parent?.GetTagItem("app.order.id") is null)
        {
            line += $"  app.order.id={orderId}";
        }

        output.WriteLine(line.TrimEnd());
        var kids = children[span.SpanId].OrderBy(s => s.Span.StartTimeUtc).ToList();
        for (var i = 0; i < kids.Count; i++)
        {
            var last = i == kids.Count - 1;
            Print(kids[i], children, indent + (last ? "└─ " : "├─ "), indent + (last ? "   " : "│  "), output);
        }
    }

    private static string Status(Activity span)
    {
        var exception = span.Events.FirstOrDefault(e => e.Name == "exception");
        var exceptionType = exception.Name is null ? null : exception.Tags.FirstOrDefault(t => t.Key == "exception.type").Value as string;
        var status = span.Status switch
        {
            ActivityStatusCode.Error => "Error" + (span.StatusDescription is { Length: > 0 } d ? $" \"{d}\"" : ""),
            ActivityStatusCode.Ok => "Ok",
            _ => "Unset",
        };
        if (span.GetTagItem("http.response.status_code") is { } code)
        {
            status += $"  HTTP {code}";
        }

        return exceptionType is null ? status : $"{status}  exception: {exceptionType[(exceptionType.LastIndexOf('.') + 1)..]}";
    }
}

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace OrderSystem;

/// <summary>
/// Keeps the last cumulative value of each service's <c>traced.method.duration</c> histogram (the
/// <c>[Traced(RecordDuration = true)]</c> methods) per operation and outcome, and prints it: calls, mean and outcome.
/// </summary>
public sealed class DurationSummary
{
    private readonly ConcurrentDictionary<(string Service, string Operation, string Outcome), (long Count, double Sum)> _rows = new();

    /// <summary>Calls and total seconds per service, operation (<c>span.name</c>) and outcome (<c>error.type=...</c> or <c>no error</c>).</summary>
    public IReadOnlyDictionary<(string Service, string Operation, string Outcome), (long Count, double Sum)> Rows => _rows;

    /// <summary>A metric reader for one service; its exporter receives the final cumulative values when the service stops.</summary>
    public MetricReader Reader(string service) => new BaseExportingMetricReader(new SummaryExporter(service, _rows));

    public void Print(TextWriter output)
    {
        if (_rows.IsEmpty)
        {
            output.WriteLine("  (none)");
            return;
        }

        foreach (var ((service, operation, outcome), (count, sum)) in _rows.OrderBy(r => r.Key.Service, StringComparer.Ordinal)
                     .ThenBy(r => r.Key.Operation, StringComparer.Ordinal).ThenBy(r => r.Key.Outcome, StringComparer.Ordinal))
        {
            var mean = count == 0 ? 0 : sum / count * 1000;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {service,-9} {operation,-34} {count,3} call{(count == 1 ? " " : "s")} mean {mean,7:0.0} ms  {outcome}"));
        }
    }

    private sealed class SummaryExporter(string service, ConcurrentDictionary<(string, string, string), (long, double)> rows) : BaseExporter<Metric>
    {
        public override ExportResult Export(in Batch<Metric> batch)
        {
            foreach (var metric in batch)
            {
                if (metric.Name != "traced.method.duration")
                {
                    continue;
                }

                foreach (ref readonly var point in metric.GetMetricPoints())
                {
                    string? operation = null;
                    var outcome = "no error";
                    foreach (var tag in point.Tags)
                    {
                        if (tag.Key == "span.name")
                        {
                            operation = tag.Value as string;
                        }
                        else if (tag.Key == "error.type")
                        {
                            outcome = "error.type=" + tag.Value;
                        }
                    }

                    rows[(service, operation ?? "?", outcome)] = (point.GetHistogramCount(), point.GetHistogramSum());
                }
            }

            return ExportResult.Success;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Instrumentation.Generated;
using Instrumentation.IntegrationTests.Infrastructure;
using Instrumentation.IntegrationTests.Subjects;
using Instrumentation.Runtime;
using OpenTelemetry.Metrics;
using Xunit;

namespace Instrumentation.IntegrationTests;

/// <summary>
/// <c>[Traced(RecordDuration = true)]</c>: every call is measured in the source's <c>traced.method.duration</c> histogram
/// (seconds, <c>span.name</c>, <c>error.type</c> on failure), with or without a span, once, when the call has ended.
/// </summary>
[Collection(SerialTracing.Name)]
public sealed class DurationTests
{
    [Fact]
    public void TheHistogramIsNamedAndVersionedLikeTheSourceInSeconds()
    {
        using var durations = new DurationRecorder();

        MeteredOrders.Price("sku-1", out _);

        var measurement = durations.Single("MeteredOrders.Price");
        Assert.Equal("traced.method.duration", measurement.Instrument.Name);
        Assert.Equal("s", measurement.Instrument.Unit);
        Assert.Equal(SpanRecorder.SourceName, measurement.Instrument.Meter.Name);
        Assert.Equal(TracedActivitySources_Instrumentation_IntegrationTests.Source.Version, measurement.Instrument.Meter.Version);
        var advised = ((System.Diagnostics.Metrics.Histogram<double>)measurement.Instrument).Advice?.HistogramBucketBoundaries;
        Assert.Equal(TracedDuration.BucketBoundaries(), advised);
    }

    [Fact]
    public void ASuccessfulCallIsMeasuredWithoutAnySpanListener()
    {
        using var durations = new DurationRecorder();

        Assert.Equal(2, MeteredOrders.Price("sku-1", out var stock));

        Assert.Equal(5, stock);
        var measurement = durations.Single("MeteredOrders.Price");
        Assert.InRange(measurement.Seconds, 0.015, 10);
        Assert.Equal(["span.name"], measurement.Tags.Keys);
        Assert.Null(Activity.Current);
    }

    [Fact]
    public void AFailureIsMeasuredWithItsErrorType()
    {
        using var durations = new DurationRecorder();

        Assert.Throws<InvalidOperationException>(() => MeteredOrders.Fail());
        Assert.Throws<ArgumentException>(() => { _ = MeteredOrders.ThrowsBeforeTask(); });

        Assert.Equal("System.InvalidOperationException", durations.Single("orders.fail").ErrorType);
        Assert.Equal("System.ArgumentException", durations.Single("MeteredOrders.ThrowsBeforeTask").ErrorType);
    }

    [Fact]
    public async Task ATaskIsMeasuredUntilItCompletesAndBeforeTheCallerResumes()
    {
        using var durations = new DurationRecorder();

        Assert.Equal(7, await MeteredOrders.SaveAsync(7, CancellationToken.None));
        var pending = Assert.Single(durations.Measurements);

        Assert.Equal(3, await MeteredOrders.SavedAlready(3));
        await Assert.ThrowsAsync<TimeoutException>(async () => await MeteredOrders.RejectAsync());

        Assert.Equal("MeteredOrders.SaveAsync", pending.Tags["span.name"]);
        Assert.InRange(pending.Seconds, 0.015, 10);
        Assert.Null(pending.ErrorType);
        Assert.Null(durations.Single("MeteredOrders.SavedAlready").ErrorType);
        Assert.Equal("System.TimeoutException", durations.Single("MeteredOrders.RejectAsync").ErrorType);
    }

    [Fact]
    public async Task ACancellationTheCallerAskedForIsNoErrorUnlessTheMethodSaysSo()
    {
        using var durations = new DurationRecorder();
        using var cancellation = new CancellationTokenSource();

        var waiting = MeteredOrders.WaitAsync(cancellation.Token);
        var failing = MeteredOrders.WaitOrFailAsync(cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => failing);
        Assert.Null(durations.Single("MeteredOrders.WaitAsync").ErrorType);
        Assert.Equal("System.Threading.Tasks.TaskCanceledException", durations.Single("MeteredOrders.WaitOrFailAsync").ErrorType);
    }

    [Fact]
    public async Task AnIteratorIsMeasuredOverItsEnumeration()
    {
        using var durations = new DurationRecorder();

        var lines = MeteredOrders.Lines(3, fail: false);
        Assert.Empty(durations.Measurements);
        Assert.Equal([0, 1, 2], lines.ToArray());
        Assert.Throws<FormatException>(() => MeteredOrders.Lines(1, fail: true).ToArray());
        var count = 0;
        await foreach (var line in MeteredOrders.StreamLines(2))
        {
            count += line + 1;
        }

        Assert.Equal(3, count);
        var measured = durations.Measurements.Where(m => Equals(m.Tags["span.name"], "MeteredOrders.Lines")).ToList();
        Assert.Equal(2, measured.Count);
        Assert.Null(measured[0].ErrorType);
        Assert.Equal("System.FormatException", measured[1].ErrorType);
        Assert.Null(durations.Single("MeteredOrders.StreamLines").ErrorType);
    }

    [Fact]
    public void OnlyMethodsThatAskForItAreMeasured()
    {
        using var durations = new DurationRecorder();

        MeteredOrders.NotMeasured();
        MeteredCatalog.Find("sku");
        MeteredCatalog.Count();

        Assert.Equal(["MeteredCatalog.Find"], durations.Measurements.Select(m => (string?)m.Tags["span.name"]));
    }

    [Fact]
    public void WithSpansTheSpanIsUnchangedAndTheDurationIsRecordedWhileItIsCurrent()
    {
        using var spans = new SpanRecorder();
        using var durations = new DurationRecorder();
        Activity? currentAtMeasurement = null;
        using var probe = new System.Diagnostics.Metrics.MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == SpanRecorder.SourceName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        probe.SetMeasurementEventCallback<double>((_, _, _, _) => currentAtMeasurement = Activity.Current);
        probe.Start();

        MeteredOrders.Price("sku-1", out _);
        Assert.Throws<InvalidOperationException>(() => MeteredOrders.Fail());

        var price = spans.Single("MeteredOrders.Price");
        Assert.Equal("sku-1", price.GetTagItem("app.sku"));
        Assert.Equal(ActivityStatusCode.Error, spans.Single("orders.fail").Status);
        Assert.Equal(2, durations.Measurements.Count);
        Assert.Same(spans.Single("orders.fail"), currentAtMeasurement);
        Assert.Null(Activity.Current);
    }

    [Fact]
    public async Task CallsWhoseSpansTheSamplerDropsAreStillMeasured()
    {
        using var spans = new SpanRecorder(ActivitySamplingResult.None);
        using var durations = new DurationRecorder();

        MeteredOrders.Price("sku-1", out _);
        Assert.Equal(1, await MeteredOrders.SaveAsync(1, CancellationToken.None));

        Assert.Empty(spans.Stopped);
        Assert.Equal(["MeteredOrders.Price", "MeteredOrders.SaveAsync"], durations.Measurements.Select(m => (string?)m.Tags["span.name"]));
    }

    [Fact]
    public void OpenTelemetryExportsTheHistogramWithTheAdvisedBucketsThroughTheGeneratedAddTracedMeters()
    {
        var exported = new List<OpenTelemetry.Metrics.Metric>();
        using var meters = OpenTelemetry.Sdk.CreateMeterProviderBuilder()
            .AddTracedMeters()
            .AddInMemoryExporter(exported)
            .Build();
        MeteredOrders.Quote(1);
        MeteredOrders.Quote(2);
        Assert.Throws<InvalidOperationException>(() => MeteredOrders.Fail());
        meters.ForceFlush();

        var metric = Assert.Single(exported, m => m.Name == "traced.method.duration");
        Assert.Equal("s", metric.Unit);
        Assert.Equal(SpanRecorder.SourceName, metric.MeterName);
        var points = new List<OpenTelemetry.Metrics.MetricPoint>();
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            points.Add(point);
        }

        var quote = Assert.Single(points, p => TagsOf(p).Contains(new("span.name", "MeteredOrders.Quote")));
        Assert.Equal(2, quote.GetHistogramCount());
        var bounds = new List<double>();
        foreach (var bucket in quote.GetHistogramBuckets())
        {
            bounds.Add(bucket.ExplicitBound);
        }

        Assert.Equal([.. TracedDuration.BucketBoundaries(), double.PositiveInfinity], bounds);
        var failed = Assert.Single(points, p => TagsOf(p).Contains(new("span.name", "orders.fail")));
        Assert.Contains(new KeyValuePair<string, object?>("error.type", "System.InvalidOperationException"), TagsOf(failed));

        static List<KeyValuePair<string, object?>> TagsOf(OpenTelemetry.Metrics.MetricPoint point)
        {
            var tags = new List<KeyValuePair<string, object?>>();
            foreach (var tag in point.Tags)
            {
                tags.Add(tag);
            }

            return tags;
        }
    }

    [Fact]
    public void WithNobodyListeningNothingIsMeasured()
    {
        Assert.False(TracedActivitySources_Instrumentation_IntegrationTests.SourceDuration.Enabled);

        Assert.Equal(2, MeteredOrders.Price("sku-1", out _));

        using var durations = new DurationRecorder();
        Assert.Empty(durations.Measurements);
    }
}

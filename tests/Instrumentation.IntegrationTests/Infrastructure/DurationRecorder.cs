using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using Instrumentation.Runtime;
using Xunit;

namespace Instrumentation.IntegrationTests.Infrastructure;

/// <summary>Listens to the duration histogram of the test assembly's source and keeps every measurement.</summary>
internal sealed class DurationRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Measurement> _measurements = new();

    public DurationRecorder()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == SpanRecorder.SourceName && instrument.Name == TracedDuration.InstrumentName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
            _measurements.Enqueue(new Measurement(instrument, value, tags.ToArray().ToDictionary(tag => tag.Key, tag => tag.Value))));
        _listener.Start();
    }

    public IReadOnlyList<Measurement> Measurements => [.. _measurements];

    /// <summary>The only measurement of <paramref name="spanName"/>.</summary>
    public Measurement Single(string spanName) => Assert.Single(Measurements, m => Equals(m.Tags["span.name"], spanName));

    public void Dispose() => _listener.Dispose();

    internal sealed record Measurement(Instrument Instrument, double Seconds, IReadOnlyDictionary<string, object?> Tags)
    {
        public string? ErrorType => Tags.TryGetValue("error.type", out var value) ? (string?)value : null;
    }
}

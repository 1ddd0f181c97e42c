using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Instrumentation.Runtime;

/// <summary>
/// The duration of one call of a method traced with <see cref="TracedAttribute.RecordDuration"/>: measured only while a
/// <see cref="MeterListener"/> listens to the histogram, and recorded once, when the call ends (the task completes, the
/// enumeration ends), whether or not a span was started. Used by generated code.
/// </summary>
/// <remarks>
/// The measurement is recorded in seconds under the attribute <c>span.name</c> (the span name of the method: bounded, as
/// the TRC101 analyzer keeps it) and, when the call failed, <c>error.type</c> (the exception's full type name); a
/// cancellation that is not an error (see <see cref="TracedAttribute.RecordCancellationAsError"/>) records no
/// <c>error.type</c>.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct TracedDuration
{
    /// <summary>The name of the histogram: <c>traced.method.duration</c>.</summary>
    public const string InstrumentName = "traced.method.duration";

    /// <summary>The unit of the histogram: seconds (<c>s</c>), as the OpenTelemetry semantic conventions ask of durations.</summary>
    public const string Unit = "s";

    /// <summary>The description of the histogram.</summary>
    public const string Description = "Duration of calls to [Traced] methods.";

    /// <summary>The attribute holding the span name of the measured method.</summary>
    public const string SpanNameAttribute = "span.name";

    private static readonly double TicksToSeconds = 1.0 / Stopwatch.Frequency;

    private Histogram<double>? _histogram;
    private string? _spanName;
    private long _startTimestamp;
    private string? _errorType;

    private TracedDuration(Histogram<double> histogram, string spanName)
    {
        _histogram = histogram;
        _spanName = spanName;
        _errorType = null;
        _startTimestamp = Stopwatch.GetTimestamp();
    }

    /// <summary>
    /// The histogram bucket boundaries advised for the instrument (seconds), those the OpenTelemetry semantic conventions
    /// give for durations: 5 ms to 10 s.
    /// </summary>
    /// <returns>A new array (callers may keep it).</returns>
    public static double[] BucketBoundaries() => [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    /// <summary>
    /// Starts measuring one call when someone listens to <paramref name="histogram"/>; otherwise returns a measurement
    /// that records nothing (and reads no clock).
    /// </summary>
    /// <param name="histogram">The histogram of the traced method's assembly.</param>
    /// <param name="spanName">The method's span name, recorded as <c>span.name</c>.</param>
    /// <returns>The measurement.</returns>
    public static TracedDuration Start(Histogram<double> histogram, string spanName) =>
        histogram.Enabled ? new TracedDuration(histogram, spanName) : default;

    /// <summary>Whether the call is measured (someone listened when it started) and not recorded yet.</summary>
    public readonly bool IsMeasuring => _histogram is not null;

    /// <summary>Marks the call as failed with <paramref name="errorType"/> (<see langword="null"/>: not an error).</summary>
    internal void Fail(string? errorType) => _errorType = errorType;

    /// <summary>Records the call's duration, once; nothing when the call is not measured.</summary>
    internal void Stop()
    {
        var histogram = _histogram;
        if (histogram is null)
        {
            return;
        }

        _histogram = null;
        var seconds = (Stopwatch.GetTimestamp() - _startTimestamp) * TicksToSeconds;
        var spanName = new KeyValuePair<string, object?>(SpanNameAttribute, _spanName);
        if (_errorType is null)
        {
            histogram.Record(seconds, spanName);
        }
        else
        {
            histogram.Record(seconds, spanName, new KeyValuePair<string, object?>("error.type", _errorType));
        }
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading;

namespace Instrumentation.Runtime;

/// <summary>The span of one enumeration of a traced iterator, and the measurement of its duration.</summary>
/// <param name="activity">The span, or <see langword="null"/> when only the duration is measured.</param>
/// <param name="duration">The measurement of the enumeration's duration (recording nothing when not measured).</param>
/// <param name="options">How cancellation is recorded, and the iterator method's own token.</param>
/// <param name="enumeratorToken">The token given to <c>GetAsyncEnumerator</c> (<c>WithCancellation</c>), or <see langword="default"/>.</param>
internal sealed class IteratorSpan(Activity? activity, TracedDuration duration, IteratorCancellation options, CancellationToken enumeratorToken)
{
    private TracedDuration _duration = duration;

    public bool IsEnded { get; private set; }

    /// <summary>Makes the span current while the iterator's code runs; returns what to restore.</summary>
    public Activity? Enter()
    {
        var previous = Activity.Current;
        if (activity is not null)
        {
            Activity.Current = activity;
        }

        return previous;
    }

    public bool Record(Exception exception)
    {
        _duration.Fail(options.Record(activity, exception, enumeratorToken));
        return false;
    }

    public void End()
    {
        if (!IsEnded)
        {
            IsEnded = true;
            _duration.Stop();
            activity?.Dispose();
        }
    }
}

/// <summary>
/// What each enumeration of one traced iterator call starts: the span's source, name, kind and tags, and how a
/// cancellation is recorded. Shared by <see cref="TracedEnumerable{T}"/> and <c>TracedAsyncEnumerable</c>.
/// </summary>
internal sealed class IteratorSpanTemplate(
    ActivitySource source,
    Histogram<double>? histogram,
    string name,
    ActivityKind kind,
    KeyValuePair<string, object?>[]? tags,
    bool recordCancellationAsError,
    MethodCancellation methodCancellation)
{
    public IteratorCancellation Cancellation { get; } = new(recordCancellationAsError, methodCancellation);

    /// <summary>
    /// Starts the span as a child of the current activity, and the measurement of the enumeration's duration; returns
    /// <see langword="null"/> when there is neither (nobody listens, or the sampler dropped the span and no duration is
    /// recorded). The caller restores <paramref name="previous"/>.
    /// </summary>
    public IteratorSpan? Start(out Activity? previous, CancellationToken enumeratorToken)
    {
        previous = Activity.Current;
        var duration = histogram is null ? default : TracedDuration.Start(histogram, name);
        var activity = source.HasListeners() ? source.StartActivity(name, kind) : null;
        if (activity is null && !duration.IsMeasuring)
        {
            return null;
        }

        if (activity is not null && tags is not null && activity.IsAllDataRequested)
        {
            foreach (var tag in tags)
            {
                activity.SetTag(tag.Key, tag.Value);
            }
        }

        return new IteratorSpan(activity, duration, Cancellation, enumeratorToken);
    }
}

/// <summary>
/// Whether a cancellation ending a traced iterator's enumeration is an error: it is not when it was requested through
/// the iterator method's own token parameters or the enumerator's token, unless the method asks for it.
/// </summary>
internal readonly struct IteratorCancellation(bool recordCancellationAsError, MethodCancellation methodCancellation)
{
    /// <summary>Records the exception on the span (if any); returns its <c>error.type</c>, or <see langword="null"/> when it is not an error.</summary>
    public string? Record(Activity? activity, Exception exception, CancellationToken enumeratorToken) =>
        TracedCall.RecordExceptionCore(
            activity,
            exception,
            recordCancellationAsError,
            methodCancellation.IsRequested ? methodCancellation : new MethodCancellation(enumeratorToken));
}

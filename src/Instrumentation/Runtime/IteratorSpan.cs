using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;

namespace Instrumentation.Runtime;

/// <summary>The span of one enumeration of a traced iterator.</summary>
/// <param name="activity">The span.</param>
/// <param name="options">How cancellation is recorded, and the iterator method's own token.</param>
/// <param name="enumeratorToken">The token given to <c>GetAsyncEnumerator</c> (<c>WithCancellation</c>), or <see langword="default"/>.</param>
internal sealed class IteratorSpan(Activity activity, IteratorCancellation options, CancellationToken enumeratorToken)
{
    public bool IsEnded { get; private set; }

    /// <summary>Makes the span current while the iterator's code runs; returns what to restore.</summary>
    public Activity? Enter()
    {
        var previous = Activity.Current;
        Activity.Current = activity;
        return previous;
    }

    public bool Record(Exception exception) => options.Record(activity, exception, enumeratorToken);

    public void End()
    {
        if (!IsEnded)
        {
            IsEnded = true;
            activity.Dispose();
        }
    }
}

/// <summary>
/// What each enumeration of one traced iterator call starts: the span's source, name, kind and tags, and how a
/// cancellation is recorded. Shared by <see cref="TracedEnumerable{T}"/> and <c>TracedAsyncEnumerable</c>.
/// </summary>
internal sealed class IteratorSpanTemplate(
    ActivitySource source,
    string name,
    ActivityKind kind,
    KeyValuePair<string, object?>[]? tags,
    bool recordCancellationAsError,
    MethodCancellation methodCancellation)
{
    public IteratorCancellation Cancellation { get; } = new(recordCancellationAsError, methodCancellation);

    /// <summary>Starts the span as a child of the current activity; the caller restores <paramref name="previous"/>.</summary>
    public Activity? Start(out Activity? previous)
    {
        previous = Activity.Current;
        var activity = source.StartActivity(name, kind);
        if (activity is not null && tags is not null && activity.IsAllDataRequested)
        {
            foreach (var tag in tags)
            {
                activity.SetTag(tag.Key, tag.Value);
            }
        }

        return activity;
    }
}

/// <summary>
/// Whether a cancellation ending a traced iterator's enumeration is an error: it is not when it was requested through
/// the iterator method's own token parameters or the enumerator's token, unless the method asks for it.
/// </summary>
internal readonly struct IteratorCancellation(bool recordCancellationAsError, MethodCancellation methodCancellation)
{
    /// <summary>Records the exception; returns <see langword="false"/> (an exception filter).</summary>
    public bool Record(Activity activity, Exception exception, CancellationToken enumeratorToken)
    {
        TracedCall.RecordExceptionCore(
            activity,
            exception,
            recordCancellationAsError,
            methodCancellation.IsRequested ? methodCancellation : new MethodCancellation(enumeratorToken));
        return false;
    }
}

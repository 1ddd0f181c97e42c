using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;

namespace Instrumentation.Runtime;

/// <summary>The span of one enumeration of a traced iterator.</summary>
internal sealed class IteratorSpan(Activity activity, CancellationToken cancellationToken)
{
    public bool IsEnded { get; private set; }

    /// <summary>Starts the span as a child of the current activity; the caller restores <paramref name="previous"/>.</summary>
    public static Activity? Start(ActivitySource source, string name, ActivityKind kind, KeyValuePair<string, object?>[]? tags, out Activity? previous)
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

    /// <summary>Makes the span current while the iterator's code runs; returns what to restore.</summary>
    public Activity? Enter()
    {
        var previous = Activity.Current;
        Activity.Current = activity;
        return previous;
    }

    public bool Record(Exception exception) => TracedCall.RecordExceptionAndRethrow(activity, exception, false, cancellationToken);

    public void End()
    {
        if (!IsEnded)
        {
            IsEnded = true;
            activity.Dispose();
        }
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace Corpus.Listeners;

/// <summary>A connection's configuration, as a driver's connector exposes it.</summary>
public sealed class StoreConnector
{
    public string? Database { get; set; }

    public string InferredUserName { get; set; } = "app";

    public string LastCommandText { get; set; } = "";
}

/// <summary>
/// Shapes of instrumentation libraries built on diagnostic events and profilers: spans ended by a helper, a converter
/// that records finished spans, names taken from a query summary, a stored procedure or the connection's login.
/// </summary>
public sealed class StoreListener
{
    private static readonly ActivitySource Source = new("Corpus.Listeners", "1.0.0");

    // Bounded: the database, or the login name when there is none; configuration, one per deployment.
    public Activity? OpenPhysical(StoreConnector connector)
    {
        var dbName = connector.Database ?? connector.InferredUserName;
        var activity = Source.StartActivity("CONNECT " + dbName, ActivityKind.Client);
        activity?.SetTag("db.system.name", "store");
        return activity;
    }

    // Per-call: the text of the last command.
    public Activity? Replay(StoreConnector connector) => Source.StartActivity("REPLAY " + connector.LastCommandText); // expect: TRC101

    // The summary and the stored procedure are recorded under the keys span names are built from.
    public static void ApplyQueryText(Activity activity, string queryText, string querySummary)
    {
        activity.SetTag("db.query.text", queryText);
        activity.SetTag("db.query.summary", querySummary);
        activity.DisplayName = querySummary;
    }

    public static void ApplyStoredProcedure(Activity activity, string commandText)
    {
        activity.SetTag("db.stored_procedure.name", commandText);
        var summary = $"EXECUTE {commandText}";
        activity.SetTag("db.query.summary", summary);
        activity.DisplayName = summary;
    }

    // Filtered jobs: the span is suppressed and disposed by a helper on the paths that drop it, stored otherwise.
    public void OnPerforming(Func<bool>? filter, IDictionary<string, object> items)
    {
        var activity = Source.StartActivity("JOB", ActivityKind.Internal);
        if (activity == null)
        {
            return;
        }

        try
        {
            if (filter?.Invoke() == false)
            {
                SuppressAndDispose(activity);
                return;
            }
        }
        catch (Exception)
        {
            SuppressAndDispose(activity);
            return;
        }

        items.Add("activity", activity);
    }

    private static void SuppressAndDispose(Activity activity)
    {
        activity.IsAllDataRequested = false;
        activity.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
        activity.Dispose();
    }

    // A profiler converter: starts a span with the profiled timestamps, stops it and returns the finished span.
    public static Activity? ToActivity(string command, DateTime started, TimeSpan elapsed)
    {
        var activity = Source.StartActivity(command, ActivityKind.Client, default(ActivityContext), startTime: started);
        if (activity == null)
        {
            return null;
        }

        activity.SetTag("db.operation.name", command);
        activity.SetEndTime(started + elapsed);
        activity.Stop();
        return activity;
    }

    public static void Drain(IEnumerable<(string Command, DateTime Started, TimeSpan Elapsed)> profiled)
    {
        foreach (var (command, started, elapsed) in profiled)
        {
            ToActivity(command, started, elapsed);
        }
    }
}

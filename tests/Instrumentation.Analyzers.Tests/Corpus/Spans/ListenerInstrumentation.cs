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

/// <summary>
/// A driver's diagnostic-event observer: the "before" event starts the span and leaves it current (after sending the
/// trace context to the server, real I/O), the "after" and "error" events stop whatever span is current.
/// </summary>
public sealed class CommandEventObserver
{
    private static readonly ActivitySource Source = new("Corpus.Listeners.Commands", "1.0.0");

    public void OnEvent(string name, StoreConnector connector, Action<Activity>? enrich)
    {
        var activity = Activity.Current;
        switch (name)
        {
            case "CommandBefore":
                activity = Source.StartActivity(connector.Database ?? "store", ActivityKind.Client);
                if (activity == null)
                {
                    return;
                }

                System.IO.File.AppendAllText("/dev/null", activity.TraceId.ToHexString());
                enrich?.Invoke(activity);
                break;
            case "CommandAfter":
                activity?.Stop();
                break;
            case "CommandError":
                try
                {
                    activity?.SetStatus(ActivityStatusCode.Error);
                }
                finally
                {
                    activity?.Stop();
                }

                break;
        }
    }

    // The same start in a method whose own type never ends the current span: nothing ends it.
    public static void OnUntracked(StoreConnector connector) =>
        new CommandEventForwarder().Forward(connector);
}

public sealed class CommandEventForwarder
{
    private static readonly ActivitySource Source = new("Corpus.Listeners.Commands", "1.0.0");

    public void Forward(StoreConnector connector)
    {
        var activity = Source.StartActivity("forward", ActivityKind.Client); // expect: TRC201
        activity?.SetTag("db.namespace", connector.Database);
    }
}

/// <summary>An RPC client scope: copies the call's headers into new call options before keeping the span.</summary>
public sealed class RpcCallScope
{
    private static readonly ActivitySource Source = new("Corpus.Listeners.Rpc", "1.0.0");

    private Activity? _activity;

    public RpcCallOptions Options { get; private set; }

    public void Begin(RpcCallOptions options)
    {
        var activity = Source.CreateActivity("orders.Orders/Get", ActivityKind.Client);
        if (activity == null)
        {
            return;
        }

        activity.Start();
        var headers = new List<KeyValuePair<string, string>>();
        if (options.Headers != null)
        {
            for (var i = 0; i < options.Headers.Count; i++)
            {
                headers.Add(options.Headers[i]);
            }
        }

        Options = options.WithHeaders(headers);
        _activity = activity;
    }

    public void End() => _activity?.Dispose();
}

/// <summary>Call options as RPC libraries shape them: an immutable struct copied with one part replaced.</summary>
public readonly struct RpcCallOptions
{
    public RpcCallOptions(IReadOnlyList<KeyValuePair<string, string>>? headers) => Headers = headers;

    public IReadOnlyList<KeyValuePair<string, string>>? Headers { get; }

    public RpcCallOptions WithHeaders(IReadOnlyList<KeyValuePair<string, string>> headers) => new(headers);
}

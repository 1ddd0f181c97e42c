using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Instrumentation.Generated;
using Xunit;

namespace Instrumentation.IntegrationTests.Infrastructure;

/// <summary>
/// Listens to the test assembly's generated activity source (and to <see cref="Harness"/>, which tests use to start
/// their own parent spans) and keeps every span that stops.
/// </summary>
internal sealed class SpanRecorder : IDisposable
{
    /// <summary>The name of <see cref="Harness"/>.</summary>
    public const string HarnessName = "Instrumentation.IntegrationTests.Harness";

    /// <summary>The source tests start their own (parent) activities from.</summary>
    public static readonly ActivitySource Harness = new(HarnessName);

    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _started = new();
    private readonly ConcurrentQueue<Activity> _stopped = new();

    public SpanRecorder(ActivitySamplingResult sampling = ActivitySamplingResult.AllDataAndRecorded)
    {
        _listener = new ActivityListener
        {
            // By name, not by reference: when a test's first use of Harness creates it, the new source asks the listeners
            // while the static field is still null, and a reference test left it without listener ("the harness source
            // has no listener", depending on which test ran first).
            ShouldListenTo = source => source.Name == SourceName || source.Name == HarnessName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => sampling,
            ActivityStarted = activity =>
            {
                if (activity.Source.Name == SourceName)
                {
                    _started.Enqueue(activity);
                }
            },
            ActivityStopped = activity =>
            {
                if (activity.Source.Name == SourceName)
                {
                    _stopped.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The name of the activity source generated for this assembly.</summary>
    public static string SourceName => TracedActivitySources_Instrumentation_IntegrationTests.SourceName;

    /// <summary>Generated spans that started, in start order.</summary>
    public IReadOnlyList<Activity> Started => [.. _started];

    /// <summary>Generated spans that stopped, in stop order.</summary>
    public IReadOnlyList<Activity> Stopped => [.. _stopped];

    /// <summary>The only span that stopped; fails when there is none or more than one.</summary>
    public Activity Single() => Assert.Single(Stopped);

    /// <summary>The only stopped span named <paramref name="name"/>.</summary>
    public Activity Single(string name) => Assert.Single(Stopped, span => span.DisplayName == name);

    public IReadOnlyList<string> StoppedNames => [.. Stopped.Select(span => span.DisplayName)];

    public static Activity StartParent(string name = "test.parent") =>
        Harness.StartActivity(name) ?? throw new InvalidOperationException("the harness source has no listener");

    public void Dispose() => _listener.Dispose();
}

using System.Threading.Tasks;
using Xunit;
using static Instrumentation.Analyzers.Tests.TRC201.Trc201;

namespace Instrumentation.Analyzers.Tests.TRC201;

/// <summary>
/// A span handed over (returned, stored, passed on) belongs to the receiver, but only from the hand-over on: a call
/// that can fail between the start and the hand-over leaves a span nobody can end.
/// </summary>
public class HandOverTests
{
    private const string HandOverRemedy = "dispose it in a 'catch' block that rethrows, or start it after the calls that can fail";

    [Fact]
    public Task Started_then_failing_call_then_returned_is_reported() => VerifyMembersAsync("""
            private static void Inject(Activity? activity, IDictionary<string, string> headers) { }
            private static void Validate(string orderId) { }

            public Activity? StartOrder(string orderId)
            {
                var activity = {|#0:Source.StartActivity("Order")|};
                Validate(orderId);
                activity?.SetTag("order.id", orderId);
                return activity;
            }

            public async Task<Activity?> StartAfterAwait()
            {
                var activity = {|#1:Source.StartActivity("Order")|};
                await WorkAsync();
                return activity;
            }

            public TelemetrySpan StartSpanThenThrow(string? orderId)
            {
                var span = {|#2:_tracer.StartSpan("Order")|};
                if (orderId is null)
                {
                    throw new ArgumentNullException(nameof(orderId));
                }

                return span;
            }

            public Activity? StopThenReturn()
            {
                var activity = {|#3:Source.StartActivity("Order")|};
                Work();
                activity?.Stop();
                return activity;
            }
        """,
        Diagnostic().WithLocation(0).WithArguments("an exception thrown before 'activity' is returned leaves it running", HandOverRemedy),
        Diagnostic().WithLocation(1).WithArguments("an exception thrown before 'activity' is returned leaves it running", HandOverRemedy),
        Diagnostic().WithLocation(2).WithArguments("an exception thrown before 'span' is returned leaves it running", HandOverRemedy),
        Diagnostic().WithLocation(3).WithArguments("an exception thrown before 'activity' is returned leaves it running", HandOverRemedy));

    [Fact]
    public Task Stored_or_passed_on_after_a_failing_call_is_reported() => VerifyMembersAsync("""
            private Activity? _current;
            private static void Register(Activity? activity) { }

            public void Store()
            {
                var activity = {|#0:Source.StartActivity("Order")|};
                Work();
                _current = activity;
            }

            public void PassOn()
            {
                var activity = {|#1:Source.StartActivity("Order")|};
                Work();
                Register(activity);
            }
        """,
        Diagnostic().WithLocation(0).WithArguments("an exception thrown before 'activity' is stored leaves it running", HandOverRemedy),
        Diagnostic().WithLocation(1).WithArguments("an exception thrown before 'activity' is passed on leaves it running", HandOverRemedy));

    [Fact]
    public Task Returned_right_away_or_after_tags_is_not_reported() => VerifyMembersAsync("""
            public Activity? Immediately() => Source.StartActivity("Order");

            public Activity? AfterTags(string orderId, IEnumerable<KeyValuePair<string, object?>> tags, int count)
            {
                var activity = Source.StartActivity("Order");
                if (activity is null)
                {
                    return null;
                }

                foreach (var tag in tags)
                {
                    activity.SetTag(tag.Key, tag.Value);
                }

                activity.SetTag("order.id", orderId.Trim().ToLowerInvariant());
                activity.SetTag("count", count.ToString(System.Globalization.CultureInfo.InvariantCulture));
                activity.SetTag("at", DateTimeOffset.UtcNow.ToString("O"));
                return activity;
            }

            private static string GetHost(string url) => new Uri(url).Host;

            public Activity? EnrichedFromHelpers(string url)
            {
                var activity = Source.StartActivity("Order");
                activity?.SetTag("server.address", GetHost(url));
                activity?.AddEvent(new ActivityEvent("resolved " + GetHost(url)));
                return activity;
            }

            public Activity? WorkBeforeTheStart()
            {
                Work();
                return Source.StartActivity("Order");
            }

            public Activity? WorkAfterPassingItOn(List<Activity?> started)
            {
                var activity = Source.StartActivity("Order");
                started.Add(activity);
                Work();
                return activity;
            }
        """);

    [Fact]
    public Task Protected_on_the_exception_path_is_not_reported() => VerifyMembersAsync("""
            public Activity? DisposedInCatch()
            {
                var activity = Source.StartActivity("Order");
                try
                {
                    Work();
                }
                catch
                {
                    activity?.Dispose();
                    throw;
                }

                return activity;
            }

            public Activity? StartedInsideTry()
            {
                Activity? activity = null;
                try
                {
                    activity = Source.StartActivity("Order");
                    Work();
                    return activity;
                }
                catch (Exception)
                {
                    activity?.Dispose();
                    throw;
                }
            }

            public void Using()
            {
                using var activity = Source.StartActivity("Order");
                Work();
            }
        """);

    [Fact]
    public Task Finally_that_ends_the_span_unless_handed_over_is_not_reported() => VerifyMembersAsync("""
            public Activity? StartOrFail()
            {
                var activity = Source.StartActivity("Order");
                var handedOver = false;
                try
                {
                    Work();
                    handedOver = true;
                    return activity;
                }
                finally
                {
                    if (!handedOver)
                    {
                        activity?.Dispose();
                    }
                }
            }
        """);

    [Fact]
    public Task Finally_that_does_not_touch_the_span_still_reports() => VerifyMembersAsync("""
            public Activity? StartAndLog()
            {
                var activity = {|#0:Source.StartActivity("Order")|};
                try
                {
                    Work();
                }
                finally
                {
                    Console.WriteLine("done");
                }

                return activity;
            }
        """,
        Diagnostic().WithLocation(0).WithArguments("an exception thrown before 'activity' is returned leaves it running", HandOverRemedy));

    [Fact]
    public Task A_helper_that_only_reads_the_span_does_not_take_it_over() => VerifyMembersAsync("""
            private static void Inject(Activity? activity, IDictionary<string, string> headers)
            {
                if (activity?.Id is { } id)
                {
                    headers["traceparent"] = id;
                }
            }

            private static void Enrich(Activity activity, string orderId) => activity.SetTag("order.id", orderId);

            private static void Finish(Activity? activity) => activity?.Stop();

            private static void Keep(Activity? activity) => Kept.Add(activity);

            private static readonly List<Activity?> Kept = new();

            public Activity? InjectThenFail(IDictionary<string, string> headers)
            {
                var activity = {|#0:Source.StartActivity("Send")|};
                Inject(activity, headers);
                Work();
                return activity;
            }

            public Activity? InjectThenReturn(IDictionary<string, string> headers)
            {
                var activity = Source.StartActivity("Send");
                Inject(activity, headers);
                return activity;
            }

            public void EnrichThenForget(string orderId)
            {
                var activity = {|#1:Source.StartActivity("Send")|};
                if (activity is not null)
                {
                    Enrich(activity, orderId);
                }
            }

            public void EndedByAHelper()
            {
                var activity = Source.StartActivity("Send");
                Finish(activity);
            }

            public void StoredByAHelper()
            {
                var activity = Source.StartActivity("Send");
                Keep(activity);
            }
        """,
        Diagnostic().WithLocation(0).WithArguments("an exception thrown before 'activity' is returned leaves it running", HandOverRemedy),
        Diagnostic().WithLocation(1).WithArguments("'activity' can still be running when the method exits", "declare it with 'using' or end it in a 'finally' block"));

    [Fact]
    public Task Catch_that_does_not_end_the_span_still_reports() => VerifyMembersAsync("""
            public Activity? LogsOnly()
            {
                var activity = {|#0:Source.StartActivity("Order")|};
                try
                {
                    Work();
                }
                catch (InvalidOperationException)
                {
                    activity?.SetStatus(ActivityStatusCode.Error);
                    throw;
                }

                return activity;
            }
        """,
        Diagnostic().WithLocation(0).WithArguments("an exception thrown before 'activity' is returned leaves it running", HandOverRemedy));

    [Fact]
    public Task Hand_over_reports_have_no_code_fix()
    {
        // 'using var' would dispose the span the caller receives: the diagnostic carries no fix shape.
        var source = InService("""
                public Activity? StartOrder()
                {
                    var activity = {|#0:Source.StartActivity("Order")|};
                    Work();
                    return activity;
                }
            """);
        var test = new Verifiers.CodeFixVerifier<Instrumentation.Generators.Analyzers.SpanNotEndedAnalyzer, Instrumentation.CodeFixes.SpanNotEndedCodeFixProvider>.Test
        {
            TestCode = source,
            FixedCode = source,
        };
        test.ExpectedDiagnostics.Add(Diagnostic().WithLocation(0).WithArguments("an exception thrown before 'activity' is returned leaves it running", HandOverRemedy));
        return test.RunAsync(System.Threading.CancellationToken.None);
    }
}

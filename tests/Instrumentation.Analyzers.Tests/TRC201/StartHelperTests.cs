using System.Threading.Tasks;
using Instrumentation.CodeFixes;
using Instrumentation.Generators.Analyzers;
using Xunit;
using static Instrumentation.Analyzers.Tests.TRC201.Trc201;
using VerifyFix = Instrumentation.Analyzers.Tests.Verifiers.CodeFixVerifier<
    Instrumentation.Generators.Analyzers.SpanNotEndedAnalyzer,
    Instrumentation.CodeFixes.SpanNotEndedCodeFixProvider>;

namespace Instrumentation.Analyzers.Tests.TRC201;

/// <summary>One level of same-compilation helper that starts a span and returns it: its callers are checked like StartActivity callers.</summary>
public class StartHelperTests
{
    private const string Helpers = """
            private static Activity? StartActivityWithTags(string name, IEnumerable<KeyValuePair<string, object?>> tags)
            {
                var activity = Source.StartActivity(name);
                if (activity is null)
                {
                    return null;
                }

                foreach (var tag in tags)
                {
                    activity.SetTag(tag.Key, tag.Value);
                }

                return activity;
            }

            private static Activity? StartClient(string name) => Source.StartActivity(name, ActivityKind.Client)?.SetTag("peer.service", "db");

            private TelemetrySpan StartSpan(string name) { return _tracer.StartSpan(name); }

            private static Activity? StartCreated(string name) => Source.CreateActivity(name, ActivityKind.Producer)?.Start();

        """;

    [Fact]
    public Task Callers_of_a_start_helper_are_checked() => VerifyMembersAsync(Helpers + """
            public void Leaks()
            {
                var activity = {|#0:StartActivityWithTags("Order", [])|};
                Work();
                activity?.Stop();
            }

            public void Discards()
            {
                {|#1:StartClient("Query")|};
            }

            public void EarlyReturn(bool skip)
            {
                var span = {|#2:StartSpan("Validate")|};
                if (skip)
                {
                    return;
                }

                span.End();
            }

            public void Created()
            {
                var activity = {|#3:StartCreated("Send")|};
                Work();
                activity?.Dispose();
            }

            public void Fine()
            {
                using var activity = StartActivityWithTags("Order", []);
                Work();
                using (StartClient("Query"))
                {
                    Work();
                }
            }

            public Activity? PassesItOn() => StartClient("Query");
        """,
        Diagnostic().WithLocation(0).WithArguments("an exception thrown before 'activity' is ended leaves it running", "declare it with 'using' or end it in a 'finally' block"),
        Diagnostic().WithLocation(1).WithArguments("its result is discarded, so nothing ends it", "declare it with 'using' or end it in a 'finally' block"),
        Diagnostic().WithLocation(2).WithArguments("'span' can still be running when the method exits", "declare it with 'using' or end it in a 'finally' block"),
        Diagnostic().WithLocation(3).WithArguments("an exception thrown before 'activity' is ended leaves it running", "declare it with 'using' or end it in a 'finally' block"));

    [Fact]
    public Task Methods_that_hand_out_a_span_they_do_not_own_are_not_followed() => VerifyMembersAsync("""
            private Activity? _cached;

            private Activity? Cached() => _cached ??= Source.StartActivity("Cached");

            private static Activity? CurrentOrNew()
            {
                if (Activity.Current is { } current)
                {
                    return current;
                }

                return Source.StartActivity("New");
            }

            private static Activity? Unstarted(string name) => Source.CreateActivity(name, ActivityKind.Internal);

            private static Activity? StartsInALambda(Func<Activity?> start) => start();

            public void Callers()
            {
                var cached = Cached();
                Work();
                var current = CurrentOrNew();
                Work();
                var unstarted = Unstarted("x");
                Work();
                var lambda = StartsInALambda(() => Source.StartActivity("y"));
                Work();
            }
        """);

    [Fact]
    public Task Helper_from_another_assembly_is_not_followed() => VerifyMembersAsync("""
            public void Caller(ActivitySource source)
            {
                var activity = Activity.Current?.Source == source ? Activity.Current : null;
                Work();
            }
        """);

    [Fact]
    public Task Fix_turns_the_helper_result_into_a_using_declaration() => VerifyFix.VerifyCodeFixAsync(
        InService(Helpers + """
                public void Leaks()
                {
                    var activity = {|TRC201:StartActivityWithTags("Order", [])|};
                    Work();
                    activity?.Stop();
                }
            """),
        InService(Helpers + """
                public void Leaks()
                {
                    using var activity = StartActivityWithTags("Order", []);
                    Work();
                    activity?.Stop();
                }
            """));
}

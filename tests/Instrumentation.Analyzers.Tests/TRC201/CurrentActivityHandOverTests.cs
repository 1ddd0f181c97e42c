using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using static Instrumentation.Analyzers.Tests.TRC201.Trc201;

namespace Instrumentation.Analyzers.Tests.TRC201;

/// <summary>
/// Instrumentation built on paired events (a DiagnosticListener observer): one handler starts the span and leaves it as
/// <c>Activity.Current</c>, another handler of the same type ends the current span. The span is handed over by being
/// current, so it is not reported; the same start in a type that never ends <c>Activity.Current</c> is.
/// </summary>
public class CurrentActivityHandOverTests
{
    private const string Remedy = "dispose it in a 'catch' block that rethrows, or start it after the calls that can fail";
    private const string UsingRemedy = "declare it with 'using' or end it in a 'finally' block";

    [Fact]
    public Task Span_left_current_for_a_handler_that_stops_the_current_span_is_not_reported() => VerifyMembersAsync("""
            public void OnEvent(string name, Func<bool>? filter, Action<Activity>? enrich)
            {
                var activity = Activity.Current;
                switch (name)
                {
                    case "Before":
                        activity = Source.StartActivity("SELECT orders", ActivityKind.Client);
                        if (activity == null)
                        {
                            return;
                        }

                        SendContextToServer(activity.TraceId.ToHexString());
                        if (filter?.Invoke() == false)
                        {
                            activity.IsAllDataRequested = false;
                            return;
                        }

                        enrich?.Invoke(activity);
                        break;
                    case "After":
                        activity?.Stop();
                        break;
                    case "Error":
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

            private static void SendContextToServer(string traceId) => System.IO.File.WriteAllText("/dev/null", traceId);
        """);

    [Fact]
    public Task Discarded_start_and_starts_in_other_members_are_handed_over_to_the_stopping_member() => VerifyMembersAsync("""
            public void OnStart() => Source.StartActivity("Handle");

            public void OnStartWithTags(string route)
            {
                var activity = Source.StartActivity("Handle");
                activity?.SetTag("http.route", route);
                Work();
            }

            public void OnCreate()
            {
                var activity = Source.CreateActivity("Handle", ActivityKind.Server);
                activity?.Start();
                Work();
            }

            public void OnStop() => System.Diagnostics.Activity.Current?.Dispose();
        """);

    [Fact]
    public Task Stopping_through_a_local_read_from_Activity_Current_in_another_member_counts() => VerifyMembersAsync("""
            public void OnStart()
            {
                var activity = Source.StartActivity("Handle");
                Work();
            }

            public void OnStop()
            {
                Activity? current;
                current = Activity.Current;
                if (current?.Source == Source)
                {
                    (current).Stop();
                }
            }
        """);

    [Fact]
    public Task Same_starts_in_a_type_that_never_ends_the_current_span_are_reported() => VerifyMembersAsync("""
            public void OnStart() => {|#0:Source.StartActivity("Handle")|};

            public void OnStartWithTags(string route)
            {
                var activity = {|#1:Source.StartActivity("Handle")|};
                activity?.SetTag("http.route", route);
                Work();
            }

            public void OnStop()
            {
                var current = Activity.Current;
                current?.SetTag("done", true);
                Activity.Current = null;
                Other?.Stop();
            }

            private Activity? Other { get; set; }
        """,
        Diagnostic().WithLocation(0).WithArguments("its result is discarded, so nothing ends it", UsingRemedy),
        Diagnostic().WithLocation(1).WithArguments("'activity' can still be running when the method exits", UsingRemedy));

    [Fact]
    public Task A_span_ended_on_every_normal_path_but_not_on_exceptions_is_still_reported() => VerifyMembersAsync("""
            public void Handle()
            {
                var activity = {|#0:Source.StartActivity("Handle")|};
                Work();
                activity?.Stop();
            }

            public Activity? Begin()
            {
                var activity = {|#1:Source.StartActivity("Begin")|};
                WorkThatFails();
                return activity;
            }

            private static void WorkThatFails() => System.IO.File.Delete("/nonexistent/file");

            public void OnStop() => Activity.Current?.Stop();
        """,
        Diagnostic().WithLocation(0).WithArguments("an exception thrown before 'activity' is ended leaves it running", UsingRemedy),
        Diagnostic().WithLocation(1).WithArguments("an exception thrown before 'activity' is returned leaves it running", Remedy));

    [Fact]
    public Task A_span_the_function_ends_on_some_path_but_not_all_is_still_reported() => VerifyMembersAsync("""
            public void Handle(bool valid)
            {
                var activity = {|#0:Source.StartActivity("Handle")|};
                if (!valid)
                {
                    return;
                }

                activity?.Stop();
            }

            public void HandleWithUsing(bool valid)
            {
                var activity = {|#1:Source.StartActivity("Handle")|};
                if (valid)
                {
                    using (activity)
                    {
                        activity?.SetTag("valid", true);
                    }
                }
            }

            public void OnStop() => Activity.Current?.Stop();
        """,
        Diagnostic().WithLocation(0).WithArguments("'activity' can still be running when the method exits", UsingRemedy),
        Diagnostic().WithLocation(1).WithArguments("'activity' can still be running when the method exits", UsingRemedy));

    [Fact]
    public Task Spans_that_their_start_does_not_make_current_are_still_reported() => VerifyMembersAsync("""
            public void OnStart()
            {
                var span = {|#0:_tracer.StartSpan("Handle")|};
                Work();
            }

            public void OnActiveStart()
            {
                var span = _tracer.StartActiveSpan("Handle");
                Work();
            }

            public void OnStop() => Activity.Current?.Stop();
        """,
        Diagnostic().WithLocation(0).WithArguments("'span' can still be running when the method exits", UsingRemedy));

    [Fact]
    public Task The_stopping_member_must_be_in_the_same_type() => VerifyAsync(Usings + """
        public class Starter
        {
            private static readonly ActivitySource Source = new("MyCompany.Orders");

            public void OnStart() => {|#0:Source.StartActivity("Handle")|};

            public class Nested
            {
                public void OnStop() => Activity.Current?.Stop();
            }
        }

        public class Stopper
        {
            public void OnStop() => Activity.Current?.Stop();
        }
        """,
        Diagnostic().WithLocation(0).WithArguments("its result is discarded, so nothing ends it", UsingRemedy));

    [Fact]
    public Task Partial_declarations_of_the_type_are_read_together() => VerifyAsync(Usings + """
        public partial class Observer
        {
            private static readonly ActivitySource Source = new("MyCompany.Orders");

            public void OnStart() => Source.StartActivity("Handle");
        }

        public partial class Observer
        {
            public void OnStop() => Activity.Current?.Stop();
        }
        """);

    [Fact]
    public Task Records_and_generic_types_are_read_like_classes() => VerifyAsync(Usings + """
        public record class Observer(ActivitySource Source)
        {
            public void OnStart() => Source.StartActivity("Handle");
            public void OnStop() => Activity.Current?.Stop();
        }

        public readonly record struct StructObserver(ActivitySource Source)
        {
            public void OnStart() => Source.StartActivity("Handle");
            public void OnStop() => Activity.Current?.Stop();
        }

        public sealed class GenericObserver<TPayload>
        {
            private static readonly ActivitySource Source = new("Generic");
            public void OnStart(TPayload payload) => Source.StartActivity("Handle");
            public void OnStop() => Activity.Current?.Stop();
        }
        """);

    [Fact]
    public Task Top_level_statements_have_no_type_to_hand_over_to()
    {
        var test = new Verifiers.AnalyzerVerifier<Instrumentation.Generators.Analyzers.SpanNotEndedAnalyzer>.Test
        {
            TestCode = """
                using System.Diagnostics;

                var source = new ActivitySource("Script");
                {|#0:source.StartActivity("step")|};
                Activity.Current?.Stop();
                """,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.ExpectedDiagnostics.Add(Diagnostic().WithLocation(0).WithArguments("its result is discarded, so nothing ends it", UsingRemedy));
        return test.RunAsync(CancellationToken.None);
    }
}

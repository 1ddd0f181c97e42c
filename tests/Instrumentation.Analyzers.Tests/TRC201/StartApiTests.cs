using System.Threading.Tasks;
using Xunit;
using static Instrumentation.Analyzers.Tests.TRC201.Trc201;

namespace Instrumentation.Analyzers.Tests.TRC201;

/// <summary>Every API that starts a span, each leaked and each ended.</summary>
public class StartApiTests
{
    [Fact]
    public Task Every_StartActivity_overload_is_tracked() => VerifyMembersAsync("""
            public void Leaks(ActivityContext parent, string parentId, IEnumerable<KeyValuePair<string, object?>> tags)
            {
                var a = {|TRC201:Source.StartActivity()|};
                var b = {|TRC201:Source.StartActivity("Name")|};
                var c = {|TRC201:Source.StartActivity("Name", ActivityKind.Server)|};
                var d = {|TRC201:Source.StartActivity("Name", ActivityKind.Client, parent)|};
                var e = {|TRC201:Source.StartActivity("Name", ActivityKind.Client, parent, tags)|};
                var f = {|TRC201:Source.StartActivity("Name", ActivityKind.Consumer, parentId)|};
                var g = {|TRC201:Source.StartActivity(ActivityKind.Producer, parent, tags, null, default, "Name")|};
                var h = {|TRC201:Source.StartActivity(name: "Name", kind: ActivityKind.Internal)|};
            }
        """);

    [Fact]
    public Task Every_StartActivity_overload_ended_is_fine() => VerifyMembersAsync("""
            public void Ends(ActivityContext parent, string parentId, IEnumerable<KeyValuePair<string, object?>> tags)
            {
                using var a = Source.StartActivity();
                using var b = Source.StartActivity("Name");
                using var c = Source.StartActivity("Name", ActivityKind.Server);
                using var d = Source.StartActivity("Name", ActivityKind.Client, parent);
                using var e = Source.StartActivity("Name", ActivityKind.Client, parent, tags);
                using var f = Source.StartActivity("Name", ActivityKind.Consumer, parentId);
                using var g = Source.StartActivity(ActivityKind.Producer, parent, tags, null, default, "Name");
            }
        """);

    [Fact]
    public Task Tracer_start_methods_are_tracked() => VerifyMembersAsync("""
            public void Leaks(SpanContext parentContext, TelemetrySpan parentSpan)
            {
                var a = {|TRC201:_tracer.StartActiveSpan("Name")|};
                var b = {|TRC201:_tracer.StartActiveSpan("Name", SpanKind.Server, parentContext)|};
                var c = {|TRC201:_tracer.StartActiveSpan("Name", SpanKind.Server, parentSpan)|};
                var d = {|TRC201:_tracer.StartSpan("Name")|};
                var e = {|TRC201:_tracer.StartSpan("Name", SpanKind.Client, parentSpan)|};
                var f = {|TRC201:_tracer.StartRootSpan("Name", SpanKind.Producer)|};
            }
        """);

    [Fact]
    public Task Telemetry_span_ended_with_End_or_Dispose_is_fine() => VerifyMembersAsync("""
            public void Ends()
            {
                var a = _tracer.StartActiveSpan("First");
                a.SetAttribute("order.count", 3);
                a.End();

                var b = _tracer.StartSpan("Second");
                try
                {
                    Work();
                }
                finally
                {
                    b.End(DateTimeOffset.UtcNow);
                }

                var c = _tracer.StartRootSpan("Third");
                c.Dispose();

                using var d = _tracer.StartActiveSpan("Fourth");
                Work();
            }
        """);

    [Fact]
    public Task Telemetry_span_with_work_before_End_is_reported() => VerifyMembersAsync("""
            public void Handle()
            {
                var span = {|TRC201:_tracer.StartActiveSpan("ProcessPayment")|};
                span.SetAttribute("payment.amount", 10);
                Work();
                span.End();
            }
        """);

    [Fact]
    public Task Telemetry_span_ended_with_Stop_does_not_exist_so_RecordException_does_not_end_it() => VerifyMembersAsync("""
            public void Handle(Exception error)
            {
                var span = {|TRC201:_tracer.StartSpan("ProcessPayment")|};
                span.RecordException(error);
                span.SetStatus(Status.Error);
            }
        """);

    [Fact]
    public Task CreateActivity_then_Start_on_the_local_must_be_ended() => VerifyMembersAsync("""
            public void Leaks()
            {
                var activity = {|TRC201:Source.CreateActivity("Name", ActivityKind.Internal)|};
                activity?.Start();
                Work();
                activity?.Stop();
            }

            public void Ends()
            {
                var activity = Source.CreateActivity("Name", ActivityKind.Internal);
                activity?.SetTag("prepared", true);
                activity?.Start();
                try
                {
                    Work();
                }
                finally
                {
                    activity?.Stop();
                }
            }
        """);

    [Fact]
    public Task CreateActivity_never_started_is_not_reported() => VerifyMembersAsync("""
            public void Prepare()
            {
                var activity = Source.CreateActivity("Name", ActivityKind.Internal);
                activity?.SetTag("prepared", true);
                Work();
            }
        """);

    [Fact]
    public Task CreateActivity_with_work_before_Start_only_counts_from_Start() => VerifyMembersAsync("""
            public void Handle(ActivityContext parent)
            {
                var activity = Source.CreateActivity("Name", ActivityKind.Consumer, parent);
                Work();
                activity?.Start();
                activity?.SetTag("step", 1);
                activity?.Stop();
            }
        """);

    [Fact]
    public Task CreateActivity_started_inline_is_tracked_like_StartActivity() => VerifyMembersAsync("""
            public void Leaks()
            {
                var activity = {|TRC201:Source.CreateActivity("Name", ActivityKind.Internal)|}?.Start();
                Work();
                activity?.Stop();
            }

            public void Ends()
            {
                using var activity = Source.CreateActivity("Name", ActivityKind.Internal)?.Start();
                Work();
            }
        """);

    [Fact]
    public Task CreateActivity_started_but_not_stopped_is_reported() => VerifyMembersAsync("""
            public void Handle(string parentId)
            {
                var activity = {|TRC201:Source.CreateActivity("Name", ActivityKind.Server, parentId)|};
                if (activity is not null)
                {
                    activity.Start();
                }
            }
        """);

    [Fact]
    public Task Fluent_chain_after_start_is_still_the_span() => VerifyMembersAsync("""
            public void Leaks()
            {
                var activity = {|TRC201:Source.StartActivity("Name")|}?.SetTag("a", 1).AddTag("b", 2);
                Work();
                activity?.Stop();
            }

            public void Ends()
            {
                var span = _tracer.StartActiveSpan("Name").SetAttribute("a", 1);
                span.End();
            }
        """);

    [Fact]
    public Task Span_typed_as_IDisposable_is_tracked() => VerifyMembersAsync("""
            public void Leaks()
            {
                IDisposable? scope = {|TRC201:Source.StartActivity("Name")|};
                Work();
                scope?.Dispose();
            }

            public void Ends()
            {
                IDisposable? scope = Source.StartActivity("Name");
                try { Work(); } finally { scope?.Dispose(); }
            }
        """);

    [Fact]
    public Task Unrelated_methods_with_the_same_names_are_ignored() => VerifyAsync(Usings + """
        public class FakeSource
        {
            public Activity? StartActivity(string name) => null;
            public Activity? CreateActivity(string name) => null;
        }

        public class FakeTracer
        {
            public IDisposable? StartActiveSpan(string name) => null;
            public IDisposable? StartSpan(string name) => null;
        }

        public class Consumer
        {
            public void Handle(FakeSource source, FakeTracer tracer)
            {
                var a = source.StartActivity("x");
                var b = source.CreateActivity("x")?.Start();
                var c = tracer.StartActiveSpan("x");
                tracer.StartSpan("y");
            }
        }
        """);

    [Fact]
    public Task Ending_another_span_does_not_end_this_one() => VerifyMembersAsync("""
            public void Handle()
            {
                var first = {|TRC201:Source.StartActivity("First")|};
                var second = Source.StartActivity("Second");
                second?.Stop();
            }
        """);

    [Fact]
    public Task Starting_a_child_span_before_a_non_finally_end_is_an_exception_path_of_the_parent() => VerifyMembersAsync("""
            public void Handle()
            {
                // StartActivity is a call, not a member of 'parent': it may throw past parent?.Stop().
                // Between the child's start and end there are only the child's own members.
                var parent = {|TRC201:Source.StartActivity("Parent")|};
                var child = Source.StartActivity("Child");
                child?.SetTag("depth", 1);
                child?.Stop();
                parent?.Stop();
            }
        """);
}

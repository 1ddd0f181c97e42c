using System.Threading.Tasks;
using Xunit;
using static Instrumentation.Analyzers.Tests.TRC201.Trc201;

namespace Instrumentation.Analyzers.Tests.TRC201;

/// <summary>Starts whose result is thrown away, and locals overwritten while their span runs.</summary>
public class DiscardAndReassignTests
{
    [Fact]
    public Task Expression_statement_start_is_reported() => VerifyMembersAsync("""
            public void Handle()
            {
                {|TRC201:Source.StartActivity("Fire")|};
                {|TRC201:_tracer.StartActiveSpan("Fire")|};
                {|TRC201:_tracer.StartSpan("Fire")|};
                {|TRC201:_tracer.StartRootSpan("Fire")|};
            }
        """);

    [Fact]
    public Task Discard_assignment_is_reported() => VerifyMembersAsync("""
            public void Handle()
            {
                _ = {|TRC201:Source.StartActivity("Fire")|};
                _ = {|TRC201:_tracer.StartActiveSpan("Fire")|};
            }
        """);

    [Fact]
    public Task Discard_message() => VerifyMembersAsync("""
            public void Handle()
            {
                {|#0:Source.StartActivity("Fire")|};
            }
        """,
        Diagnostic().WithLocation(0).WithArguments("its result is discarded, so nothing ends it", "declare it with 'using' or end it in a 'finally' block"));

    [Fact]
    public Task Fluent_calls_on_a_discarded_start_are_reported() => VerifyMembersAsync("""
            public void Handle(string orderId)
            {
                {|TRC201:Source.StartActivity("Fire")|}?.SetTag("order.id", orderId);
                {|TRC201:_tracer.StartActiveSpan("Fire")|}.SetAttribute("order.id", orderId);
                {|TRC201:_tracer.StartSpan("Fire")|}.SetStatus(Status.Ok);
                var id = {|TRC201:Source.StartActivity("Fire")|}?.Id;
            }
        """);

    [Fact]
    public Task CreateActivity_started_and_dropped_is_reported() => VerifyMembersAsync("""
            public void Handle()
            {
                {|TRC201:Source.CreateActivity("Fire", ActivityKind.Internal)|}?.Start();
                _ = {|TRC201:Source.CreateActivity("Fire", ActivityKind.Internal)|}?.SetTag("a", 1).Start();
            }
        """);

    [Fact]
    public Task CreateActivity_dropped_without_start_is_not_reported() => VerifyMembersAsync("""
            public void Handle()
            {
                Source.CreateActivity("Unused", ActivityKind.Internal);
                _ = Source.CreateActivity("Unused", ActivityKind.Internal)?.SetTag("a", 1);
            }
        """);

    [Fact]
    public Task Starting_a_stored_CreateActivity_result_is_not_a_discard() => VerifyMembersAsync("""
            public void Handle()
            {
                var activity = Source.CreateActivity("Stored", ActivityKind.Internal);
                activity?.Start();
                activity?.Stop();
            }
        """);

    [Fact]
    public Task Start_ended_immediately_is_fine() => VerifyMembersAsync("""
            public void Handle()
            {
                Source.StartActivity("Instant")?.Dispose();
                Source.StartActivity("Instant")?.SetTag("a", 1).Stop();
                _tracer.StartSpan("Instant").End();
            }
        """);

    [Fact]
    public Task Void_lambda_expression_body_discards_the_span() => VerifyMembersAsync("""
            public void Handle(List<Action> actions)
            {
                actions.Add(() => {|TRC201:Source.StartActivity("Fire")|});
            }
        """);

    [Fact]
    public Task Expression_bodied_void_member_discards_the_span() => VerifyMembersAsync("""
            public void Fire() => {|TRC201:Source.StartActivity("Fire")|};
        """);

    [Fact]
    public Task Reassigning_the_local_while_running_reports_the_first_start() => VerifyMembersAsync("""
            public void Handle()
            {
                var activity = {|TRC201:Source.StartActivity("First")|};
                activity?.SetTag("step", 1);
                activity = Source.StartActivity("Second");
                activity?.Stop();
            }
        """);

    [Fact]
    public Task Overwrite_message() => VerifyMembersAsync("""
            public void Handle()
            {
                var activity = {|#0:Source.StartActivity("First")|};
                activity = Source.StartActivity("Second");
                activity?.Stop();
            }
        """,
        Diagnostic().WithLocation(0).WithArguments("'activity' is overwritten while the span is still running", "declare it with 'using' or end it in a 'finally' block"));

    [Fact]
    public Task Reassigning_after_ending_is_fine() => VerifyMembersAsync("""
            public void Handle()
            {
                var activity = Source.StartActivity("First");
                activity?.Stop();
                activity = Source.StartActivity("Second");
                activity?.Stop();
                activity = null;
            }
        """);

    [Fact]
    public Task Reusing_a_local_across_loop_iterations_without_ending_is_reported() => VerifyMembersAsync("""
            public void Handle(int count)
            {
                Activity? activity = null;
                for (var i = 0; i < count; i++)
                {
                    activity = {|TRC201:Source.StartActivity("Item")|};
                    activity?.SetTag("index", i);
                }

                activity?.Stop();
            }
        """);

    [Fact]
    public Task Setting_the_local_to_null_while_running_is_reported() => VerifyMembersAsync("""
            public void Handle()
            {
                var activity = {|TRC201:Source.StartActivity("First")|};
                activity = null;
                activity?.Stop();
            }
        """);
}

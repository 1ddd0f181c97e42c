using System.Threading.Tasks;
using Xunit;
using static Instrumentation.Analyzers.Tests.TRC201.Trc201;

namespace Instrumentation.Analyzers.Tests.TRC201;

/// <summary>Every control-flow shape between a start and its end.</summary>
public class ControlFlowTests
{
    [Fact]
    public Task Straight_line_with_only_span_members_before_Stop_is_fine() => VerifyMembersAsync("""
            public void Handle(string orderId)
            {
                var activity = Source.StartActivity("ProcessOrder");
                activity?.SetTag("order.id", orderId);
                activity?.AddEvent(new ActivityEvent("validated"));
                activity?.SetStatus(ActivityStatusCode.Ok);
                activity?.Stop();
            }
        """);

    [Fact]
    public Task Straight_line_with_Dispose_is_fine() => VerifyMembersAsync("""
            public void Handle()
            {
                var activity = Source.StartActivity("ProcessOrder");
                activity?.SetTag("order.count", 3);
                activity?.Dispose();
            }
        """);

    [Fact]
    public Task Straight_line_without_end_is_reported() => VerifyMembersAsync("""
            public void Handle()
            {
                var activity = {|TRC201:Source.StartActivity("ProcessOrder")|};
                activity?.SetTag("order.count", 3);
            }
        """);

    [Fact]
    public Task Message_names_the_local_and_the_reason() => VerifyMembersAsync("""
            public void Handle()
            {
                var activity = {|#0:Source.StartActivity("ProcessOrder")|};
            }
        """,
        Diagnostic().WithLocation(0).WithArguments("'activity' can still be running when the method exits", "declare it with 'using' or end it in a 'finally' block"));

    [Fact]
    public Task Call_between_start_and_non_finally_end_is_reported() => VerifyMembersAsync("""
            public void Handle()
            {
                var activity = {|TRC201:Source.StartActivity("ProcessOrder")|};
                Work();
                activity?.Stop();
            }
        """);

    [Fact]
    public Task Exception_path_message() => VerifyMembersAsync("""
            public void Handle()
            {
                var activity = {|#0:Source.StartActivity("ProcessOrder")|};
                Work();
                activity?.Stop();
            }
        """,
        Diagnostic().WithLocation(0).WithArguments("an exception thrown before 'activity' is ended leaves it running", "declare it with 'using' or end it in a 'finally' block"));

    [Fact]
    public Task Await_between_start_and_non_finally_end_is_reported() => VerifyMembersAsync("""
            public async Task HandleAsync()
            {
                var activity = {|TRC201:Source.StartActivity("ProcessOrder")|};
                await Task.Yield();
                activity?.Stop();
            }
        """);

    [Fact]
    public Task Try_finally_with_Stop_is_fine() => VerifyMembersAsync("""
            public async Task HandleAsync()
            {
                var activity = Source.StartActivity("ProcessOrder");
                try
                {
                    Work();
                    await WorkAsync();
                }
                finally
                {
                    activity?.Stop();
                }
            }
        """);

    [Fact]
    public Task Try_finally_with_Dispose_is_fine() => VerifyMembersAsync("""
            public int Handle(int value)
            {
                var activity = Source.StartActivity("ProcessOrder");
                try
                {
                    if (value < 0)
                    {
                        throw new ArgumentOutOfRangeException(nameof(value));
                    }

                    return Compute(value);
                }
                finally
                {
                    activity?.Dispose();
                }
            }
        """);

    [Fact]
    public Task Try_catch_with_end_only_in_try_is_reported() => VerifyMembersAsync("""
            public void Handle()
            {
                var activity = {|TRC201:Source.StartActivity("ProcessOrder")|};
                try
                {
                    Work();
                    activity?.Stop();
                }
                catch (Exception ex)
                {
                    activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
                    throw;
                }
            }
        """);

    [Fact]
    public Task Try_catch_ending_in_both_try_and_rethrowing_catch_is_fine() => VerifyMembersAsync("""
            public void Handle()
            {
                var activity = Source.StartActivity("ProcessOrder");
                try
                {
                    Work();
                    activity?.Stop();
                }
                catch (Exception ex)
                {
                    activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
                    activity?.Stop();
                    throw;
                }
            }
        """);

    [Fact]
    public Task Catch_of_a_specific_type_does_not_cover_other_exceptions() => VerifyMembersAsync("""
            public void Handle()
            {
                var activity = {|TRC201:Source.StartActivity("ProcessOrder")|};
                try
                {
                    Work();
                }
                catch (InvalidOperationException)
                {
                    activity?.Stop();
                    throw;
                }

                activity?.Stop();
            }
        """);

    [Fact]
    public Task Swallowing_catch_all_followed_by_end_is_fine() => VerifyMembersAsync("""
            public void Handle()
            {
                var activity = Source.StartActivity("ProcessOrder");
                try
                {
                    Work();
                }
                catch (Exception ex)
                {
                    activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
                }

                activity?.Stop();
            }
        """);

    [Fact]
    public Task Call_in_catch_before_the_end_is_reported() => VerifyMembersAsync("""
            public void Handle()
            {
                var activity = {|TRC201:Source.StartActivity("ProcessOrder")|};
                try
                {
                    Work();
                }
                catch (Exception)
                {
                    Work();
                }

                activity?.Stop();
            }
        """);

    [Fact]
    public Task Catch_with_filter_does_not_cover_every_exception() => VerifyMembersAsync("""
            public void Handle(bool retry)
            {
                var activity = {|TRC201:Source.StartActivity("ProcessOrder")|};
                try
                {
                    Work();
                }
                catch (Exception) when (retry)
                {
                }

                activity?.Stop();
            }
        """);

    [Fact]
    public Task If_else_with_end_on_one_branch_only_is_reported() => VerifyMembersAsync("""
            public void Handle(bool ok)
            {
                var activity = {|TRC201:Source.StartActivity("ProcessOrder")|};
                if (ok)
                {
                    activity?.SetStatus(ActivityStatusCode.Ok);
                    activity?.Stop();
                }
                else
                {
                    activity?.SetStatus(ActivityStatusCode.Error);
                }
            }
        """);

    [Fact]
    public Task If_else_with_end_on_both_branches_is_fine() => VerifyMembersAsync("""
            public void Handle(bool ok)
            {
                var activity = Source.StartActivity("ProcessOrder");
                if (ok)
                {
                    activity?.SetStatus(ActivityStatusCode.Ok);
                    activity?.Stop();
                }
                else
                {
                    activity?.SetStatus(ActivityStatusCode.Error);
                    activity?.Dispose();
                }
            }
        """);

    [Fact]
    public Task If_without_else_ending_only_inside_is_reported() => VerifyMembersAsync("""
            public void Handle(bool ok)
            {
                var activity = {|TRC201:Source.StartActivity("ProcessOrder")|};
                if (ok)
                {
                    activity?.Stop();
                }
            }
        """);

    [Fact]
    public Task Switch_with_a_section_missing_the_end_is_reported() => VerifyMembersAsync("""
            public void Handle(int kind)
            {
                var activity = {|TRC201:Source.StartActivity("ProcessOrder")|};
                switch (kind)
                {
                    case 1:
                        activity?.SetTag("kind", "one");
                        activity?.Stop();
                        break;
                    case 2:
                        activity?.SetTag("kind", "two");
                        break;
                    default:
                        activity?.Stop();
                        break;
                }
            }
        """);

    [Fact]
    public Task Switch_with_every_section_ending_is_fine() => VerifyMembersAsync("""
            public void Handle(int kind)
            {
                var activity = Source.StartActivity("ProcessOrder");
                switch (kind)
                {
                    case 1:
                        activity?.SetTag("kind", "one");
                        activity?.Stop();
                        break;
                    default:
                        activity?.Stop();
                        break;
                }
            }
        """);

    [Fact]
    public Task Switch_without_default_ending_in_sections_only_is_reported() => VerifyMembersAsync("""
            public void Handle(int kind)
            {
                var activity = {|TRC201:Source.StartActivity("ProcessOrder")|};
                switch (kind)
                {
                    case 1:
                        activity?.Stop();
                        break;
                    case 2:
                        activity?.Stop();
                        break;
                }
            }
        """);

    [Fact]
    public Task Start_in_loop_body_ended_each_iteration_is_fine() => VerifyMembersAsync("""
            public void Handle(IReadOnlyList<string> items)
            {
                for (var i = 0; i < items.Count; i++)
                {
                    using var activity = Source.StartActivity("ProcessItem");
                    activity?.SetTag("item", items[i]);
                    Work();
                }

                foreach (var item in items)
                {
                    var activity = Source.StartActivity("ProcessItem");
                    try
                    {
                        Work();
                    }
                    finally
                    {
                        activity?.Stop();
                    }
                }

                var index = 0;
                while (index < items.Count)
                {
                    var activity = Source.StartActivity("ProcessItem");
                    activity?.SetTag("index", index);
                    activity?.Stop();
                    index++;
                }
            }
        """);

    [Fact]
    public Task Start_in_loop_body_not_ended_is_reported() => VerifyMembersAsync("""
            public void Handle(int count)
            {
                for (var i = 0; i < count; i++)
                {
                    var activity = {|TRC201:Source.StartActivity("ProcessItem")|};
                    activity?.SetTag("index", i);
                }
            }
        """);

    [Fact]
    public Task Continue_before_end_in_loop_is_reported() => VerifyMembersAsync("""
            public void Handle(int count)
            {
                for (var i = 0; i < count; i++)
                {
                    var activity = {|TRC201:Source.StartActivity("ProcessItem")|};
                    if (i % 2 == 0)
                    {
                        continue;
                    }

                    activity?.Stop();
                }
            }
        """);

    [Fact]
    public Task Break_out_of_loop_before_end_is_reported() => VerifyMembersAsync("""
            public void Handle(int count)
            {
                while (true)
                {
                    var activity = {|TRC201:Source.StartActivity("Poll")|};
                    if (count-- == 0)
                    {
                        break;
                    }

                    activity?.Stop();
                }
            }
        """);

    [Fact]
    public Task Early_return_before_end_is_reported() => VerifyMembersAsync("""
            public int Handle(int value)
            {
                var activity = {|TRC201:Source.StartActivity("ProcessOrder")|};
                if (value < 0)
                {
                    return -1;
                }

                activity?.Stop();
                return value;
            }
        """);

    [Fact]
    public Task Early_return_after_end_is_fine() => VerifyMembersAsync("""
            public int Handle(int value)
            {
                var activity = Source.StartActivity("ProcessOrder");
                if (value < 0)
                {
                    activity?.SetStatus(ActivityStatusCode.Error, "negative");
                    activity?.Stop();
                    return -1;
                }

                activity?.Stop();
                return value;
            }
        """);

    [Fact]
    public Task Throw_before_end_is_reported() => VerifyMembersAsync("""
            public void Handle(string? orderId)
            {
                var activity = {|TRC201:Source.StartActivity("ProcessOrder")|};
                if (orderId is null)
                {
                    throw new ArgumentNullException(nameof(orderId));
                }

                activity?.Stop();
            }
        """);

    [Fact]
    public Task Throw_inside_try_with_finally_end_is_fine() => VerifyMembersAsync("""
            public void Handle(string? orderId)
            {
                var activity = Source.StartActivity("ProcessOrder");
                try
                {
                    if (orderId is null)
                    {
                        throw new ArgumentNullException(nameof(orderId));
                    }
                }
                finally
                {
                    activity?.Stop();
                }
            }
        """);

    [Fact]
    public Task Return_inside_try_with_finally_end_is_fine() => VerifyMembersAsync("""
            public int Handle(int value)
            {
                var activity = Source.StartActivity("ProcessOrder");
                try
                {
                    if (value < 0)
                    {
                        return -1;
                    }

                    return Compute(value);
                }
                finally
                {
                    activity?.Stop();
                }
            }
        """);

    [Fact]
    public Task Finally_that_ends_only_conditionally_is_reported() => VerifyMembersAsync("""
            public void Handle(bool ok)
            {
                var activity = {|TRC201:Source.StartActivity("ProcessOrder")|};
                try
                {
                    Work();
                }
                finally
                {
                    if (ok)
                    {
                        activity?.Stop();
                    }
                }
            }
        """);

    [Fact]
    public Task Call_before_the_try_is_reported() => VerifyMembersAsync("""
            public void Handle()
            {
                var activity = {|TRC201:Source.StartActivity("ProcessOrder")|};
                Work();
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
    public Task Start_inside_try_with_local_declared_outside_is_fine() => VerifyMembersAsync("""
            public void Handle()
            {
                Activity? activity = null;
                try
                {
                    activity = Source.StartActivity("ProcessOrder");
                    Work();
                }
                finally
                {
                    activity?.Stop();
                }
            }
        """);

    [Fact]
    public Task Nested_try_finally_ends_outer_span_is_fine() => VerifyMembersAsync("""
            public void Handle()
            {
                var outer = Source.StartActivity("Outer");
                try
                {
                    var inner = Source.StartActivity("Inner");
                    try
                    {
                        Work();
                    }
                    finally
                    {
                        inner?.Stop();
                    }
                }
                finally
                {
                    outer?.Stop();
                }
            }
        """);

    [Fact]
    public Task Using_statement_and_using_declaration_are_fine() => VerifyMembersAsync("""
            public async Task HandleAsync()
            {
                using (Source.StartActivity("First"))
                {
                    Work();
                }

                using (var second = Source.StartActivity("Second"))
                {
                    second?.SetTag("step", 2);
                    await WorkAsync();
                }

                using var third = Source.StartActivity("Third");
                await WorkAsync();
                Work();
            }
        """);

    [Fact]
    public Task Using_statement_on_the_stored_local_is_fine() => VerifyMembersAsync("""
            public void Handle()
            {
                var activity = Source.StartActivity("ProcessOrder");
                using (activity)
                {
                    Work();
                }
            }
        """);

    [Fact]
    public Task Null_checks_guard_the_path_where_there_is_nothing_to_end() => VerifyMembersAsync("""
            public void First()
            {
                var activity = Source.StartActivity("First");
                if (activity is null)
                {
                    Work();
                    return;
                }

                try { Work(); } finally { activity.Stop(); }
            }

            public void Second()
            {
                var activity = Source.StartActivity("Second");
                if (activity == null) return;
                activity.SetTag("a", 1);
                activity.Stop();
            }

            public void Third()
            {
                var activity = Source.StartActivity("Third");
                if (activity != null)
                {
                    try { Work(); } finally { activity.Dispose(); }
                }
            }

            public void Fourth()
            {
                var activity = Source.StartActivity("Fourth");
                if (activity is not null)
                {
                    activity.SetTag("a", 1);
                    activity.Stop();
                }
            }

            public void Fifth()
            {
                var activity = Source.StartActivity("Fifth");
                if (activity is { } running)
                {
                    running.SetTag("a", 1);
                }

                activity?.Stop();
            }
        """);

    [Fact]
    public Task Explicit_cast_to_IDisposable_ends_the_span() => VerifyMembersAsync("""
            public void Handle()
            {
                var activity = Source.StartActivity("ProcessOrder");
                ((IDisposable?)activity)?.Dispose();
            }
        """);

    [Fact]
    public Task Fluent_chain_ending_with_Stop_is_fine() => VerifyMembersAsync("""
            public void Handle()
            {
                var activity = Source.StartActivity("ProcessOrder");
                activity?.SetTag("a", 1).SetStatus(ActivityStatusCode.Ok).Stop();
            }
        """);

    [Fact]
    public Task Goto_past_the_end_is_reported() => VerifyMembersAsync("""
            public void Handle(bool skip)
            {
                var activity = {|TRC201:Source.StartActivity("ProcessOrder")|};
                if (skip)
                {
                    goto done;
                }

                activity?.Stop();
            done:
                return;
            }
        """);

    [Fact]
    public Task Unreachable_code_after_return_is_not_a_leak() => VerifyMembersAsync("""
            public int Handle()
            {
                return 1;
                var activity = Source.StartActivity("Never");
            }
        """);

    [Fact]
    public Task Patterns_that_test_more_than_null_do_not_guard_the_other_branch() => VerifyMembersAsync("""
            public void First()
            {
                var activity = {|TRC201:Source.StartActivity("First")|};
                if (activity is { IsAllDataRequested: true })
                {
                    activity.SetTag("a", 1);
                    activity.Stop();
                }
            }

            public void Second()
            {
                var activity = {|TRC201:Source.StartActivity("Second")|};
                if (!(activity is { IsAllDataRequested: true }))
                {
                    return;
                }

                activity.Stop();
            }

            public void Third()
            {
                var activity = Source.StartActivity("Third");
                if (activity is Activity running)
                {
                    running.SetTag("a", 1);
                    activity.Stop();
                }
            }

            public void Fourth()
            {
                var activity = Source.StartActivity("Fourth");
                if (activity is not { })
                {
                    return;
                }

                activity.Stop();
            }
        """);

    [Fact]
    public Task Foreach_over_any_collection_is_an_exception_path() => VerifyMembersAsync("""
            public void OverInterface(IEnumerable<string> items)
            {
                var activity = {|TRC201:Source.StartActivity("Items")|};
                foreach (var item in items)
                {
                    activity?.AddEvent(new ActivityEvent(item));
                }

                activity?.Stop();
            }

            public void OverList(List<string> items)
            {
                var activity = {|TRC201:Source.StartActivity("Items")|};
                foreach (var item in items)
                {
                    activity?.AddEvent(new ActivityEvent(item));
                }

                activity?.Stop();
            }

            public void DisposeOfSomethingElse(IDisposable resource)
            {
                var activity = {|TRC201:Source.StartActivity("Dispose")|};
                resource.Dispose();
                activity?.Stop();
            }
        """);
}

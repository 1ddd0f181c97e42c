using System.Threading.Tasks;
using Xunit;
using static Instrumentation.Analyzers.Tests.TRC201.Trc201;

namespace Instrumentation.Analyzers.Tests.TRC201;

/// <summary>
/// A span passed to a same-compilation helper that always ends it (Dispose/Stop/End as a statement of its body or
/// finally) is ended by that call, as by activity.Dispose(); a helper that starts a span, ends it and returns it hands
/// out nothing to end.
/// </summary>
public class EndingHelperTests
{
    [Fact]
    public Task A_helper_that_disposes_the_span_ends_it_on_the_paths_that_call_it() => VerifyMembersAsync("""
            private static void SuppressAndDispose(Activity activity)
            {
                activity.IsAllDataRequested = false;
                activity.Dispose();
            }

            private static void StopWith(Activity? activity, string result) => activity?.Stop();

            private static void EndInFinally(Activity activity)
            {
                try
                {
                    activity.SetTag("done", true);
                }
                finally
                {
                    activity.Stop();
                }
            }

            public void Filtered(Func<bool> filter, IDictionary<string, object> items)
            {
                var activity = Source.StartActivity("Job");
                if (activity == null)
                {
                    return;
                }

                try
                {
                    if (!filter())
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

            public void EndedByHelpers()
            {
                var first = Source.StartActivity("First");
                StopWith(first, "ok");
                var second = Source.StartActivity("Second");
                if (second != null)
                {
                    EndInFinally(second);
                }
            }

            public void EndedInFinallyByHelper()
            {
                var activity = Source.StartActivity("Work");
                try
                {
                    Work();
                }
                finally
                {
                    StopWith(activity, "done");
                }
            }
        """);

    [Fact]
    public Task Calls_that_can_fail_before_the_ending_helper_are_still_reported() => VerifyMembersAsync("""
            private static void StopWith(Activity? activity, string result) => activity?.Stop();

            public void Run()
            {
                var activity = {|#0:Source.StartActivity("Work")|};
                Work();
                StopWith(activity, "done");
            }
        """,
        Diagnostic().WithLocation(0).WithArguments("an exception thrown before 'activity' is ended leaves it running", "declare it with 'using' or end it in a 'finally' block"));

    [Fact]
    public Task A_helper_that_ends_the_span_only_sometimes_is_not_an_end() => VerifyMembersAsync("""
            private static void MaybeStop(Activity? activity, bool stop)
            {
                if (stop)
                {
                    activity?.Stop();
                }
            }

            public void Run(bool stop)
            {
                var activity = {|#0:Source.StartActivity("Work")|};
                Work();
                MaybeStop(activity, stop);
            }
        """,
        Diagnostic().WithLocation(0).WithArguments("an exception thrown before 'activity' is passed on leaves it running", "dispose it in a 'catch' block that rethrows, or start it after the calls that can fail"));

    [Fact]
    public Task A_converter_that_starts_stops_and_returns_a_span_is_not_a_start_helper() => VerifyMembersAsync("""
            private static Activity? Convert(string command)
            {
                var activity = Source.StartActivity(command);
                if (activity == null)
                {
                    return null;
                }

                activity.SetTag("db.operation.name", command);
                activity.Stop();
                return activity;
            }

            private static Activity? StartOnly(string command)
            {
                var activity = Source.StartActivity(command);
                return activity;
            }

            public void Drain(IEnumerable<string> commands)
            {
                foreach (var command in commands)
                {
                    Convert(command);
                }

                {|#0:StartOnly("x")|};
            }
        """,
        Diagnostic().WithLocation(0).WithArguments("its result is discarded, so nothing ends it", "declare it with 'using' or end it in a 'finally' block"));
}

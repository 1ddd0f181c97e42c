using System.Threading.Tasks;
using Xunit;
using static Instrumentation.Analyzers.Tests.TRC201.Trc201;

namespace Instrumentation.Analyzers.Tests.TRC201;

/// <summary>A span handed to someone else is theirs to end: no warning.</summary>
public class EscapeTests
{
    [Fact]
    public Task Returned_span_is_not_reported() => VerifyMembersAsync("""
            public Activity? StartOrder(string orderId)
            {
                var activity = Source.StartActivity("Order");
                activity?.SetTag("order.id", orderId);
                return activity;
            }

            public Activity? StartDirectly() => Source.StartActivity("Order");

            public Activity? StartWithBody()
            {
                return Source.StartActivity("Order");
            }

            public TelemetrySpan StartSpan()
            {
                var span = _tracer.StartSpan("Order");
                span.SetAttribute("order.count", 1.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return span;
            }

            public Activity? StartFluent()
            {
                var activity = Source.StartActivity("Order");
                return activity?.SetTag("a", 1);
            }
        """);

    [Fact]
    public Task Stored_in_field_property_array_or_collection_is_not_reported() => VerifyMembersAsync("""
            private Activity? _current;
            public Activity? Current { get; set; }
            private readonly List<Activity?> _all = new();
            private readonly Dictionary<string, Activity?> _byKey = new();

            public void StoreInField()
            {
                var activity = Source.StartActivity("Order");
                activity?.SetTag("at", DateTime.UtcNow.ToString("O"));
                _current = activity;
            }

            public void StoreDirectly()
            {
                _current = Source.StartActivity("Order");
                Current = Source.StartActivity("Order");
                _byKey["k"] = Source.StartActivity("Order");
            }

            public void StoreInCollection()
            {
                var activity = Source.StartActivity("Order");
                _all.Add(activity);
            }

            public void StoreInArray(Activity?[] slots)
            {
                var activity = Source.StartActivity("Order");
                slots[0] = activity;
            }

            public void StoreInDictionary(string key)
            {
                var activity = Source.StartActivity("Order");
                _byKey[key] = activity;
            }
        """);

    [Fact]
    public Task Passed_as_argument_is_not_reported() => VerifyMembersAsync("""
            private static void Track(Activity? activity) { }
            private sealed class Holder { public Holder(Activity? activity) { } }

            public void PassToMethod()
            {
                var activity = Source.StartActivity("Order");
                Track(activity);
            }

            public void PassDirectly()
            {
                Track(Source.StartActivity("Order"));
                _ = new Holder(Source.StartActivity("Order"));
            }

            public void PassToConstructor()
            {
                var activity = Source.StartActivity("Order");
                var holder = new Holder(activity);
            }

            public void PassSpanToTracer()
            {
                var span = _tracer.StartSpan("Order");
                using var scope = Tracer.WithSpan(span);
            }
        """);

    [Fact]
    public Task Captured_by_lambda_or_local_function_is_not_reported() => VerifyMembersAsync("""
            public void Lambda(List<Action> callbacks)
            {
                var activity = Source.StartActivity("Order");
                callbacks.Add(() => activity?.Stop());
            }

            public Task Continuation()
            {
                var activity = Source.StartActivity("Order");
                return WorkAsync().ContinueWith(_ => activity?.Dispose());
            }

            public void LocalFunction()
            {
                var activity = Source.StartActivity("Order");
                Work();
                Finish();

                void Finish() => activity?.Stop();
            }
        """);

    [Fact]
    public Task Assigned_to_out_or_ref_parameter_is_not_reported() => VerifyMembersAsync("""
            public bool TryStart(out Activity? activity)
            {
                activity = Source.StartActivity("Order");
                return activity is not null;
            }

            public void Replace(ref Activity? activity)
            {
                var started = Source.StartActivity("Order");
                started?.SetTag("n", Math.Max(1, 2));
                activity = started;
            }

            private static void Adopt(ref Activity? activity) { }

            public void PassByRef()
            {
                var activity = Source.StartActivity("Order");
                Adopt(ref activity);
            }
        """);

    [Fact]
    public Task Yielded_or_tupled_span_is_not_reported() => VerifyMembersAsync("""
            public IEnumerable<Activity?> StartMany(int count)
            {
                for (var i = 0; i < count; i++)
                {
                    var activity = Source.StartActivity("Item");
                    yield return activity;
                }
            }

            public (Activity? Activity, int Count) StartWithCount()
            {
                var activity = Source.StartActivity("Order");
                return (activity, 1);
            }

            public object Wrap()
            {
                var activity = Source.StartActivity("Order");
                return new { Activity = activity };
            }
        """);

    [Fact]
    public Task Stored_in_another_local_is_treated_as_handed_over() => VerifyMembersAsync("""
            public void Handle()
            {
                var activity = Source.StartActivity("Order");
                using var scope = activity;
                Work();
            }
        """);

    [Fact]
    public Task Span_set_as_Activity_Current_is_handed_over() => VerifyMembersAsync("""
            public void Handle()
            {
                Activity.Current = Source.StartActivity("Order");
            }
        """);

    [Fact]
    public Task Escape_on_one_path_transfers_ownership_for_the_whole_method() => VerifyMembersAsync("""
            public Activity? Handle(bool keep)
            {
                var activity = Source.StartActivity("Order");
                if (keep)
                {
                    return activity;
                }

                activity?.SetTag("dropped", true);
                return null;
            }
        """);

    [Fact]
    public Task Field_initializers_hand_the_span_to_the_field() => VerifyAsync(Usings + """
        public class Holder
        {
            private static readonly ActivitySource Source = new("app");
            private readonly Activity? _activity = Source.StartActivity("Init");
            public Activity? Property { get; } = Source.StartActivity("Init");
        }
        """);

    [Fact]
    public Task Extension_methods_from_elsewhere_may_take_ownership() => VerifyAsync(Usings + """
        public static class ActivityHelpers
        {
            public static void Finish(this Activity? activity) => activity?.Stop();
        }

        public class Service
        {
            private static readonly ActivitySource Source = new("app");

            public void Handle()
            {
                var activity = Source.StartActivity("Order");
                activity.Finish();
            }
        }
        """);

    [Fact]
    public Task OpenTelemetry_extension_methods_are_span_members() => VerifyAsync(Usings + """
        public class Service
        {
            private static readonly ActivitySource Source = new("app");

            public void Handle(Exception error)
            {
                var activity = {|TRC201:Source.StartActivity("Order")|};
                activity?.RecordException(error);
            }

            public void Ended(Exception error)
            {
                var activity = Source.StartActivity("Order");
                activity?.RecordException(error);
                activity?.Stop();
            }
        }
        """);
}

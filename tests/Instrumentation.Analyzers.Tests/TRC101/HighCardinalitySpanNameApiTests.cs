using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = Instrumentation.Analyzers.Tests.Verifiers.AnalyzerVerifier<Instrumentation.Generators.Analyzers.HighCardinalitySpanNameAnalyzer>;

namespace Instrumentation.Analyzers.Tests.TRC101;

/// <summary>Every API whose span name TRC101 checks, every overload, positional and named name arguments.</summary>
public class HighCardinalitySpanNameApiTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Diagnostics;
        using System.Threading.Tasks;
        using Instrumentation;
        using OpenTelemetry.Trace;

        """;

    [Fact]
    public Task StartActivity_every_overload_positional() => Verify.VerifyAnalyzerAsync(Usings + """
        class C
        {
            static readonly ActivitySource Source = new("Shop");

            void M(int orderId, ActivityContext parent, string parentId, IEnumerable<KeyValuePair<string, object?>> tags, IEnumerable<ActivityLink> links)
            {
                using var a1 = Source.StartActivity({|TRC101:$"order {orderId}"|});
                using var a2 = Source.StartActivity({|TRC101:$"order {orderId}"|}, ActivityKind.Server);
                using var a3 = Source.StartActivity({|TRC101:$"order {orderId}"|}, ActivityKind.Server, parent);
                using var a4 = Source.StartActivity({|TRC101:$"order {orderId}"|}, ActivityKind.Server, parent, tags, links, DateTimeOffset.UtcNow);
                using var a5 = Source.StartActivity({|TRC101:$"order {orderId}"|}, ActivityKind.Consumer, parentId);
                using var a6 = Source.StartActivity({|TRC101:$"order {orderId}"|}, ActivityKind.Consumer, parentId, tags, links, default);
            }
        }
        """);

    [Fact]
    public Task StartActivity_named_name_argument_in_any_position() => Verify.VerifyAnalyzerAsync(Usings + """
        class C
        {
            static readonly ActivitySource Source = new("Shop");

            void M(int orderId, ActivityContext parent)
            {
                using var a1 = Source.StartActivity(name: {|TRC101:$"order {orderId}"|});
                using var a2 = Source.StartActivity(kind: ActivityKind.Client, name: {|TRC101:"GET /orders/" + orderId|});
                using var a3 = Source.StartActivity(ActivityKind.Server, parent, name: {|TRC101:$"order {orderId}"|});
                using var a4 = Source.StartActivity(ActivityKind.Server, name: {|TRC101:"GET /orders/42"|});
                using var a5 = Source.StartActivity(parentId: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", kind: ActivityKind.Server, name: {|TRC101:string.Format("order {0}", orderId)|});
            }
        }
        """);

    [Fact]
    public Task StartActivity_without_a_name_uses_the_caller_member_name() => Verify.VerifyAnalyzerAsync(Usings + """
        class C
        {
            static readonly ActivitySource Source = new("Shop");

            void PlaceOrder(ActivityContext parent)
            {
                using var a1 = Source.StartActivity();
                using var a2 = Source.StartActivity(ActivityKind.Client);
                using var a3 = Source.StartActivity(ActivityKind.Server, parent);
                using var a4 = Source.StartActivity(ActivityKind.Server, parent, null, null, default);
            }
        }
        """);

    [Fact]
    public Task CreateActivity_every_overload() => Verify.VerifyAnalyzerAsync(Usings + """
        class C
        {
            static readonly ActivitySource Source = new("Shop");

            void M(Guid orderId, ActivityContext parent, string parentId)
            {
                using var a1 = Source.CreateActivity({|TRC101:$"order {orderId}"|}, ActivityKind.Internal);
                using var a2 = Source.CreateActivity({|TRC101:$"order {orderId}"|}, ActivityKind.Internal, parent);
                using var a3 = Source.CreateActivity({|TRC101:$"order {orderId}"|}, ActivityKind.Internal, parent, null, null, ActivityIdFormat.W3C);
                using var a4 = Source.CreateActivity({|TRC101:$"order {orderId}"|}, ActivityKind.Internal, parentId);
                using var a5 = Source.CreateActivity(kind: ActivityKind.Producer, name: {|TRC101:"publish " + orderId|});
                a1?.Start();
            }
        }
        """);

    [Fact]
    public Task Tracer_span_methods_every_overload() => Verify.VerifyAnalyzerAsync(Usings + """
        class C
        {
            void M(Tracer tracer, TelemetrySpan parentSpan, SpanContext parentContext, int orderId)
            {
                using var s1 = tracer.StartActiveSpan({|TRC101:$"order {orderId}"|});
                using var s2 = tracer.StartActiveSpan({|TRC101:$"order {orderId}"|}, SpanKind.Server, parentSpan);
                using var s3 = tracer.StartActiveSpan({|TRC101:$"order {orderId}"|}, SpanKind.Server, parentContext);
                using var s4 = tracer.StartSpan({|TRC101:$"order {orderId}"|});
                using var s5 = tracer.StartSpan({|TRC101:$"order {orderId}"|}, SpanKind.Client, parentSpan);
                using var s6 = tracer.StartSpan({|TRC101:$"order {orderId}"|}, SpanKind.Client, parentContext);
                using var s7 = tracer.StartRootSpan({|TRC101:$"order {orderId}"|});
                using var s8 = tracer.StartRootSpan({|TRC101:$"order {orderId}"|}, SpanKind.Consumer);
                using var s9 = tracer.StartActiveSpan(kind: SpanKind.Server, name: {|TRC101:"order " + orderId|});
                using var s10 = tracer.StartRootSpan(name: {|TRC101:"GET /orders/42"|});
            }
        }
        """);

    [Fact]
    public Task Tracer_span_methods_with_good_names() => Verify.VerifyAnalyzerAsync(Usings + """
        class C
        {
            void M(Tracer tracer, SpanKind kind, string operation)
            {
                using var s1 = tracer.StartActiveSpan("orders.place");
                using var s2 = tracer.StartSpan($"orders.{kind}");
                using var s3 = tracer.StartRootSpan(operation);
                using var s4 = tracer.StartActiveSpan(nameof(M), SpanKind.Internal);
            }
        }
        """);

    [Fact]
    public Task TelemetrySpan_UpdateName() => Verify.VerifyAnalyzerAsync(Usings + """
        class C
        {
            void M(Tracer tracer, string route, int orderId)
            {
                using var span = tracer.StartActiveSpan("request");
                span.UpdateName({|TRC101:$"GET {route}/{orderId}"|});
                span.UpdateName(name: {|TRC101:"GET /orders/" + orderId|});
                span.UpdateName("GET /orders/{id}");
                span.UpdateName(route);
            }
        }
        """);

    [Fact]
    public Task Activity_DisplayName_assignment() => Verify.VerifyAnalyzerAsync(Usings + """
        class C
        {
            static readonly ActivitySource Source = new("Shop");

            void M(int orderId, string route, ActivityKind kind)
            {
                using var activity = Source.StartActivity("request");
                activity!.DisplayName = {|TRC101:$"GET /orders/{orderId}"|};
                activity.DisplayName = {|TRC101:"GET /orders/" + orderId|};
                activity.DisplayName = {|TRC101:"GET /orders/42"|};
                activity.DisplayName += {|TRC101:$"/{orderId}"|};
                activity.DisplayName += {|TRC101:"/12345"|};
                Activity.Current!.DisplayName = {|TRC101:$"GET {route}/{orderId}"|};
                var created = new Activity("op") { DisplayName = {|TRC101:$"op {orderId}"|} };

                activity.DisplayName = "GET /orders/{id}";
                activity.DisplayName = route;
                activity.DisplayName = $"process {kind}";
                activity.DisplayName += " (retry)";
                activity.DisplayName += $" {kind}";
                activity.DisplayName = activity.DisplayName + " (retry)";
                activity.DisplayName = $"{activity.OperationName} {kind}";
                activity.DisplayName = $"{Activity.Current?.DisplayName}/retry";
                activity.DisplayName = {|TRC101:$"{activity.OperationName} {orderId}"|};
                string displayName = $"not a span {orderId}";
            }
        }
        """);

    [Fact]
    public Task Traced_attribute_constructor_and_Name_property() => Verify.VerifyAnalyzerAsync(Usings + """
        class OrderService
        {
            private const string Charge = "payment.charge";
            private const string LegacyPath = "/orders/42";

            [Traced({|TRC101:"GET /orders/42"|})] void A() { }
            [Traced(Name = {|TRC101:"order 3fa85f64-5717-4562-b3fc-2c963f66afa6"|})] void B() { }
            [Traced({|TRC101:"import batch 20240101"|}, Kind = ActivityKind.Consumer)] void C() { }
            [Traced(name: {|TRC101:"/orders/7/lines"|})] void D() { }
            [Traced({|TRC101:LegacyPath|})] void E() { }
            [Traced(Kind = ActivityKind.Client, Name = {|TRC101:@"GET /users/12345"|})] void F() { }
            [Traced(Name = {|TRC101:$"{Charge}/42"|})] void G() { }

            [Traced] void H() { }
            [Traced("OrderService.PlaceOrder")] void I() { }
            [Traced(Charge, Kind = ActivityKind.Client)] void J() { }
            [Traced(nameof(J))] void K() { }
            [Traced(Name = "GET /orders/{id}")] void L() { }
            [Traced($"{Charge}.retry")] void M() { }
            [Traced(Kind = ActivityKind.Server)] void N() { }
            [Instrumentation.TracedAttribute({|TRC101:"GET /orders/42"|})] void O() { }
        }
        """);

    [Fact]
    public Task Traced_attribute_through_an_alias() => Verify.VerifyAnalyzerAsync(Usings + """
        using Span = Instrumentation.TracedAttribute;

        class OrderService
        {
            [Span({|TRC101:"GET /orders/42"|})] void A() { }
        }
        """);

    [Fact]
    public Task Other_attributes_and_other_name_parameters_are_not_span_names() => Verify.VerifyAnalyzerAsync(Usings + """
        using System.Diagnostics.Metrics;

        [AttributeUsage(AttributeTargets.Method)]
        sealed class TimedAttribute(string name) : Attribute { public string Name { get; } = name; }

        class C
        {
            [Timed("GET /orders/42")]
            [Obsolete("removed in 12345")]
            void M(int orderId, Activity activity)
            {
                using var source = new ActivitySource($"shop-{orderId}");
                using var meter = new Meter($"shop-{orderId}");
                activity.SetTag("order.path", $"/orders/{orderId}");
                activity.AddEvent(new ActivityEvent($"retry {orderId}"));
                var parsed = new { DisplayName = $"order {orderId}" };
            }
        }
        """);

    [Fact]
    public Task Look_alike_types_in_other_namespaces_are_ignored() => Verify.VerifyAnalyzerAsync("""
        namespace MyCompany.Tracing
        {
            public sealed class ActivitySource
            {
                public object? StartActivity(string name) => null;
                public object? CreateActivity(string name) => null;
            }

            public sealed class Tracer
            {
                public object? StartActiveSpan(string name) => null;
            }

            public sealed class Activity
            {
                public string DisplayName { get; set; } = "";
            }

            public sealed class TracedAttribute(string name) : System.Attribute { public string Name { get; } = name; }

            class C
            {
                [Traced("GET /orders/42")]
                void M(ActivitySource source, Tracer tracer, Activity activity, int orderId)
                {
                    source.StartActivity($"order {orderId}");
                    source.CreateActivity($"order {orderId}");
                    tracer.StartActiveSpan($"order {orderId}");
                    activity.DisplayName = $"order {orderId}";
                }
            }
        }
        """);

    [Fact]
    public Task Realistic_service_code_without_findings() => Verify.VerifyAnalyzerAsync(Usings + """
        public sealed record Order(Guid Id, string CustomerId, decimal Total);

        public sealed class CheckoutService(Tracer tracer)
        {
            private static readonly ActivitySource Source = new("Shop.Checkout", "1.0.0");

            [Traced("checkout.place_order", Kind = ActivityKind.Server)]
            public async Task<Guid> PlaceOrderAsync(Order order)
            {
                using var activity = Source.StartActivity("POST /checkout", ActivityKind.Server);
                activity?.SetTag("app.order.id", order.Id);
                activity?.SetTag("app.customer.id", order.CustomerId);

                using (var reserve = Source.StartActivity("inventory.reserve"))
                {
                    reserve?.SetTag("app.order.total", order.Total);
                    await Task.Yield();
                }

                using var charge = tracer.StartActiveSpan("payment.charge", SpanKind.Client);
                charge.SetAttribute("app.order.id", order.Id.ToString());
                if (activity is not null)
                {
                    activity.DisplayName = "POST /checkout/{orderId}";
                }

                return order.Id;
            }

            public void Handle(string httpMethod, string routeTemplate)
            {
                using var activity = Source.StartActivity(routeTemplate, ActivityKind.Server);
                activity?.SetTag("http.request.method", httpMethod);
                activity?.SetTag("http.route", routeTemplate);
            }
        }
        """);

    [Fact]
    public Task Top_level_statements() => new Verify.Test
    {
        TestState =
        {
            OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication,
            Sources =
            {
                Usings + """
                var source = new ActivitySource("Jobs");
                var jobId = Guid.NewGuid();
                using var activity = source.StartActivity({|TRC101:$"job {jobId}"|});
                using var other = source.StartActivity("job.run");
                """,
            },
        },
    }.RunAsync(TestContext.Current.CancellationToken);

    [Fact]
    public Task Generated_code_is_skipped() => new Verify.Test
    {
        TestState =
        {
            Sources =
            {
                ("Orders.g.cs", Usings + """
                    class Generated
                    {
                        static readonly ActivitySource Source = new("Shop");
                        void M(int orderId) { using var a = Source.StartActivity($"order {orderId}"); }
                    }
                    """),
                ("Marked.cs", "// <auto-generated/>\n" + Usings + """
                    class Marked
                    {
                        static readonly ActivitySource Source = new("Shop");
                        [Traced("GET /orders/42")] void N(int orderId) { using var a = Source.StartActivity("GET /orders/" + orderId); }
                    }
                    """),
                ("Handwritten.cs", Usings + """
                    class Handwritten
                    {
                        static readonly ActivitySource Source = new("Shop");
                        void M(int orderId) { using var a = Source.StartActivity({|TRC101:$"order {orderId}"|}); }
                    }
                    """),
            },
        },
    }.RunAsync(TestContext.Current.CancellationToken);

    [Fact]
    public Task Broken_code_does_not_crash_the_analyzer() => new Verify.Test
    {
        CompilerDiagnostics = CompilerDiagnostics.None,
        TestCode = Usings + """
            class C
            {
                static readonly ActivitySource Source = new("Shop");

                [Traced(Name = )] void A() { }
                [Traced(42)] void B() { }
                [Traced(MissingConstant)] void D() { }
                [Traced("a", "b")] void E() { }
                [Traced(Name = {|TRC101:"GET /orders/42"|}, Name = "x")] void F() { }

                void M(int orderId, Tracer tracer)
                {
                    using var a1 = Source.StartActivity({|TRC101:$"order {undefinedId}"|});
                    using var a2 = Source.StartActivity(;
                    using var a3 = Source.StartActivity(name: );
                    using var a4 = Source.StartActivity({|TRC101:string.Format("{5}", orderId)|});
                    using var a5 = Source.StartActivity(string.Format("{0}", ));
                    using var a6 = Source.StartActivity(Missing.Name);
                    using var a7 = Source.StartActivity("order " + orderId, ActivityKind.Server, 1, 2, 3, 4, 5);
                        using var a9 = Source.CreateActivity();
                    using var a10 = Unknown.StartActivity($"order {orderId}");
                    var a11 = new Activity("x") { DisplayName = };
                    a11.DisplayName = ;
                    a11.DisplayName += ;
                    tracer.StartActiveSpan();
                    tracer.StartSpan(null!, (SpanKind)99);
                    Source.StartActivity($"order {orderId}" +);
                    Source.StartActivity(string.Concat(undefined));
                }
            }
            """,
    }.RunAsync(TestContext.Current.CancellationToken);

    [Fact]
    public Task Unterminated_interpolation_does_not_crash_the_analyzer() => new Verify.Test
    {
        CompilerDiagnostics = CompilerDiagnostics.None,
        TestCode = Usings + """
            class C
            {
                static readonly ActivitySource Source = new("Shop");
                void M(int orderId) { using var a = Source.StartActivity({|TRC101:$"order {orderId", ActivityKind.Server);
            """ + "|}",
    }.RunAsync(TestContext.Current.CancellationToken);
}

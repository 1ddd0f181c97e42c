using System.Threading;
using System.Threading.Tasks;
using Instrumentation.Generators.Analyzers;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Analyze = Instrumentation.Analyzers.Tests.Verifiers.AnalyzerVerifier<Instrumentation.Generators.Analyzers.AttributeKeyAnalyzer>;
using Verify = Instrumentation.Analyzers.Tests.SemanticConventions.AttributeKeyFixVerifier<
    Instrumentation.CodeFixes.UnknownSemanticConventionKeyCodeFixProvider>;

namespace Instrumentation.Analyzers.Tests.TRC302;

public class UnknownSemanticConventionKeyTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Diagnostics;
        using Instrumentation;
        using OpenTelemetry.Trace;

        """;

    [Fact]
    public Task Typo_is_replaced_with_the_closest_defined_key() =>
        Verify.VerifyCodeFixAsync(
            Usings + """
            class C
            {
                void M(Activity activity) => activity.SetTag({|#0:"http.request.methd"|}, "GET");
            }
            """,
            Usings + """
            class C
            {
                void M(Activity activity) => activity.SetTag("http.request.method", "GET");
            }
            """,
            Verify.Diagnostic(RuleIds.UnknownSemanticConventionKey)
                .WithLocation(0)
                .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
                .WithMessage("Attribute key 'http.request.methd' is not defined by semantic conventions 1.45 in namespace 'http'; did you mean 'http.request.method'?"));

    [Fact]
    public Task Typos_on_every_api_are_fixed() =>
        Verify.VerifyCodeFixAsync(
            Usings + """
            class C
            {
                static readonly ActivitySource Source = new("Shop");

                [Traced]
                public void Query([Tag({|TRC302:"db.query.txet"|})] string sql) { }

                void M(TelemetrySpan span, Activity activity)
                {
                    span.SetAttribute({|TRC302:"url.pth"|}, "/orders");
                    var attributes = new SpanAttributes();
                    attributes.Add({|TRC302:"server.adress"|}, "shop");
                    var tags = new ActivityTagsCollection { { {|TRC302:"network.peer.adress"|}, "10.0.0.1" } };
                    tags[{|TRC304:"http.route.template"|}] = "/orders/{id}";
                    var list = new TagList { { {|TRC302:"messaging.destination.nme"|}, "orders" } };
                    using var child = Source.StartActivity("child", ActivityKind.Client, default(ActivityContext),
                        [new({|TRC302:"http.response.status_cod"|}, 200)]);
                }
            }
            """,
            Usings + """
            class C
            {
                static readonly ActivitySource Source = new("Shop");

                [Traced]
                public void Query([Tag("db.query.text")] string sql) { }

                void M(TelemetrySpan span, Activity activity)
                {
                    span.SetAttribute("url.path", "/orders");
                    var attributes = new SpanAttributes();
                    attributes.Add("server.address", "shop");
                    var tags = new ActivityTagsCollection { { "network.peer.address", "10.0.0.1" } };
                    tags[{|TRC304:"http.route.template"|}] = "/orders/{id}";
                    var list = new TagList { { "messaging.destination.name", "orders" } };
                    using var child = Source.StartActivity("child", ActivityKind.Client, default(ActivityContext),
                        [new("http.response.status_code", 200)]);
                }
            }
            """);

    [Fact]
    public Task Undefined_key_without_a_close_match_is_TRC304_without_fix() =>
        Verify.VerifyNoFixAsync(
            Usings + """
            class C
            {
                void M(Activity activity)
                {
                    activity.SetTag({|#0:"http.response.status"|}, 200);
                    activity.SetTag({|TRC304:"db.connection.pool_size"|}, 10);
                    activity.SetTag({|TRC304:"messaging.payload"|}, "{}");
                    activity.SetTag({|TRC304:"k8s.cluster.region"|}, "eu");
                    activity.SetTag({|TRC304:"messaging.masstransit.conversation_id"|}, "c-1");
                    activity.SetTag({|TRC304:"db.npgsql.connection_id"|}, 7);
                }
            }
            """,
            new DiagnosticResult(RuleIds.UndefinedSemanticConventionKey, Microsoft.CodeAnalysis.DiagnosticSeverity.Info)
                .WithLocation(0)
                .WithMessage("Attribute key 'http.response.status' is in the semantic-convention namespace 'http' but semantic conventions 1.45 do not define it; expected for a library's or vendor's own attributes (messaging.<system>.*), otherwise use a defined key"));

    [Fact]
    public async Task Equally_close_keys_are_each_offered()
    {
        const string source = Usings + """
            class C
            {
                void M(Activity activity) => activity.SetTag({|#0:"network.carrier.cc"|}, "310");
            }
            """;
        var expected = Verify.Diagnostic(RuleIds.UnknownSemanticConventionKey)
            .WithLocation(0)
            .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
            .WithMessage("Attribute key 'network.carrier.cc' is not defined by semantic conventions 1.45 in namespace 'network'; did you mean 'network.carrier.icc' or 'network.carrier.mcc'?");

        foreach (var (index, key) in new[] { (0, "network.carrier.icc"), (1, "network.carrier.mcc") })
        {
            var test = Verify.Create(source, source.Replace("{|#0:\"network.carrier.cc\"|}", "\"" + key + "\""));
            test.ExpectedDiagnostics.Add(expected);
            test.CodeActionIndex = index;
            test.CodeActionEquivalenceKey = RuleIds.UnknownSemanticConventionKey + ":" + key;
            await test.RunAsync(CancellationToken.None);
        }
    }

    [Fact]
    public Task Fix_all_applies_different_suggestions_and_skips_unfixable_and_ambiguous_ones()
    {
        var test = Verify.Create(
            Usings + """
            class C
            {
                const string RouteKey = "http.rout";

                void M(Activity activity)
                {
                    activity.SetTag({|TRC304:"http.response.status"|}, 200);
                    activity.SetTag({|TRC302:"http.request.methd"|}, "GET");
                    activity.SetTag({|TRC302:"network.carrier.cc"|}, "310");
                    activity.SetTag({|TRC302:RouteKey|}, "/orders/{id}");
                    activity.SetTag({|TRC302:"url.fulll"|}, "https://shop/orders/1");
                }
            }
            """,
            Usings + """
            class C
            {
                const string RouteKey = "http.route";

                void M(Activity activity)
                {
                    activity.SetTag({|TRC304:"http.response.status"|}, 200);
                    activity.SetTag("http.request.method", "GET");
                    activity.SetTag({|TRC302:"network.carrier.cc"|}, "310");
                    activity.SetTag(RouteKey, "/orders/{id}");
                    activity.SetTag("url.full", "https://shop/orders/1");
                }
            }
            """);
        test.BatchFixedState.MarkupHandling = MarkupMode.Allow;
        test.BatchFixedState.Sources.Add(test.FixedState.Sources[0].content.ToString());
        test.CodeActionEquivalenceKey = RuleIds.UnknownSemanticConventionKey;
        test.NumberOfIncrementalIterations = 3;
        test.NumberOfFixAllIterations = 1;
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task Shared_roots_are_owned_only_where_the_conventions_define_a_namespace() =>
        Verify.VerifyCodeFixAsync(
            Usings + """
            class C
            {
                void M(Activity activity)
                {
                    activity.SetTag({|TRC302:"app.screen.nmae"|}, "checkout");
                    activity.SetTag("app.order.customer_id", "c-1");
                    activity.SetTag("user.tier", "gold");
                    activity.SetTag("error.code", "E42");
                }
            }
            """,
            Usings + """
            class C
            {
                void M(Activity activity)
                {
                    activity.SetTag("app.screen.name", "checkout");
                    activity.SetTag("app.order.customer_id", "c-1");
                    activity.SetTag("user.tier", "gold");
                    activity.SetTag("error.code", "E42");
                }
            }
            """);

    [Fact]
    public Task Custom_namespaces_and_defined_keys_are_not_reported() =>
        Analyze.VerifyAnalyzerAsync(Usings + """
            class CheckoutService
            {
                static readonly ActivitySource Source = new("Shop.Checkout");

                [Traced]
                public void Pay([Tag("payment.method")] string method, [Tag("payment.amount")] decimal amount) { }

                void M(string orderId)
                {
                    using var activity = Source.StartActivity("checkout");
                    activity?.SetTag("myapp.order.id", orderId);
                    activity?.SetTag("order.id", orderId);
                    activity?.SetTag("order.status", "paid");
                    activity?.SetTag("order.customer_tier", "gold");
                    activity?.SetTag("inventory.all_available", true);
                    activity?.SetTag("inventory.missing_items", 0);
                    activity?.SetTag("payment.transaction_id", "tx-1");
                    activity?.SetTag("cart.items.count", 3);
                    activity?.SetTag("tenant", "acme");
                    activity?.SetTag("event.type", "order.created");
                    activity?.SetTag("user.id", "u-1");
                    activity?.SetTag("user.tier", "gold");
                    activity?.SetTag("session.id", "s-1");
                    activity?.SetTag("entity.id", "e-1");
                    activity?.SetTag("retry.attempt", 2);
                    activity?.SetTag("feature.enabled", true);
                    activity?.SetTag("http", "bare word");
                    activity?.SetTag("server.address", "shop.example");
                    activity?.SetTag("messaging.destination.partition.id", "1");
                    activity?.SetTag("k8s.pod.label.app", "checkout");
                    activity?.SetTag("http.request.header.x-request-id", "r-1");
                    activity?.SetTag("http.response.header.retry-after", "5");
                    activity?.SetTag("db.query.parameter.customer_id", "c-1");
                }
            }
            """);
}

using System.Threading;
using System.Threading.Tasks;
using Instrumentation.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Analyze = Instrumentation.Analyzers.Tests.Verifiers.AnalyzerVerifier<Instrumentation.Generators.Analyzers.AttributeKeyAnalyzer>;
using Verify = Instrumentation.Analyzers.Tests.SemanticConventions.AttributeKeyFixVerifier<
    Instrumentation.CodeFixes.MalformedAttributeKeyCodeFixProvider>;

namespace Instrumentation.Analyzers.Tests.TRC303;

public class MalformedAttributeKeyTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Diagnostics;
        using Instrumentation;
        using OpenTelemetry.Trace;

        """;

    [Fact]
    public Task Camel_case_key_is_normalized() =>
        Verify.VerifyCodeFixAsync(
            Usings + """
            class C
            {
                void M(Activity activity, string id) => activity.SetTag({|#0:"orderId"|}, id);
            }
            """,
            Usings + """
            class C
            {
                void M(Activity activity, string id) => activity.SetTag("order_id", id);
            }
            """,
            Verify.Diagnostic(RuleIds.MalformedAttributeKey)
                .WithLocation(0)
                .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
                .WithMessage("Attribute key 'orderId' contains uppercase letters; use 'order_id'"));

    [Fact]
    public Task Every_naming_rule_is_checked_and_fixed() =>
        Verify.VerifyCodeFixAsync(
            Usings + """
            class C
            {
                void M(Activity activity)
                {
                    activity.SetTag({|TRC303:"Order Id"|}, 1);
                    activity.SetTag({|TRC303:"x-request-id"|}, "r-1");
                    activity.SetTag({|TRC303:"app..order.id"|}, 1);
                    activity.SetTag({|TRC303:".app.order"|}, 1);
                    activity.SetTag({|TRC303:"app.order."|}, 1);
                    activity.SetTag({|TRC303:"app/order:id"|}, 1);
                    activity.SetTag({|TRC303:"MyApp.CustomerTier"|}, "gold");
                }
            }
            """,
            Usings + """
            class C
            {
                void M(Activity activity)
                {
                    activity.SetTag("order_id", 1);
                    activity.SetTag("x_request_id", "r-1");
                    activity.SetTag("app.order.id", 1);
                    activity.SetTag("app.order", 1);
                    activity.SetTag("app.order", 1);
                    activity.SetTag("app_order_id", 1);
                    activity.SetTag("my_app.customer_tier", "gold");
                }
            }
            """);

    [Fact]
    public Task Messages_say_which_rule_is_broken() =>
        Verify.VerifyNoFixAsync(
            Usings + """
            class C
            {
                void M(Activity activity)
                {
                    activity.SetTag({|#0:"http.2xx"|}, 1);
                    activity.SetTag({|#1:""|}, 1);
                    activity.SetTag({|#2:"..."|}, 1);
                }
            }
            """,
            Verify.Diagnostic(RuleIds.MalformedAttributeKey).WithLocation(0)
                .WithMessage("Attribute key 'http.2xx' has a segment that does not start with a letter; use lowercase, dot-separated segments of [a-z][a-z0-9_]*"),
            Verify.Diagnostic(RuleIds.MalformedAttributeKey).WithLocation(1)
                .WithMessage("Attribute key '' is empty; use lowercase, dot-separated segments of [a-z][a-z0-9_]*"),
            Verify.Diagnostic(RuleIds.MalformedAttributeKey).WithLocation(2)
                .WithMessage("Attribute key '...' has an empty segment (leading, trailing or doubled '.'); use lowercase, dot-separated segments of [a-z][a-z0-9_]*"));

    [Fact]
    public Task Several_broken_rules_are_named_together() =>
        Verify.VerifyCodeFixAsync(
            Usings + """
            class C
            {
                void M(Activity activity) => activity.SetTag({|#0:"Order Id-x"|}, 1);
            }
            """,
            Usings + """
            class C
            {
                void M(Activity activity) => activity.SetTag("order_id_x", 1);
            }
            """,
            Verify.Diagnostic(RuleIds.MalformedAttributeKey)
                .WithLocation(0)
                .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
                .WithMessage("Attribute key 'Order Id-x' contains uppercase letters, whitespace and '-'; use 'order_id_x'"));

    [Fact]
    public Task Reserved_otel_prefix_is_TRC303_only_and_the_fix_drops_it() =>
        Verify.VerifyCodeFixAsync(
            Usings + """
            class C
            {
                void M(Activity activity)
                {
                    activity.SetTag({|#0:"otel.order_id"|}, 1);
                    activity.SetTag({|TRC303:"otel.status_cdoe"|}, "ERROR");
                    activity.SetTag("otel.status_code", "ERROR");
                    activity.SetTag("otel.status_description", "timeout");
                    activity.SetTag("otel.scope.name", "Shop");
                }
            }
            """,
            Usings + """
            class C
            {
                void M(Activity activity)
                {
                    activity.SetTag("order_id", 1);
                    activity.SetTag("status_cdoe", "ERROR");
                    activity.SetTag("otel.status_code", "ERROR");
                    activity.SetTag("otel.status_description", "timeout");
                    activity.SetTag("otel.scope.name", "Shop");
                }
            }
            """,
            Verify.Diagnostic(RuleIds.MalformedAttributeKey)
                .WithLocation(0)
                .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
                .WithMessage("Attribute key 'otel.order_id' uses the reserved 'otel.' prefix, which only the OpenTelemetry specification may use; use 'order_id'"));

    [Fact]
    public Task Malformed_key_wins_over_deprecated_and_unknown_and_the_fixed_key_is_then_checked_again() =>
        Verify.VerifyCodeFixAsync(
            Usings + """
            class C
            {
                void M(Activity activity)
                {
                    activity.SetTag({|TRC303:"HTTP.Method"|}, "GET");
                    activity.SetTag({|TRC303:"Http.Request.Methd"|}, "GET");
                }
            }
            """,
            Usings + """
            class C
            {
                void M(Activity activity)
                {
                    activity.SetTag({|TRC301:"http.method"|}, "GET");
                    activity.SetTag({|TRC302:"http.request.methd"|}, "GET");
                }
            }
            """);

    [Fact]
    public Task Tag_attribute_const_field_and_all_collections_are_checked() =>
        Verify.VerifyCodeFixAsync(
            Usings + """
            static class Keys
            {
                public const string Customer = "App.CustomerId";
            }

            class C
            {
                static readonly ActivitySource Source = new("Shop");

                [Traced]
                [return: Tag({|TRC303:"Result Count"|})]
                public int Find([Tag({|TRC303:Keys.Customer|})] string customerId) => 0;

                void M(TelemetrySpan span)
                {
                    span.SetAttribute({|TRC303:"Cart-Total"|}, 12.5);
                    var attributes = new SpanAttributes();
                    attributes.Add({|TRC303:"itemCount"|}, 3L);
                    var tags = new ActivityTagsCollection { [{|TRC303:"retryCount"|}] = 1 };
                    var list = new TagList { { {|TRC303:"queueName"|}, "orders" } };
                    using var activity = Source.StartActivity(ActivityKind.Internal,
                        tags: new[] { KeyValuePair.Create({|TRC303:"jobId"|}, (object?)"j-1") });
                }
            }
            """,
            Usings + """
            static class Keys
            {
                public const string Customer = "app.customer_id";
            }

            class C
            {
                static readonly ActivitySource Source = new("Shop");

                [Traced]
                [return: Tag("result_count")]
                public int Find([Tag(Keys.Customer)] string customerId) => 0;

                void M(TelemetrySpan span)
                {
                    span.SetAttribute("cart_total", 12.5);
                    var attributes = new SpanAttributes();
                    attributes.Add("item_count", 3L);
                    var tags = new ActivityTagsCollection { ["retry_count"] = 1 };
                    var list = new TagList { { "queue_name", "orders" } };
                    using var activity = Source.StartActivity(ActivityKind.Internal,
                        tags: new[] { KeyValuePair.Create("job_id", (object?)"j-1") });
                }
            }
            """);

    [Fact]
    public Task Nameof_key_is_reported_as_info_without_a_fix() =>
        Verify.VerifyNoFixAsync(
            Usings + """
            class C
            {
                string OrderId = "";
                string EventId = "";

                void M(Activity activity, ActivityTagsCollection tags)
                {
                    activity.SetTag({|#0:nameof(OrderId)|}, OrderId);
                    tags[{|#1:nameof(EventId)|}] = EventId;
                }
            }
            """,
            new DiagnosticResult(RuleIds.MalformedAttributeKey, DiagnosticSeverity.Info).WithLocation(0)
                .WithMessage("Attribute key 'OrderId' contains uppercase letters; use 'order_id' (written with nameof: the key is a member name; write the key as a string if it is not part of a documented output)"),
            new DiagnosticResult(RuleIds.MalformedAttributeKey, DiagnosticSeverity.Info).WithLocation(1)
                .WithMessage("Attribute key 'EventId' contains uppercase letters; use 'event_id' (written with nameof: the key is a member name; write the key as a string if it is not part of a documented output)"));

    [Fact]
    public Task Fix_all_normalizes_every_key_with_its_own_result()
    {
        var test = Verify.Create(
            Usings + """
            class C
            {
                void M(Activity activity)
                {
                    activity.SetTag({|TRC303:"http.2xx"|}, 1);
                    activity.SetTag({|TRC303:"orderId"|}, 1);
                    activity.SetTag({|TRC303:"Customer Tier"|}, "gold");
                    activity.SetTag({|TRC303:"otel.custom"|}, 1);
                }
            }
            """,
            Usings + """
            class C
            {
                void M(Activity activity)
                {
                    activity.SetTag({|TRC303:"http.2xx"|}, 1);
                    activity.SetTag("order_id", 1);
                    activity.SetTag("customer_tier", "gold");
                    activity.SetTag("custom", 1);
                }
            }
            """);
        test.BatchFixedState.MarkupHandling = MarkupMode.Allow;
        test.BatchFixedState.Sources.Add(test.FixedState.Sources[0].content.ToString());
        test.CodeActionEquivalenceKey = RuleIds.MalformedAttributeKey;
        test.NumberOfIncrementalIterations = 3;
        test.NumberOfFixAllIterations = 1;
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task Well_formed_keys_and_template_suffixes_are_not_reported() =>
        Analyze.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void M(Activity activity)
                {
                    activity.SetTag("order_id", 1);
                    activity.SetTag("app.order.id", 1);
                    activity.SetTag("app.v2.items_count", 1);
                    activity.SetTag("tenant", "acme");
                    activity.SetTag("http.request.header.content-type", "application/json");
                    activity.SetTag("http.request.header.X-Forwarded-For", "10.0.0.1");
                    activity.SetTag("http.response.header.x_custom", "1");
                    activity.SetTag("k8s.pod.label.app.kubernetes.io/name", "checkout");
                    activity.AddBaggage("Tenant-Id", "acme");
                    activity.SetBaggage("Order Id", "1");
                }
            }
            """);
}

using System.Threading;
using System.Threading.Tasks;
using Instrumentation.CodeFixes;
using Instrumentation.Generators.Analyzers;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = Instrumentation.Analyzers.Tests.SemanticConventions.AttributeKeyFixVerifier<
    Instrumentation.CodeFixes.DeprecatedAttributeKeyCodeFixProvider>;

namespace Instrumentation.Analyzers.Tests.TRC301;

/// <summary>TRC301 on every API through which a constant key reaches a span, with its fix.</summary>
public class DeprecatedAttributeKeyTests
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
    public Task Activity_SetTag_literal_is_replaced_with_the_successor() =>
        Verify.VerifyCodeFixAsync(
            Usings + """
            class OrderHandler
            {
                void Handle(Activity activity, string method) => activity.SetTag({|TRC301:"http.method"|}, method);
            }
            """,
            Usings + """
            class OrderHandler
            {
                void Handle(Activity activity, string method) => activity.SetTag("http.request.method", method);
            }
            """);

    [Fact]
    public Task Message_names_the_replacement() =>
        Verify.VerifyCodeFixAsync(
            Usings + """
            class C
            {
                void M(Activity activity) => activity.SetTag({|#0:"http.status_code"|}, 200);
            }
            """,
            Usings + """
            class C
            {
                void M(Activity activity) => activity.SetTag("http.response.status_code", 200);
            }
            """,
            Verify.Diagnostic(RuleIds.DeprecatedAttributeKey)
                .WithLocation(0)
                .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
                .WithMessage("Attribute key 'http.status_code' is deprecated since semantic conventions 1.26 or earlier (this project targets 1.45): use 'http.response.status_code' instead"));

    [Fact]
    public Task Conditional_access_AddTag_and_named_key_argument() =>
        Verify.VerifyCodeFixAsync(
            Usings + """
            class C
            {
                static readonly ActivitySource Source = new("Shop");

                void M(string url, string agent)
                {
                    using var activity = Source.StartActivity("GET /orders");
                    activity?.SetTag({|TRC301:"http.url"|}, url);
                    activity?.AddTag({|TRC301:"http.user_agent"|}, agent);
                    activity?.AddTag(value: (object)200, key: {|TRC301:"http.status_code"|});
                }
            }
            """,
            Usings + """
            class C
            {
                static readonly ActivitySource Source = new("Shop");

                void M(string url, string agent)
                {
                    using var activity = Source.StartActivity("GET /orders");
                    activity?.SetTag("url.full", url);
                    activity?.AddTag("user_agent.original", agent);
                    activity?.AddTag(value: (object)200, key: "http.response.status_code");
                }
            }
            """);

    [Fact]
    public Task Chained_SetTag_calls_are_each_checked() =>
        Verify.VerifyCodeFixAsync(
            Usings + """
            class C
            {
                void M(Activity activity) =>
                    activity.SetTag({|TRC301:"db.system"|}, "postgresql")
                            .SetTag({|TRC301:"db.statement"|}, "SELECT 1")
                            .SetTag({|TRC301:"db.name"|}, "orders");
            }
            """,
            Usings + """
            class C
            {
                void M(Activity activity) =>
                    activity.SetTag("db.system.name", "postgresql")
                            .SetTag("db.query.text", "SELECT 1")
                            .SetTag("db.namespace", "orders");
            }
            """);

    [Fact]
    public Task TelemetrySpan_SetAttribute_overloads() =>
        Verify.VerifyCodeFixAsync(
            Usings + """
            class C
            {
                void M(Tracer tracer)
                {
                    using var span = tracer.StartActiveSpan("publish");
                    span.SetAttribute({|TRC301:"messaging.system"|}, "rabbitmq");
                    span.SetAttribute({|TRC301:"messaging.destination"|}, "order-events");
                    span.SetAttribute({|TRC301:"messaging.operation"|}, "publish");
                    span.SetAttribute({|TRC301:"net.peer.ip"|}, "10.0.0.1");
                    span.SetAttribute({|TRC301:"net.host.port"|}, 5672);
                }
            }
            """,
            Usings + """
            class C
            {
                void M(Tracer tracer)
                {
                    using var span = tracer.StartActiveSpan("publish");
                    span.SetAttribute("messaging.system.name", "rabbitmq");
                    span.SetAttribute("messaging.destination.name", "order-events");
                    span.SetAttribute("messaging.operation.type", "publish");
                    span.SetAttribute("network.peer.address", "10.0.0.1");
                    span.SetAttribute("server.port", 5672);
                }
            }
            """);

    [Fact]
    public Task SpanAttributes_Add_and_constructor_pairs() =>
        Verify.VerifyCodeFixAsync(
            Usings + """
            class C
            {
                void M(Tracer tracer)
                {
                    var attributes = new SpanAttributes(new[] { new KeyValuePair<string, object?>({|TRC301:"http.scheme"|}, "https") });
                    attributes.Add({|TRC301:"http.status_code"|}, 200L);
                    attributes.Add({|TRC301:"http.flavor"|}, "1.1");
                    using var span = tracer.StartActiveSpan("GET", SpanKind.Client, initialAttributes: attributes);
                }
            }
            """,
            Usings + """
            class C
            {
                void M(Tracer tracer)
                {
                    var attributes = new SpanAttributes(new[] { new KeyValuePair<string, object?>("url.scheme", "https") });
                    attributes.Add("http.response.status_code", 200L);
                    attributes.Add({|TRC301:"http.flavor"|}, "1.1");
                    using var span = tracer.StartActiveSpan("GET", SpanKind.Client, initialAttributes: attributes);
                }
            }
            """);

    [Fact]
    public Task ActivityTagsCollection_Add_indexer_and_both_initializer_forms() =>
        Verify.VerifyCodeFixAsync(
            Usings + """
            class C
            {
                void M(Activity activity, Exception ex)
                {
                    var tags = new ActivityTagsCollection
                    {
                        { {|TRC301:"http.method"|}, "GET" },
                    };
                    var more = new ActivityTagsCollection
                    {
                        [{|TRC301:"http.url"|}] = "https://shop/orders",
                    };
                    tags.Add({|TRC301:"http.status_code"|}, 500);
                    tags[{|TRC301:"http.scheme"|}] = "https";
                    tags.Add(new KeyValuePair<string, object?>({|TRC301:"http.user_agent"|}, "curl"));
                    activity.AddEvent(new ActivityEvent("exception", tags: tags));
                }
            }
            """,
            Usings + """
            class C
            {
                void M(Activity activity, Exception ex)
                {
                    var tags = new ActivityTagsCollection
                    {
                        { "http.request.method", "GET" },
                    };
                    var more = new ActivityTagsCollection
                    {
                        ["url.full"] = "https://shop/orders",
                    };
                    tags.Add("http.response.status_code", 500);
                    tags["url.scheme"] = "https";
                    tags.Add(new KeyValuePair<string, object?>("user_agent.original", "curl"));
                    activity.AddEvent(new ActivityEvent("exception", tags: tags));
                }
            }
            """);

    [Fact]
    public Task ActivityEvent_tags_created_inline() =>
        Verify.VerifyCodeFixAsync(
            Usings + """
            class C
            {
                void M(Activity activity, Exception ex) =>
                    activity.AddEvent(new ActivityEvent("retry", tags: new ActivityTagsCollection
                    {
                        { {|TRC301:"net.peer.ip"|}, "10.0.0.1" },
                        { "exception.type", ex.GetType().FullName },
                    }));
            }
            """,
            Usings + """
            class C
            {
                void M(Activity activity, Exception ex) =>
                    activity.AddEvent(new ActivityEvent("retry", tags: new ActivityTagsCollection
                    {
                        { "network.peer.address", "10.0.0.1" },
                        { "exception.type", ex.GetType().FullName },
                    }));
            }
            """);

    [Fact]
    public Task ActivityTagsCollection_constructed_from_pairs() =>
        Verify.VerifyCodeFixAsync(
            Usings + """
            class C
            {
                ActivityTagsCollection M() => new(new Dictionary<string, object?>
                {
                    [{|TRC301:"db.operation"|}] = "SELECT",
                    [{|TRC305:"db.user"|}] = "app",
                });

                ActivityTagsCollection N() => new(new Dictionary<string, object?> { { {|TRC301:"db.operation"|}, "SELECT" } });
            }
            """,
            Usings + """
            class C
            {
                ActivityTagsCollection M() => new(new Dictionary<string, object?>
                {
                    ["db.operation.name"] = "SELECT",
                    [{|TRC305:"db.user"|}] = "app",
                });

                ActivityTagsCollection N() => new(new Dictionary<string, object?> { { "db.operation.name", "SELECT" } });
            }
            """);

    [Fact]
    public Task TagList_Add_initializer_and_constructor() =>
        Verify.VerifyCodeFixAsync(
            Usings + """
            class C
            {
                void M(Activity activity, Exception ex)
                {
                    var tags = new TagList { { {|TRC301:"http.method"|}, "GET" } };
                    tags.Add({|TRC301:"http.status_code"|}, 500);
                    tags.Add(new KeyValuePair<string, object?>({|TRC301:"http.url"|}, "/"));
                    var more = new TagList([new({|TRC301:"db.system"|}, "redis")]);
                    activity.AddException(ex, tags);
                }
            }
            """,
            Usings + """
            class C
            {
                void M(Activity activity, Exception ex)
                {
                    var tags = new TagList { { "http.request.method", "GET" } };
                    tags.Add("http.response.status_code", 500);
                    tags.Add(new KeyValuePair<string, object?>("url.full", "/"));
                    var more = new TagList([new("db.system.name", "redis")]);
                    activity.AddException(ex, tags);
                }
            }
            """);

    [Fact]
    public Task StartActivity_tags_in_arrays_collection_expressions_and_factories() =>
        Verify.VerifyCodeFixAsync(
            Usings + """
            class C
            {
                static readonly ActivitySource Source = new("Shop");

                void M(string method)
                {
                    using var a = Source.StartActivity("a", ActivityKind.Client, default(ActivityContext),
                        new[] { new KeyValuePair<string, object?>({|TRC301:"http.method"|}, method) });
                    using var b = Source.StartActivity("b", ActivityKind.Client, default(ActivityContext),
                        [new({|TRC301:"http.url"|}, "/"), KeyValuePair.Create({|TRC301:"http.scheme"|}, (object?)"https")]);
                    using var c = Source.StartActivity(ActivityKind.Server, tags: new KeyValuePair<string, object?>[] { new({|TRC301:"http.target"|}, "/") });
                    using var d = Source.CreateActivity("d", ActivityKind.Internal, default(ActivityContext),
                        tags: new List<KeyValuePair<string, object?>> { new({|TRC301:"http.host"|}, "shop") });
                }
            }
            """,
            Usings + """
            class C
            {
                static readonly ActivitySource Source = new("Shop");

                void M(string method)
                {
                    using var a = Source.StartActivity("a", ActivityKind.Client, default(ActivityContext),
                        new[] { new KeyValuePair<string, object?>("http.request.method", method) });
                    using var b = Source.StartActivity("b", ActivityKind.Client, default(ActivityContext),
                        [new("url.full", "/"), KeyValuePair.Create("url.scheme", (object?)"https")]);
                    using var c = Source.StartActivity(ActivityKind.Server, tags: new KeyValuePair<string, object?>[] { new({|TRC301:"http.target"|}, "/") });
                    using var d = Source.CreateActivity("d", ActivityKind.Internal, default(ActivityContext),
                        tags: new List<KeyValuePair<string, object?>> { new({|TRC301:"http.host"|}, "shop") });
                }
            }
            """);

    [Fact]
    public Task StartActivity_tags_held_in_a_local_are_reported_once_even_when_used_twice() =>
        Verify.VerifyCodeFixAsync(
            Usings + """
            class C
            {
                static readonly ActivitySource Source = new("Shop");

                void M(bool retry)
                {
                    var tags = new KeyValuePair<string, object?>[] { new({|TRC301:"db.statement"|}, "SELECT 1"), new("db.collection.name", "orders") };
                    using var first = Source.StartActivity("query", ActivityKind.Client, default(ActivityContext), tags);
                    using var second = Source.StartActivity("query", ActivityKind.Client, default(ActivityContext), retry ? tags : null);
                }
            }
            """,
            Usings + """
            class C
            {
                static readonly ActivitySource Source = new("Shop");

                void M(bool retry)
                {
                    var tags = new KeyValuePair<string, object?>[] { new("db.query.text", "SELECT 1"), new("db.collection.name", "orders") };
                    using var first = Source.StartActivity("query", ActivityKind.Client, default(ActivityContext), tags);
                    using var second = Source.StartActivity("query", ActivityKind.Client, default(ActivityContext), retry ? tags : null);
                }
            }
            """);

    [Fact]
    public Task Pairs_in_locals_reaching_a_tags_constructor_or_collection_expression_are_checked() =>
        Verify.VerifyCodeFixAsync(
            Usings + """
            class C
            {
                static readonly ActivitySource Source = new("Shop");

                void M(Activity activity)
                {
                    var values = new Dictionary<string, object?> { [{|TRC301:"db.name"|}] = "orders" };
                    activity.AddEvent(new ActivityEvent("query", tags: new ActivityTagsCollection(values)));

                    KeyValuePair<string, object?>[] pairs = [new({|TRC301:"db.operation"|}, "SELECT")];
                    using var child = Source.StartActivity("query", ActivityKind.Client, default(ActivityContext), [.. pairs]);

                    var unused = new[] { new KeyValuePair<string, object?>("db.user", "app") };
                }
            }
            """,
            Usings + """
            class C
            {
                static readonly ActivitySource Source = new("Shop");

                void M(Activity activity)
                {
                    var values = new Dictionary<string, object?> { ["db.namespace"] = "orders" };
                    activity.AddEvent(new ActivityEvent("query", tags: new ActivityTagsCollection(values)));

                    KeyValuePair<string, object?>[] pairs = [new("db.operation.name", "SELECT")];
                    using var child = Source.StartActivity("query", ActivityKind.Client, default(ActivityContext), [.. pairs]);

                    var unused = new[] { new KeyValuePair<string, object?>("db.user", "app") };
                }
            }
            """);

    [Fact]
    public Task Tag_attribute_on_parameters_and_return_value() =>
        Verify.VerifyCodeFixAsync(
            Usings + """
            class PaymentClient
            {
                [Traced]
                [return: Tag({|TRC301:"http.status_code"|})]
                public int Charge([Tag({|TRC301:"http.method"|})] string method, [Tag("app.payment.amount")] decimal amount) => 200;
            }
            """,
            Usings + """
            class PaymentClient
            {
                [Traced]
                [return: Tag("http.response.status_code")]
                public int Charge([Tag("http.request.method")] string method, [Tag("app.payment.amount")] decimal amount) => 200;
            }
            """);

    [Fact]
    public Task Const_field_is_reported_at_each_use_and_the_fix_rewrites_the_field() =>
        Verify.VerifyCodeFixAsync(
            Usings + """
            static class TagKeys
            {
                public const string Method = "http.method";
            }

            class C
            {
                void M(Activity activity, TelemetrySpan span)
                {
                    activity.SetTag({|TRC301:TagKeys.Method|}, "GET");
                    span.SetAttribute({|TRC301:TagKeys.Method|}, "GET");
                }
            }
            """,
            Usings + """
            static class TagKeys
            {
                public const string Method = "http.request.method";
            }

            class C
            {
                void M(Activity activity, TelemetrySpan span)
                {
                    activity.SetTag(TagKeys.Method, "GET");
                    span.SetAttribute(TagKeys.Method, "GET");
                }
            }
            """);

    [Fact]
    public Task Const_field_declared_in_another_file_is_rewritten_there()
    {
        var test = new Instrumentation.Analyzers.Tests.Verifiers.CodeFixVerifier<AttributeKeyAnalyzer, DeprecatedAttributeKeyCodeFixProvider>.Test
        {
            TestState =
            {
                Sources =
                {
                    Usings + """
                    class C
                    {
                        void M(Activity activity) => activity.SetTag({|TRC301:Keys.Statement|}, "SELECT 1");
                    }
                    """,
                    """
                    static class Keys
                    {
                        internal const string Statement = "db.statement";
                        internal const string Aliased = Statement;
                    }
                    """,
                },
            },
            FixedState =
            {
                Sources =
                {
                    Usings + """
                    class C
                    {
                        void M(Activity activity) => activity.SetTag("db.query.text", "SELECT 1");
                    }
                    """,
                    """
                    static class Keys
                    {
                        internal const string Statement = "db.statement";
                        internal const string Aliased = Statement;
                    }
                    """,
                },
            },
        };
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task Const_aliasing_another_const_rewrites_the_original_literal() =>
        Verify.VerifyCodeFixAsync(
            Usings + """
            class C
            {
                const string Legacy = "http.url";
                const string Key = Legacy;

                void M(Activity activity)
                {
                    const string local = "http.scheme";
                    activity.SetTag({|TRC301:Key|}, "https://shop");
                    activity.SetTag({|TRC301:local|}, "https");
                }
            }
            """,
            Usings + """
            class C
            {
                const string Legacy = "http.url";
                const string Key = Legacy;

                void M(Activity activity)
                {
                    const string local = "url.scheme";
                    activity.SetTag("url.full", "https://shop");
                    activity.SetTag(local, "https");
                }
            }
            """);

    [Fact]
    public Task Const_attribute_argument_is_reported_and_fixed() =>
        Verify.VerifyCodeFixAsync(
            Usings + """
            class C
            {
                const string UrlKey = "http.url";

                [Traced]
                public void Fetch([Tag({|TRC301:UrlKey|})] string url) { }
            }
            """,
            Usings + """
            class C
            {
                const string UrlKey = "url.full";

                [Traced]
                public void Fetch([Tag(UrlKey)] string url) { }
            }
            """);

    [Fact]
    public Task Verbatim_and_raw_literals_are_rewritten_as_plain_literals() =>
        Verify.VerifyCodeFixAsync(
            Usings + """"
            class C
            {
                void M(Activity activity)
                {
                    activity.SetTag({|TRC301:@"http.method"|}, "GET");
                    activity.SetTag({|TRC301:"""http.url"""|}, "/");
                }
            }
            """",
            Usings + """"
            class C
            {
                void M(Activity activity)
                {
                    activity.SetTag("http.request.method", "GET");
                    activity.SetTag("url.full", "/");
                }
            }
            """");

    [Fact]
    public Task Gen_ai_system_points_to_the_moved_provider_key() =>
        Verify.VerifyCodeFixAsync(
            Usings + """
            class C
            {
                void M(Activity activity)
                {
                    activity.SetTag({|TRC301:"gen_ai.system"|}, "openai");
                    activity.SetTag({|TRC301:"gen_ai.usage.prompt_tokens"|}, 12);
                    activity.SetTag("gen_ai.request.model", "gpt-4o");
                }
            }
            """,
            Usings + """
            class C
            {
                void M(Activity activity)
                {
                    activity.SetTag("gen_ai.provider.name", "openai");
                    activity.SetTag("gen_ai.usage.input_tokens", 12);
                    activity.SetTag("gen_ai.request.model", "gpt-4o");
                }
            }
            """);

    [Fact]
    public Task Deprecated_template_instance_keeps_its_suffix() =>
        Verify.VerifyCodeFixAsync(
            Usings + """
            class C
            {
                void M(Activity activity) => activity.SetTag({|TRC301:"rpc.grpc.request.metadata.x-tenant"|}, "acme");
            }
            """,
            Usings + """
            class C
            {
                void M(Activity activity) => activity.SetTag("rpc.request.header.x-tenant", "acme");
            }
            """);

    [Fact]
    public Task Replacement_may_be_a_template_instance() =>
        Verify.VerifyCodeFixAsync(
            Usings + """
            class C
            {
                void M(Activity activity) => activity.SetTag({|TRC301:"http.request_content_length"|}, 12);
            }
            """,
            Usings + """
            class C
            {
                void M(Activity activity) => activity.SetTag("http.request.header.content-length", 12);
            }
            """);

    [Fact]
    public Task Constant_expressions_that_are_not_a_single_literal_are_reported_without_fix()
    {
        var source = Usings + """
            class C
            {
                const string Prefix = "http";

                void M(Activity activity)
                {
                    activity.SetTag({|TRC301:"http." + "method"|}, "GET");
                    activity.SetTag({|TRC301:$"{Prefix}.url"|}, "/");
                }
            }
            """;
        return Verify.VerifyNoFixAsync(source);
    }
}

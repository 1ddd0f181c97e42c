using System.Threading;
using System.Threading.Tasks;
using Instrumentation.Analyzers.Tests.Verifiers;
using Instrumentation.Generators.Analyzers;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = Instrumentation.Analyzers.Tests.Verifiers.AnalyzerVerifier<Instrumentation.Generators.Analyzers.AttributeKeyAnalyzer>;

namespace Instrumentation.Analyzers.Tests.TRC301;

/// <summary>Where a deprecated key is NOT reported, and inputs the analyzer must survive.</summary>
public class DeprecatedAttributeKeyNegativeTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Diagnostics;
        using System.Diagnostics.Metrics;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Instrumentation;
        using OpenTelemetry;
        using OpenTelemetry.Trace;

        """;

    [Fact]
    public Task Current_keys_on_ordinary_tracing_code_are_not_reported() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            class OrderService
            {
                static readonly ActivitySource Source = new("Shop.Orders");

                async Task<int> PlaceOrder(HttpClient http, string orderId, Uri uri)
                {
                    using var activity = Source.StartActivity("PlaceOrder", ActivityKind.Client);
                    activity?.SetTag("http.request.method", "POST");
                    activity?.SetTag("url.full", uri.ToString());
                    activity?.SetTag("server.address", uri.Host);
                    activity?.SetTag("server.port", uri.Port);
                    activity?.SetTag("app.order.id", orderId);
                    activity?.SetTag("order.id", orderId);
                    activity?.SetTag("tenant", "acme");
                    activity?.SetTag("db.system.name", "postgresql");
                    activity?.SetTag("db.query.text", "SELECT 1");
                    activity?.SetTag("messaging.destination.name", "orders");
                    activity?.SetTag("error.type", "timeout");
                    activity?.SetTag("exception.type", "System.TimeoutException");
                    activity?.SetTag("otel.status_code", "ERROR");
                    activity?.SetTag("gen_ai.request.model", "gpt-4o");
                    activity?.SetTag("http.request.header.x-correlation-id", "abc");
                    activity?.SetStatus(ActivityStatusCode.Error, "timeout");
                    var response = await http.GetAsync(uri);
                    activity?.SetTag("http.response.status_code", (int)response.StatusCode);
                    return (int)response.StatusCode;
                }
            }
            """);

    [Fact]
    public Task Baggage_keys_are_not_attribute_keys() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void M(Activity activity)
                {
                    activity.AddBaggage("http.method", "GET");
                    activity.SetBaggage("http.url", "/");
                    Baggage.SetBaggage("http.status_code", "200");
                    Baggage.Current = Baggage.Current.SetBaggage("db.statement", "x");
                    _ = activity.GetBaggageItem("http.method");
                }
            }
            """);

    [Fact]
    public Task Non_constant_keys_are_not_checked() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            class C
            {
                static string MutableKey = "http.method";
                static string PropertyKey => "http.url";

                void M(Activity activity, string key, IDictionary<string, object?> tags)
                {
                    activity.SetTag(key, 1);
                    activity.SetTag(MutableKey, 1);
                    activity.SetTag(PropertyKey, 1);
                    activity.SetTag("http." + key, 1);
                    activity.SetTag($"http.{key}", 1);
                    activity.SetTag(key.ToLowerInvariant(), 1);
                    foreach (var tag in tags)
                    {
                        activity.SetTag(tag.Key, tag.Value);
                    }
                }
            }
            """);

    [Fact]
    public Task Reading_tags_and_unrelated_key_value_pairs_are_not_checked() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            class C
            {
                static readonly Meter Meter = new("Shop");
                static readonly Counter<long> Requests = Meter.CreateCounter<long>("requests");

                void M(Activity activity, ActivityTagsCollection tags, TagList list)
                {
                    _ = activity.GetTagItem("http.method");
                    _ = tags["http.url"];
                    _ = tags.ContainsKey("http.status_code");
                    tags.Remove("http.scheme");
                    _ = list.IndexOf(new KeyValuePair<string, object?>("http.flavor", "1.1"));
                    Requests.Add(1, new KeyValuePair<string, object?>("http.method", "GET"));
                    var form = new FormUrlEncodedContent(new[] { new KeyValuePair<string, string>("http.method", "GET") });
                    var headers = new Dictionary<string, object?> { ["http.method"] = "GET" };
                    var pairs = new List<KeyValuePair<string, object?>> { new("http.url", "/") };
                    Consume(pairs);
                }

                static void Consume(IEnumerable<KeyValuePair<string, object?>> pairs) { }
            }
            """);

    [Fact]
    public Task A_single_word_key_the_registry_once_deprecated_is_treated_as_the_applications_own() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void M(Activity activity) => activity.SetTag("state", "shipped");
            }
            """);

    [Fact]
    public Task Keys_that_moved_to_another_semantic_convention_repository_are_valid() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            class ChatClient
            {
                void M(Activity activity)
                {
                    activity.SetTag("gen_ai.provider.name", "openai");
                    activity.SetTag("gen_ai.operation.name", "chat");
                    activity.SetTag("gen_ai.request.model", "gpt-4o");
                    activity.SetTag("gen_ai.usage.input_tokens", 12);
                    activity.SetTag("gen_ai.usage.output_tokens", 40);
                    activity.SetTag("gen_ai.response.finish_reasons", new[] { "stop" });
                    activity.SetTag("mcp.method.name", "tools/call");
                }
            }
            """);

    [Fact]
    public async Task Generated_code_is_skipped()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(("Generated.g.cs", Usings + """
            class Generated
            {
                void M(Activity activity) => activity.SetTag("http.method", "GET");
            }
            """));
        test.TestState.Sources.Add(("Header.cs", "// <autogenerated />\n" + Usings + """
            class Header
            {
                void M(Activity activity) => activity.SetTag("http.url", "/");
            }
            """));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Broken_code_produces_no_analyzer_exception()
    {
        var test = new Verify.Test
        {
            TestCode = Usings + """
                class C
                {
                    const string Cycle = Cycle;
                    const string Missing = Undefined.Key;

                    [Tag] void NoKey() { }
                    [Tag(null)] void NullKey() { }
                    [Tag(42)] void NumberKey() { }
                    [Tag(Cycle)] void CycleKey() { }

                    void M(Activity activity, Unknown thing)
                    {
                        activity.SetTag({|TRC301:"http.url"|}, 1);
                        activity.SetTag();
                        activity.SetTag("http.method");
                        activity.SetTag(thing, 1);
                        activity.SetTag(null, 1);
                        activity.SetTag(Missing, 1);
                        activity.SetTag(Cycle, 1);
                        thing.SetTag("http.method", 1);
                        new ActivityTagsCollection { { } };
                        new ActivityTagsCollection { [] = 1 };
                        var tags = new KeyValuePair<string, object?>[] { new(), new("http.method") , default };
                        var source = new ActivitySource("x");
                        source.StartActivity("x", ActivityKind.Client, default(ActivityContext), tags, null);
                        source.StartActivity("x", ActivityKind.Client, default(ActivityContext), [.. tags, new()]);
                        new TagList([new(null!, null)]);
                        var broken = new KeyValuePair<string, object?>[] { new(
                    }
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };

        // Only complete calls with constant keys are reported; nothing throws (an exception would surface as AD0001).
        await test.RunAsync(CancellationToken.None);
    }
}

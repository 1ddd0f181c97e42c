using System.Threading;
using System.Threading.Tasks;
using Xunit;
using Analyze = Instrumentation.Analyzers.Tests.Verifiers.AnalyzerVerifier<Instrumentation.Generators.Analyzers.AttributeKeyAnalyzer>;
using Verify = Instrumentation.Analyzers.Tests.SemanticConventions.AttributeKeyFixVerifier<
    Instrumentation.CodeFixes.DeprecatedAttributeKeyCodeFixProvider>;

namespace Instrumentation.Analyzers.Tests.TRC301;

/// <summary>
/// Tags kept in a <c>static readonly</c> field and passed to a span API in the field's own type
/// (<c>CreateActivity(name, kind, parent, tags: CreationTags)</c>, RabbitMQ.Client's connection tags): the keys are
/// checked where the field is initialized. A field that never reaches a span, or only from another type, is not.
/// </summary>
public class TagsFieldTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Diagnostics;

        """;

    [Fact]
    public Task Keys_of_a_static_readonly_tags_field_passed_to_a_span_api_are_reported_and_fixed() =>
        Verify.VerifyCodeFixAsync(
            Usings + """
            static class BrokerActivities
            {
                const string MessagingSystem = "messaging.system";
                static readonly ActivitySource Source = new("Broker");

                static readonly IEnumerable<KeyValuePair<string, object?>> CreationTags = new[]
                {
                    new KeyValuePair<string, object?>({|TRC301:MessagingSystem|}, "rabbitmq"),
                    new KeyValuePair<string, object?>("network.protocol.name", "amqp"),
                };

                static readonly KeyValuePair<string, object?>[] PublishTags = [new({|TRC301:"messaging.destination"|}, "orders")];

                static readonly List<KeyValuePair<string, object?>> ConsumeTags = new() { new({|TRC301:"http.method"|}, "GET") };

                public static Activity? Connect() =>
                    Source.CreateActivity("connect", ActivityKind.Client, default(ActivityContext), tags: CreationTags)?.Start();

                public static Activity? Publish() => Source.StartActivity("publish", ActivityKind.Producer, default(ActivityContext), BrokerActivities.PublishTags);

                public static Activity? Consume() => Source.StartActivity(ActivityKind.Consumer, tags: ConsumeTags, name: "consume");
            }
            """,
            Usings + """
            static class BrokerActivities
            {
                const string MessagingSystem = "messaging.system.name";
                static readonly ActivitySource Source = new("Broker");

                static readonly IEnumerable<KeyValuePair<string, object?>> CreationTags = new[]
                {
                    new KeyValuePair<string, object?>(MessagingSystem, "rabbitmq"),
                    new KeyValuePair<string, object?>("network.protocol.name", "amqp"),
                };

                static readonly KeyValuePair<string, object?>[] PublishTags = [new("messaging.destination.name", "orders")];

                static readonly List<KeyValuePair<string, object?>> ConsumeTags = new() { new("http.request.method", "GET") };

                public static Activity? Connect() =>
                    Source.CreateActivity("connect", ActivityKind.Client, default(ActivityContext), tags: CreationTags)?.Start();

                public static Activity? Publish() => Source.StartActivity("publish", ActivityKind.Producer, default(ActivityContext), BrokerActivities.PublishTags);

                public static Activity? Consume() => Source.StartActivity(ActivityKind.Consumer, tags: ConsumeTags, name: "consume");
            }
            """);

    [Fact]
    public Task Fields_that_do_not_reach_a_span_in_their_type_are_not_checked() =>
        Analyze.VerifyAnalyzerAsync(Usings + """
            sealed class Headers
            {
                // Not tags: HTTP headers and configuration defaults, never given to a span.
                static readonly KeyValuePair<string, object?>[] DefaultHeaders = [new("Content-Type", "application/json"), new("http.method", "GET")];
                static readonly KeyValuePair<string, object?>[] Mutable = [new("db.statement", "x")];
                static KeyValuePair<string, object?>[] s_notReadOnly = [new("db.statement", "x")];
                readonly KeyValuePair<string, object?>[] _instance = [new("db.statement", "x")];

                public static int Count() => DefaultHeaders.Length + Mutable.Length + s_notReadOnly.Length;

                public static void Send(Dictionary<string, object?> request)
                {
                    foreach (var header in DefaultHeaders)
                    {
                        request[header.Key] = header.Value;
                    }
                }

                public static Activity? Start(ActivitySource source) => source.StartActivity("x", ActivityKind.Internal, default(ActivityContext), s_notReadOnly);
            }

            static class OtherType
            {
                public static readonly KeyValuePair<string, object?>[] SharedTags = [new("db.statement", "x")];
            }

            static class UsesOtherType
            {
                // Passed as tags, but from another type: not searched (the field's own type is).
                public static Activity? Start(ActivitySource source) => source.StartActivity("x", ActivityKind.Internal, default(ActivityContext), OtherType.SharedTags);
            }
            """);

    [Fact]
    public Task A_use_in_another_partial_declaration_of_the_type_counts()
    {
        var test = new Verifiers.AnalyzerVerifier<Instrumentation.Generators.Analyzers.AttributeKeyAnalyzer>.Test
        {
            TestState =
            {
                Sources =
                {
                    Usings + """
                    static partial class Telemetry
                    {
                        static readonly KeyValuePair<string, object?>[] DbTags = [new({|TRC301:"db.system"|}, "store")];
                    }
                    """,
                    Usings + """
                    static partial class Telemetry
                    {
                        static readonly ActivitySource Source = new("Store");

                        public static Activity? Query() => StartWithTags("query", DbTags);

                        // A wrapper whose tags parameter reaches StartActivity.
                        static Activity? StartWithTags(string name, IEnumerable<KeyValuePair<string, object?>> tags) =>
                            Source.StartActivity(name, ActivityKind.Client, default(ActivityContext), tags);
                    }
                    """,
                },
            },
        };
        return test.RunAsync(CancellationToken.None);
    }
}

using System.Threading;
using System.Threading.Tasks;
using Xunit;
using Analyze = Instrumentation.Analyzers.Tests.Verifiers.AnalyzerVerifier<Instrumentation.Generators.Analyzers.AttributeKeyAnalyzer>;
using Verify = Instrumentation.Analyzers.Tests.SemanticConventions.AttributeKeyFixVerifier<
    Instrumentation.CodeFixes.DeprecatedAttributeKeyCodeFixProvider>;

namespace Instrumentation.Analyzers.Tests.TRC301;

/// <summary>
/// Keys behind one indirection: static readonly fields, locals, tags built by a helper, wrappers whose parameter
/// flows into a span API. Reported where the key reaches the span; the fix rewrites the literal that holds it.
/// </summary>
public class KeyIndirectionTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Diagnostics;

        """;

    [Fact]
    public Task Static_readonly_field_and_local_are_followed_to_their_literal() =>
        Verify.VerifyCodeFixAsync(
            Usings + """
            class C
            {
                static readonly string StatementKey = "db.statement";

                void M(Activity activity, string sql)
                {
                    var key = "http.method";
                    activity.SetTag({|TRC301:StatementKey|}, sql);
                    activity.SetTag({|TRC301:key|}, "GET");
                }
            }
            """,
            Usings + """
            class C
            {
                static readonly string StatementKey = "db.query.text";

                void M(Activity activity, string sql)
                {
                    var key = "http.request.method";
                    activity.SetTag(StatementKey, sql);
                    activity.SetTag(key, "GET");
                }
            }
            """);

    [Fact]
    public Task Fields_and_locals_whose_value_can_change_are_not_followed() =>
        Analyze.VerifyAnalyzerAsync(Usings + """
            class C
            {
                static readonly string Assigned = "db.statement";
                static readonly string Computed = "http." + Environment.MachineName;
                readonly string _instance = "http.url";
                static string s_mutable = "http.scheme";

                static C() => Assigned = "db.query.text";

                void M(Activity activity, bool flag)
                {
                    var reassigned = "http.method";
                    if (flag)
                    {
                        reassigned = "http.request.method";
                    }

                    var byRef = "http.status_code";
                    Touch(ref byRef);
                    activity.SetTag(Assigned, 1);
                    activity.SetTag(Computed, 1);
                    activity.SetTag(_instance, 1);
                    activity.SetTag(s_mutable, 1);
                    activity.SetTag(reassigned, 1);
                    activity.SetTag(byRef, 1);
                }

                static void Touch(ref string value) { }
            }
            """);

    [Fact]
    public Task Tags_built_in_a_helper_are_reported_at_the_call_and_fixed_in_the_helper() =>
        Verify.VerifyCodeFixAsync(
            Usings + """
            class NpgsqlCommandTracing
            {
                static readonly ActivitySource Source = new("Npgsql");

                void Execute(string database)
                {
                    using var activity = Source.StartActivity("execute", ActivityKind.Client, default(ActivityContext), {|TRC301:{|TRC301:BuildTags(database)|}|});
                    using var other = Source.StartActivity(ActivityKind.Client, tags: {|TRC301:Pairs()|}, name: "other");
                }

                static List<KeyValuePair<string, object?>> BuildTags(string database)
                {
                    var tags = new List<KeyValuePair<string, object?>>(4);
                    tags.Add(new("db.system", "postgresql"));
                    tags.Add(new KeyValuePair<string, object?>("db.name", database));
                    tags.Add(new("db.namespace", database));
                    return tags;
                }

                static KeyValuePair<string, object?>[] Pairs() => [new("http.method", "GET"), new("app.custom", 1)];
            }
            """,
            Usings + """
            class NpgsqlCommandTracing
            {
                static readonly ActivitySource Source = new("Npgsql");

                void Execute(string database)
                {
                    using var activity = Source.StartActivity("execute", ActivityKind.Client, default(ActivityContext), BuildTags(database));
                    using var other = Source.StartActivity(ActivityKind.Client, tags: Pairs(), name: "other");
                }

                static List<KeyValuePair<string, object?>> BuildTags(string database)
                {
                    var tags = new List<KeyValuePair<string, object?>>(4);
                    tags.Add(new("db.system.name", "postgresql"));
                    tags.Add(new KeyValuePair<string, object?>("db.namespace", database));
                    tags.Add(new("db.namespace", database));
                    return tags;
                }

                static KeyValuePair<string, object?>[] Pairs() => [new("http.request.method", "GET"), new("app.custom", 1)];
            }
            """);

    [Fact]
    public Task Tags_from_a_helper_held_in_a_local_are_reported_where_the_local_is_initialized() =>
        Analyze.VerifyAnalyzerAsync(Usings + """
            static class Tracing
            {
                static readonly ActivitySource Source = new("Bus");

                public static Activity? StartWithTags(string name, IEnumerable<KeyValuePair<string, object?>> tags) =>
                    Source.StartActivity(name, ActivityKind.Producer, default(ActivityContext), tags);

                static void Publish(string queue)
                {
                    var tags = {|TRC301:Tags(queue)|};
                    using var activity = Source.StartActivity("publish", ActivityKind.Producer, default(ActivityContext), tags);
                    var wrapped = new List<KeyValuePair<string, object?>> { new({|TRC301:"messaging.operation"|}, "publish") };
                    using var other = StartWithTags("other", wrapped);
                    var unused = Tags(queue);
                    Console.WriteLine(unused.Count);
                }

                static List<KeyValuePair<string, object?>> Tags(string queue) => [new("messaging.destination", queue)];
            }
            """);

    [Fact]
    public Task Wrappers_whose_parameter_reaches_a_span_api_are_followed_one_level() =>
        Verify.VerifyCodeFixAsync(
            Usings + """
            static class ActivityExtensions
            {
                public static void AddTag(Activity? activity, (string Key, object? Value) tag) => activity?.SetTag(tag.Key, tag.Value);

                public static Activity? SetTagIfNotNull(this Activity? activity, string key, object? value) =>
                    value is null ? activity : activity?.SetTag(key, value);

                public static Activity? StartWithTags(this ActivitySource source, string name, IEnumerable<KeyValuePair<string, object?>> tags) =>
                    source.StartActivity(name, ActivityKind.Client, default(ActivityContext), tags);
            }

            class Client
            {
                static readonly ActivitySource Source = new("Client");

                void Send(Activity activity, string url)
                {
                    ActivityExtensions.AddTag(activity, ({|TRC301:"http.url"|}, url));
                    activity.SetTagIfNotNull({|TRC301:"http.method"|}, "GET");
                    using var started = Source.StartWithTags("send", [new({|TRC301:"http.scheme"|}, "https")]);
                }
            }
            """,
            Usings + """
            static class ActivityExtensions
            {
                public static void AddTag(Activity? activity, (string Key, object? Value) tag) => activity?.SetTag(tag.Key, tag.Value);

                public static Activity? SetTagIfNotNull(this Activity? activity, string key, object? value) =>
                    value is null ? activity : activity?.SetTag(key, value);

                public static Activity? StartWithTags(this ActivitySource source, string name, IEnumerable<KeyValuePair<string, object?>> tags) =>
                    source.StartActivity(name, ActivityKind.Client, default(ActivityContext), tags);
            }

            class Client
            {
                static readonly ActivitySource Source = new("Client");

                void Send(Activity activity, string url)
                {
                    ActivityExtensions.AddTag(activity, ("url.full", url));
                    activity.SetTagIfNotNull("http.request.method", "GET");
                    using var started = Source.StartWithTags("send", [new("url.scheme", "https")]);
                }
            }
            """);

    [Fact]
    public Task A_wrapper_and_a_helper_declared_in_another_file_are_followed()
    {
        var test = new Verifiers.AnalyzerVerifier<Instrumentation.Generators.Analyzers.AttributeKeyAnalyzer>.Test
        {
            TestState =
            {
                Sources =
                {
                    Usings + """
                    class Consumer
                    {
                        static readonly ActivitySource Source = new("Consumer");

                        void Receive(Activity activity, string queue)
                        {
                            activity.SetTagIfPresent({|TRC301:"messaging.destination"|}, queue);
                            using var child = Source.StartActivity("child", ActivityKind.Consumer, default(ActivityContext), {|TRC305:TagBuilder.Event()|});
                        }
                    }
                    """,
                    Usings + """
                    static class ActivityExtensions
                    {
                        public static void SetTagIfPresent(this Activity activity, string key, string? value)
                        {
                            if (value is not null)
                            {
                                activity.SetTag(key, value);
                            }
                        }
                    }

                    static class TagBuilder
                    {
                        public static KeyValuePair<string, object?>[] Event() => [new("message.type", "RECEIVED")];
                    }
                    """,
                },
            },
        };
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task Methods_whose_parameters_or_results_do_not_reach_a_span_are_not_followed() =>
        Analyze.VerifyAnalyzerAsync(Usings + """
            static class Helpers
            {
                public static void Log(string key, object? value) => Console.WriteLine(key + "=" + value);

                public static string Describe(Activity? activity, string key) => activity?.GetTagItem(key)?.ToString() ?? "";

                public static List<KeyValuePair<string, object?>> LoggingScope() => [new("http.method", "GET")];

                public static void Forward(Activity activity, string key) => Log(key, activity.Id);
            }

            class C
            {
                void M(Activity activity)
                {
                    Helpers.Log("http.method", "GET");
                    _ = Helpers.Describe(activity, "http.url");
                    var scope = Helpers.LoggingScope();
                    Console.WriteLine(scope.Count);
                    Helpers.Forward(activity, "http.status_code");
                }
            }
            """);
}

using System.Threading;
using System.Threading.Tasks;
using Instrumentation.Analyzers.Tests.Verifiers;
using Instrumentation.CodeFixes;
using Instrumentation.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Analyze = Instrumentation.Analyzers.Tests.Verifiers.AnalyzerVerifier<Instrumentation.Generators.Analyzers.AttributeKeyAnalyzer>;
using Verify = Instrumentation.Analyzers.Tests.SemanticConventions.AttributeKeyFixVerifier<
    Instrumentation.CodeFixes.DeprecatedAttributeKeyCodeFixProvider>;

namespace Instrumentation.Analyzers.Tests.TRC301;

/// <summary>Removing a tag is not recording it; a shared const keeps its meaning; compatibility emission gets no fix.</summary>
public class RemovalConstAndCompatibilityTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Diagnostics;
        using OpenTelemetry.Trace;

        """;

    [Fact]
    public Task Removing_a_tag_never_checks_its_key() =>
        Analyze.VerifyAnalyzerAsync(Usings + """
            class C
            {
                const string Legacy = "http.method";

                void M(Activity activity, TelemetrySpan span, ActivityTagsCollection tags)
                {
                    activity.SetTag("http.method", null);
                    activity.SetTag(Legacy, null);
                    activity.SetTag("Bad Key", default);
                    activity.SetTag(key: "http.url", value: (string?)null);
                    span.SetAttribute("http.scheme", (string?)null);
                    tags["http.status_code"] = null;
                    activity.AddTag({|TRC301:"http.target"|}, null);
                    activity.SetTag({|TRC301:"http.flavor"|}, "1.1");
                }
            }
            """);

    [Fact]
    public Task A_const_with_uses_that_are_not_reported_keys_is_left_alone_and_the_use_is_rewritten()
    {
        var test = new CodeFixVerifier<AttributeKeyAnalyzer, DeprecatedAttributeKeyCodeFixProvider>.Test
        {
            TestCode = Usings + """
                static class Keys
                {
                    public const string HttpMethod = "http.method";
                }

                class C
                {
                    void M(Activity activity, IDictionary<string, string> headers)
                    {
                        activity.SetTag({|TRC301:Keys.HttpMethod|}, "GET");
                        headers[Keys.HttpMethod] = "GET";
                    }
                }
                """,
            FixedCode = Usings + """
                static class Keys
                {
                    public const string HttpMethod = "http.method";
                }

                class C
                {
                    void M(Activity activity, IDictionary<string, string> headers)
                    {
                        activity.SetTag("http.request.method", "GET");
                        headers[Keys.HttpMethod] = "GET";
                    }
                }
                """,
        };
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task A_const_whose_every_use_is_a_reported_key_is_rewritten_once() =>
        Verify.VerifyCodeFixAsync(
            Usings + """
            static class Keys
            {
                public const string HttpMethod = "http.method";
            }

            class C
            {
                void M(Activity activity, TelemetrySpan span)
                {
                    activity.SetTag({|TRC301:Keys.HttpMethod|}, "GET");
                    span.SetAttribute({|TRC301:Keys.HttpMethod|}, "GET");
                }
            }
            """,
            Usings + """
            static class Keys
            {
                public const string HttpMethod = "http.request.method";
            }

            class C
            {
                void M(Activity activity, TelemetrySpan span)
                {
                    activity.SetTag(Keys.HttpMethod, "GET");
                    span.SetAttribute(Keys.HttpMethod, "GET");
                }
            }
            """);

    [Fact]
    public Task A_const_also_used_in_a_compatibility_branch_keeps_its_value()
    {
        var test = Verify.Create(
            Usings + """
            static class Keys
            {
                public const string HttpUrl = "http.url";
            }

            class C
            {
                static bool EmitOldAttributes;

                void M(Activity activity, string url)
                {
                    activity.SetTag({|TRC301:Keys.HttpUrl|}, url);
                    if (EmitOldAttributes)
                    {
                        activity.SetTag({|#0:Keys.HttpUrl|}, url);
                    }
                }
            }
            """,
            Usings + """
            static class Keys
            {
                public const string HttpUrl = "http.url";
            }

            class C
            {
                static bool EmitOldAttributes;

                void M(Activity activity, string url)
                {
                    activity.SetTag("url.full", url);
                    if (EmitOldAttributes)
                    {
                        activity.SetTag({|#0:Keys.HttpUrl|}, url);
                    }
                }
            }
            """);
        test.TestState.ExpectedDiagnostics.Add(Compatibility(0, "http.url", "use 'url.full' instead"));
        test.FixedState.ExpectedDiagnostics.Add(Compatibility(0, "http.url", "use 'url.full' instead"));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task Keys_in_a_compatibility_branch_are_info_without_a_fix() =>
        Verify.VerifyNoFixAsync(
            Usings + """
            class HttpInstrumentation
            {
                readonly Options _options = new();
                bool _useLegacyConventions;

                void M(Activity activity, string method, int status)
                {
                    if (_options.EmitOldAttributes)
                    {
                        activity.SetTag({|#0:"http.method"|}, method);
                    }

                    if (!_useLegacyConventions) { } else activity.SetTag({|#1:"http.status_code"|}, status);
                    _ = _options.SemConvCompatibility ? activity.SetTag({|#2:"net.peer.name"|}, "shop") : null;
                }

                sealed class Options
                {
                    public bool EmitOldAttributes { get; set; }
                    public bool SemConvCompatibility { get; set; }
                }
            }
            """,
            Compatibility(0, "http.method", "use 'http.request.method' instead"),
            Compatibility(1, "http.status_code", "use 'http.response.status_code' instead"),
            Compatibility(2, "net.peer.name", "Replaced by 'server.address' on client spans and 'client.address' on server spans"));

    private static DiagnosticResult Compatibility(int location, string key, string advice) =>
        new DiagnosticResult(RuleIds.DeprecatedAttributeKey, DiagnosticSeverity.Info)
            .WithLocation(location)
            .WithArguments(key, "1.26 or earlier", "1.45", advice + " (written in a compatibility branch: kept on purpose? suppress it there)");

    [Fact]
    public Task Keys_in_a_branch_on_a_semantic_conventions_mode_are_info_without_a_fix() =>
        Verify.VerifyNoFixAsync(
            Usings + """
            [Flags]
            public enum DriverSemanticConventionsKinds { Experimental = 1, Stable = 2 }

            public enum SemConvMode { Old, New, Both }

            class DriverSession
            {
                readonly Dictionary<string, object?> _tags = new();
                SemConvMode? Mode { get; set; }

                void M(Activity activity, DriverSemanticConventionsKinds conventionsKinds, string database, string host)
                {
                    if (conventionsKinds.HasFlag(DriverSemanticConventionsKinds.Experimental))
                    {
                        activity.SetTag({|#0:"db.name"|}, database);
                    }

                    if (conventionsKinds.HasFlag(DriverSemanticConventionsKinds.Stable))
                    {
                        activity.SetTag("db.namespace", database);
                    }

                    if ((conventionsKinds & DriverSemanticConventionsKinds.Experimental) != 0)
                        activity.SetTag({|#1:"net.peer.name"|}, host);
                    if (Mode is SemConvMode.Old or SemConvMode.Both)
                        activity.SetTag({|#2:"db.statement"|}, "SELECT 1");
                }
            }
            """,
            Compatibility(0, "db.name", "use 'db.namespace' instead"),
            Compatibility(1, "net.peer.name", "Replaced by 'server.address' on client spans and 'client.address' on server spans"),
            Compatibility(2, "db.statement", "use 'db.query.text' instead"));

    [Fact]
    public Task Enums_that_do_not_select_conventions_are_no_compatibility_switch() =>
        Verify.VerifyCodeFixAsync(
            Usings + """
            public enum CommandKind { Text, StoredProcedure }

            class C
            {
                void M(Activity activity, CommandKind kind, string text)
                {
                    if (kind == CommandKind.Text)
                    {
                        activity.SetTag({|TRC301:"db.statement"|}, text);
                    }
                }
            }
            """,
            Usings + """
            public enum CommandKind { Text, StoredProcedure }

            class C
            {
                void M(Activity activity, CommandKind kind, string text)
                {
                    if (kind == CommandKind.Text)
                    {
                        activity.SetTag("db.query.text", text);
                    }
                }
            }
            """);

    [Fact]
    public Task A_condition_that_names_no_compatibility_switch_keeps_the_fix() =>
        Verify.VerifyCodeFixAsync(
            Usings + """
            class C
            {
                void M(Activity activity, string method, bool threshold, bool holder, string? oldMethod)
                {
                    if (threshold && holder && oldMethod != null)
                    {
                        activity.SetTag({|TRC301:"http.method"|}, method);
                    }
                }
            }
            """,
            Usings + """
            class C
            {
                void M(Activity activity, string method, bool threshold, bool holder, string? oldMethod)
                {
                    if (threshold && holder && oldMethod != null)
                    {
                        activity.SetTag("http.request.method", method);
                    }
                }
            }
            """);
}

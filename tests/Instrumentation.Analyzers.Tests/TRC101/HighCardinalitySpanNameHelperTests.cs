using System.Threading.Tasks;
using Instrumentation.Generators.Analyzers;
using Xunit;
using Verify = Instrumentation.Analyzers.Tests.Verifiers.AnalyzerVerifier<Instrumentation.Generators.Analyzers.HighCardinalitySpanNameAnalyzer>;
using VerifyFix = Instrumentation.Analyzers.Tests.Verifiers.CodeFixVerifier<
    Instrumentation.Generators.Analyzers.HighCardinalitySpanNameAnalyzer,
    Instrumentation.CodeFixes.HighCardinalitySpanNameCodeFixProvider>;

namespace Instrumentation.Analyzers.Tests.TRC101;

/// <summary>A same-compilation helper whose parameter becomes the span name: its call sites are checked, one level deep.</summary>
public class HighCardinalitySpanNameHelperTests
{
    private const string Helpers = """
        using System;
        using System.Collections.Generic;
        using System.Diagnostics;

        static class Telemetry
        {
            public static readonly ActivitySource Source = new("Shop");

            public static Activity? StartActivityWithTags(string name, IEnumerable<KeyValuePair<string, object?>> tags)
            {
                var activity = Source.StartActivity(name);
                foreach (var tag in tags)
                {
                    activity?.SetTag(tag.Key, tag.Value);
                }

                return activity;
            }

            public static void RunInSpan(string spanName, Action action)
            {
                using var activity = Source.StartActivity(spanName, ActivityKind.Internal);
                action();
            }

            public static Activity? StartTagged(string name, string tagValue) => Source.StartActivity("fixed")?.SetTag("v", tagValue);

            public static string Describe(string name) => name;
        }

        """;

    [Fact]
    public Task Names_passed_through_a_helper_are_checked() => Verify.VerifyAnalyzerAsync(Helpers + """
        class C
        {
            void M(string orderId, string operationName)
            {
                using var a = Telemetry.StartActivityWithTags({|#0:$"load {orderId}"|}, []);
                Telemetry.RunInSpan({|#1:"ship " + orderId|}, () => { });
                using var b = Telemetry.StartActivityWithTags($"{operationName} orders", []);
                using var c = Telemetry.StartTagged("fixed", $"value {orderId}");
                var d = Telemetry.Describe($"load {orderId}");
            }
        }
        """,
        Verify.Diagnostic(RuleIds.HighCardinalitySpanName).WithLocation(0).WithArguments("interpolates 'orderId'"),
        Verify.Diagnostic(RuleIds.HighCardinalitySpanName).WithLocation(1).WithArguments("concatenates 'orderId'"));

    [Fact]
    public Task Fix_records_the_tag_on_the_span_the_helper_returns() => new VerifyFix.Test
    {
        TestCode = Helpers + """
        class C
        {
            void M(string orderId)
            {
                using var a = Telemetry.StartActivityWithTags({|TRC101:$"load {orderId}"|}, []);
                Telemetry.RunInSpan({|TRC101:"ship " + orderId|}, () => { });
            }
        }
        """,
        FixedState =
        {
            MarkupHandling = Microsoft.CodeAnalysis.Testing.MarkupMode.Allow,
            Sources =
            {
                Helpers + """
        class C
        {
            void M(string orderId)
            {
                using var a = Telemetry.StartActivityWithTags("load {orderId}", []);
                a?.SetTag("order_id", orderId);
                Telemetry.RunInSpan({|TRC101:"ship " + orderId|}, () => { });
            }
        }
        """,
            },
        },
    }.RunAsync(TestContext.Current.CancellationToken);
}

using System.Threading;
using System.Threading.Tasks;
using Instrumentation.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Analyze = Instrumentation.Analyzers.Tests.Verifiers.AnalyzerVerifier<Instrumentation.Generators.Analyzers.AttributeKeyAnalyzer>;
using Verify = Instrumentation.Analyzers.Tests.SemanticConventions.AttributeKeyFixVerifier<
    Instrumentation.CodeFixes.DeprecatedAttributeKeyCodeFixProvider>;

namespace Instrumentation.Analyzers.Tests.TRC305;

/// <summary>TRC305: a deprecated key that nothing replaces is Info, with its own message, and never gets a fix.</summary>
public class RemovedAttributeKeyTests
{
    private const string Usings = """
        using System.Diagnostics;

        """;

    [Fact]
    public Task Deprecated_without_replacement_is_info_with_its_own_message() =>
        Analyze.VerifyAnalyzerAsync(Usings + """
            class RpcClient
            {
                void Send(Activity activity)
                {
                    activity.AddEvent(new ActivityEvent("message", tags: new ActivityTagsCollection
                    {
                        { {|#0:"message.type"|}, "SENT" },
                        { {|TRC305:"message.id"|}, 1 },
                    }));
                    activity.SetTag({|TRC305:"db.user"|}, "app");
                    activity.SetTag({|TRC305:"exception.escaped"|}, true);
                }
            }
            """,
            new DiagnosticResult(RuleIds.RemovedAttributeKey, DiagnosticSeverity.Info)
                .WithLocation(0)
                .WithMessage("Attribute key 'message.type' is deprecated since semantic conventions 1.26 or earlier (this project targets 1.45) and nothing replaces it: Deprecated, no replacement at this time"));

    [Fact]
    public Task No_fix_is_offered() =>
        Verify.VerifyNoFixAsync(Usings + """
            class C
            {
                void M(Activity activity) => activity.SetTag({|TRC305:"rpc.message.type"|}, "SENT");
            }
            """);

    [Fact]
    public Task A_removal_newer_than_the_targeted_release_is_not_reported()
    {
        // rpc.message.* were deprecated in 1.40.
        var test = new Verifiers.AnalyzerVerifier<AttributeKeyAnalyzer>.Test
        {
            TestCode = Usings + """
                class C
                {
                    void M(Activity activity)
                    {
                        activity.SetTag("rpc.message.type", "SENT");
                        activity.SetTag({|TRC305:"message.type"|}, "SENT");
                    }
                }
                """,
        };
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.InstrumentationSemanticConventionsVersion = 1.39\n"));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task Severity_is_configured_separately_from_TRC301()
    {
        var test = new Verifiers.AnalyzerVerifier<AttributeKeyAnalyzer>.Test
        {
            TestCode = Usings + """
                class C
                {
                    void M(Activity activity)
                    {
                        activity.SetTag("message.type", "SENT");
                        activity.SetTag({|TRC301:"http.method"|}, "GET");
                    }
                }
                """,
        };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\ndotnet_diagnostic.TRC305.severity = none\n"));
        return test.RunAsync(CancellationToken.None);
    }
}

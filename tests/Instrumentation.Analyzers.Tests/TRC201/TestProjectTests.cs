using System.Threading;
using System.Threading.Tasks;
using Instrumentation.Analyzers.Tests.Verifiers;
using Instrumentation.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static Instrumentation.Analyzers.Tests.TRC201.Trc201;

namespace Instrumentation.Analyzers.Tests.TRC201;

/// <summary>
/// In a test project (MSBuild <c>IsTestProject=true</c>, surfaced by the package props as <c>build_property.IsTestProject</c>)
/// TRC201 is a suggestion: tests start spans to assert on them and let the listener or the test end them. An explicit
/// severity in .editorconfig still wins.
/// </summary>
public class TestProjectTests
{
    private static readonly string Source = InService("""
            public void Leaks()
            {
                var activity = {|#0:Source.StartActivity("Order")|};
                Work();
                activity?.Stop();
            }
        """);

    private static Task RunAsync(string? globalConfig, DiagnosticSeverity expected)
    {
        var test = new AnalyzerVerifier<SpanNotEndedAnalyzer>.Test { TestCode = Source };
        if (globalConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + globalConfig));
        }

        test.ExpectedDiagnostics.Add(new DiagnosticResult(RuleIds.SpanNotEnded, expected).WithLocation(0)
            .WithArguments("an exception thrown before 'activity' is ended leaves it running", "declare it with 'using' or end it in a 'finally' block"));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task Test_project_reports_a_suggestion() => RunAsync("build_property.IsTestProject = true\n", DiagnosticSeverity.Info);

    [Fact]
    public Task Other_projects_report_a_warning() => RunAsync("build_property.IsTestProject = false\n", DiagnosticSeverity.Warning);

    [Fact]
    public Task No_property_reports_a_warning() => RunAsync(null, DiagnosticSeverity.Warning);

    [Fact]
    public Task Explicit_severity_wins_in_a_test_project() =>
        RunAsync("build_property.IsTestProject = true\ndotnet_diagnostic.TRC201.severity = error\n", DiagnosticSeverity.Error);
}

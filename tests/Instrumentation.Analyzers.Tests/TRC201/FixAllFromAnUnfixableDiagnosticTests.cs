using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Instrumentation.Analyzers.Tests.Verifiers;
using Instrumentation.CodeFixes;
using Instrumentation.Generators.Analyzers;
using Xunit;

namespace Instrumentation.Analyzers.Tests.TRC201;

/// <summary>
/// <c>dotnet format</c> starts Fix All from the first diagnostic of a rule. When that one has no fix, no code action is
/// registered for it, and Fix All must still run (and fix the others) instead of answering nothing, which dotnet
/// format reports as "didn't return a Fix All action".
/// </summary>
public class FixAllFromAnUnfixableDiagnosticTests
{
    private const string Unfixable = """
        using System.Diagnostics;

        public static class A
        {
            private static readonly ActivitySource Source = new("A");

            private static void Send() { }

            public static Activity? Start()
            {
                var activity = Source.StartActivity("a");
                Send();
                return activity;
            }
        }
        """;

    private const string Fixable = """
        using System.Diagnostics;

        public static class B
        {
            private static readonly ActivitySource Source = new("B");

            private static void Send() { }

            public static void Run()
            {
                var activity = Source.StartActivity("b");
                Send();
                activity?.Stop();
            }
        }
        """;

    [Fact]
    public async Task Fix_all_runs_when_the_first_diagnostic_has_no_fix()
    {
        var ct = TestContext.Current.CancellationToken;
        var project = await WorkspaceHarness.CreateProjectAsync([("A.cs", Unfixable), ("B.cs", Fixable)], ct);
        var diagnostics = (await WorkspaceHarness.GetAnalyzerDiagnosticsAsync(project, [new SpanNotEndedAnalyzer()], ct))
            .OrderBy(d => d.Location.SourceTree!.FilePath, System.StringComparer.Ordinal).ToImmutableArray();
        Assert.Equal(2, diagnostics.Length);
        Assert.EndsWith("A.cs", diagnostics[0].Location.SourceTree!.FilePath, System.StringComparison.Ordinal);

        var (fixAll, solution) = await WorkspaceHarness.RunFixAllLikeDotnetFormatAsync(project, new SpanNotEndedCodeFixProvider(), diagnostics, ct);

        Assert.NotNull(fixAll);
        var a = await solution!.GetDocument(project.Documents.Single(d => d.Name == "A.cs").Id)!.GetTextAsync(ct);
        var b = await solution.GetDocument(project.Documents.Single(d => d.Name == "B.cs").Id)!.GetTextAsync(ct);
        Assert.Equal(Unfixable, a.ToString());
        Assert.Contains("using var activity = Source.StartActivity(\"b\");", b.ToString(), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fix_all_with_only_unfixable_diagnostics_changes_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var project = await WorkspaceHarness.CreateProjectAsync([("A.cs", Unfixable)], ct);
        var diagnostics = await WorkspaceHarness.GetAnalyzerDiagnosticsAsync(project, [new SpanNotEndedAnalyzer()], ct);

        var (fixAll, solution) = await WorkspaceHarness.RunFixAllLikeDotnetFormatAsync(project, new SpanNotEndedCodeFixProvider(), diagnostics, ct);

        Assert.NotNull(fixAll);
        Assert.Empty(solution!.GetChanges(project.Solution).GetProjectChanges().SelectMany(p => p.GetChangedDocuments()));
    }
}

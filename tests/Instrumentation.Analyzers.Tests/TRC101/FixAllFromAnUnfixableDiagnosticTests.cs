using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Instrumentation.Analyzers.Tests.Verifiers;
using Instrumentation.CodeFixes;
using Instrumentation.Generators.Analyzers;
using Xunit;

namespace Instrumentation.Analyzers.Tests.TRC101;

/// <summary>
/// <c>dotnet format</c> starts Fix All from the first TRC101 diagnostic. A name with no fix (only a placeholder would be
/// left) must neither block the fixable ones nor make Fix All answer nothing ("didn't return a Fix All action").
/// </summary>
public class FixAllFromAnUnfixableDiagnosticTests
{
    private const string Unfixable = """
        using System.Diagnostics;

        public static class A
        {
            private static readonly ActivitySource Source = new("A");

            public static void Run(System.Guid orderId)
            {
                using var activity = Source.StartActivity(orderId.ToString());
            }
        }
        """;

    private const string Fixable = """
        using System.Diagnostics;

        public static class B
        {
            private static readonly ActivitySource Source = new("B");

            public static void Run(System.Guid orderId)
            {
                using var activity = Source.StartActivity("ship " + orderId);
            }
        }
        """;

    [Fact]
    public async Task Fix_all_runs_when_the_first_diagnostic_has_no_fix()
    {
        var ct = TestContext.Current.CancellationToken;
        var project = await WorkspaceHarness.CreateProjectAsync([("A.cs", Unfixable), ("B.cs", Fixable)], ct);
        var diagnostics = (await WorkspaceHarness.GetAnalyzerDiagnosticsAsync(project, [new HighCardinalitySpanNameAnalyzer()], ct))
            .OrderBy(d => d.Location.SourceTree!.FilePath, System.StringComparer.Ordinal).ToImmutableArray();
        Assert.Equal(2, diagnostics.Length);

        var (fixAll, solution) = await WorkspaceHarness.RunFixAllLikeDotnetFormatAsync(project, new HighCardinalitySpanNameCodeFixProvider(), diagnostics, ct);

        Assert.NotNull(fixAll);
        var a = await solution!.GetDocument(project.Documents.Single(d => d.Name == "A.cs").Id)!.GetTextAsync(ct);
        var b = await solution.GetDocument(project.Documents.Single(d => d.Name == "B.cs").Id)!.GetTextAsync(ct);
        Assert.Equal(Unfixable, a.ToString());
        Assert.Contains("Source.StartActivity(\"ship {orderId}\");", b.ToString(), System.StringComparison.Ordinal);
        Assert.Contains("activity?.SetTag(\"order_id\", orderId);", b.ToString(), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_code_action_is_registered_for_a_diagnostic_without_a_fix()
    {
        var ct = TestContext.Current.CancellationToken;
        var project = await WorkspaceHarness.CreateProjectAsync([("A.cs", Unfixable)], ct);
        var diagnostic = Assert.Single(await WorkspaceHarness.GetAnalyzerDiagnosticsAsync(project, [new HighCardinalitySpanNameAnalyzer()], ct));
        var registered = 0;
        var context = new Microsoft.CodeAnalysis.CodeFixes.CodeFixContext(project.Documents.Single(), diagnostic, (_, _) => registered++, ct);

        await new HighCardinalitySpanNameCodeFixProvider().RegisterCodeFixesAsync(context);

        Assert.Equal(0, registered);
    }
}

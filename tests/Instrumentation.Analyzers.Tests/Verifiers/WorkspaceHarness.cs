using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Instrumentation.Analyzers.Tests.Verifiers;

/// <summary>
/// A real workspace with one C# project, for what the testing library does not model: running analyzers over a whole
/// corpus, and driving Fix All the way <c>dotnet format</c> does (from the first diagnostic, whatever it is).
/// </summary>
internal static class WorkspaceHarness
{
    public static async Task<Project> CreateProjectAsync(IEnumerable<(string Name, string Text)> sources, CancellationToken cancellationToken)
    {
        var references = await TestReferences.Net10.ResolveAsync(LanguageNames.CSharp, cancellationToken);
        var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(),
            VersionStamp.Default,
            "Corpus",
            "Corpus",
            LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: new CSharpParseOptions(LanguageVersion.Preview),
            metadataReferences: references.AddRange(TestReferences.Additional)));
        foreach (var (name, text) in sources)
        {
            project = project.AddDocument(name, text, filePath: "/corpus/" + name).Project;
        }

        return project;
    }

    public static async Task<ImmutableArray<Diagnostic>> GetAnalyzerDiagnosticsAsync(Project project, DiagnosticAnalyzer[] analyzers, CancellationToken cancellationToken)
    {
        var compilation = (await project.GetCompilationAsync(cancellationToken))!;
        var errors = compilation.GetDiagnostics(cancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new System.InvalidOperationException("The sources do not compile:\n" + string.Join("\n", errors));
        }

        return await compilation.WithAnalyzers([.. analyzers]).GetAnalyzerDiagnosticsAsync(cancellationToken);
    }

    /// <summary>What <c>dotnet format analyzers</c> does: registers fixes for the first diagnostic, then asks Fix All (solution scope) with that action's key.</summary>
    public static async Task<(CodeAction? FixAll, Solution? Fixed)> RunFixAllLikeDotnetFormatAsync(
        Project project, CodeFixProvider provider, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var first = diagnostics.First(d => d.Location.IsInSource);
        var document = project.GetDocument(first.Location.SourceTree)!;
        CodeAction? action = null;
        var context = new CodeFixContext(document, first, (a, _) => action ??= a, cancellationToken);
        await provider.RegisterCodeFixesAsync(context);

        var fixAllContext = new FixAllContext(
            document,
            provider,
            FixAllScope.Solution,
            action?.EquivalenceKey!,
            [first.Id],
            new FixedDiagnostics(project, diagnostics),
            cancellationToken);
        var fixAll = await provider.GetFixAllProvider()!.GetFixAsync(fixAllContext);
        if (fixAll is null)
        {
            return (null, null);
        }

        var operations = await fixAll.GetOperationsAsync(cancellationToken);
        return (fixAll, operations.OfType<ApplyChangesOperation>().Single().ChangedSolution);
    }

    private sealed class FixedDiagnostics(Project project, ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project1, CancellationToken cancellationToken) =>
            GetProjectDiagnosticsAsync(project1, cancellationToken);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult(diagnostics.Where(d => d.Location.SourceTree?.FilePath == document.FilePath));

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project1, CancellationToken cancellationToken) =>
            Task.FromResult(project1.Id == project.Id ? diagnostics.AsEnumerable() : []);
    }
}

using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Instrumentation.Analyzers.Tests.Verifiers;
using Instrumentation.CodeFixes;
using Instrumentation.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using Xunit;
using Verify = Instrumentation.Analyzers.Tests.SemanticConventions.AttributeKeyFixVerifier<
    Instrumentation.CodeFixes.DeprecatedAttributeKeyCodeFixProvider>;

namespace Instrumentation.Analyzers.Tests.TRC301;

/// <summary>
/// Fix All must fix every fixable TRC301 in one run, whatever each replacement is, even when the first diagnostic
/// found has no automatic fix: <c>dotnet format</c> starts Fix All from the first diagnostic's first code action
/// and passes its equivalence key (null when there is none).
/// </summary>
public class DeprecatedAttributeKeyFixAllTests
{
    private const string Handler = """
        using System.Diagnostics;

        class CheckoutHandler
        {
            void Handle(Activity activity, string path, string method, int status)
            {
                activity.SetTag({|TRC301:"http.target"|}, path);
                activity.SetTag({|TRC301:"http.method"|}, method);
                activity.SetTag({|TRC301:"http.status_code"|}, status);
                activity.SetTag({|TRC301:DbKeys.Statement|}, "SELECT 1");
                activity.SetTag({|TRC301:"net.peer.name"|}, "db");
            }
        }
        """;

    private const string Keys = """
        static class DbKeys
        {
            public const string Statement = "db.statement";
        }
        """;

    private const string Client = """
        using OpenTelemetry.Trace;

        class InventoryClient
        {
            void Reserve(TelemetrySpan span)
            {
                span.SetAttribute({|TRC301:"http.url"|}, "https://inventory/reserve");
                span.SetAttribute({|TRC301:"messaging.destination"|}, "reservations");
            }
        }
        """;

    private const string FixedHandler = """
        using System.Diagnostics;

        class CheckoutHandler
        {
            void Handle(Activity activity, string path, string method, int status)
            {
                activity.SetTag({|TRC301:"http.target"|}, path);
                activity.SetTag("http.request.method", method);
                activity.SetTag("http.response.status_code", status);
                activity.SetTag(DbKeys.Statement, "SELECT 1");
                activity.SetTag({|TRC301:"net.peer.name"|}, "db");
            }
        }
        """;

    private const string FixedKeys = """
        static class DbKeys
        {
            public const string Statement = "db.query.text";
        }
        """;

    private const string FixedClient = """
        using OpenTelemetry.Trace;

        class InventoryClient
        {
            void Reserve(TelemetrySpan span)
            {
                span.SetAttribute("url.full", "https://inventory/reserve");
                span.SetAttribute("messaging.destination.name", "reservations");
            }
        }
        """;

    [Fact]
    public Task Fix_all_applies_each_diagnostic_its_own_replacement_across_documents()
    {
        var test = Verify.Create(Handler, FixedHandler);
        test.TestState.Sources.Add(Keys);
        test.TestState.Sources.Add(Client);
        test.FixedState.Sources.Add(FixedKeys);
        test.FixedState.Sources.Add(FixedClient);
        test.BatchFixedState.MarkupHandling = MarkupMode.Allow;
        test.BatchFixedState.Sources.Add(FixedHandler);
        test.BatchFixedState.Sources.Add(FixedKeys);
        test.BatchFixedState.Sources.Add(FixedClient);
        test.NumberOfFixAllIterations = 1;
        test.NumberOfFixAllInDocumentIterations = 2;
        test.NumberOfFixAllInProjectIterations = 1;
        test.NumberOfIncrementalIterations = 5;
        test.CodeActionEquivalenceKey = RuleIds.DeprecatedAttributeKey;
        return test.RunAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(RuleIds.DeprecatedAttributeKey)]
    public async Task Fix_all_started_like_dotnet_format_from_an_unfixable_first_diagnostic_fixes_every_other_one(string? equivalenceKey)
    {
        using var workspace = new AdhocWorkspace();
        var project = await CreateProjectAsync(workspace, ("Handler.cs", Handler), ("Keys.cs", Keys), ("Inventory.cs", Client));
        var diagnostics = await GetDiagnosticsAsync(project);
        var first = diagnostics[0];
        Assert.Equal("http.target", first.Properties[AttributeKeyAnalyzer.KeyProperty]);

        // dotnet format asks for the first diagnostic's fixes: there are none for a context-dependent deprecation.
        var provider = new DeprecatedAttributeKeyCodeFixProvider();
        var document = project.GetDocument(first.Location.SourceTree)!;
        var offered = new List<CodeAction>();
        await provider.RegisterCodeFixesAsync(new CodeFixContext(document, first, (action, _) => offered.Add(action), CancellationToken.None));
        Assert.Empty(offered);

        var fixAllContext = new FixAllContext(
            document,
            provider,
            FixAllScope.Solution,
            equivalenceKey!,
            [RuleIds.DeprecatedAttributeKey],
            new FixedDiagnostics(diagnostics),
            CancellationToken.None);
        var fixAll = await provider.GetFixAllProvider().GetFixAsync(fixAllContext);
        Assert.NotNull(fixAll);
        var operations = await fixAll!.GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetProject(project.Id)!;

        Assert.Equal(StripMarkup(FixedHandler), await TextOf(changed, "Handler.cs"));
        Assert.Equal(StripMarkup(FixedKeys), await TextOf(changed, "Keys.cs"));
        Assert.Equal(StripMarkup(FixedClient), await TextOf(changed, "Inventory.cs"));

        var remaining = await GetDiagnosticsAsync(changed);
        Assert.Equal(["http.target", "net.peer.name"], remaining.Select(d => d.Properties[AttributeKeyAnalyzer.KeyProperty]));
    }

    [Fact]
    public async Task Fix_all_in_one_document_leaves_other_documents_alone_but_follows_consts_they_declare()
    {
        using var workspace = new AdhocWorkspace();
        var project = await CreateProjectAsync(workspace, ("Handler.cs", Handler), ("Keys.cs", Keys), ("Inventory.cs", Client));
        var diagnostics = await GetDiagnosticsAsync(project);
        var provider = new DeprecatedAttributeKeyCodeFixProvider();
        var handler = project.Documents.Single(d => d.Name == "Handler.cs");
        var fixAllContext = new FixAllContext(
            handler,
            provider,
            FixAllScope.Document,
            RuleIds.DeprecatedAttributeKey,
            [RuleIds.DeprecatedAttributeKey],
            new FixedDiagnostics(diagnostics),
            CancellationToken.None);
        var fixAll = await provider.GetFixAllProvider().GetFixAsync(fixAllContext);
        var operations = await fixAll!.GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetProject(project.Id)!;

        Assert.Equal(StripMarkup(FixedHandler), await TextOf(changed, "Handler.cs"));
        Assert.Equal(StripMarkup(FixedKeys), await TextOf(changed, "Keys.cs"));
        Assert.Equal(StripMarkup(Client), await TextOf(changed, "Inventory.cs"));
    }

    /// <summary>
    /// dotnet format prints "didn't return a Fix All action" when Fix All returns null, which it used to do when no
    /// TRC301 in scope had a fix. Now the action exists and changes nothing.
    /// </summary>
    [Theory]
    [InlineData(null)]
    [InlineData(RuleIds.DeprecatedAttributeKey)]
    public async Task Fix_all_over_only_unfixable_diagnostics_returns_an_action_that_changes_nothing(string? equivalenceKey)
    {
        const string unfixable = """
            using System.Diagnostics;

            class Legacy
            {
                void Handle(Activity activity, string path)
                {
                    activity.SetTag("http.target", path);
                    activity.SetTag("net.peer.name", "db");
                }
            }
            """;
        using var workspace = new AdhocWorkspace();
        var project = await CreateProjectAsync(workspace, ("Legacy.cs", unfixable));
        var diagnostics = await GetDiagnosticsAsync(project);
        Assert.Equal(2, diagnostics.Length);
        var provider = new DeprecatedAttributeKeyCodeFixProvider();
        var document = project.Documents.Single();
        var offered = new List<CodeAction>();
        foreach (var diagnostic in diagnostics)
        {
            await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => offered.Add(action), CancellationToken.None));
        }

        Assert.Empty(offered);
        var fixAll = await provider.GetFixAllProvider().GetFixAsync(new FixAllContext(
            document, provider, FixAllScope.Solution, equivalenceKey!, [RuleIds.DeprecatedAttributeKey], new FixedDiagnostics(diagnostics), CancellationToken.None));
        Assert.NotNull(fixAll);
        var changed = (await fixAll!.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>().Single().ChangedSolution;
        Assert.Equal(unfixable, await TextOf(changed.GetProject(project.Id)!, "Legacy.cs"));
    }

    private static async Task<Project> CreateProjectAsync(AdhocWorkspace workspace, params (string Name, string Source)[] documents)
    {
        var references = await TestReferences.Net10.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(),
            VersionStamp.Default,
            "Shop",
            "Shop",
            LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            metadataReferences: references.AddRange(TestReferences.Additional)));
        foreach (var (name, source) in documents)
        {
            project = project.AddDocument(name, SourceText.From(StripMarkup(source)), filePath: "/src/" + name).Project;
        }

        return project;
    }

    private static async Task<ImmutableArray<Diagnostic>> GetDiagnosticsAsync(Project project)
    {
        var compilation = (await project.GetCompilationAsync())!;
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var diagnostics = await compilation
            .WithAnalyzers([new AttributeKeyAnalyzer()])
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        return [.. diagnostics.OrderBy(d => d.Location.SourceTree!.FilePath, System.StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start)];
    }

    private static async Task<string> TextOf(Project project, string name) =>
        (await project.Documents.Single(d => d.Name == name).GetTextAsync()).ToString();

    private static string StripMarkup(string source) =>
        System.Text.RegularExpressions.Regex.Replace(source, @"\{\|TRC\d+:(.*?)\|\}", "$1");

    private sealed class FixedDiagnostics(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
        {
            var tree = await document.GetSyntaxTreeAsync(cancellationToken);
            return diagnostics.Where(d => d.Location.SourceTree?.FilePath == tree!.FilePath);
        }

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult(Enumerable.Empty<Diagnostic>());
    }
}

using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Instrumentation.CodeFixes.SpanNames;
using Instrumentation.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;

namespace Instrumentation.CodeFixes;

/// <summary>
/// TRC101 fix: the span name becomes its constant template (<c>$"GET /users/{userId}"</c> →
/// <c>"GET /users/{userId}"</c>) and every value taken out of it is recorded as a tag
/// (<c>activity?.SetTag("user_id", userId)</c>). Ids written in a constant become placeholders.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(HighCardinalitySpanNameCodeFixProvider))]
[Shared]
public sealed class HighCardinalitySpanNameCodeFixProvider : CodeFixProvider
{
    // One key for every TRC101 action: dotnet format applies Fix All for the key of the first fix it sees.
    internal const string EquivalenceKey = RuleIds.HighCardinalitySpanName;

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [RuleIds.HighCardinalitySpanName];

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => new DocumentFixAllProvider("Use constant span names and record their values as tags", EquivalenceKey, ApplyAsync);

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (SpanNameRewrite.Create(root, model, diagnostic, context.CancellationToken) is not { } rewrite)
            {
                continue;
            }

            var title = rewrite.ExtractsValues
                ? "Use a constant span name and record its values as tags"
                : "Replace the id in the span name with a placeholder";
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => ApplyAsync(context.Document, [diagnostic], ct), EquivalenceKey),
                diagnostic);
        }
    }

    // Every diagnostic is planned against the same original tree, then all edits are applied together, so
    // diagnostics whose fixes differ (or that have none) never block each other.
    private static async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        var rewrites = new List<SpanNameRewrite>();
        foreach (var diagnostic in diagnostics)
        {
            if (SpanNameRewrite.Create(root, model, diagnostic, cancellationToken) is { } rewrite)
            {
                rewrites.Add(rewrite);
            }
        }

        if (rewrites.Count == 0)
        {
            return document;
        }

        // Inner edits first, so a chained call is rebuilt around its already rewritten name.
        rewrites.Sort((a, b) => b.Name.SpanStart.CompareTo(a.Name.SpanStart));
        var editor = new SyntaxEditor(root, document.Project.Solution.Services);
        foreach (var rewrite in rewrites)
        {
            rewrite.Apply(editor);
        }

        return document.WithSyntaxRoot(editor.GetChangedRoot());
    }
}

using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Instrumentation.CodeFixes.SpanLifetime;
using Instrumentation.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Instrumentation.CodeFixes;

/// <summary>
/// TRC201 fix: the span is disposed by <c>using</c> so it ends on every path (<c>using var</c>, or a <c>using</c>
/// block where a declaration is not allowed). Offered only when the analyzer found the local is never handed over
/// or reassigned.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SpanNotEndedCodeFixProvider))]
[Shared]
public sealed class SpanNotEndedCodeFixProvider : CodeFixProvider
{
    // One key for every TRC201 action: dotnet format applies Fix All for the key of the first fix it sees.
    internal const string EquivalenceKey = RuleIds.SpanNotEnded;

    private const string Title = "End the span with 'using'";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [RuleIds.SpanNotEnded];

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => new DocumentFixAllProvider(Title, EquivalenceKey, ApplyAsync);

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (Rewrite(root, diagnostic) is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => ApplyAsync(context.Document, [diagnostic], ct), EquivalenceKey),
                diagnostic);
        }
    }

    /// <summary>
    /// Applies every fixable diagnostic in document order. Each start is found again (by annotation) in the tree the
    /// previous fixes produced, so fixes that move statements into a new block compose.
    /// </summary>
    private static async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var targets = new List<(SyntaxAnnotation Annotation, Diagnostic Diagnostic)>();
        var annotated = new Dictionary<InvocationExpressionSyntax, SyntaxAnnotation>();
        foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
        {
            if (!diagnostic.Properties.ContainsKey(SpanNotEndedAnalyzer.FixKey)
                || UsingRewriter.FindStart(root, diagnostic.Location.SourceSpan) is not { } start
                || annotated.ContainsKey(start))
            {
                continue;
            }

            var annotation = new SyntaxAnnotation(EquivalenceKey);
            annotated.Add(start, annotation);
            targets.Add((annotation, diagnostic));
        }

        root = root.ReplaceNodes(annotated.Keys, (original, rewritten) => rewritten.WithAdditionalAnnotations(annotated[original]));
        foreach (var (annotation, diagnostic) in targets)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (root.GetAnnotatedNodes(annotation).OfType<InvocationExpressionSyntax>().FirstOrDefault() is not { } start)
            {
                continue;
            }

            root = Rewrite(root, start, diagnostic) ?? root;
        }

        return document.WithSyntaxRoot(root);
    }

    private static SyntaxNode? Rewrite(SyntaxNode root, Diagnostic diagnostic) =>
        UsingRewriter.FindStart(root, diagnostic.Location.SourceSpan) is { } start ? Rewrite(root, start, diagnostic) : null;

    private static SyntaxNode? Rewrite(SyntaxNode root, InvocationExpressionSyntax start, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(SpanNotEndedAnalyzer.FixKey, out var fix) || fix is null)
        {
            return null;
        }

        diagnostic.Properties.TryGetValue(SpanNotEndedAnalyzer.NameKey, out var name);
        var depth = diagnostic.Properties.TryGetValue(SpanNotEndedAnalyzer.DepthKey, out var depthText)
            && int.TryParse(depthText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        return UsingRewriter.TryApply(root, start, fix, name, depth);
    }
}

using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Instrumentation.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Instrumentation.CodeFixes;

/// <summary>
/// TRC401 fix: stop recording the value — remove the <c>SetTag</c>/<c>AddTag</c>/<c>SetAttribute</c> statement, or the
/// <c>[Tag]</c> attribute. Offered only where that removes exactly the one recorded value (not for a key inside a tag
/// collection or passed to a helper).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SensitiveAttributeCodeFixProvider))]
[Shared]
public sealed class SensitiveAttributeCodeFixProvider : CodeFixProvider
{
    internal const string EquivalenceKey = RuleIds.SensitiveAttribute;

    private const string Title = "Stop recording this value";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [RuleIds.SensitiveAttribute];

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
            if (FindRemovable(root, diagnostic) is not null)
            {
                context.RegisterCodeFix(CodeAction.Create(Title, ct => ApplyAsync(context.Document, [diagnostic], ct), EquivalenceKey), diagnostic);
            }
        }
    }

    private static async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var nodes = new HashSet<SyntaxNode>();
        foreach (var diagnostic in diagnostics)
        {
            if (FindRemovable(root, diagnostic) is { } node)
            {
                nodes.Add(node);
            }
        }

        if (nodes.Count == 0)
        {
            return document;
        }

        // A list whose every attribute goes is removed as a whole (no empty [] left).
        var lists = nodes.OfType<AttributeSyntax>().GroupBy(a => (AttributeListSyntax)a.Parent!)
            .Where(g => g.Count() == g.Key.Attributes.Count).Select(g => g.Key).ToList();
        foreach (var list in lists)
        {
            nodes.ExceptWith(list.Attributes);
            nodes.Add(list);
        }

        var updated = root.RemoveNodes(nodes, SyntaxRemoveOptions.KeepNoTrivia | SyntaxRemoveOptions.KeepUnbalancedDirectives);
        return updated is null ? document : document.WithSyntaxRoot(updated);
    }

    /// <summary>The statement or attribute to remove for one diagnostic, or null when the analyzer offered no removal.</summary>
    private static SyntaxNode? FindRemovable(SyntaxNode root, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(AttributeKeyAnalyzer.RemovalProperty, out var removal))
        {
            return null;
        }

        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        return removal switch
        {
            nameof(SensitiveRemoval.Statement) => node.FirstAncestorOrSelf<ExpressionStatementSyntax>(),
            nameof(SensitiveRemoval.TagAttribute) => node.FirstAncestorOrSelf<AttributeSyntax>() is { Parent: AttributeListSyntax list } attribute && list.Attributes.Count == 1
                ? list
                : node.FirstAncestorOrSelf<AttributeSyntax>(),
            _ => null,
        };
    }
}

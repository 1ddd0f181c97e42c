using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Instrumentation.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Instrumentation.CodeFixes.AttributeKeys;

/// <summary>
/// Rewrites the string literal that holds an attribute key: the key argument itself, or the initializer of the const
/// field or local it names (which may live in another document). The analyzer records that literal as the
/// diagnostic's first additional location; no additional location means there is nothing a fix can rewrite.
/// </summary>
internal static class AttributeKeyRewriter
{
    /// <summary>The single key the analyzer computed for this diagnostic (successor, clear suggestion, normalized key).</summary>
    public static string? GetReplacement(Diagnostic diagnostic) =>
        diagnostic.AdditionalLocations.Count > 0
        && diagnostic.Properties.TryGetValue(AttributeKeyAnalyzer.ReplacementProperty, out var replacement)
        && !string.IsNullOrEmpty(replacement)
            ? replacement
            : null;

    /// <summary>TRC302 with several equally close keys: each of them, for the user to choose.</summary>
    public static ImmutableArray<string> GetSuggestions(Diagnostic diagnostic) =>
        diagnostic.AdditionalLocations.Count > 0
        && diagnostic.Properties.TryGetValue(AttributeKeyAnalyzer.SuggestionsProperty, out var suggestions)
        && !string.IsNullOrEmpty(suggestions)
            ? [.. suggestions!.Split(AttributeKeyAnalyzer.SuggestionSeparator)]
            : [];

    public static bool RewritesConstant(Diagnostic diagnostic) =>
        diagnostic.AdditionalLocations.Count > 0 && diagnostic.AdditionalLocations[0] != diagnostic.Location;

    /// <summary>Applies every (diagnostic, new key) pair; one literal shared by several diagnostics is rewritten once.</summary>
    public static async Task<Solution> RewriteAsync(Solution solution, IEnumerable<(Diagnostic Diagnostic, string NewKey)> rewrites, CancellationToken cancellationToken)
    {
        var changesByDocument = new Dictionary<DocumentId, Dictionary<TextSpan, string>>();
        foreach (var (diagnostic, newKey) in rewrites)
        {
            var target = diagnostic.AdditionalLocations.Count > 0 ? diagnostic.AdditionalLocations[0] : null;
            var tree = target?.SourceTree;
            if (tree is null || !diagnostic.Properties.TryGetValue(AttributeKeyAnalyzer.KeyProperty, out var key))
            {
                continue;
            }

            var document = solution.GetDocument(tree)
                ?? solution.GetDocumentIdsWithFilePath(tree.FilePath).Select(solution.GetDocument).FirstOrDefault(d => d is not null);
            if (document is null)
            {
                continue;
            }

            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || !root.FullSpan.Contains(target!.SourceSpan))
            {
                continue;
            }

            // The document may have changed since the diagnostic was computed: only rewrite the literal it names.
            if (root.FindNode(target.SourceSpan, getInnermostNodeForTie: true) is not LiteralExpressionSyntax literal
                || !literal.IsKind(SyntaxKind.StringLiteralExpression)
                || literal.Span != target.SourceSpan
                || literal.Token.ValueText != key)
            {
                continue;
            }

            if (!changesByDocument.TryGetValue(document.Id, out var changes))
            {
                changes = [];
                changesByDocument.Add(document.Id, changes);
            }

            if (!changes.ContainsKey(literal.Span))
            {
                changes.Add(literal.Span, SymbolDisplay.FormatLiteral(newKey, quote: true));
            }
        }

        foreach (var pair in changesByDocument)
        {
            var document = solution.GetDocument(pair.Key)!;
            var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            var changes = pair.Value.Select(change => new TextChange(change.Key, change.Value)).OrderBy(change => change.Span.Start);
            solution = solution.WithDocumentText(pair.Key, text.WithChanges(changes));
        }

        return solution;
    }
}

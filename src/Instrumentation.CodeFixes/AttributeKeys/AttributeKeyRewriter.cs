using System.Collections.Generic;
using System.IO;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Instrumentation.Generators.Analyzers;
using Instrumentation.Generators.Analyzers.AttributeKeys;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Text;

namespace Instrumentation.CodeFixes.AttributeKeys;

/// <summary>Where a fix writes the new key.</summary>
internal enum RewriteSite
{
    /// <summary>The literal that holds the key: at the use, in a helper that builds the tags, or the declaration of a variable whose every use is reported.</summary>
    Literal,

    /// <summary>The use only: the const or field that holds the key has other uses (compatibility paths, other APIs).</summary>
    Use,

    /// <summary>The use only: the const or field that holds the key is declared outside the project's folder (a file linked into several projects).</summary>
    UseOfSharedVariable,
}

/// <summary>
/// Rewrites an attribute key. The analyzer records the literal that holds the key as the diagnostic's first
/// additional location (no additional location: nothing a fix can rewrite) and, in <see cref="AttributeKeyAnalyzer.HolderProperty"/>,
/// whether that literal is at the use, in a variable's declaration, or in a helper. A variable's declaration is
/// rewritten only when every reference to the variable is a key reported with the same replacement; otherwise the
/// use alone is rewritten, so the other uses keep their meaning and the variable's name keeps telling the truth. A
/// variable declared outside the folder of the project being fixed (a file of constants linked into several projects)
/// is never rewritten: the use is. A use is rewritten to an existing constant of the compilation that holds the new key
/// (<c>SemanticConventions.AttributeDbQueryText</c>) when there is one, to a literal otherwise.
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

    public static bool IsHeldInVariable(Diagnostic diagnostic) =>
        diagnostic.Properties.TryGetValue(AttributeKeyAnalyzer.HolderProperty, out var holder) && holder == nameof(KeyHolder.Variable);

    /// <summary>Where the fix of <paramref name="diagnostic"/> writes <paramref name="newKey"/>.</summary>
    public static async Task<RewriteSite> ChooseSiteAsync(Solution solution, Diagnostic diagnostic, string newKey, CancellationToken cancellationToken)
    {
        if (!IsHeldInVariable(diagnostic))
        {
            return RewriteSite.Literal;
        }

        if (IsOutsideProjectFolder(solution, diagnostic))
        {
            return RewriteSite.UseOfSharedVariable;
        }

        return await EveryReferenceIsReportedAsync(solution, diagnostic, newKey, cancellationToken).ConfigureAwait(false)
            ? RewriteSite.Literal
            : RewriteSite.Use;
    }

    // The declaration's file is not under the folder of the project reporting the use (src/Shared/SemanticConventions.cs
    // linked into every instrumentation project): rewriting it would change the other projects too.
    private static bool IsOutsideProjectFolder(Solution solution, Diagnostic diagnostic)
    {
        var projectFile = GetDocument(solution, diagnostic.Location.SourceTree)?.Project.FilePath;
        var declarationFile = diagnostic.AdditionalLocations[0].SourceTree?.FilePath;
        if (string.IsNullOrEmpty(projectFile) || string.IsNullOrEmpty(declarationFile))
        {
            return false;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(projectFile)) + Path.DirectorySeparatorChar;
        return !Path.GetFullPath(declarationFile).StartsWith(folder, System.StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Applies every (diagnostic, new key) pair; one literal shared by several diagnostics is rewritten once.</summary>
    public static async Task<Solution> RewriteAsync(Solution solution, IEnumerable<(Diagnostic Diagnostic, string NewKey)> rewrites, CancellationToken cancellationToken)
    {
        var changesByDocument = new Dictionary<DocumentId, Dictionary<TextSpan, string>>();
        var siteByDeclaration = new Dictionary<Location, RewriteSite>();
        foreach (var (diagnostic, newKey) in rewrites)
        {
            if (diagnostic.AdditionalLocations.Count == 0 || !diagnostic.Properties.TryGetValue(AttributeKeyAnalyzer.KeyProperty, out var key) || key is null)
            {
                continue;
            }

            var declaration = diagnostic.AdditionalLocations[0];
            if (!siteByDeclaration.TryGetValue(declaration, out var site))
            {
                site = await ChooseSiteAsync(solution, diagnostic, newKey, cancellationToken).ConfigureAwait(false);
                siteByDeclaration.Add(declaration, site);
            }

            var change = site == RewriteSite.Literal
                ? await FindLiteralAsync(solution, declaration, key, cancellationToken).ConfigureAwait(false)
                : await FindUseAsync(solution, diagnostic.Location, cancellationToken).ConfigureAwait(false);
            if (change is not { } found)
            {
                continue;
            }

            var newText = site == RewriteSite.Literal
                ? SymbolDisplay.FormatLiteral(newKey, quote: true)
                : await FindConstantAsync(solution, diagnostic.Location, newKey, cancellationToken).ConfigureAwait(false)
                    ?? SymbolDisplay.FormatLiteral(newKey, quote: true);

            if (!changesByDocument.TryGetValue(found.Document, out var changes))
            {
                changes = [];
                changesByDocument.Add(found.Document, changes);
            }

            if (!changes.ContainsKey(found.Span))
            {
                changes.Add(found.Span, newText);
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

    private static Document? GetDocument(Solution solution, SyntaxTree? tree) =>
        tree is null
            ? null
            : solution.GetDocument(tree)
                ?? solution.GetDocumentIdsWithFilePath(tree.FilePath).Select(solution.GetDocument).FirstOrDefault(d => d is not null);

    // The document may have changed since the diagnostic was computed: only rewrite the literal it names.
    private static async Task<(DocumentId Document, TextSpan Span)?> FindLiteralAsync(Solution solution, Location target, string key, CancellationToken cancellationToken)
    {
        var document = GetDocument(solution, target.SourceTree);
        var root = document is null ? null : await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null
            || !root.FullSpan.Contains(target.SourceSpan)
            || root.FindNode(target.SourceSpan, getInnermostNodeForTie: true) is not LiteralExpressionSyntax literal
            || !literal.IsKind(SyntaxKind.StringLiteralExpression)
            || literal.Span != target.SourceSpan
            || literal.Token.ValueText != key)
        {
            return null;
        }

        return (document!.Id, literal.Span);
    }

    // The reference to the variable (Keys.HttpMethod, key) where the diagnostic is reported.
    private static async Task<(DocumentId Document, TextSpan Span)?> FindUseAsync(Solution solution, Location use, CancellationToken cancellationToken)
    {
        var document = GetDocument(solution, use.SourceTree);
        var root = document is null ? null : await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null
            || !root.FullSpan.Contains(use.SourceSpan)
            || root.FindNode(use.SourceSpan, getInnermostNodeForTie: true) is not { } expression
            || expression is not (IdentifierNameSyntax or MemberAccessExpressionSyntax)
            || expression.Span != use.SourceSpan)
        {
            return null;
        }

        return (document!.Id, expression.Span);
    }

    /// <summary>
    /// A constant of the compilation that holds <paramref name="newKey"/> and can be named at <paramref name="use"/>
    /// (<c>SemanticConventions.AttributeDbQueryText</c>), written as the use site names it; null when there is none.
    /// Constants of the type that holds the old key come first, then the others in name order.
    /// </summary>
    public static async Task<string?> FindConstantAsync(Solution solution, Location use, string newKey, CancellationToken cancellationToken)
    {
        var document = GetDocument(solution, use.SourceTree);
        if (document is null
            || await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not { } root
            || await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) is not { } model
            || !root.FullSpan.Contains(use.SourceSpan))
        {
            return null;
        }

        var position = use.SourceSpan.Start;
        var node = root.FindNode(use.SourceSpan, getInnermostNodeForTie: true);
        var oldType = (model.GetSymbolInfo(node, cancellationToken).Symbol as IFieldSymbol)?.ContainingType;

        bool Holds(ISymbol symbol) =>
            symbol is IFieldSymbol { IsConst: true, ConstantValue: string value } field
            && value == newKey
            && field.Locations.Any(location => location.IsInSource)
            && model.IsAccessible(position, field);

        var field = oldType?.GetMembers().FirstOrDefault(Holds) as IFieldSymbol
            ?? model.Compilation.GetSymbolsWithName(_ => true, SymbolFilter.Member, cancellationToken)
                .Where(Holds)
                .Cast<IFieldSymbol>()
                .OrderBy(f => f.ContainingType.ToDisplayString(), System.StringComparer.Ordinal)
                .ThenBy(f => f.Name, System.StringComparer.Ordinal)
                .FirstOrDefault();

        return field is null ? null : field.ContainingType.ToMinimalDisplayString(model, position) + "." + field.Name;
    }

    private static async Task<bool> EveryReferenceIsReportedAsync(Solution solution, Diagnostic diagnostic, string newKey, CancellationToken cancellationToken)
    {
        var declaration = diagnostic.AdditionalLocations[0];
        var document = GetDocument(solution, declaration.SourceTree);
        if (document is null
            || await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not { } root
            || await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) is not { } model
            || root.FindNode(declaration.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<VariableDeclaratorSyntax>() is not { } declarator
            || model.GetDeclaredSymbol(declarator, cancellationToken) is not { } symbol)
        {
            return false;
        }

        var references = (await SymbolFinder.FindReferencesAsync(symbol, solution, cancellationToken).ConfigureAwait(false))
            .SelectMany(reference => reference.Locations)
            .Where(location => !location.IsImplicit)
            .ToList();
        foreach (var group in references.GroupBy(location => location.Document.Id))
        {
            var referencing = group.First().Document;
            var compilation = await referencing.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
            var referencingModel = await referencing.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (compilation is null || referencingModel is null)
            {
                return false;
            }

            var reported = await compilation
                .WithAnalyzers([new AttributeKeyAnalyzer()], referencing.Project.AnalyzerOptions)
                .GetAnalyzerSemanticDiagnosticsAsync(referencingModel, filterSpan: null, cancellationToken)
                .ConfigureAwait(false);
            foreach (var location in group)
            {
                var span = location.Location.SourceSpan;
                if (!reported.Any(d => d.Location.SourceSpan.Contains(span)
                    && d.Properties.TryGetValue(AttributeKeyAnalyzer.ReplacementProperty, out var replacement)
                    && replacement == newKey))
                {
                    return false;
                }
            }
        }

        return true;
    }
}

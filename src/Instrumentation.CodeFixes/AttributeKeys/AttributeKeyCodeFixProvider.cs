using System.Collections.Immutable;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Instrumentation.CodeFixes.AttributeKeys;

/// <summary>
/// The shared shape of the TRC301/TRC302/TRC303 fixes: rewrite the key (the literal, the variable that holds it, or
/// the use when that variable has other uses) to the replacement the analyzer computed. A diagnostic with one
/// replacement gets one action under the rule's own equivalence key, which is what Fix All and <c>dotnet format</c>
/// apply; a diagnostic with several equally good keys gets one action per key, under keys of their own, for the user
/// to choose. A diagnostic without a replacement gets no action at all.
/// </summary>
public abstract class AttributeKeyCodeFixProvider : CodeFixProvider
{
    private readonly string _ruleId;
    private readonly string _fixAllTitle;

    /// <summary>Creates the fix of <paramref name="ruleId"/>.</summary>
    /// <param name="ruleId">The diagnostic fixed.</param>
    /// <param name="fixAllTitle">Title of the Fix All action.</param>
    protected AttributeKeyCodeFixProvider(string ruleId, string fixAllTitle)
    {
        _ruleId = ruleId;
        _fixAllTitle = fixAllTitle;
        FixableDiagnosticIds = [ruleId];
    }

    /// <inheritdoc/>
    public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

    /// <inheritdoc/>
    public sealed override FixAllProvider GetFixAllProvider() => new AttributeKeyFixAllProvider(_ruleId, _fixAllTitle);

    /// <inheritdoc/>
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var solution = context.Document.Project.Solution;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (diagnostic.Id != _ruleId)
            {
                continue;
            }

            if (AttributeKeyRewriter.GetReplacement(diagnostic) is { } replacement)
            {
                var site = await AttributeKeyRewriter.ChooseSiteAsync(solution, diagnostic, replacement, context.CancellationToken).ConfigureAwait(false);
                Register(context, solution, diagnostic, replacement, Title(diagnostic, replacement, site), _ruleId);
                continue;
            }

            // No single replacement: either none (e.g. a context-dependent deprecation) or several equally close keys.
            foreach (var suggestion in AttributeKeyRewriter.GetSuggestions(diagnostic))
            {
                Register(context, solution, diagnostic, suggestion, $"Use '{suggestion}'", _ruleId + ":" + suggestion);
            }
        }
    }

    /// <summary>The title of the action that applies <paramref name="replacement"/>.</summary>
    /// <param name="diagnostic">The diagnostic fixed.</param>
    /// <param name="replacement">The new key.</param>
    /// <param name="site">Where the key is rewritten.</param>
    /// <returns>A short imperative title.</returns>
    private protected virtual string Title(Diagnostic diagnostic, string replacement, RewriteSite site) =>
        site switch
        {
            RewriteSite.Use => $"Use '{replacement}' here (the variable holding the key has other uses)",
            RewriteSite.UseOfSharedVariable => $"Use '{replacement}' here (the variable holding the key is declared outside this project)",
            _ => AttributeKeyRewriter.IsHeldInVariable(diagnostic) ? $"Change the variable's value to '{replacement}'" : $"Use '{replacement}'",
        };

    private static void Register(CodeFixContext context, Solution solution, Diagnostic diagnostic, string key, string title, string equivalenceKey) =>
        context.RegisterCodeFix(
            CodeAction.Create(
                title,
                cancellationToken => AttributeKeyRewriter.RewriteAsync(solution, [(diagnostic, key)], cancellationToken),
                equivalenceKey),
            diagnostic);
}

using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Instrumentation.CodeFixes.AttributeKeys;

/// <summary>
/// Fix All for TRC301/TRC302/TRC303. Each diagnostic carries its own replacement, so one run fixes every fixable
/// diagnostic of the rule in the scope, whatever the replacements are and whichever equivalence key started it:
/// <c>dotnet format</c> passes the key of the first diagnostic's first fix, or none when that diagnostic has no fix
/// (a context-dependent deprecation). Diagnostics without an automatic replacement are left alone; when no diagnostic
/// in scope has one, the action changes nothing (it is never null). A key of the form
/// <c>RULE:choice</c> (TRC302 with several equally close keys) also applies that choice wherever it is one of the options.
/// </summary>
internal sealed class AttributeKeyFixAllProvider(string diagnosticId, string title) : FixAllProvider
{
    public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() =>
        [FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution];

    public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
    {
        var diagnostics = new List<Diagnostic>();
        switch (fixAllContext.Scope)
        {
            case FixAllScope.Document when fixAllContext.Document is not null:
                diagnostics.AddRange(await fixAllContext.GetDocumentDiagnosticsAsync(fixAllContext.Document).ConfigureAwait(false));
                break;
            case FixAllScope.Project:
                diagnostics.AddRange(await fixAllContext.GetAllDiagnosticsAsync(fixAllContext.Project).ConfigureAwait(false));
                break;
            case FixAllScope.Solution:
                foreach (var project in fixAllContext.Solution.Projects)
                {
                    diagnostics.AddRange(await fixAllContext.GetAllDiagnosticsAsync(project).ConfigureAwait(false));
                }

                break;
            default:
                return null;
        }

        var chosen = ChosenSuggestion(fixAllContext.CodeActionEquivalenceKey);
        var rewrites = new List<(Diagnostic, string)>();
        foreach (var diagnostic in diagnostics)
        {
            if (diagnostic.Id != diagnosticId)
            {
                continue;
            }

            var replacement = AttributeKeyRewriter.GetReplacement(diagnostic)
                ?? (chosen is not null && AttributeKeyRewriter.GetSuggestions(diagnostic).Contains(chosen) ? chosen : null);
            if (replacement is not null)
            {
                rewrites.Add((diagnostic, replacement));
            }
        }

        // Nothing fixable in scope (every diagnostic is context-dependent, in a compatibility branch, or held in metadata):
        // an action that changes nothing, never null. dotnet format asks for a Fix All whenever the rule is reported and
        // prints "didn't return a Fix All action" for null, which reads like a failure of the tool.
        var solution = fixAllContext.Solution;
        if (rewrites.Count == 0)
        {
            return CodeAction.Create(title, _ => Task.FromResult(solution), fixAllContext.CodeActionEquivalenceKey ?? diagnosticId);
        }

        return CodeAction.Create(
            title,
            cancellationToken => AttributeKeyRewriter.RewriteAsync(solution, rewrites, cancellationToken),
            fixAllContext.CodeActionEquivalenceKey ?? diagnosticId);
    }

    private string? ChosenSuggestion(string? equivalenceKey) =>
        equivalenceKey is not null && equivalenceKey.StartsWith(diagnosticId + ":", System.StringComparison.Ordinal)
            ? equivalenceKey.Substring(diagnosticId.Length + 1)
            : null;
}

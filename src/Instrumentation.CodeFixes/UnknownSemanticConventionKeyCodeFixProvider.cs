using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Instrumentation.CodeFixes.AttributeKeys;
using Instrumentation.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Instrumentation.CodeFixes;

/// <summary>TRC302: replaces an unknown key of a semantic-convention namespace with the closest defined key.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnknownSemanticConventionKeyCodeFixProvider)), Shared]
public sealed class UnknownSemanticConventionKeyCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [RuleIds.UnknownSemanticConventionKey];

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() =>
        new AttributeKeyFixAllProvider(RuleIds.UnknownSemanticConventionKey, "Use the closest defined attribute keys");

    /// <inheritdoc/>
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var solution = context.Document.Project.Solution;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (diagnostic.Id != RuleIds.UnknownSemanticConventionKey)
            {
                continue;
            }

            if (AttributeKeyRewriter.GetReplacement(diagnostic) is { } replacement)
            {
                Register(context, solution, diagnostic, replacement, RuleIds.UnknownSemanticConventionKey);
                continue;
            }

            // Several keys are equally close: offer each, none of them applied by a plain Fix All.
            foreach (var suggestion in AttributeKeyRewriter.GetSuggestions(diagnostic))
            {
                Register(context, solution, diagnostic, suggestion, RuleIds.UnknownSemanticConventionKey + ":" + suggestion);
            }
        }

        return Task.CompletedTask;
    }

    private static void Register(CodeFixContext context, Solution solution, Diagnostic diagnostic, string key, string equivalenceKey) =>
        context.RegisterCodeFix(
            CodeAction.Create(
                $"Use '{key}'",
                cancellationToken => AttributeKeyRewriter.RewriteAsync(solution, [(diagnostic, key)], cancellationToken),
                equivalenceKey),
            diagnostic);
}

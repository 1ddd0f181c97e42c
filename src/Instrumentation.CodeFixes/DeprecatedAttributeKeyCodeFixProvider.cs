using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Instrumentation.CodeFixes.AttributeKeys;
using Instrumentation.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Instrumentation.CodeFixes;

/// <summary>TRC301: replaces a deprecated attribute key with its successor (in the literal or the const that holds it).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DeprecatedAttributeKeyCodeFixProvider)), Shared]
public sealed class DeprecatedAttributeKeyCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [RuleIds.DeprecatedAttributeKey];

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() =>
        new AttributeKeyFixAllProvider(RuleIds.DeprecatedAttributeKey, "Replace deprecated attribute keys");

    /// <inheritdoc/>
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            // Context-dependent deprecations (net.peer.name, http.target) carry no replacement: no fix to offer.
            if (diagnostic.Id != RuleIds.DeprecatedAttributeKey || AttributeKeyRewriter.GetReplacement(diagnostic) is not { } replacement)
            {
                continue;
            }

            var solution = context.Document.Project.Solution;
            context.RegisterCodeFix(
                CodeAction.Create(
                    AttributeKeyRewriter.RewritesConstant(diagnostic) ? $"Change the constant to '{replacement}'" : $"Use '{replacement}'",
                    cancellationToken => AttributeKeyRewriter.RewriteAsync(solution, [(diagnostic, replacement)], cancellationToken),
                    RuleIds.DeprecatedAttributeKey),
                diagnostic);
        }

        return Task.CompletedTask;
    }
}

using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Instrumentation.CodeFixes.AttributeKeys;
using Instrumentation.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Instrumentation.CodeFixes;

/// <summary>TRC303: rewrites a key that breaks the naming rules (or misuses the reserved <c>otel.</c> prefix) to its normalized form.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MalformedAttributeKeyCodeFixProvider)), Shared]
public sealed class MalformedAttributeKeyCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [RuleIds.MalformedAttributeKey];

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() =>
        new AttributeKeyFixAllProvider(RuleIds.MalformedAttributeKey, "Normalize attribute keys");

    /// <inheritdoc/>
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (diagnostic.Id != RuleIds.MalformedAttributeKey || AttributeKeyRewriter.GetReplacement(diagnostic) is not { } replacement)
            {
                continue;
            }

            var solution = context.Document.Project.Solution;
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Rename the key to '{replacement}'",
                    cancellationToken => AttributeKeyRewriter.RewriteAsync(solution, [(diagnostic, replacement)], cancellationToken),
                    RuleIds.MalformedAttributeKey),
                diagnostic);
        }

        return Task.CompletedTask;
    }
}

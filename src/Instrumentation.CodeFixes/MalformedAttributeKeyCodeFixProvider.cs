using System.Composition;
using Instrumentation.CodeFixes.AttributeKeys;
using Instrumentation.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Instrumentation.CodeFixes;

/// <summary>TRC303: rewrites a key that breaks the naming rules (or misuses the reserved <c>otel.</c> prefix) to its normalized form.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MalformedAttributeKeyCodeFixProvider)), Shared]
public sealed class MalformedAttributeKeyCodeFixProvider() : AttributeKeyCodeFixProvider(RuleIds.MalformedAttributeKey, "Normalize attribute keys")
{
    /// <inheritdoc/>
    private protected override string Title(Diagnostic diagnostic, string replacement, RewriteSite site) =>
        site != RewriteSite.Literal ? base.Title(diagnostic, replacement, site) : $"Rename the key to '{replacement}'";
}

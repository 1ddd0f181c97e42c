using System.Composition;
using Instrumentation.CodeFixes.AttributeKeys;
using Instrumentation.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Instrumentation.CodeFixes;

/// <summary>
/// TRC301: replaces a deprecated attribute key with its successor (in the literal or the const that holds it).
/// Context-dependent deprecations (<c>net.peer.name</c>, <c>http.target</c>) carry no replacement: no fix is offered.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DeprecatedAttributeKeyCodeFixProvider)), Shared]
public sealed class DeprecatedAttributeKeyCodeFixProvider() : AttributeKeyCodeFixProvider(RuleIds.DeprecatedAttributeKey, "Replace deprecated attribute keys")
{
    /// <inheritdoc/>
    protected override string Title(Diagnostic diagnostic, string replacement) =>
        AttributeKeyRewriter.RewritesConstant(diagnostic) ? $"Change the constant to '{replacement}'" : $"Use '{replacement}'";
}

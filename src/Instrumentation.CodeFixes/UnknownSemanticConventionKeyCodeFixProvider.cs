using System.Composition;
using Instrumentation.CodeFixes.AttributeKeys;
using Instrumentation.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Instrumentation.CodeFixes;

/// <summary>
/// TRC302: replaces an unknown key in a semantic-convention namespace with the closest defined key. When several keys
/// are equally close, each is offered and none is applied by Fix All.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnknownSemanticConventionKeyCodeFixProvider)), Shared]
public sealed class UnknownSemanticConventionKeyCodeFixProvider() : AttributeKeyCodeFixProvider(RuleIds.UnknownSemanticConventionKey, "Use the closest defined attribute keys");

using System.Composition;
using Instrumentation.CodeFixes.AttributeKeys;
using Instrumentation.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Instrumentation.CodeFixes;

/// <summary>
/// TRC301: replaces a deprecated attribute key with its successor (in the literal, in the variable that holds it when
/// every use of that variable is reported, otherwise at the use). Context-dependent deprecations (<c>net.peer.name</c>,
/// <c>http.target</c>) and keys written in a compatibility branch carry no replacement: no fix is offered.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DeprecatedAttributeKeyCodeFixProvider)), Shared]
public sealed class DeprecatedAttributeKeyCodeFixProvider() : AttributeKeyCodeFixProvider(RuleIds.DeprecatedAttributeKey, "Replace deprecated attribute keys");

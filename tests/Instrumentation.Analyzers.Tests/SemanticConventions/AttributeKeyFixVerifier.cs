using System.Threading;
using System.Threading.Tasks;
using Instrumentation.Analyzers.Tests.Verifiers;
using Instrumentation.Generators.Analyzers;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Testing;

namespace Instrumentation.Analyzers.Tests.SemanticConventions;

/// <summary>
/// Runs <see cref="AttributeKeyAnalyzer"/> with one of its fixes. Markup in the fixed code is honoured even for the
/// fixable rule, because TRC301/TRC302 leave diagnostics without an automatic fix (context-dependent deprecations,
/// ambiguous typos) in place.
/// </summary>
internal static class AttributeKeyFixVerifier<TCodeFix>
    where TCodeFix : CodeFixProvider, new()
{
    public static DiagnosticResult Diagnostic(string id) => CodeFixVerifier<AttributeKeyAnalyzer, TCodeFix>.Diagnostic(id);

    public static CodeFixVerifier<AttributeKeyAnalyzer, TCodeFix>.Test Create(string source, string fixedSource)
    {
        var test = new CodeFixVerifier<AttributeKeyAnalyzer, TCodeFix>.Test { TestCode = source, FixedCode = fixedSource };
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        return test;
    }

    public static Task VerifyCodeFixAsync(string source, string fixedSource, params DiagnosticResult[] expected)
    {
        var test = Create(source, fixedSource);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>No fix is offered: the source is expected unchanged, with its diagnostics still there.</summary>
    public static Task VerifyNoFixAsync(string source, params DiagnosticResult[] expected) =>
        VerifyCodeFixAsync(source, source, expected);
}

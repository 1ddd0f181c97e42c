using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Instrumentation.Analyzers.Tests.Verifiers;

/// <summary>Runs one analyzer over C# sources and compares its diagnostics with the <c>{|TRCnnn:…|}</c> markup.</summary>
internal static class AnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static DiagnosticResult Diagnostic(string id) => new(id, Microsoft.CodeAnalysis.DiagnosticSeverity.Warning);

    public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    public sealed class Test : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = TestReferences.Net10;
            TestState.AdditionalReferences.AddRange(TestReferences.Additional);
        }

        /// <summary>The <c>InterceptorsNamespaces</c> compiler feature (what the MSBuild property of that name passes), or null for none.</summary>
        public string? InterceptorsNamespaces { get; init; }

        protected override Microsoft.CodeAnalysis.ParseOptions CreateParseOptions()
        {
            var options = (Microsoft.CodeAnalysis.CSharp.CSharpParseOptions)base.CreateParseOptions();
            return InterceptorsNamespaces is null ? options : options.WithFeatures([new("InterceptorsNamespaces", InterceptorsNamespaces)]);
        }
    }
}

/// <summary>Runs an analyzer and its code fix; checks the fixed source and that Fix All produces the same.</summary>
internal static class CodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static DiagnosticResult Diagnostic(string id) => new(id, Microsoft.CodeAnalysis.DiagnosticSeverity.Warning);

    public static Task VerifyCodeFixAsync(string source, string fixedSource, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = source, FixedCode = fixedSource };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    public sealed class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = TestReferences.Net10;
            TestState.AdditionalReferences.AddRange(TestReferences.Additional);
            FixedState.AdditionalReferences.AddRange(TestReferences.Additional);
        }
    }
}

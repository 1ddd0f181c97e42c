using System.Collections.Immutable;
using System.Threading.Tasks;
using Instrumentation.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace Instrumentation.Analyzers.Tests;

public class VerifierSmokeTests
{
    [Fact]
    public Task Test_harness_compiles_against_net10_instrumentation_and_opentelemetry_api() =>
        AnalyzerVerifier<NoOpAnalyzer>.VerifyAnalyzerAsync("""
            using System.Diagnostics;
            using Instrumentation;
            using OpenTelemetry.Trace;

            class C
            {
                [Traced] void M(Tracer tracer) { using var span = tracer.StartActiveSpan("x"); }
            }
            """);

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class NoOpAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [];

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
        }
    }
}

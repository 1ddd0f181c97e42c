using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Instrumentation.Benchmarks.Synthetic;
using Instrumentation.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Instrumentation.Generators.Benchmarks;

/// <summary>
/// <c>analyzers [methods] [files]</c>: each package analyzer's execution time on the synthetic library (Traced and
/// NoTraced variants), as the compiler's analyzer driver measures it (<c>ReportAnalyzer</c> reports the same), run
/// concurrently like a build; the least of five runs. For comparing two versions on the same machine and day; figures
/// to quote come from <c>eng/perf/build-cost.sh</c>.
/// </summary>
internal static class AnalyzerCost
{
    private const int Runs = 5;

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static void Print(int methods, int files)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path) is { } name && (name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard.dll" or "mscorlib.dll"))
            .Append(typeof(TracedAttribute).Assembly.Location)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray();
        ImmutableArray<DiagnosticAnalyzer> analyzers = typeof(TracedTargetAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), false).Length > 0)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .OrderBy(a => a.GetType().Name, StringComparer.Ordinal)
            .ToImmutableArray();

        foreach (var variant in new[] { SyntheticVariant.Traced, SyntheticVariant.NoTraced })
        {
            var sources = SyntheticProject.Sources(new SyntheticOptions(Methods: methods, Files: files, Variant: variant));
            var best = new Dictionary<string, double>();
            for (var run = 0; run < Runs; run++)
            {
                var compilation = CSharpCompilation.Create(
                    SyntheticProject.AssemblyName,
                    sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, "/synthetic/" + s.Path)),
                    references,
                    new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
                var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
                    new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: true));
                _ = withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
                foreach (var analyzer in analyzers)
                {
                    var seconds = withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).GetAwaiter().GetResult().ExecutionTime.TotalSeconds;
                    var name = analyzer.GetType().Name;
                    best[name] = best.TryGetValue(name, out var earlier) ? Math.Min(earlier, seconds) : seconds;
                }
            }

            Console.WriteLine($"{variant}: {methods} methods in {files} files, least of {Runs} runs");
            foreach (var (name, seconds) in best.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                Console.WriteLine($"  {name,-36} {seconds * 1000,8:F0} ms");
            }
        }
    }
}

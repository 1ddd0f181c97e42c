using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Instrumentation.Benchmarks.Synthetic;
using Instrumentation.Generators.Tracing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Instrumentation.Generators.Benchmarks;

/// <summary>
/// <c>emit [methods] [files]</c>: what compiling the generated code costs the compiler, apart from the generator. The
/// synthetic library is compiled (declaration diagnostics, method bodies, IL) without the generated files, with them,
/// and with them but without their <c>[InterceptsLocation]</c> attributes (interceptors that intercept nothing), on one
/// thread; each figure is the least processor time of five compilations. Meant for comparing two shapes of the
/// generated code on the same machine and day (the differences, not the absolute times, are what it shows); figures to
/// quote come from <c>eng/perf/build-cost.sh</c>.
/// </summary>
/// <remarks>
/// <c>compile-dir DIR...</c> compiles every <c>.cs</c> file of each folder the same way, for trying a hand-written shape
/// of generated code; <c>emit</c> writes its inputs to such folders when the environment variable <c>EMIT_DUMP</c>
/// names a folder.
/// </remarks>
internal static class EmitCost
{
    private const int Runs = 5;

    private static readonly CSharpParseOptions ParseOptions = new CSharpParseOptions(LanguageVersion.Latest)
        .WithFeatures([new("InterceptorsNamespaces", "Instrumentation.Generated")]);

    private static readonly Lazy<MetadataReference[]> References = new(() => ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
        .Split(Path.PathSeparator)
        .Where(path => Path.GetFileName(path) is { } name && (name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard.dll" or "mscorlib.dll"))
        .Append(typeof(TracedAttribute).Assembly.Location)
        .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
        .ToArray());

    public static void Print(int methods, int files)
    {
        var sources = SyntheticProject.Sources(new SyntheticOptions(Methods: methods, Files: files, Variant: SyntheticVariant.Traced));
        CSharpGeneratorDriver.Create([new TracedGenerator().AsSourceGenerator()], parseOptions: ParseOptions)
            .RunGeneratorsAndUpdateCompilation(Compile(sources.Select(s => ("/synthetic/" + s.Path, s.Text))), out var output, out _);
        var generated = output.SyntaxTrees.Skip(sources.Count).Select(t => (t.FilePath, Text: t.GetText().ToString())).ToArray();
        Console.WriteLine($"{methods} methods in {files} files; generated: {generated.Length} files, {generated.Sum(g => g.Text.Length) / 1024} KiB, {generated.Sum(g => g.Text.Count(c => c == '\n'))} lines");

        var variants = new (string Name, Func<string, string>? Transform)[]
        {
            ("without generated code", null),
            ("with generated code", text => text),
            ("with it, intercepting nothing", text => Regex.Replace(text, @"^\s*\[InterceptsLocation\(.*\n", string.Empty, RegexOptions.Multiline)),
        };
        // Warm-up: the compiler's own code is JIT-compiled and tiered up before anything is measured.
        Measure(sources.Select(s => ("/synthetic/" + s.Path, s.Text)).Concat(generated).ToArray());
        foreach (var (name, transform) in variants)
        {
            var trees = sources.Select(s => ("/synthetic/" + s.Path, s.Text))
                .Concat(transform is null ? [] : generated.Select(g => (g.FilePath, transform(g.Text))))
                .ToArray();
            if (Environment.GetEnvironmentVariable("EMIT_DUMP") is { Length: > 0 } dump)
            {
                var folder = Path.Combine(dump, name.Replace(' ', '-').Replace(",", string.Empty, StringComparison.Ordinal));
                Directory.CreateDirectory(folder);
                foreach (var (tree, index) in trees.Select((tree, index) => (tree, index)))
                {
                    File.WriteAllText(Path.Combine(folder, $"{index:D4}.cs"), tree.Item2);
                }
            }

            Console.WriteLine($"  {name,-30} {Measure(trees),6:F2} s");
        }
    }

    public static void CompileDirectory(string directory) =>
        Console.WriteLine($"{directory}: {Measure(Directory.GetFiles(directory, "*.cs").Select(f => (f, File.ReadAllText(f))).ToArray()):F2} s");

    /// <summary>The least processor time of <see cref="Runs"/> single-threaded compilations (parse excluded).</summary>
    private static double Measure(IReadOnlyList<(string Path, string Text)> files)
    {
        var best = double.MaxValue;
        for (var run = 0; run < Runs; run++)
        {
            var compilation = Compile(files);
            var before = Process.GetCurrentProcess().TotalProcessorTime;
            using var stream = new MemoryStream();
            var result = compilation.Emit(stream);
            best = Math.Min(best, (Process.GetCurrentProcess().TotalProcessorTime - before).TotalSeconds);
            if (!result.Success)
            {
                throw new InvalidOperationException("The compilation failed: " + string.Join("; ", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5)));
            }
        }

        return best;
    }

    private static CSharpCompilation Compile(IEnumerable<(string Path, string Text)> files) => CSharpCompilation.Create(
        SyntheticProject.AssemblyName,
        files.Select(f => CSharpSyntaxTree.ParseText(f.Text, ParseOptions, f.Path)),
        References.Value,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, optimizationLevel: OptimizationLevel.Release, concurrentBuild: false));
}

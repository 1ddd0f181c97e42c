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

    /// <summary>
    /// Runs the generator over every <c>.cs</c> file under a folder (a real project's sources, <c>bin</c>/<c>obj</c> left
    /// out), with a new driver each run, and prints each run's wall and processor time: the first run of the process
    /// includes loading and JIT-compiling the generator, the later ones are its work alone. <paramref name="defines"/>
    /// are the project's preprocessor symbols (';'-separated).
    /// </summary>
    public static void RunGeneratorOnDirectory(string directory, string defines, int runs)
    {
        var separator = Path.DirectorySeparatorChar;
        var files = Directory.GetFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{separator}obj{separator}", StringComparison.Ordinal) && !f.Contains($"{separator}bin{separator}", StringComparison.Ordinal))
            .Select(f => (f, File.ReadAllText(f)))
            .ToArray();
        var options = ParseOptions.WithPreprocessorSymbols(defines.Split(';', StringSplitOptions.RemoveEmptyEntries));
        // Parsed again for each run: the generator keeps per-tree results, which a new build never has.
        CSharpCompilation Create() => CSharpCompilation.Create(
            "RealProject",
            files.Select(f => CSharpSyntaxTree.ParseText(f.Item2, options, f.f)),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));
        Console.WriteLine($"{directory}: {files.Length} files, {Create().GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error)} compile errors before generation (missing references only change what binds)");
        if (Environment.GetEnvironmentVariable("WARM_DRIVER") == "1")
        {
            // The driver's own first-run cost, paid by whichever generator runs first (in a build, the SDK's own).
            var warm = Stopwatch.StartNew();
            CSharpGeneratorDriver.Create([new TrivialGenerator().AsSourceGenerator()], parseOptions: options).RunGenerators(Create());
            Console.WriteLine($"  a trivial generator first: {warm.Elapsed.TotalMilliseconds:F1} ms wall");
        }

        for (var run = 1; run <= runs; run++)
        {
            var compilation = Create();
            if (Environment.GetEnvironmentVariable("WARM_SYMBOLS") == "1")
            {
                // What the compiler computes anyway, whoever asks first: the merged declarations and the references' symbols.
                _ = compilation.GetTypesByMetadataName("Instrumentation.TracedAttribute");
            }

            GeneratorDriver driver = CSharpGeneratorDriver.Create([new TracedGenerator().AsSourceGenerator()], parseOptions: options);
            var wall = Stopwatch.StartNew();
            var before = Process.GetCurrentProcess().TotalProcessorTime;
            driver = driver.RunGenerators(compilation);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - before;
            var generated = driver.GetRunResult().GeneratedTrees.Length;
            Console.WriteLine($"  run {run}: {wall.Elapsed.TotalMilliseconds:F1} ms wall, {cpu.TotalMilliseconds:F1} ms processor, {generated} files generated");
        }
    }

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

/// <summary>A generator that does next to nothing through the same kinds of pipeline steps, to tell the driver's first-run cost from ours.</summary>
internal sealed class TrivialGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var names = context.CompilationProvider.Select(static (c, _) => c.AssemblyName ?? string.Empty);
        var many = context.CompilationProvider.SelectMany(static (c, _) => c.SyntaxTrees.Select(t => t.FilePath)).Collect();
        context.RegisterSourceOutput(names.Combine(many), static (_, _) => { });
    }
}

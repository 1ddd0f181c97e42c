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

internal static class EmitCost
{
    private static readonly CSharpParseOptions ParseOptions = new CSharpParseOptions(LanguageVersion.Latest)
        .WithFeatures([new("InterceptorsNamespaces", "Instrumentation.Generated")]);

    public static void CompileDirectory(string directory)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path) is { } name && (name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard.dll" or "mscorlib.dll"))
            .Append(typeof(TracedAttribute).Assembly.Location)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray();
        var best = double.MaxValue;
        for (var run = 0; run < 5; run++)
        {
            var trees = Directory.GetFiles(directory, "*.cs").Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), ParseOptions, path: f)).ToArray();
            var compilation = CSharpCompilation.Create("X", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, optimizationLevel: OptimizationLevel.Release, concurrentBuild: false));
            var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            using var stream = new MemoryStream();
            var result = compilation.Emit(stream);
            var used = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            best = Math.Min(best, used);
            if (result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                Console.WriteLine(string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5)));
                return;
            }
        }

        Console.WriteLine($"{directory}: min cpu {best:F2} s");
    }

    private static string Alias(string text) => !text.Contains("file sealed class InterceptsLocationAttribute", StringComparison.Ordinal) ? text : text
        .Replace("namespace Instrumentation.Generated\n{\n", "namespace Instrumentation.Generated\n{\n    using InterceptsLocation = global::System.Runtime.CompilerServices.InterceptsLocationAttribute;\n", StringComparison.Ordinal)
        .Replace("[global::System.Runtime.CompilerServices.InterceptsLocation(", "[InterceptsLocation(", StringComparison.Ordinal);

    public static void Print(int methods, int files, string[] variants)
    {
        var sources = SyntheticProject.Sources(new SyntheticOptions(Methods: methods, Files: files, Variant: SyntheticVariant.Traced));
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path) is { } name && (name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard.dll" or "mscorlib.dll"))
            .Append(typeof(TracedAttribute).Assembly.Location)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray();
        SyntaxTree[] Trees() => sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, path: "/synthetic/" + s.Path)).ToArray();
        CSharpCompilation Compilation(IEnumerable<SyntaxTree> trees) => CSharpCompilation.Create(
            SyntheticProject.AssemblyName, trees, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, optimizationLevel: OptimizationLevel.Release, concurrentBuild: false));

        if (Environment.GetEnvironmentVariable("EMIT_REFS") == "1")
        {
            for (var i = 0; i < 3; i++)
            {
                var freshReferences = references.Select(r => (MetadataReference)MetadataReference.CreateFromFile(((PortableExecutableReference)r).FilePath!)).ToArray();
                var c1 = CSharpCompilation.Create(SyntheticProject.AssemblyName, Trees(), freshReferences, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
                var w = Stopwatch.StartNew();
                CSharpGeneratorDriver.Create([new TracedGenerator().AsSourceGenerator()], parseOptions: ParseOptions).RunGenerators(c1);
                Console.WriteLine($"fresh references: {w.ElapsedMilliseconds} ms");
                var c2 = CSharpCompilation.Create(SyntheticProject.AssemblyName, Trees(), freshReferences, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
                w.Restart();
                CSharpGeneratorDriver.Create([new TracedGenerator().AsSourceGenerator()], parseOptions: ParseOptions).RunGenerators(c2);
                Console.WriteLine($"same references: {w.ElapsedMilliseconds} ms");
                w.Restart();
                c2.GetDiagnostics();
                Console.WriteLine($"  then compilation diagnostics: {w.ElapsedMilliseconds} ms");
            }

            return;
        }

        var driver = CSharpGeneratorDriver.Create([new TracedGenerator().AsSourceGenerator()], parseOptions: ParseOptions);
        driver.RunGeneratorsAndUpdateCompilation(Compilation(Trees()), out var output, out _);
        var generated = output.SyntaxTrees.Skip(sources.Count).Select(t => (t.FilePath, Text: t.GetText().ToString())).ToArray();
        Console.WriteLine($"generated: {generated.Length} files, {generated.Sum(g => g.Text.Length) / 1024} KiB, {generated.Sum(g => g.Text.Count(c => c == '\n'))} lines");

        var transforms = new Dictionary<string, Func<string, string>>
        {
            ["none"] = _ => "",
            ["as-is"] = t => t,
            ["annotations"] = t => t.Replace("#nullable enable\n", "#nullable enable annotations\n", StringComparison.Ordinal),
            ["alias"] = Alias,
            ["alias-nw"] = t => Alias(t).Replace("#nullable enable\n", "#nullable enable annotations\n#nullable disable warnings\n", StringComparison.Ordinal),
            ["alias-nw-nofile"] = t => Alias(t).Replace("#nullable enable\n", "#nullable enable annotations\n#nullable disable warnings\n", StringComparison.Ordinal).Replace("    file static class ", "    internal static partial class ", StringComparison.Ordinal),
            ["no-intercepts"] = t => Regex.Replace(t, @"^\s*\[global::System\.Runtime\.CompilerServices\.InterceptsLocation\(.*$\n", "", RegexOptions.Multiline),
        };
        if (Environment.GetEnvironmentVariable("EMIT_DUMP") is { Length: > 0 } dump)
        {
            foreach (var name in variants)
            {
                var directory = Path.Combine(dump, name);
                Directory.CreateDirectory(directory);
                foreach (var (s, i) in sources.Select((s, i) => (s, i)))
                {
                    File.WriteAllText(Path.Combine(directory, $"s{i}.cs"), s.Text);
                }

                foreach (var (g, i) in generated.Select((g, i) => (g, i)))
                {
                    File.WriteAllText(Path.Combine(directory, $"g{i}.cs"), transforms[name](g.Text));
                }
            }

            return;
        }

        foreach (var name in variants.Length > 0 ? variants : transforms.Keys.ToArray())
        {
            var transform = transforms[name];
            var best = double.MaxValue;
            for (var run = 0; run < 5; run++)
            {
                var trees = Trees().Concat(generated.Select(g => transform(g.Text)).Where(t => t.Length > 0).ToArray().Select((t, i) => CSharpSyntaxTree.ParseText(t, ParseOptions, path: generated[i].FilePath))).ToArray();
                var compilation = Compilation(trees);
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                using var stream = new MemoryStream();
                var result = compilation.Emit(stream);
                var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                var errors = result.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
                var warnings = result.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);
                best = Math.Min(best, used);
                if (run == 4 || errors > 0)
                {
                    Console.WriteLine($"{name,-16} min {best,6:F2} s  errors {errors} warnings {warnings} {string.Join(",", result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).GroupBy(d => d.Id).Select(g => g.Key + "x" + g.Count()))} {result.Diagnostics.FirstOrDefault(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath.Contains("Traced") == true)}");
                    break;
                }
            }
        }
    }
}

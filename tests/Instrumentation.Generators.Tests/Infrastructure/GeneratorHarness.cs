using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Instrumentation.Generators.Tracing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Instrumentation.Generators.Tests.Infrastructure;

/// <summary>Compiles sources in memory, runs the generator, and checks the result compiles without any diagnostic.</summary>
internal static class GeneratorHarness
{
    // As the package's props and targets set it for a project whose root namespace is Shop.
    public static readonly CSharpParseOptions ParseOptions = new CSharpParseOptions(LanguageVersion.Latest)
        .WithFeatures([new("InterceptorsNamespaces", WellKnownNames.GeneratedNamespace + ";Shop")]);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => !string.IsNullOrEmpty(path) && Path.GetFileName(path).StartsWith("System", StringComparison.Ordinal) || Path.GetFileName(path) is "netstandard.dll" or "mscorlib.dll")
            .Append(typeof(TracedAttribute).Assembly.Location)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray());

    public static CSharpCompilation CreateCompilation(IEnumerable<(string Path, string Source)> sources, string assemblyName = "Sample.App", IEnumerable<MetadataReference>? extraReferences = null) =>
        CSharpCompilation.Create(
            assemblyName,
            sources.Select(s => CSharpSyntaxTree.ParseText(s.Source, ParseOptions, path: s.Path)),
            References.Value.AddRange(extraReferences ?? []),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true)
                // As MSBuild does by default: unification of reference versions is not a problem.
                .WithSpecificDiagnosticOptions([new("CS1701", ReportDiagnostic.Suppress), new("CS1702", ReportDiagnostic.Suppress)]));

    /// <summary>A driver that parses generated code as the project would (<paramref name="parseOptions"/>, default: latest).</summary>
    public static GeneratorDriver CreateDriver(CSharpParseOptions? parseOptions = null) => CSharpGeneratorDriver.Create(
        [new TracedGenerator().AsSourceGenerator()],
        parseOptions: parseOptions ?? ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator and asserts that the output compilation has no warning or error at all.</summary>
    public static GeneratorDriverRunResult Run(CSharpCompilation compilation)
    {
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        Assert.Empty(generatorDiagnostics);
        var problems = output.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => d.ToString())
            .ToList();
        Assert.True(problems.Count == 0, "Generated code does not compile cleanly:\n" + string.Join("\n", problems));
        return driver.GetRunResult();
    }

    public static GeneratorDriverRunResult Run(string source) => Run(CreateCompilation([("/src/Program.cs", source)]));

    /// <summary>The generated manifest of an assembly's [Traced] method names.</summary>
    public const string ManifestHintName = "TracedMethodNames.g.cs";

    /// <summary>
    /// Compiles a library as a user's build would (with the generator, so it carries its manifest of traced names)
    /// and returns a reference to it.
    /// </summary>
    public static MetadataReference BuildLibrary(string assemblyName, string source, bool withGenerator = true, IEnumerable<MetadataReference>? extraReferences = null)
    {
        var compilation = CreateCompilation([($"/{assemblyName}/Library.cs", source)], assemblyName, extraReferences);
        if (withGenerator)
        {
            CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
            Assert.Empty(diagnostics);
            compilation = (CSharpCompilation)output;
        }

        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return MetadataReference.CreateFromImage(stream.ToArray());
    }
}

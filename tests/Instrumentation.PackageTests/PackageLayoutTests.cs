using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using Xunit;

namespace Instrumentation.PackageTests;

/// <summary>The nupkg, opened as the zip it is.</summary>
public sealed class PackageLayoutTests(PackageFixture package)
{
    private static readonly string[] ExpectedFiles =
    [
        "README.md",
        "icon.png",
        "analyzers/dotnet/cs/Instrumentation.CodeFixes.dll",
        "analyzers/dotnet/cs/Instrumentation.Generators.dll",
        "build/Instrumentation.Generators.props",
        "build/Instrumentation.Generators.targets",
        "buildTransitive/Instrumentation.Generators.props",
        "buildTransitive/Instrumentation.Generators.targets",
        "lib/net8.0/Instrumentation.dll",
        "lib/net8.0/Instrumentation.xml",
        "lib/netstandard2.0/Instrumentation.dll",
        "lib/netstandard2.0/Instrumentation.xml",
    ];

    [Fact]
    public void Pack_produces_exactly_one_package()
    {
        var packages = Directory.GetFiles(package.FeedDirectory, "*.nupkg").Select(Path.GetFileName);
        Assert.Equal([$"{PackageFixture.PackageId}.{package.PackageVersion}.nupkg"], packages);
    }

    [Fact]
    public void Package_contains_the_library_the_analyzers_and_the_props_and_nothing_else()
    {
        using var zip = ZipFile.OpenRead(package.PackagePath);
        var files = zip.Entries
            .Select(e => e.FullName)
            .Where(name => !name.StartsWith("_rels/", StringComparison.Ordinal) &&
                           !name.StartsWith("package/", StringComparison.Ordinal) &&
                           name != "[Content_Types].xml" &&
                           !name.EndsWith(".nuspec", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(ExpectedFiles.Order(StringComparer.Ordinal), files);
    }

    [Fact]
    public void Nuspec_has_the_metadata_a_gallery_needs()
    {
        var metadata = ReadNuspec().Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string? Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

        Assert.Equal(PackageFixture.PackageId, Value("id"));
        Assert.Equal(package.PackageVersion, Value("version"));
        Assert.False(string.IsNullOrWhiteSpace(Value("description")));
        Assert.Equal("README.md", Value("readme"));
        Assert.Equal("icon.png", Value("icon"));
        Assert.Contains("opentelemetry", Value("tags"), StringComparison.Ordinal);

        var license = metadata.Elements().Single(e => e.Name.LocalName == "license");
        Assert.Equal("expression", license.Attribute("type")?.Value);
        Assert.Equal("MIT", license.Value);

        var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
        Assert.Equal("git", repository.Attribute("type")?.Value);
        Assert.StartsWith("https://", repository.Attribute("url")?.Value, StringComparison.Ordinal);

        // It flows to consumers of a library that uses it: not a development dependency.
        Assert.NotEqual("true", Value("developmentDependency"));
    }

    [Fact]
    public void Only_netstandard2_0_depends_on_the_DiagnosticSource_and_ValueTask_packages()
    {
        var groups = ReadNuspec().Descendants().Where(e => e.Name.LocalName == "group").ToDictionary(
            g => g.Attribute("targetFramework")!.Value,
            g => g.Elements().Select(d => d.Attribute("id")!.Value).Order(StringComparer.Ordinal).ToArray());

        Assert.Equal(["System.Diagnostics.DiagnosticSource", "System.Threading.Tasks.Extensions"], groups[".NETStandard2.0"]);
        Assert.Empty(groups["net8.0"]);
        Assert.DoesNotContain(groups.Values.SelectMany(ids => ids), id => id.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("analyzers/dotnet/cs/Instrumentation.Generators.dll", true)]
    [InlineData("analyzers/dotnet/cs/Instrumentation.CodeFixes.dll", false)]
    public void Analyzer_assemblies_are_compiled_against_Roslyn_4_14_so_net9_SDKs_can_load_them(string entry, bool mustReferenceRoslyn)
    {
        var references = ReadAssemblyReferences(entry);
        var roslyn = references.Where(r => r.Name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)).ToArray();

        // The code fix assembly references Roslyn only once it holds a code fix provider.
        if (mustReferenceRoslyn)
        {
            Assert.NotEmpty(roslyn);
        }

        Assert.All(roslyn, r => Assert.Equal(new Version(4, 14, 0, 0), r.Version));
    }

    // A debugger, a crash dump or an analyzer's stack trace in the IDE finds the symbols inside the assembly itself.
    [Theory]
    [InlineData("analyzers/dotnet/cs/Instrumentation.Generators.dll")]
    [InlineData("analyzers/dotnet/cs/Instrumentation.CodeFixes.dll")]
    [InlineData("lib/net8.0/Instrumentation.dll")]
    [InlineData("lib/netstandard2.0/Instrumentation.dll")]
    public void Assemblies_carry_their_symbols(string entry)
    {
        using var pe = new PEReader(ReadEntry(entry));
        var embedded = Assert.Single(pe.ReadDebugDirectory(), d => d.Type == DebugDirectoryEntryType.EmbeddedPortablePdb);
        using var symbols = pe.ReadEmbeddedPortablePdbDebugDirectoryData(embedded);
        var pdb = symbols.GetMetadataReader();
        Assert.Contains(pdb.Documents, handle => pdb.GetString(pdb.GetDocument(handle).Name).EndsWith(".cs", StringComparison.Ordinal));
        Assert.Contains(pe.ReadDebugDirectory(), d => d.IsPortableCodeView);
    }

    [Fact]
    public void Attribute_library_does_not_depend_on_Roslyn()
    {
        foreach (var entry in new[] { "lib/net8.0/Instrumentation.dll", "lib/netstandard2.0/Instrumentation.dll" })
        {
            Assert.DoesNotContain(ReadAssemblyReferences(entry), r => r.Name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Props_enable_the_interceptor_namespace_for_direct_and_transitive_references()
    {
        using var zip = ZipFile.OpenRead(package.PackagePath);
        foreach (var entry in new[] { "build/Instrumentation.Generators.props", "buildTransitive/Instrumentation.Generators.props" })
        {
            using var reader = new StreamReader(zip.GetEntry(entry)!.Open());
            var props = reader.ReadToEnd();
            Assert.Contains("<InterceptorsNamespaces>$(InterceptorsNamespaces);Instrumentation.Generated</InterceptorsNamespaces>", props, StringComparison.Ordinal);
            Assert.Contains("<CompilerVisibleProperty Include=\"InstrumentationSemanticConventionsVersion\" />", props, StringComparison.Ordinal);
        }

        foreach (var entry in new[] { "build/Instrumentation.Generators.targets", "buildTransitive/Instrumentation.Generators.targets" })
        {
            using var reader = new StreamReader(zip.GetEntry(entry)!.Open());
            Assert.Contains("<InterceptorsNamespaces>$(InterceptorsNamespaces);$(RootNamespace)</InterceptorsNamespaces>", reader.ReadToEnd(), StringComparison.Ordinal);
        }
    }

    private XDocument ReadNuspec()
    {
        using var zip = ZipFile.OpenRead(package.PackagePath);
        var nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = nuspec.Open();
        return XDocument.Load(stream);
    }

    private MemoryStream ReadEntry(string entry)
    {
        using var zip = ZipFile.OpenRead(package.PackagePath);
        var buffer = new MemoryStream();
        using (var stream = zip.GetEntry(entry)!.Open())
        {
            stream.CopyTo(buffer);
        }

        buffer.Position = 0;
        return buffer;
    }

    private (string Name, Version Version)[] ReadAssemblyReferences(string entry)
    {
        using var pe = new PEReader(ReadEntry(entry));
        var reader = pe.GetMetadataReader();
        return reader.AssemblyReferences
            .Select(handle => reader.GetAssemblyReference(handle))
            .Select(reference => (reader.GetString(reference.Name), reference.Version))
            .ToArray();
    }
}

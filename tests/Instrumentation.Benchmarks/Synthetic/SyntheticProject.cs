using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security;

namespace Instrumentation.Benchmarks.Synthetic;

/// <summary>Which flavour of the synthetic library to write; the C# code is the same in all three.</summary>
public enum SyntheticVariant
{
    /// <summary>References the package; methods carry <c>[Traced]</c> and some parameters <c>[Tag]</c>.</summary>
    Traced,

    /// <summary>No package: the project declares inert <c>TracedAttribute</c>/<c>TagAttribute</c> itself (the baseline).</summary>
    Inert,

    /// <summary>References the package, but no method has <c>[Traced]</c> or <c>[Tag]</c> (only the analyzers have work).</summary>
    NoTraced,
}

/// <summary>Size and variant of the synthetic library.</summary>
/// <param name="Methods">Traceable methods in total (spread evenly over the files).</param>
/// <param name="Files">Source files; each declares one namespace and one type.</param>
/// <param name="Variant">What the project references and whether the attributes are present.</param>
public sealed record SyntheticOptions(int Methods = 5000, int Files = 200, SyntheticVariant Variant = SyntheticVariant.Traced);

/// <summary>What a synthetic library contains, counted while it is generated.</summary>
/// <param name="Files">Generated source files (not counting the inert attribute file).</param>
/// <param name="TraceableMethods">Methods that carry <c>[Traced]</c> (in the NoTraced variant: would carry it).</param>
/// <param name="TracedCallSites">Calls of those methods.</param>
/// <param name="OtherInvocations">Every other invocation expression (BCL, LINQ, untraced helpers, <c>ConfigureAwait</c>…).</param>
/// <param name="Lines">Lines of C# in the generated source files.</param>
public sealed record SyntheticStatistics(int Files, int TraceableMethods, int TracedCallSites, int OtherInvocations, int Lines);

/// <summary>
/// Writes a synthetic library that looks like service code (services, repositories, handlers, clients, static helpers,
/// a few structs and generic classes), for measuring what the package costs a user's build
/// (<c>eng/perf/build-cost.sh</c>). The output is deterministic: the same options always give the same bytes.
/// </summary>
public static class SyntheticProject
{
    /// <summary>The assembly name of the synthetic library (also the name of its ActivitySource).</summary>
    public const string AssemblyName = "Synthetic.Library";

    /// <summary>The package the Traced and NoTraced variants reference.</summary>
    public const string PackageId = "Instrumentation.Generators";

    /// <summary>The C# sources, with paths relative to the project folder (for example <c>Services/Service017.cs</c>).</summary>
    public static IReadOnlyList<(string Path, string Text)> Sources(SyntheticOptions options) => SyntheticCodeGenerator.Generate(options).Sources;

    /// <summary>What <see cref="Sources"/> contains for <paramref name="options"/>.</summary>
    public static SyntheticStatistics Statistics(SyntheticOptions options) => SyntheticCodeGenerator.Generate(options).Statistics;

    /// <summary>
    /// Writes the sources, <c>Synthetic.Library.csproj</c>, empty <c>Directory.Build.props</c>/<c>.targets</c> and
    /// <c>Directory.Packages.props</c> (so nothing above the folder is inherited) and, when <paramref name="localFeed"/>
    /// is given, a <c>nuget.config</c> with that feed and nuget.org.
    /// </summary>
    /// <param name="directory">Created if missing; must be empty, so that no stale source from an earlier run is compiled.</param>
    /// <param name="options">Size and variant.</param>
    /// <param name="packageVersion">Version of the package to reference; required unless the variant is <see cref="SyntheticVariant.Inert"/>.</param>
    /// <param name="localFeed">A folder feed holding that version, or null to restore from the configured sources.</param>
    public static void Write(string directory, SyntheticOptions options, string? packageVersion, string? localFeed)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(options);
        var referencesPackage = options.Variant != SyntheticVariant.Inert;
        if (referencesPackage && string.IsNullOrWhiteSpace(packageVersion))
        {
            throw new ArgumentException($"The {options.Variant} variant references {PackageId}: give its version.", nameof(packageVersion));
        }

        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
        {
            throw new IOException($"'{directory}' is not empty; write the synthetic project into a new folder.");
        }

        var generated = SyntheticCodeGenerator.Generate(options);
        Directory.CreateDirectory(directory);
        foreach (var (path, text) in generated.Sources)
        {
            var fullPath = Path.Combine(directory, path);
            Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
            File.WriteAllText(fullPath, text);
        }

        File.WriteAllText(Path.Combine(directory, AssemblyName + ".csproj"), ProjectFile(referencesPackage ? packageVersion : null));

        // Keep the project independent of anything above its folder (it lives in a temp folder, but be sure).
        const string EmptyProject = "<Project />\n";
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), EmptyProject);
        File.WriteAllText(Path.Combine(directory, "Directory.Build.targets"), EmptyProject);
        File.WriteAllText(Path.Combine(directory, "Directory.Packages.props"), EmptyProject);

        if (localFeed is not null)
        {
            File.WriteAllText(Path.Combine(directory, "nuget.config"), NuGetConfig(Path.GetFullPath(localFeed)));
        }
    }

    private static string ProjectFile(string? packageVersion)
    {
        var reference = packageVersion is null
            ? "  <!-- Inert variant: no package; Instrumentation/InertAttributes.cs declares attributes that do nothing. -->\n"
            : $"""
                <ItemGroup>
                  <PackageReference Include="{PackageId}" Version="{SecurityElement.Escape(packageVersion)}" />
                </ItemGroup>

              """;
        return $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <!-- Generated by tests/Instrumentation.Benchmarks (write-synthetic) for eng/perf/build-cost.sh. -->
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <OutputType>Library</OutputType>
                <AssemblyName>{AssemblyName}</AssemblyName>
                <RootNamespace>Synthetic</RootNamespace>
                <LangVersion>latest</LangVersion>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
              </PropertyGroup>
            {reference}</Project>

            """;
    }

    private static string NuGetConfig(string feed) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="local" value="{SecurityElement.Escape(feed)}" />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
          </packageSources>
        </configuration>

        """;
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Xunit;

[assembly: AssemblyFixture(typeof(Instrumentation.PackageTests.PackageFixture))]

// Every test builds real projects with the CLI; on a shared 2-core machine running them one at a time is both
// faster and more reliable than letting them compete.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Instrumentation.PackageTests;

/// <summary>
/// Packs <c>Instrumentation.Generators</c> once per test run, into a private local feed, from a private copy of the
/// sources. The copy has its own bin/ and obj/, so packing cannot collide with the solution build that
/// <c>dotnet test Instrumentation.Generators.sln</c> runs next to this project. The version is unique per run and
/// consumers restore into their own packages folder, so a stale package from an earlier run can never be used.
/// </summary>
public sealed class PackageFixture : IAsyncLifetime
{
    public const string PackageId = "Instrumentation.Generators";

    public PackageFixture()
    {
        RepoRoot = typeof(PackageFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "RepoRoot").Value!;
        WorkRoot = Path.Combine(WorkParent, DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8]);
        FeedDirectory = Path.Combine(WorkRoot, "feed");
        PackagesDirectory = Path.Combine(WorkRoot, "packages");
        PackageVersion = "0.0.0-packagetest." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
    }

    public string RepoRoot { get; }

    private static string WorkParent => Path.Combine(Path.GetTempPath(), "instrumentation-package-tests");

    /// <summary>Temporary root of everything this run creates; deleted at the end unless KEEP_PACKAGE_TESTS=1.</summary>
    public string WorkRoot { get; }

    public string FeedDirectory { get; }

    /// <summary>The consumers' NUGET_PACKAGES folder (never the user's global one).</summary>
    public string PackagesDirectory { get; }

    public string PackageVersion { get; }

    public string PackagePath => Path.Combine(FeedDirectory, $"{PackageId}.{PackageVersion}.nupkg");

    /// <summary>Output of the pack command, for diagnosing failures.</summary>
    public string PackOutput { get; private set; } = "";

    /// <summary>Environment for every consumer command.</summary>
    public IReadOnlyDictionary<string, string> ConsumerEnvironment => new Dictionary<string, string> { ["NUGET_PACKAGES"] = PackagesDirectory };

    public async ValueTask InitializeAsync()
    {
        DeleteStaleRuns();
        var sourceCopy = Path.Combine(WorkRoot, "repo");
        CopyRepository(RepoRoot, sourceCopy);
        Directory.CreateDirectory(FeedDirectory);

        var result = await DotNet.RunAsync(
            sourceCopy,
            [
                "pack", Path.Combine("src", "Instrumentation.Generators.Package", "Instrumentation.Generators.Package.csproj"),
                "-c", "Release",
                "-o", FeedDirectory,
                $"-p:Version={PackageVersion}",
                "-nodeReuse:false",
            ],
            environment: null,
            TestContext.Current.CancellationToken);
        PackOutput = result.Output;
        result.EnsureSuccess();
        if (!File.Exists(PackagePath))
        {
            throw new InvalidOperationException($"pack did not produce {PackagePath}:{Environment.NewLine}{PackOutput}");
        }
    }

    public ValueTask DisposeAsync()
    {
        if (Environment.GetEnvironmentVariable("KEEP_PACKAGE_TESTS") != "1")
        {
            TryDelete(WorkRoot);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Removes what an interrupted earlier run left behind (never a folder a concurrent run may still use).</summary>
    private static void DeleteStaleRuns()
    {
        if (!Directory.Exists(WorkParent))
        {
            return;
        }

        foreach (var run in Directory.EnumerateDirectories(WorkParent))
        {
            if (Directory.GetLastWriteTimeUtc(run) < DateTime.UtcNow.AddHours(-6))
            {
                TryDelete(run);
            }
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Creates an empty directory for one consumer, with a NuGet.config for the local feed and nuget.org.</summary>
    public string CreateConsumerDirectory(string name)
    {
        var directory = Path.Combine(WorkRoot, "consumers", name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{FeedDirectory}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        // Keep the consumer independent of any Directory.Build.* or global.json above the temp folder.
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(directory, "Directory.Build.targets"), "<Project />");
        return directory;
    }

    public Task<DotNetResult> RunConsumerAsync(string workingDirectory, params string[] arguments) =>
        DotNet.RunAsync(workingDirectory, arguments, ConsumerEnvironment, TestContext.Current.CancellationToken);

    private static void CopyRepository(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            if (Path.GetFileName(file) != ".git")
            {
                File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
            }
        }

        foreach (var folder in new[] { "src", "eng" })
        {
            if (Directory.Exists(Path.Combine(from, folder)))
            {
                CopyDirectory(Path.Combine(from, folder), Path.Combine(to, folder));
            }
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.EnumerateDirectories(from))
        {
            var name = Path.GetFileName(folder);
            if (name is "bin" or "obj" or "node_modules")
            {
                continue;
            }

            CopyDirectory(folder, Path.Combine(to, name));
        }
    }
}

using System;
using System.IO;
using System.Linq;
using Xunit;

namespace Instrumentation.EndToEndTests;

public sealed class RepositoryTests
{
    private static readonly DirectoryInfo RepositoryRoot = FindRepositoryRoot();

    [Fact]
    public void EveryProjectUnderSrcTestsAndSamplesIsInTheSolution()
    {
        var solution = File.ReadAllText(Path.Combine(RepositoryRoot.FullName, "Instrumentation.Generators.sln"));
        var projects = new[] { "src", "tests", "samples" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(RepositoryRoot.FullName, folder), "*.csproj", SearchOption.AllDirectories))
            .Select(path => Path.GetRelativePath(RepositoryRoot.FullName, path).Replace('/', '\\'))
            .Where(path => !path.Split('\\').Any(part => part is "bin" or "obj"))
            .ToList();

        Assert.Contains(@"samples\OrderSystem\OrderSystem.csproj", projects);
        Assert.All(projects, project => Assert.Contains($"\"{project}\"", solution, StringComparison.Ordinal));
    }

    [Fact]
    public void TheReadmeMainCommandRunsTheOrderSystemAndCiRunsIt()
    {
        var readme = File.ReadAllLines(Path.Combine(RepositoryRoot.FullName, "README.md"));
        var firstCommand = readme.SkipWhile(line => line != "```bash").Skip(1).First();
        var mainCommand = firstCommand.Split('#')[0].Trim();

        Assert.Equal("dotnet run --project samples/OrderSystem", mainCommand);
        Assert.Contains(mainCommand, File.ReadAllText(Path.Combine(RepositoryRoot.FullName, ".ci", "run")), StringComparison.Ordinal);
    }

    private static DirectoryInfo FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Instrumentation.Generators.sln")))
            {
                return directory;
            }
        }

        throw new InvalidOperationException("repository root not found");
    }
}

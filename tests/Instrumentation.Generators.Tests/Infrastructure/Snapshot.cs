using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Xunit;

namespace Instrumentation.Generators.Tests.Infrastructure;

/// <summary>
/// Golden-file snapshots with Verify's conventions: <c>Snapshots/Class.Test.verified.cs</c> is committed; on a mismatch
/// <c>Class.Test.received.cs</c> is written next to it (git-ignored) and the test fails with a diff.
/// Accept changes by renaming the received file, or run with <c>UPDATE_SNAPSHOTS=1</c>.
/// </summary>
internal static partial class Snapshot
{
    public static void Verify(string actual, string name, [CallerFilePath] string callerFile = "")
    {
        var directory = Path.Combine(Path.GetDirectoryName(callerFile)!, "Snapshots");
        var verifiedPath = Path.Combine(directory, name + ".verified.cs");
        var receivedPath = Path.Combine(directory, name + ".received.cs");
        var scrubbed = Scrub(actual);

        var expected = File.Exists(verifiedPath) ? File.ReadAllText(verifiedPath).ReplaceLineEndings("\n") : null;
        if (expected == scrubbed)
        {
            File.Delete(receivedPath);
            return;
        }

        Directory.CreateDirectory(directory);
        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(verifiedPath, scrubbed);
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, scrubbed);
        Assert.Fail(expected is null
            ? $"No snapshot yet: review {receivedPath} and rename it to {Path.GetFileName(verifiedPath)}."
            : $"Generated code differs from {Path.GetFileName(verifiedPath)} (received file written next to it):\n{FirstDifference(expected, scrubbed)}");
    }

    /// <summary>Removes what changes between builds and machines: versions and interceptor location data.</summary>
    public static string Scrub(string source)
    {
        source = source.ReplaceLineEndings("\n").TrimStart('\uFEFF');
        source = GeneratedCodeVersion().Replace(source, "GeneratedCode(\"Instrumentation.Generators\", \"{version}\")");
        source = InterceptsLocation().Replace(source, "InterceptsLocation(${version}, \"{data}\")] // ${file}");
        return source;
    }

    private static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        var index = Enumerable.Range(0, Math.Max(expectedLines.Length, actualLines.Length))
            .First(i => i >= expectedLines.Length || i >= actualLines.Length || expectedLines[i] != actualLines[i]);
        string At(string[] lines) => index < lines.Length ? lines[index] : "<end of file>";
        return $"line {index + 1}\n  verified: {At(expectedLines)}\n  received: {At(actualLines)}";
    }

    [GeneratedRegex("GeneratedCode\\(\"Instrumentation\\.Generators\", \"[^\"]*\"\\)")]
    private static partial Regex GeneratedCodeVersion();

    [GeneratedRegex("InterceptsLocation\\((?<version>\\d+), \"[^\"]*\"\\)\\] // (?:.*[/\\\\])?(?<file>[^/\\\\]+)$", RegexOptions.Multiline)]
    private static partial Regex InterceptsLocation();
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace Instrumentation.Benchmarks.Synthetic;

/// <summary>
/// The <c>write-synthetic</c> command of the benchmark program:
/// <c>write-synthetic --out DIR [--methods N] [--files N] [--variant traced|inert|notraced] [--package-version V] [--feed DIR]</c>.
/// </summary>
public static class SyntheticCommand
{
    public const string Name = "write-synthetic";

    private const string Usage =
        "usage: write-synthetic --out DIR [--methods 5000] [--files 200] [--variant traced|inert|notraced] [--package-version V] [--feed DIR]";

    /// <summary>Runs the command; <paramref name="args"/> are the arguments after the command name.</summary>
    /// <returns>The process exit code.</returns>
    public static int Run(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? output = null;
        string? packageVersion = null;
        string? feed = null;
        var options = new SyntheticOptions();
        try
        {
            for (var i = 0; i < args.Count; i++)
            {
                var name = args[i];
                if (i + 1 >= args.Count)
                {
                    throw new FormatException($"{name} needs a value.");
                }

                var value = args[++i];
                switch (name)
                {
                    case "--out":
                        output = value;
                        break;
                    case "--methods":
                        options = options with { Methods = ParsePositive(name, value) };
                        break;
                    case "--files":
                        options = options with { Files = ParsePositive(name, value) };
                        break;
                    case "--variant":
                        options = options with { Variant = ParseVariant(value) };
                        break;
                    case "--package-version":
                        packageVersion = value;
                        break;
                    case "--feed":
                        feed = value;
                        break;
                    default:
                        throw new FormatException($"unknown option '{name}'.");
                }
            }

            if (output is null)
            {
                throw new FormatException("--out is required.");
            }
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine($"write-synthetic: {e.Message}");
            Console.Error.WriteLine(Usage);
            return 2;
        }

        try
        {
            SyntheticProject.Write(output, options, packageVersion, feed);
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"write-synthetic: {e.Message}");
            return 1;
        }

        var statistics = SyntheticProject.Statistics(options);
        Console.WriteLine(
            $"{options.Variant}: {statistics.Files} files, {statistics.Lines} lines, {statistics.TraceableMethods} traceable methods, " +
            $"{statistics.TracedCallSites} traced call sites, {statistics.OtherInvocations} other invocations -> {Path.GetFullPath(output)}");
        return 0;
    }

    private static int ParsePositive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new FormatException($"{name} must be a positive integer, not '{value}'.");

    private static SyntheticVariant ParseVariant(string value) => value.ToLowerInvariant() switch
    {
        "traced" => SyntheticVariant.Traced,
        "inert" => SyntheticVariant.Inert,
        "notraced" => SyntheticVariant.NoTraced,
        _ => throw new FormatException($"--variant must be traced, inert or notraced, not '{value}'."),
    };
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace Instrumentation.Perf.Chart;

/// <summary>One benchmark of a BenchmarkDotNet <c>*-report.csv</c>, reduced to what the charts show.</summary>
/// <param name="Mode">The chart it belongs to: the benchmark class (e.g. <c>Recorded</c>), plus the job when there are several.</param>
/// <param name="Shape">The group of bars: the benchmark's first category, or <c>All</c>.</param>
/// <param name="Variant">The bar: the method name without its <c>Shape_</c> prefix.</param>
/// <param name="MeanNs">Mean time per operation, in nanoseconds (NaN when the run failed).</param>
/// <param name="ErrorNs">Half of the 99.9% confidence interval, in nanoseconds (0 when not available).</param>
/// <param name="AllocatedBytes">Allocated bytes per operation (NaN when not measured).</param>
internal sealed record BenchmarkResult(string Mode, string Shape, string Variant, double MeanNs, double ErrorNs, double AllocatedBytes);

/// <summary>Reads BenchmarkDotNet's CSV reports (values carry their units: <c>"1,234.5 ns"</c>, <c>"72 B"</c>, <c>-</c>, <c>NA</c>).</summary>
internal static class BenchmarkCsv
{
    public static List<BenchmarkResult> ReadAll(string directory)
    {
        var files = Directory.GetFiles(directory, "*-report.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw new InvalidOperationException($"No *-report.csv under {directory} (BenchmarkDotNet writes them to BenchmarkDotNet.Artifacts/results/).");
        }

        var results = new List<BenchmarkResult>();
        foreach (var file in files)
        {
            results.AddRange(Read(file));
        }

        return results;
    }

    private static IEnumerable<BenchmarkResult> Read(string file)
    {
        var lines = File.ReadAllLines(file, Encoding.UTF8).Where(line => line.Length > 0).ToList();
        if (lines.Count < 2)
        {
            yield break;
        }

        // BenchmarkDotNet separates with the current culture's list separator: ',' or ';'.
        var separator = lines[0].Count(c => c == ';') > lines[0].Count(c => c == ',') ? ';' : ',';
        var header = Split(lines[0], separator);
        int Column(string name) => header.FindIndex(column => column == name);
        int method = Column("Method"), type = Column("Type"), job = Column("Job"), categories = Column("Categories");
        int mean = Column("Mean"), error = Column("Error"), allocated = Column("Allocated");
        if (method < 0 || mean < 0)
        {
            Console.Error.WriteLine($"skipped {file}: no Method or Mean column");
            yield break;
        }

        // Instrumentation.Benchmarks.Recorded-report.csv -> Recorded (a joined report has a Type column instead).
        var fileName = Path.GetFileName(file)[..^"-report.csv".Length];
        var typeName = fileName[(fileName.LastIndexOf('.') + 1)..];
        var rows = lines.Skip(1).Select(line => Split(line, separator)).Where(row => row.Count == header.Count).ToList();
        var jobs = job < 0 ? 1 : rows.Select(row => row[job]).Distinct().Count();
        foreach (var row in rows)
        {
            var mode = type >= 0 ? row[type] : typeName;
            if (jobs > 1)
            {
                mode += $" ({row[job]})";
            }

            var shape = categories >= 0 && row[categories].Length > 0 ? row[categories].Split(',')[0].Trim() : "All";
            var variant = row[method].StartsWith(shape + "_", StringComparison.Ordinal) ? row[method][(shape.Length + 1)..] : row[method];
            yield return new BenchmarkResult(
                mode,
                shape,
                variant,
                ParseTime(row[mean]),
                error >= 0 ? ParseTime(row[error]) is var e && double.IsFinite(e) ? e : 0 : 0,
                allocated >= 0 ? ParseBytes(row[allocated]) : double.NaN);
        }
    }

    /// <summary>"1,003.8 μs" → 1003800; "NA" or "?" → NaN.</summary>
    internal static double ParseTime(string cell)
    {
        var (number, unit) = SplitUnit(cell);
        var factor = unit switch
        {
            "ns" => 1,
            "us" or "μs" or "µs" => 1e3,
            "ms" => 1e6,
            "s" => 1e9,
            "" => 1, // plain numbers are nanoseconds (BenchmarkDotNet's CSV with units out of the cells)
            _ => double.NaN,
        };
        return number * factor;
    }

    /// <summary>"72 B" → 72; "1.2 KB" → 1228.8; "-" → 0; "NA" → NaN.</summary>
    internal static double ParseBytes(string cell)
    {
        if (cell.Trim() == "-")
        {
            return 0;
        }

        var (number, unit) = SplitUnit(cell);
        var factor = unit switch
        {
            "B" or "" => 1,
            "KB" => 1024,
            "MB" => 1024 * 1024,
            "GB" => 1024 * 1024 * 1024,
            _ => double.NaN,
        };
        return number * factor;
    }

    private static (double Number, string Unit) SplitUnit(string cell)
    {
        var parts = cell.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || !double.TryParse(parts[0], NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var number))
        {
            return (double.NaN, "");
        }

        return (number, parts.Length > 1 ? parts[1].Trim() : "");
    }

    /// <summary>Splits one CSV line: quoted fields may hold the separator, and "" inside quotes is a quote.</summary>
    private static List<string> Split(string line, char separator)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}

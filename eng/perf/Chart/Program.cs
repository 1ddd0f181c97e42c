using System;
using System.IO;
using System.Linq;
using Instrumentation.Perf.Chart;

// dotnet run --project eng/perf/Chart -- <BenchmarkDotNet results dir> <output dir>
// Writes <mode>-time.png and <mode>-allocated.png for each benchmark class (listener mode) found in the *-report.csv files.
if (args.Length != 2 || !Directory.Exists(args[0]))
{
    Console.Error.WriteLine("usage: dotnet run --project eng/perf/Chart -- <BenchmarkDotNet.Artifacts/results> <output dir>");
    return 2;
}

var results = BenchmarkCsv.ReadAll(args[0]);
Charts.UseSansFont();
Directory.CreateDirectory(args[1]);
foreach (var mode in results.GroupBy(result => result.Mode))
{
    var safe = string.Concat(mode.Key.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
    var time = Path.Combine(args[1], $"{safe}-time.png");
    var allocated = Path.Combine(args[1], $"{safe}-allocated.png");
    Charts.Write(mode.Key, [.. mode], Charts.Metric.Time, time);
    Charts.Write(mode.Key, [.. mode], Charts.Metric.Allocated, allocated);
    Console.WriteLine($"{mode.Key}: {mode.Count()} benchmarks -> {time}, {allocated}");
}

return 0;

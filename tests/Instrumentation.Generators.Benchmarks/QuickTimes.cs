using System;
using System.Collections.Generic;
using System.Linq;
using System.Diagnostics;
using Instrumentation.Benchmarks.Synthetic;
using Microsoft.CodeAnalysis;

namespace Instrumentation.Generators.Benchmarks;

/// <summary>
/// <c>quick [methods] [files]</c>: runs each scenario of <see cref="GeneratorBenchmarks"/> five times and prints the least and
/// median times (elapsed and processor), in milliseconds rather than BenchmarkDotNet's minutes, for trying a change. Figures to quote come from the
/// BenchmarkDotNet run. (Roslyn's own step tracking cannot be used at this size: recording the steps of ~40,000
/// invocations takes longer than the generator.)
/// </summary>
internal static class QuickTimes
{
    public static void Print(int methods, int files)
    {
        foreach (var variant in new[] { SyntheticVariant.Traced, SyntheticVariant.NoTraced })
        {
            var benchmarks = new GeneratorBenchmarks { Variant = variant, Methods = methods, Files = files };
            var stopwatch = Stopwatch.StartNew();
            benchmarks.Setup();
            Console.WriteLine($"{variant}: {methods} methods in {files} files, set up in {stopwatch.Elapsed.TotalSeconds:F1} s");
            Report("cold run", benchmarks.FreshCompilation, benchmarks.ColdRun);
            Report("unrelated edit", benchmarks.ApplyUnrelatedEdit, benchmarks.UnrelatedEdit);
            Report("body edit", benchmarks.ApplyBodyEdit, benchmarks.BodyEdit);
            Report("call-site edit", benchmarks.ApplyCallSiteEdit, benchmarks.CallSiteEdit);
            Report("plain-file edit", benchmarks.ApplyPlainFileEdit, benchmarks.PlainFileEdit);
        }
    }

    /// <summary>One scenario of the Traced variant over and over (for a profiler), each run prepared as in the benchmark.</summary>
    public static void Repeat(string scenario, int runs)
    {
        var benchmarks = new GeneratorBenchmarks { Variant = SyntheticVariant.Traced };
        benchmarks.Setup();
        (Action setup, Func<GeneratorDriver> run) = scenario switch
        {
            "cold" => ((Action)benchmarks.FreshCompilation, (Func<GeneratorDriver>)benchmarks.ColdRun),
            "unrelated" => (benchmarks.ApplyUnrelatedEdit, benchmarks.UnrelatedEdit),
            "body" => (benchmarks.ApplyBodyEdit, benchmarks.BodyEdit),
            "call-site" => (benchmarks.ApplyCallSiteEdit, benchmarks.CallSiteEdit),
            "plain-file" => (benchmarks.ApplyPlainFileEdit, benchmarks.PlainFileEdit),
            _ => throw new ArgumentException("Unknown scenario " + scenario + ": cold, unrelated, body, call-site or plain-file.", nameof(scenario)),
        };
        Report($"{scenario} x{runs}", setup, run, runs);
    }

    private static void Report(string scenario, Action setup, Func<GeneratorDriver> run, int runs = 5)
    {
        var stopwatch = new Stopwatch();
        var elapsed = new List<double>();
        var processor = new List<double>();
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < runs; i++)
        {
            setup();
            process.Refresh();
            var processorBefore = process.TotalProcessorTime;
            stopwatch.Restart();
            run();
            stopwatch.Stop();
            process.Refresh();
            processor.Add((process.TotalProcessorTime - processorBefore).TotalMilliseconds);
            elapsed.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        // Processor time (all threads) is less sensitive than elapsed time to other work on a shared machine; the least
        // of the runs is the least disturbed one.
        Console.WriteLine($"  {scenario,-16} {elapsed.Min(),8:F0} ms least, {Median(elapsed),6:F0} ms median  ({processor.Min(),6:F0} ms processor least, {Median(processor),6:F0} median; {runs} runs)");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

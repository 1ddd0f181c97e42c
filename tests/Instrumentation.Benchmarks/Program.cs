using BenchmarkDotNet.Running;
using Instrumentation.Benchmarks.Synthetic;

// `write-synthetic ...` writes the synthetic library that eng/perf/build-cost.sh builds; anything else runs benchmarks.
if (args.Length > 0 && args[0] == SyntheticCommand.Name)
{
    return SyntheticCommand.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Instrumentation.Benchmarks.TracingBenchmarks).Assembly).Run(args);
return 0;

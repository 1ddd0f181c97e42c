using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Instrumentation.Benchmarks.TracingBenchmarks).Assembly).Run(args);

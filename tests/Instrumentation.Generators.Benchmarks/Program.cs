using BenchmarkDotNet.Running;
using Instrumentation.Generators.Benchmarks;

if (args is ["quick", ..])
{
    // quick [methods] [files]: a rough timing of every scenario, for trying a change.
    QuickTimes.Print(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5000,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 200);
    return;
}

if (args is ["compile-dir", ..])
{
    foreach (var directory in args[1..])
    {
        EmitCost.CompileDirectory(directory);
    }

    return;
}

if (args is ["emit", ..])
{
    EmitCost.Print(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), args[3..]);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(GeneratorBenchmarks).Assembly).Run(args);

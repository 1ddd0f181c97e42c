using System.Globalization;
using BenchmarkDotNet.Running;
using Instrumentation.Generators.Benchmarks;

switch (args)
{
    case ["quick", ..]:
        // quick [methods] [files]: a rough timing of every scenario, for trying a change.
        QuickTimes.Print(Number(1, 5000), Number(2, 200));
        return;
    case ["emit", ..]:
        // emit [methods] [files]: the compile time of the generated code (EmitCost).
        EmitCost.Print(Number(1, 5000), Number(2, 200));
        return;
    case ["compile-dir", .. var folders]:
        foreach (var folder in folders)
        {
            EmitCost.CompileDirectory(folder);
        }

        return;
    default:
        BenchmarkSwitcher.FromAssembly(typeof(GeneratorBenchmarks).Assembly).Run(args);
        return;
}

int Number(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;

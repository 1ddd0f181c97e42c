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
    case ["repeat", var scenario, ..]:
        // repeat cold|unrelated|body|call-site|plain-file [runs]: one scenario of the Traced variant over and over, for a profiler
        // (dotnet-trace collect -- dotnet <this dll> repeat unrelated 50).
        QuickTimes.Repeat(scenario, Number(2, 10));
        return;
    case ["analyzers", ..]:
        // analyzers [methods] [files]: each package analyzer's execution time (AnalyzerCost).
        AnalyzerCost.Print(Number(1, 5000), Number(2, 200));
        return;
    case ["compile-dir", .. var folders]:
        foreach (var folder in folders)
        {
            EmitCost.CompileDirectory(folder);
        }

        return;
    case ["generator-dir", var folder, ..]:
        // generator-dir DIR [defines] [runs]: the generator over a real project's sources, cold then warm (EmitCost).
        EmitCost.RunGeneratorOnDirectory(folder, args.Length > 2 ? args[2] : string.Empty, Number(3, 5));
        return;
    default:
        BenchmarkSwitcher.FromAssembly(typeof(GeneratorBenchmarks).Assembly).Run(args);
        return;
}

int Number(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;

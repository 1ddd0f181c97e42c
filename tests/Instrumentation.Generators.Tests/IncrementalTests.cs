using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Instrumentation.Generators.Common;
using Instrumentation.Generators.Tests.Infrastructure;
using Instrumentation.Generators.Tracing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Instrumentation.Generators.Tests;

/// <summary>
/// The generator runs on every keystroke in the IDE: edits that cannot change the output must leave every
/// tracked step cached, and nothing in the pipeline may hold symbols, syntax or compilations.
/// </summary>
public class IncrementalTests
{
    private const string ServicePath = "/src/OrderService.cs";

    private const string Service = """
        using System.Threading.Tasks;
        using Instrumentation;
        namespace Shop;
        public sealed class OrderService
        {
            [Traced]
            public Task<int> PlaceOrder([Tag("app.customer.id")] string customerId)
            {
                return Task.FromResult(1);
            }
        }
        """;

    private const string Program = """
        namespace Shop;
        public static class Program
        {
            public static System.Threading.Tasks.Task<int> Run(OrderService s) => s.PlaceOrder("c-1");
        }
        """;

    [Fact]
    public void Adding_an_unrelated_file_keeps_every_step_cached()
    {
        var (compilation, driver) = RunOnce();
        var edited = compilation.AddSyntaxTrees(Parse("/src/Unrelated.cs", "public class Unrelated { public int Value() => 42; }"));

        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        IncrementalCheck.AssertAllOutputsReused(result, IncrementalCheck.AllSteps);
        IncrementalCheck.AssertNoSourceRegenerated(result);
    }

    [Fact]
    public void Editing_a_traced_method_body_keeps_the_output_unchanged()
    {
        var (compilation, driver) = RunOnce();
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == ServicePath);
        var edited = compilation.ReplaceSyntaxTree(tree, Parse(ServicePath, Service.Replace("return Task.FromResult(1);", "var answer = 2;\n        return Task.FromResult(answer);")));

        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        IncrementalCheck.AssertAllOutputsReused(result, IncrementalCheck.AllSteps);
        IncrementalCheck.AssertNoSourceRegenerated(result);
    }

    [Fact]
    public void Changing_the_span_name_regenerates_the_interceptor()
    {
        var (compilation, driver) = RunOnce();
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == ServicePath);
        var edited = compilation.ReplaceSyntaxTree(tree, Parse(ServicePath, Service.Replace("[Traced]", "[Traced(\"order.place\")]")));

        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Contains(result.TrackedSteps[TrackingNames.TracedMethods].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("\"order.place\"", result.GeneratedSources.Single(s => s.HintName == "Shop.OrderService.Traced.g.cs").SourceText.ToString());
    }

    [Fact]
    public void Editing_calls_to_untraced_methods_keeps_them_out_of_binding_and_regenerates_nothing()
    {
        var (compilation, driver) = RunOnce();
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == ServicePath);
        var edited = compilation.ReplaceSyntaxTree(tree, Parse(ServicePath, Service.Replace(
            "return Task.FromResult(1);",
            "var text = customerId.Trim().ToUpperInvariant();\n        return Task.FromResult(text.Length);")));

        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        // Trim, ToUpperInvariant and FromResult are not traced names: they never reach the binding step.
        var candidates = Assert.Single(Outputs(result, TrackingNames.CallCandidates));
        Assert.Equal(["PlaceOrder"], ((EquatableArray<CallCandidate>)candidates.Value).Select(c => c.Name));
        IncrementalCheck.AssertAllOutputsReused(result, IncrementalCheck.AllSteps);
        IncrementalCheck.AssertNoSourceRegenerated(result);
    }

    [Fact]
    public void Adding_a_call_to_a_traced_method_regenerates_its_interceptor_only()
    {
        var (compilation, driver) = RunOnce();
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == "/src/Program.cs");
        var edited = compilation.ReplaceSyntaxTree(tree, Parse("/src/Program.cs", Program.Replace(
            "s.PlaceOrder(\"c-1\");",
            "s.PlaceOrder(\"c-1\");\n    public static System.Threading.Tasks.Task<int> Again(OrderService s) => s.PlaceOrder(\"c-2\");")));

        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Contains(result.TrackedSteps[TrackingNames.CallSites].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.New);
        var outputs = result.TrackedOutputSteps.SelectMany(pair => pair.Value).SelectMany(s => s.Outputs).ToList();
        Assert.Single(outputs, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Equal(2, result.GeneratedSources.Single(s => s.HintName == "Shop.OrderService.Traced.g.cs").SourceText.ToString().Split("InterceptsLocation(1,").Length - 1);
    }

    [Fact]
    public void Tracing_a_method_intercepts_its_calls_in_files_that_did_not_change()
    {
        const string service = """
            using Instrumentation;
            namespace Shop;
            public sealed class Stock
            {
                public int Count(string sku) => sku.Length;
            }
            """;
        const string caller = """
            namespace Shop;
            public static class Reports
            {
                public static int Total(Stock stock) => stock.Count("a") + stock.Count("b");
            }
            """;
        var compilation = GeneratorHarness.CreateCompilation([("/src/Stock.cs", service), ("/src/Reports.cs", caller)]);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        Assert.Empty(driver.GetRunResult().GeneratedTrees);

        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == "/src/Stock.cs");
        var edited = compilation.ReplaceSyntaxTree(tree, Parse("/src/Stock.cs", service.Replace("public int Count", "[Traced] public int Count")));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        // Reports.cs is the same tree object as before; its calls must be found again for the new traced name.
        var generated = result.GeneratedSources.Single(s => s.HintName == "Shop.Stock.Traced.g.cs").SourceText.ToString();
        Assert.Equal(2, generated.Split("// Reports.cs(").Length - 1);
    }

    /// <summary>
    /// Calls are bound again only in trees that changed, unless a declaration changed: every step of a series of edits
    /// must give exactly what a fresh run on the edited code gives.
    /// </summary>
    [Fact]
    public void Every_edit_gives_what_a_fresh_run_gives()
    {
        const string stock = """
            using Instrumentation;
            namespace Shop;
            public class Stock
            {
                [Traced] public int Count(object item) => 1;
            }
            """;
        const string reports = """
            namespace Shop;
            public static class Reports
            {
                public static int Total(Stock stock) => stock.Count("a") + stock.Count(2);
            }
            """;
        var compilation = GeneratorHarness.CreateCompilation([("/src/Stock.cs", stock), ("/src/Reports.cs", reports)]);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        AssertSameAsFreshRun(driver, compilation);

        // Body edits elsewhere: the first records the declaration shapes (the first run had nothing to compare with);
        // at the second, Reports.cs is not bound again, and must not need to be.
        compilation = Edit(compilation, "/src/Stock.cs", stock.Replace("=> 1;", "=> item.GetHashCode() & 1;"));
        driver = driver.RunGenerators(compilation);
        AssertSameAsFreshRun(driver, compilation);
        compilation = Edit(compilation, "/src/Stock.cs", stock.Replace("=> 1;", "=> item.GetHashCode() & 3;"));
        driver = driver.RunGenerators(compilation);
        AssertSameAsFreshRun(driver, compilation);

        // A new overload (a declaration): the unchanged Reports.cs now calls Count(string) for "a".
        compilation = Edit(compilation, "/src/Stock.cs", stock.Replace("[Traced] public int Count(object item) => 1;", "[Traced] public int Count(object item) => 1;\n    [Traced] public int Count(string sku) => 2;"));
        driver = driver.RunGenerators(compilation);
        AssertSameAsFreshRun(driver, compilation);
        Assert.Matches(@"Count(_\d+)?\(this global::Shop\.Stock @this, string sku\)", string.Concat(driver.GetRunResult().GeneratedTrees.Select(t => t.ToString())));

        // A new extension method in a new file (another declaration) wins over nothing, but changes the shape.
        compilation = compilation.AddSyntaxTrees(Parse("/src/Extensions.cs", "namespace Shop; public static class StockExtensions { public static int Count(this Stock stock, int value) => value; }"));
        driver = driver.RunGenerators(compilation);
        AssertSameAsFreshRun(driver, compilation);
    }

    [Fact]
    public void Binding_many_files_in_parallel_gives_what_binding_them_one_by_one_gives()
    {
        // Enough files with traced calls that a concurrent build binds them on several threads; some call the same
        // methods, one calls a method of a referenced library (whose model is shared between the threads).
        var library = GeneratorHarness.BuildLibrary("Shop.Payments", """
            using Instrumentation;
            namespace Shop.Payments;
            public sealed class Gateway
            {
                [Traced] public int Charge(int amount) => amount;
            }
            """);
        var sources = new List<(string Path, string Source)> { (ServicePath, Service) };
        for (var i = 0; i < 24; i++)
        {
            sources.Add(($"/src/Caller{i}.cs", $$"""
                namespace Shop;
                public static class Caller{{i}}
                {
                    public static System.Threading.Tasks.Task<int> Run(OrderService s) => s.PlaceOrder("c-{{i}}");
                    public static int Pay(Shop.Payments.Gateway g) => g.Charge({{i}}) + g.Charge({{i + 1}});
                }
                """));
        }

        var parallel = GeneratorHarness.CreateCompilation(sources, extraReferences: [library]);
        var sequential = parallel.WithOptions(parallel.Options.WithConcurrentBuild(false));
        Assert.True(parallel.Options.ConcurrentBuild);

        var expected = Sources(GeneratorHarness.Run(sequential));
        for (var run = 0; run < 5; run++)
        {
            // A fresh compilation each time: nothing remembered from an earlier run is reused.
            var fresh = parallel.RemoveAllSyntaxTrees().AddSyntaxTrees(parallel.SyntaxTrees.Select(t => Parse(t.FilePath, t.ToString())));
            Assert.Equal(expected, Sources(GeneratorHarness.Run(fresh)));
        }

        Assert.Equal(48 + 24, Regex.Count(expected.Single(s => s.Key.Contains("OrderService", StringComparison.Ordinal)).Value + expected.Single(s => s.Key.Contains("Gateway", StringComparison.Ordinal)).Value, @"\[InterceptsLocation\("));

        static List<KeyValuePair<string, string>> Sources(GeneratorDriverRunResult result) =>
            result.Results.Single().GeneratedSources.Select(s => KeyValuePair.Create(s.HintName, s.SourceText.ToString())).OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
    }

    private static CSharpCompilation Edit(CSharpCompilation compilation, string path, string source) =>
        compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(t => t.FilePath == path), Parse(path, source));

    private static void AssertSameAsFreshRun(GeneratorDriver driver, CSharpCompilation compilation)
    {
        var incremental = driver.GetRunResult().Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        var fresh = GeneratorHarness.Run(compilation).Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        Assert.Equal(fresh.Keys.Order(StringComparer.Ordinal), incremental.Keys.Order(StringComparer.Ordinal));
        foreach (var (hint, text) in fresh)
        {
            Assert.Equal(text, incremental[hint]);
        }
    }

    [Fact]
    public void A_project_without_traced_methods_binds_nothing_and_reads_no_attribute()
    {
        var compilation = GeneratorHarness.CreateCompilation([("/src/Plain.cs", """
            using System.Linq;
            public static class Plain
            {
                public static int Run(int[] values) => values.Where(v => v > 0).Select(v => v * 2).Sum() + Helper(values.Length);
                private static int Helper(int value) => System.Math.Max(value, 1);
            }
            """)]);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var result = driver.GetRunResult().Results.Single();

        Assert.Empty(result.GeneratedSources);
        Assert.All(Outputs(result, TrackingNames.CallCandidates), o => Assert.True(((EquatableArray<CallCandidate>)o.Value).IsEmpty));
        Assert.Empty(Outputs(result, TrackingNames.CallSites));

        // Not even the assembly's attributes are read.
        Assert.All(Outputs(result, TrackingNames.ActivitySource), o => Assert.Null(o.Value));
    }

    [Fact]
    public void Pipeline_holds_no_symbols_syntax_or_compilations()
    {
        var (_, driver) = RunOnce();
        var result = driver.GetRunResult().Results.Single();

        foreach (var step in IncrementalCheck.AllSteps)
        {
            Assert.True(result.TrackedSteps.ContainsKey(step), $"step {step} is not tracked");
            foreach (var output in result.TrackedSteps[step].SelectMany(s => s.Outputs))
            {
                IncrementalCheck.AssertNoForbiddenTypes(output.Value, step, new HashSet<object>(ReferenceEqualityComparer.Instance));
            }
        }
    }

    private static (CSharpCompilation Compilation, GeneratorDriver Driver) RunOnce()
    {
        var compilation = GeneratorHarness.CreateCompilation([(ServicePath, Service), ("/src/Program.cs", Program)]);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single();
        Assert.Null(first.Exception);
        Assert.Equal(
            ["Shop.OrderService.Traced.g.cs", "TracedActivitySources.g.cs", GeneratorHarness.ManifestHintName],
            first.GeneratedSources.Select(s => s.HintName).Order(StringComparer.Ordinal));
        return (compilation, driver);
    }

    /// <summary>The outputs of a step; a step that had nothing to process is not reported at all.</summary>
    private static List<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorRunResult result, string step) =>
        result.TrackedSteps.TryGetValue(step, out var runs) ? runs.SelectMany(s => s.Outputs).ToList() : [];

    private static SyntaxTree Parse(string path, string source) => CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions, path);
}

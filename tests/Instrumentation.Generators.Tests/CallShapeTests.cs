using System.Linq;
using System.Text.RegularExpressions;
using Instrumentation.Generators.Tests.Infrastructure;
using Xunit;

namespace Instrumentation.Generators.Tests;

/// <summary>Which calls get an interceptor, and which shape it takes, for declarations and calls that are easy to get wrong.</summary>
public class CallShapeTests
{
    private static string Generated(string source, string hint = "Shop.OrderService.Traced.g.cs")
    {
        var result = GeneratorHarness.Run(GeneratorHarness.CreateCompilation([("/src/Program.cs", source)]));
        var generated = result.Results.Single().GeneratedSources.SingleOrDefault(s => s.HintName == hint);
        return generated.SourceText?.ToString() ?? string.Empty;
    }

    private static int InterceptedCalls(string generated) => Regex.Matches(generated, @"\[InterceptsLocation\(").Count;

    [Fact]
    public void Calls_in_query_clauses_are_intercepted_only_when_they_stay_delegates()
    {
        var generated = Generated("""
            using System.Collections.Generic;
            using System.Linq;
            using Instrumentation;
            namespace Shop;
            public sealed class OrderService { [Traced] public int Score(int x) => x; }
            public static class Program
            {
                public static IQueryable<int> Quoted(IQueryable<int> numbers, OrderService s) =>
                    from n in numbers where s.Score(n) > 0 let t = s.Score(n) orderby s.Score(t) select s.Score(t);

                public static IEnumerable<int> Delegates(IQueryable<int> numbers, int[] array, OrderService s) =>
                    from n in numbers.Take(s.Score(1)).AsEnumerable() where s.Score(n) > 0 from m in array select s.Score(n + m);
            }
            """);

        // Take's argument, where and select of the LINQ to Objects query; nothing of the IQueryable one.
        Assert.Equal(3, InterceptedCalls(generated));
    }

    [Fact]
    public void Generated_code_compiles_when_the_project_imports_System_Runtime_CompilerServices_everywhere()
    {
        // ZLinq's <Using Include="System.Runtime.CompilerServices" />: every generated file declares its own file-local
        // InterceptsLocationAttribute there, so `[InterceptsLocation]` must not also find it by its full name (CS1614).
        var result = GeneratorHarness.Run(GeneratorHarness.CreateCompilation([
            ("/src/Usings.cs", "global using System.Runtime.CompilerServices;"),
            ("/src/Program.cs", """
                using Instrumentation;
                namespace Shop
                {
                    public sealed class OrderService { [Traced] public int Count() => 1; }
                    public static partial class Pricing
                    {
                        private sealed class Cart { [Traced] public int Total() => 2; }
                        public static int Run() => new Cart().Total();
                    }
                    public static class Program { public static int Run(OrderService s) => s.Count() + Pricing.Run(); }
                }
                """),
        ]));

        var generated = result.Results.Single().GeneratedSources;
        Assert.Equal(2, generated.Where(s => s.HintName.EndsWith(".Traced.g.cs", System.StringComparison.Ordinal)).Sum(s => InterceptedCalls(s.SourceText.ToString())));
    }

    [Fact]
    public void The_attribute_is_found_however_it_is_written_and_only_when_it_is_ours()
    {
        var result = GeneratorHarness.Run(GeneratorHarness.CreateCompilation([
            ("/src/Aliases.cs", "global using GlobalSpan = Instrumentation.TracedAttribute;"),
            ("/src/Program.cs", """
                using Span = global::Instrumentation.TracedAttribute;
                namespace Other { public sealed class TracedAttribute : System.Attribute { } }
                namespace Shop
                {
                    using Local = Instrumentation.TracedAttribute;
                    public sealed partial class OrderService
                    {
                        [Instrumentation.Traced] public int Qualified() => 1;
                        [global::Instrumentation.TracedAttribute("named")] public int Global() => 2;
                        [Span] public int Aliased() => 3;
                        [GlobalSpan] public int GloballyAliased() => 4;
                        [method: Instrumentation.Traced] public int Targeted() => 5;
                        [Local] public int LocallyAliased() => 8;
                        [Other.Traced] public int SomeoneElses() => 6;
                        public partial int Split();
                        [Instrumentation.Traced] public partial int Split() => 7;
                    }
                    public static class Program
                    {
                        public static int Run(OrderService s) =>
                            s.Qualified() + s.Global() + s.Aliased() + s.GloballyAliased() + s.Targeted() + s.LocallyAliased() + s.SomeoneElses() + s.Split();
                    }
                }
                """),
        ]));
        var generated = result.Results.Single().GeneratedSources.Single(s => s.HintName == "Shop.OrderService.Traced.g.cs").SourceText.ToString();

        Assert.Equal(7, InterceptedCalls(generated));
        Assert.DoesNotContain("SomeoneElses", generated, System.StringComparison.Ordinal);
        Assert.Contains("\"named\"", generated, System.StringComparison.Ordinal);
        Assert.Single(Regex.Matches(generated, @"internal static int Split\("));
    }

    [Fact]
    public void A_partial_iterator_is_traced_as_an_iterator()
    {
        var generated = Generated("""
            using System.Collections.Generic;
            using Instrumentation;
            namespace Shop;
            public sealed partial class OrderService
            {
                [Traced] public partial IEnumerable<int> Lines(int count);
                public partial IEnumerable<int> Lines(int count) { for (var i = 0; i < count; i++) { yield return i; } }
            }
            public static class Program { public static int Run(OrderService s) => System.Linq.Enumerable.Count(s.Lines(2)); }
            """);

        Assert.Equal(1, InterceptedCalls(generated));
        Assert.Contains("new global::Instrumentation.Runtime.TracedEnumerable<int>(", generated, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Types_whose_file_safe_names_collide_get_a_file_each()
    {
        var result = GeneratorHarness.Run(GeneratorHarness.CreateCompilation([("/src/Program.cs", """
            using Instrumentation;
            namespace Shop;
            public sealed class Cache<T> { public sealed class Entry { [Traced] public int Get() => 1; } }
            public sealed class Cache_1 { public sealed class Entry { [Traced] public int Get() => 2; } }
            public static class Program { public static int Run() => new Cache<int>.Entry().Get() + new Cache_1.Entry().Get(); }
            """)]));

        var files = result.Results.Single().GeneratedSources.Where(s => s.HintName.StartsWith("Shop.Cache", System.StringComparison.Ordinal)).ToList();
        Assert.Equal(["Shop.Cache_1.Entry.Traced.g.cs", "Shop.Cache_1.Entry_2.Traced.g.cs"], files.Select(f => f.HintName).Order(System.StringComparer.Ordinal));
        Assert.Single(files, f => f.SourceText.ToString().Contains("this global::Shop.Cache<T>.Entry @this", System.StringComparison.Ordinal));
        Assert.Single(files, f => f.SourceText.ToString().Contains("this global::Shop.Cache_1.Entry @this", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Assemblies_whose_file_safe_names_collide_keep_a_source_each()
    {
        var dotted = GeneratorHarness.BuildLibrary("Shop.Core", "namespace Dotted { public sealed class Stock { [Instrumentation.Traced] public int Count() => 1; } }");
        var underscored = GeneratorHarness.BuildLibrary("Shop_Core", "namespace Underscored { public sealed class Stock { [Instrumentation.Traced] public int Count() => 2; } }");
        var result = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(
            [("/src/Program.cs", "public static class Program { public static int Run() => new Dotted.Stock().Count() + new Underscored.Stock().Count(); }")],
            extraReferences: [dotted, underscored]));

        var holder = result.Results.Single().GeneratedSources.Single(s => s.HintName == "TracedActivitySources.g.cs").SourceText.ToString();
        Assert.Contains("Source_Shop_CoreName = \"Shop.Core\";", holder, System.StringComparison.Ordinal);
        Assert.Contains("Source_Shop_Core_2Name = \"Shop_Core\";", holder, System.StringComparison.Ordinal);
        var underscoredFile = result.Results.Single().GeneratedSources.Single(s => s.HintName == "Underscored.Stock.Traced.g.cs").SourceText.ToString();
        Assert.Contains(".Source_Shop_Core_2,", underscoredFile, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_CSharp_12_project_calls_a_library_method_that_allows_ref_structs()
    {
        var library = GeneratorHarness.BuildLibrary("Shop.Text", """
            namespace Shop.Text;
            public static class Measure
            {
                [Instrumentation.Traced] public static int Length<T>(T value) where T : allows ref struct => 1;
                [Instrumentation.Traced] public static int Count<T>(T value) where T : struct, allows ref struct => 2;
            }
            """);
        var csharp12 = GeneratorHarness.ParseOptions.WithLanguageVersion(Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp12);
        var compilation = GeneratorHarness.CreateCompilation([], extraReferences: [library])
            .AddSyntaxTrees(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(
                "public static class Program { public static int Run() => Shop.Text.Measure.Length(\"x\") + Shop.Text.Measure.Count(3); }", csharp12, "/src/Program.cs"));

        var driver = GeneratorHarness.CreateDriver(csharp12).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);

        Assert.Empty(diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning));
        var generated = driver.GetRunResult().Results.Single().GeneratedSources.Single(s => s.HintName == "Shop.Text.Measure.Traced.g.cs").SourceText.ToString();
        Assert.Equal(2, InterceptedCalls(generated));
        Assert.DoesNotContain("allows ref struct", generated, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_protected_library_method_called_from_a_subclass_in_another_assembly_is_traced()
    {
        const string LibrarySource = """
            namespace Stock;
            public class Inventory
            {
                public int Audited { get; private set; }
                [Instrumentation.Traced] protected int Audit(string sku) => ++Audited + sku.Length;
            }
            """;
        var libraryCompilation = GeneratorHarness.CreateCompilation([("/Stock.Library/Library.cs", LibrarySource)], "Stock.Library");
        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(libraryCompilation, out var library, out _);
        var libraryImage = Emit(library);

        var app = GeneratorHarness.CreateCompilation(
            [("/src/Program.cs", "public sealed class Shop : Stock.Inventory { public static int Run() { var shop = new Shop(); return shop.Audit(\"ab\") + shop.Audited; } }")],
            "Shop.App",
            [Microsoft.CodeAnalysis.MetadataReference.CreateFromImage(libraryImage)]);
        var result = GeneratorHarness.Run(app);
        var generated = result.Results.Single().GeneratedSources.Single(s => s.HintName == "Stock.Inventory.Traced.g.cs").SourceText.ToString();
        Assert.Contains("[global::System.Runtime.CompilerServices.UnsafeAccessor(", generated, System.StringComparison.Ordinal);

        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(app, out var appWithInterceptors, out _);
        var context = new System.Runtime.Loader.AssemblyLoadContext("protected-call", isCollectible: true);
        try
        {
            context.LoadFromStream(new System.IO.MemoryStream(libraryImage));
            var appAssembly = context.LoadFromStream(new System.IO.MemoryStream(Emit(appWithInterceptors)));
            var spans = new System.Collections.Generic.List<string>();
            using var listener = new System.Diagnostics.ActivityListener
            {
                ShouldListenTo = source => source.Name == "Stock.Library",
                Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity => spans.Add(activity.DisplayName),
            };
            System.Diagnostics.ActivitySource.AddActivityListener(listener);

            var value = appAssembly.GetType("Shop")!.GetMethod("Run")!.Invoke(null, null);

            Assert.Equal(4, value);
            Assert.Equal(["Inventory.Audit"], spans);
        }
        finally
        {
            context.Unload();
        }

        static byte[] Emit(Microsoft.CodeAnalysis.Compilation compilation)
        {
            using var stream = new System.IO.MemoryStream();
            var emitted = compilation.Emit(stream);
            Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
            return stream.ToArray();
        }
    }

    [Fact]
    public void A_well_known_type_defined_twice_does_not_switch_tracing_off()
    {
        // A library with its own (internal) copy of a framework attribute, as polyfill packages generate: two assemblies
        // define the name, and the compiler's plain lookup gives up.
        var generated = GeneratedWithPolyfill(visibleToTheApplication: false);

        Assert.Equal(1, InterceptedCalls(generated));
        Assert.Contains("[global::System.Runtime.CompilerServices.UnsafeAccessor(", generated, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_well_known_type_the_compiler_finds_ambiguous_is_not_used()
    {
        // The same copy, visible to the application (InternalsVisibleTo): naming the attribute would not compile
        // (CS0433), so the private method is reported by TRC001 instead, and the output compiles.
        Assert.Empty(GeneratedWithPolyfill(visibleToTheApplication: true));
    }

    /// <summary>The interceptors of a private [Traced] method, in an application referencing a library with its own UnsafeAccessorAttribute.</summary>
    private static string GeneratedWithPolyfill(bool visibleToTheApplication)
    {
        var polyfill = GeneratorHarness.BuildLibrary("Polyfills", (visibleToTheApplication ? "[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(\"Sample.App\")]\n" : string.Empty) + """
            namespace System.Runtime.CompilerServices
            {
                [System.AttributeUsage(System.AttributeTargets.Method)]
                internal sealed class UnsafeAccessorAttribute : System.Attribute { public UnsafeAccessorAttribute(int kind) { } }
            }
            """, withGenerator: false);

        var result = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(
            [("/src/Program.cs", """
                namespace Shop;
                public sealed class OrderService
                {
                    [Instrumentation.Traced] private int Load() => 1;
                    public int Run() => Load();
                }
                """)],
            extraReferences: [polyfill]));
        var generated = result.Results.Single().GeneratedSources.SingleOrDefault(s => s.HintName == "Shop.OrderService.Traced.g.cs");
        return generated.SourceText?.ToString() ?? string.Empty;
    }

    [Fact]
    public void The_manifest_compiles_in_a_CLS_compliant_assembly()
    {
        // GeneratorHarness.Run fails on any warning, CS3016 (array attribute argument) included.
        var result = GeneratorHarness.Run(GeneratorHarness.CreateCompilation([("/src/Program.cs", """
            [assembly: System.CLSCompliant(true)]
            namespace Shop;
            public static class OrderService { [Instrumentation.Traced] public static int Load() => 1; }
            """)]));

        Assert.Contains(result.Results.Single().GeneratedSources, s => s.HintName == GeneratorHarness.ManifestHintName);
    }
}

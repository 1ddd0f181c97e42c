using System.Linq;
using Instrumentation.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Instrumentation.Generators.Tests;

/// <summary>Golden snapshots of the generated code, one per method shape. The output must also compile cleanly.</summary>
public class SnapshotTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Diagnostics;
        using System.Threading;
        using System.Threading.Tasks;
        using Instrumentation;

        """;

    private static void VerifyGenerated(string source, string name, string hint = "Shop.OrderService.Traced.g.cs") =>
        VerifyGenerated([("/src/Program.cs", Usings + source)], name, hint);

    /// <summary>
    /// Generates, checks that the output compiles with no diagnostic, compares the file with its snapshot, and checks
    /// that a second run after an edit that changes nothing reuses every step.
    /// </summary>
    private static void VerifyGenerated((string Path, string Source)[] files, string name, string hint = "Shop.OrderService.Traced.g.cs")
    {
        var compilation = GeneratorHarness.CreateCompilation(files);
        var result = GeneratorHarness.Run(compilation);
        IncrementalCheck.AssertRerunReusesEverything(compilation);
        var sources = result.Results.Single().GeneratedSources;
        Assert.True(sources.Any(s => s.HintName == hint), "generated: " + string.Join(", ", sources.Select(s => s.HintName)));
        var generated = sources.Single(s => s.HintName == hint);
        Snapshot.Verify(generated.SourceText.ToString(), $"{nameof(SnapshotTests)}.{name}");
    }

    [Fact]
    public void Sync_instance_method_with_tags() => VerifyGenerated("""
        namespace Shop;
        public sealed class OrderService
        {
            [Traced]
            [return: Tag("app.order.total")]
            public decimal PlaceOrder([Tag("app.order.customer_id")] string customerId, int quantity) => quantity * 2m;
        }
        public static class Program
        {
            public static decimal Run(OrderService s) => s.PlaceOrder("c-1", 3) + s.PlaceOrder(quantity: 1, customerId: "c-2");
        }
        """, nameof(Sync_instance_method_with_tags));

    [Fact]
    public void Void_static_and_custom_name_and_kind() => VerifyGenerated("""
        namespace Shop;
        public static class OrderService
        {
            [Traced("payment.charge", Kind = ActivityKind.Client)]
            public static void Charge(decimal amount) { }
        }
        public static class Program
        {
            public static void Run() => OrderService.Charge(10m);
        }
        """, nameof(Void_static_and_custom_name_and_kind));

    [Fact]
    public void Async_shapes_with_cancellation() => VerifyGenerated("""
        namespace Shop;
        public sealed class OrderService
        {
            [Traced] public Task Save(CancellationToken cancellationToken) => Task.CompletedTask;
            [Traced] [return: Tag("app.order.id")] public Task<int> Create(string sku, CancellationToken cancellationToken) => Task.FromResult(1);
            [Traced] public ValueTask Notify() => default;
            [Traced(RecordCancellationAsError = true)] public ValueTask<bool> Check(CancellationToken cancellationToken) => new(true);
            [Traced] public Task Sync(CancellationToken requestAborted, CancellationToken stopping) => Task.CompletedTask;
        }
        public static class Program
        {
            public static async Task Run(OrderService s, CancellationToken ct)
            {
                await s.Sync(ct, CancellationToken.None);
                await s.Save(ct);
                await s.Create("sku", ct);
                await s.Notify();
                await s.Check(ct);
            }
        }
        """, nameof(Async_shapes_with_cancellation));

    [Fact]
    public void Generic_method_of_generic_type_with_constraints() => VerifyGenerated("""
        namespace Shop;
        public sealed class OrderService<TKey> where TKey : notnull, IComparable<TKey>
        {
            [Traced] public TValue? Find<TValue>(TKey key, Func<TKey, TValue?> load) where TValue : class, new() => load(key);
        }
        public static class Program
        {
            public static object? Run(OrderService<int> s) => s.Find(1, _ => new List<string>());
        }
        """, nameof(Generic_method_of_generic_type_with_constraints), "Shop.OrderService_1.Traced.g.cs");

    [Fact]
    public void Struct_receivers_and_ref_parameters() => VerifyGenerated("""
        namespace Shop;
        public struct OrderService
        {
            public int Count;
            [Traced] public void Add(ref int total, in int amount, out bool changed) { total += amount; Count++; changed = true; }
            [Traced] public readonly int Read() => Count;
            [Traced] public ref int Slot(int[] slots, int index) => ref slots[index];
        }
        public static class Program
        {
            public static int Run()
            {
                var s = new OrderService();
                var total = 0;
                s.Add(ref total, 1, out var changed);
                s.Slot(new int[1], 0) = 5;
                return s.Read() + (changed ? 1 : 0);
            }
        }
        """, nameof(Struct_receivers_and_ref_parameters));

    [Fact]
    public void Extension_method_called_both_ways() => VerifyGenerated("""
        namespace Shop;
        public static class OrderService
        {
            [Traced] public static string Describe(this int orderId, params string[] notes) => orderId + string.Join(",", notes);
        }
        public static class Program
        {
            public static string Run() => 1.Describe("a", "b") + OrderService.Describe(2);
        }
        """, nameof(Extension_method_called_both_ways));

    [Fact]
    public void Private_method_through_unsafe_accessor() => VerifyGenerated("""
        namespace Shop;
        public sealed class OrderService
        {
            public Task<int> Run() => Load(42);
            [Traced] private async Task<int> Load([Tag("app.order.id")] int id) { await Task.Yield(); return id; }
        }
        """, nameof(Private_method_through_unsafe_accessor));

    // Only code inside Pricing can name Cart: the interceptors are private members of a part of Pricing.
    [Fact]
    public void Members_of_private_nested_types_are_intercepted_from_their_static_partial_class() => VerifyGenerated("""
        namespace Shop.Orders;

        public static partial class Pricing
        {
            public static int Run(int id) => new Cart().Total(id) + new Cart().Count;

            private sealed class Cart
            {
                public int Count => Clear() + Price(new Key(1));

                [Traced] public int Total([Tag("app.cart.id")] int id) => id;

                [Traced] private int Clear() => 0;
            }

            private readonly record struct Key(int Id);

            [Traced] private static int Price(Key key) => key.Id;
        }
        """, nameof(Members_of_private_nested_types_are_intercepted_from_their_static_partial_class), "Shop.Orders.Pricing.Cart.Traced.g.cs");

    [Fact]
    public void Iterators() => VerifyGenerated("""
        namespace Shop;
        public sealed class OrderService
        {
            [Traced] public IEnumerable<int> Lines([Tag("app.order.id")] int orderId) { yield return orderId; }
            [Traced] public async IAsyncEnumerable<string> Stream() { await Task.Yield(); yield return "x"; }
            [Traced] public IEnumerator<int> Cursor(CancellationToken cancellationToken) { yield return 1; }
        }
        public static class Program
        {
            public static async Task Run(OrderService s)
            {
                foreach (var line in s.Lines(1)) { }
                using var cursor = s.Cursor(default);
                await foreach (var item in s.Stream()) { }
            }
        }
        """, nameof(Iterators));

    [Fact]
    public void Overloads_and_parameter_names_that_clash_with_locals() => VerifyGenerated("""
        namespace Shop;
        public sealed class OrderService
        {
            [Traced] public int Submit(int activity) => activity;
            [Traced] public int Submit(string exception, int result) => result;
        }
        public static class Program
        {
            public static int Run(OrderService s) => s.Submit(1) + s.Submit("x", 2);
        }
        """, nameof(Overloads_and_parameter_names_that_clash_with_locals));

    [Fact]
    public void Nullable_flow_attributes_are_copied_to_the_interceptor() => VerifyGenerated("""
        using System.Diagnostics.CodeAnalysis;
        namespace Shop;
        public sealed class OrderService
        {
            [Traced] public bool TryFind(string id, [NotNullWhen(true)] out string? order) { order = id; return true; }
            [Traced] [return: MaybeNull] public Task<string?> LoadOrNull() => Task.FromResult<string?>(null);
            [Traced] [return: NotNullIfNotNull(nameof(fallback))] public string? Or(string? fallback) => fallback;
        }
        public static class Program
        {
            public static async Task<int> Run(OrderService s) =>
                (s.TryFind("x", out var order) ? order.Length : 0) + ((await s.LoadOrNull()!)?.Length ?? 0) + s.Or("y").Length;
        }
        """, nameof(Nullable_flow_attributes_are_copied_to_the_interceptor));

    [Fact]
    public void Keyword_names_and_line_breaks_in_span_names() => VerifyGenerated("""
        namespace Shop;
        public static class OrderService
        {
            [Traced] public static int @event(int @class) => @class;
            [Traced("first line\nsecond line")] public static void Multiline() { }
            [Traced("paragraph\u2028separator </summary> & more")] public static void Separator() { }
        }
        public static class Program
        {
            public static int Run() { OrderService.Multiline(); OrderService.Separator(); return OrderService.@event(1); }
        }
        """, nameof(Keyword_names_and_line_breaks_in_span_names));

    [Fact]
    public void Private_members_of_structs_through_unsafe_accessors() => VerifyGenerated("""
        namespace Shop;
        public struct OrderService
        {
            public int Count;
            [Traced] private static int Twice(int value) => value * 2;
            [Traced] private readonly int Peek() => Count;
            [Traced] private void Bump() => Count++;
            public int Run() { Bump(); return Twice(Peek()); }
        }
        public readonly struct Snapshot
        {
            private readonly int _value;
            public Snapshot(int value) => _value = value;
            [Traced] private int Value() => _value;
            public int Run() => Value();
        }
        """, nameof(Private_members_of_structs_through_unsafe_accessors));

    [Fact]
    public void Private_generic_and_static_class_members_through_net10_accessors() => VerifyGenerated("""
        namespace Shop;
        public sealed class OrderService<T>
            where T : notnull
        {
            [Traced] private int Count<TTag>(TTag tag) where TTag : class => 1;
            [Traced] private void Add(T item) { }
            public int Run(T item) { Add(item); return Count("x") + Helpers.Run(); }
        }
        public static class Helpers
        {
            public static int Run() => Twice(2);
            [Traced] private static int Twice(int value) => 2 * value;
        }
        """, nameof(Private_generic_and_static_class_members_through_net10_accessors), "Shop.OrderService_1.Traced.g.cs");

    [Fact]
    public void Private_static_members_of_generic_static_classes_through_net10_accessors() => VerifyGenerated("""
        namespace Shop;
        public static class Lookup<TKey>
            where TKey : notnull
        {
            public static int Run(TKey key) => Hash(key) + Inner<int>.Run(key, 1);
            [Traced] private static int Hash(TKey key) => 1;
            public static class Inner<TValue>
            {
                public static int Run(TKey key, TValue value) => Pair<string>(key, value, "x");
                [Traced] private static int Pair<TExtra>(TKey key, TValue value, TExtra extra) => 2;
            }
        }
        """, nameof(Private_static_members_of_generic_static_classes_through_net10_accessors), "Shop.Lookup_1.Inner_1.Traced.g.cs");

    [Fact]
    public void Conditional_methods_are_intercepted_only_where_their_symbol_is_defined() => VerifyGenerated(
        [
            ("/src/OrderService.cs", Usings + """
                namespace Shop;
                public static class OrderService
                {
                    [Traced, Conditional("AUDIT"), Conditional("VERBOSE")] public static void Audit(string what) { }
                }
                """),
            ("/src/WithAudit.cs", "#define AUDIT\n" + """
                namespace Shop;
                public static class WithAudit { public static void Run() => OrderService.Audit("kept"); }
                """),
            ("/src/WithoutAudit.cs", """
                namespace Shop;
                public static class WithoutAudit { public static void Run() => OrderService.Audit("dropped by the compiler"); }
                """),
        ],
        nameof(Conditional_methods_are_intercepted_only_where_their_symbol_is_defined));

    [Fact]
    public void Obsolete_and_experimental_methods_and_types() => VerifyGenerated("""
        using System.Diagnostics.CodeAnalysis;
        namespace Shop;
        [Obsolete("Use Orders instead.", DiagnosticId = "SHOP001")]
        public sealed class LegacyOrder { }
        public static class OrderService
        {
            [Traced, Obsolete("Use PlaceV2.", error: true)] public static int Place() => 1;
            [Traced, Experimental("SHOPEXP1")] public static int Preview() => 2;
        #pragma warning disable SHOP001
            [Traced] public static int Convert(LegacyOrder order) => order is null ? 0 : 3;
        #pragma warning restore SHOP001
        }
        public static class Program
        {
            [Obsolete("Calls the old API.", error: true)]
            public static int Old() => OrderService.Place();
            [Experimental("SHOPEXP1")]
            public static int New() => OrderService.Preview();
        #pragma warning disable SHOP001
            public static int Legacy() => OrderService.Convert(new LegacyOrder());
        #pragma warning restore SHOP001
        }
        """, nameof(Obsolete_and_experimental_methods_and_types));

    [Fact]
    public void Trimming_and_platform_requirements_are_carried_over() => VerifyGenerated("""
        using System.Diagnostics.CodeAnalysis;
        using System.Runtime.Versioning;
        namespace Shop;
        [RequiresUnreferencedCode("Reflects over plugins.")]
        public sealed class OrderService
        {
            [Traced] public static int Load() => 1;
            [Traced] public int Count() => 2;
            [Traced, RequiresDynamicCode("Makes generic types.")] public static object Make(Type type) => type;
            [Traced, SupportedOSPlatform("linux"), SupportedOSPlatform("windows")] public static int Native() => 3;
            [Traced] public static int Methods<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods)] T>(
                [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicFields)] Type other) =>
                typeof(T).GetMethods().Length + other.GetProperties().Length;
            [Traced] [return: DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.All)] public static Type Self() => typeof(OrderService);
        }
        public static class Program
        {
            [RequiresUnreferencedCode("Loads plugins."), RequiresDynamicCode("Makes generic types.")]
            public static int Run(OrderService s) =>
                OrderService.Load() + s.Count() + (OrderService.Make(typeof(int)) is null ? 0 : 1) +
                (OperatingSystem.IsLinux() || OperatingSystem.IsWindows() ? OrderService.Native() : 0) +
                OrderService.Methods<string>(typeof(int)) + OrderService.Self().Name.Length;
        }
        """, nameof(Trimming_and_platform_requirements_are_carried_over));

    [Fact]
    public void Projects_below_CSharp_11_get_no_interceptors()
    {
        var options = GeneratorHarness.ParseOptions.WithLanguageVersion(Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp10);
        var compilation = GeneratorHarness.CreateCompilation([])
            .AddSyntaxTrees(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("public class C { [Instrumentation.Traced] public void M() { } public void Run() => M(); }", options, "/src/C.cs"));
        var result = GeneratorHarness.CreateDriver().RunGenerators(compilation).GetRunResult();
        Assert.Equal([GeneratorHarness.ManifestHintName], result.Results.Single().GeneratedSources.Select(s => s.HintName));
    }

    [Fact]
    public void The_manifest_compiles_in_CSharp_7_3()
    {
        var options = GeneratorHarness.ParseOptions.WithLanguageVersion(Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp7_3);
        var compilation = GeneratorHarness.CreateCompilation([])
            .WithOptions(GeneratorHarness.CreateCompilation([]).Options.WithNullableContextOptions(NullableContextOptions.Disable))
            .AddSyntaxTrees(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("public class C { [Instrumentation.Traced] public void M() { } public void Run() { M(); } }", options, "/src/C.cs"));
        var driver = GeneratorHarness.CreateDriver(options).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);

        Assert.Empty(diagnostics);
        Assert.Equal([GeneratorHarness.ManifestHintName], driver.GetRunResult().Results.Single().GeneratedSources.Select(s => s.HintName));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void Activity_source_uses_assembly_name_and_version()
    {
        var result = GeneratorHarness.Run(Usings + """
            [assembly: System.Reflection.AssemblyInformationalVersion("1.2.3-beta")]
            public class C { [Traced] public void M() { } public void Run() => M(); }
            """);
        var generated = result.Results.Single().GeneratedSources.Single(s => s.HintName == "TracedActivitySources.g.cs");
        Snapshot.Verify(generated.SourceText.ToString(), $"{nameof(SnapshotTests)}.{nameof(Activity_source_uses_assembly_name_and_version)}");
    }

    [Fact]
    public void Activity_source_can_be_renamed()
    {
        var result = GeneratorHarness.Run(Usings + """
            [assembly: TracedSource("MyCompany.Orders", Version = "2.0")]
            public class C { [Traced] public void M() { } public void Run() => M(); }
            """);
        var generated = result.Results.Single().GeneratedSources.Single(s => s.HintName == "TracedActivitySources.g.cs").SourceText.ToString();
        Assert.Contains("SourceName = \"MyCompany.Orders\";", generated);
        Assert.Contains("new global::System.Diagnostics.ActivitySource(SourceName, \"2.0\")", generated);
    }

    [Fact]
    public void Only_the_manifest_is_generated_without_calls()
    {
        var result = GeneratorHarness.Run(Usings + "public class C { [Traced] public void M() { } }");
        Assert.Equal([GeneratorHarness.ManifestHintName], result.Results.Single().GeneratedSources.Select(s => s.HintName));
    }

    [Fact]
    public void Nothing_is_generated_without_traced_methods()
    {
        var result = GeneratorHarness.Run(Usings + "public class C { public void M() { } public void Run() => M(); }");
        Assert.Empty(result.Results.Single().GeneratedSources);
    }

    [Fact]
    public void Call_site_comments_name_the_file_without_its_folder()
    {
        var result = GeneratorHarness.Run(GeneratorHarness.CreateCompilation([("/home/build/agent-7/src/Shop/Program.cs", Usings + """
            public class C { [Traced] public void M() { } public void Run() => M(); }
            """)]));
        var generated = result.Results.Single().GeneratedSources.Single(s => s.HintName == "C.Traced.g.cs").SourceText.ToString();
        Assert.Matches("\\)\\] // Program\\.cs\\(\\d+,\\d+\\)\n", generated);
        Assert.DoesNotContain("/home/build", generated);
    }

    [Fact]
    public void Manifest_lists_every_traced_method_name_once()
    {
        var result = GeneratorHarness.Run(Usings + """
            namespace Shop;
            public class OrderService
            {
                [Traced] public void Place() { }
                [Traced] public void Place(int quantity) { }
                [Traced] private int Count() => 1;
                [Traced] public async void Unsupported() { await Task.Yield(); }
                [Traced] public void @event() { }
                public void NotTraced() { }
            }
            public static class Extensions { [Traced] public static void Ship(this OrderService s) { } }
            """);
        var manifest = result.Results.Single().GeneratedSources.Single(s => s.HintName == GeneratorHarness.ManifestHintName);
        Snapshot.Verify(manifest.SourceText.ToString(), $"{nameof(SnapshotTests)}.{nameof(Manifest_lists_every_traced_method_name_once)}");
    }

    [Fact]
    public void Unsupported_uses_are_not_intercepted()
    {
        var result = GeneratorHarness.Run(Usings + """
            public class C
            {
                [Traced] public virtual int M() => 1;
                [Traced] public async void Fire() { await Task.Yield(); }
                public void Run()
                {
                    Func<int> f = M;
                    Fire();
                    System.Linq.Expressions.Expression<Func<C, int>> e = c => c.M();
                }
            }
            public class D : C { public override int M() => base.M(); }
            """);
        Assert.Equal([GeneratorHarness.ManifestHintName], result.Results.Single().GeneratedSources.Select(s => s.HintName));
    }

    [Fact]
    public void Calls_to_traced_methods_of_a_referenced_assembly_are_intercepted()
    {
        var reference = GeneratorHarness.BuildLibrary("Stock.Library", Usings + """
            [assembly: TracedSource("Stock.Inventory", Version = "3.1")]
            namespace Stock;
            public sealed class Inventory { [Traced] public int Reserve([Tag("app.sku")] string sku) => 1; }
            """);

        var app = GeneratorHarness.CreateCompilation([("/src/Program.cs", "public static class Program { public static int Run(Stock.Inventory i) => i.Reserve(\"sku-1\"); }")], extraReferences: [reference]);
        var result = GeneratorHarness.Run(app);
        var generated = result.Results.Single().GeneratedSources.Single(s => s.HintName == "Stock.Inventory.Traced.g.cs");
        Snapshot.Verify(generated.SourceText.ToString(), $"{nameof(SnapshotTests)}.{nameof(Calls_to_traced_methods_of_a_referenced_assembly_are_intercepted)}");

        // The library's spans come from the library's source, not from the calling application's.
        var holder = result.Results.Single().GeneratedSources.Single(s => s.HintName == "TracedActivitySources.g.cs").SourceText.ToString();
        Assert.Contains("Source_Stock_LibraryName = \"Stock.Inventory\";", holder);
        Assert.Contains("Source_Stock_Library = new global::System.Diagnostics.ActivitySource(Source_Stock_LibraryName, \"3.1\");", holder);
        Assert.DoesNotContain(" Source = ", holder);
    }

    private static readonly MetadataReference[] OpenTelemetrySdk =
    [
        MetadataReference.CreateFromFile(typeof(OpenTelemetry.Sdk).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(OpenTelemetry.Trace.TracerProviderBuilder).Assembly.Location),
    ];

    // The app's own source first, then each referenced library's with [Traced] methods (by its source name, not its assembly name).
    // Every shape that records its duration: the fast path also asks the histogram, tags survive a missing span, and every
    // end path hands the measurement on. The holder gets the meter and histogram of the source (the generated holder is
    // compiled too, with the bucket advice of .NET 9+).
    [Fact]
    public void Duration_is_recorded_on_every_end_path() => VerifyGenerated("""
        namespace Shop;
        public sealed class OrderService
        {
            [Traced(RecordDuration = true)] public int Price([Tag("app.sku")] string sku, out int stock) { stock = 1; return 2; }
            [Traced(RecordDuration = true)] public void Ship() { }
            [Traced("order.save", RecordDuration = true)] [return: Tag("app.order.id")] public Task<int> Save(CancellationToken cancellationToken) => Task.FromResult(1);
            [Traced(RecordDuration = true)] public ValueTask Notify(CancellationToken a, CancellationToken b) => default;
            [Traced(RecordDuration = true)] public IEnumerable<int> Lines() { yield return 1; }
            [Traced] public int NotMeasured() => 1;
        }
        public static class Program
        {
            public static async Task Run(OrderService s, CancellationToken ct)
            {
                s.Price("sku-1", out _);
                s.Ship();
                await s.Save(ct);
                await s.Notify(ct, ct);
                foreach (var line in s.Lines()) { }
                s.NotMeasured();
            }
        }
        """, nameof(Duration_is_recorded_on_every_end_path));

    [Fact]
    public void Duration_histogram_is_declared_only_for_sources_whose_methods_record_it()
    {
        var library = GeneratorHarness.BuildLibrary("Stock.Library", Usings + """
            [assembly: TracedSource(RecordDuration = true)]
            namespace Stock;
            public sealed class Inventory { [Traced] public int Reserve(string sku) => 1; [Traced(RecordDuration = false)] public int Count() => 1; }
            """);
        var app = GeneratorHarness.CreateCompilation(
            [("/src/Program.cs", Usings + "public static class Program { [Traced] public static int Run(Stock.Inventory i) => i.Reserve(\"sku-1\") + i.Count(); }")],
            extraReferences: [library]);
        var result = GeneratorHarness.Run(app);
        var sources = result.Results.Single().GeneratedSources;
        var holder = sources.Single(s => s.HintName == "TracedActivitySources.g.cs").SourceText.ToString();
        Snapshot.Verify(holder, $"{nameof(SnapshotTests)}.{nameof(Duration_histogram_is_declared_only_for_sources_whose_methods_record_it)}");
        var inventory = sources.Single(s => s.HintName.StartsWith("Stock.Inventory", System.StringComparison.Ordinal)).SourceText.ToString();
        // The library's assembly default reaches its callers; the method's own RecordDuration = false wins over it.
        Assert.Contains("Source_Stock_LibraryDuration, \"Inventory.Reserve\"", inventory, System.StringComparison.Ordinal);
        Assert.DoesNotContain("Source_Stock_LibraryDuration, \"Inventory.Count\"", inventory, System.StringComparison.Ordinal);
        IncrementalCheck.AssertRerunReusesEverything(app);
    }

    [Fact]
    public void AddTracedSources_registers_the_own_and_the_referenced_libraries_sources()
    {
        var library = GeneratorHarness.BuildLibrary("Stock.Library", Usings + """
            [assembly: TracedSource("Stock.Inventory")]
            namespace Stock;
            public sealed class Inventory { [Traced] public int Reserve(string sku) => 1; }
            """);
        var untraced = GeneratorHarness.BuildLibrary("Plain.Library", "namespace Plain; public static class Helpers { public static int One() => 1; }");

        var app = GeneratorHarness.CreateCompilation(
            [("/src/Program.cs", Usings + "public static class Program { [Traced] public static int Run(Stock.Inventory i) => i.Reserve(\"sku-1\") + Plain.Helpers.One(); }")],
            extraReferences: [library, untraced, .. OpenTelemetrySdk]);
        var result = GeneratorHarness.Run(app);
        var generated = result.Results.Single().GeneratedSources.Single(s => s.HintName == "TracedSourcesRegistration.g.cs");
        Snapshot.Verify(generated.SourceText.ToString(), $"{nameof(SnapshotTests)}.{nameof(AddTracedSources_registers_the_own_and_the_referenced_libraries_sources)}");
        IncrementalCheck.AssertRerunReusesEverything(app);
    }

    [Fact]
    public void AddTracedSources_is_generated_only_with_the_SDK_and_a_source_to_register()
    {
        const string Traced = "public static class Program { [Instrumentation.Traced] public static int Run() => 1; }";
        const string Untraced = "public static class Program { public static int Run() => 1; }";

        Assert.True(HasRegistration(GeneratorHarness.CreateCompilation([("/src/Program.cs", Traced)], extraReferences: OpenTelemetrySdk)));
        Assert.False(HasRegistration(GeneratorHarness.CreateCompilation([("/src/Program.cs", Traced)])));
        Assert.False(HasRegistration(GeneratorHarness.CreateCompilation([("/src/Program.cs", Untraced)], extraReferences: OpenTelemetrySdk)));

        static bool HasRegistration(Microsoft.CodeAnalysis.CSharp.CSharpCompilation compilation) =>
            GeneratorHarness.Run(compilation).Results.Single().GeneratedSources.Any(s => s.HintName == "TracedSourcesRegistration.g.cs");
    }

    // A test project that sees its application's internals would see two AddTracedSources (ambiguous calls): it uses the application's.
    [Fact]
    public void AddTracedSources_is_not_generated_where_a_referenced_assemblys_one_is_visible()
    {
        var application = GeneratorHarness.BuildLibrary("Shop.App", Usings + """
            [assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Shop.Tests")]
            namespace Shop;
            public sealed class Orders { [Traced] public int Place() => 1; }
            """, extraReferences: OpenTelemetrySdk);
        var tests = GeneratorHarness.CreateCompilation(
            [("/tests/Tests.cs", "using OpenTelemetry.Trace;\npublic static class Tests { public static object Configure() => OpenTelemetry.Sdk.CreateTracerProviderBuilder().AddTracedSources(); }")],
            assemblyName: "Shop.Tests",
            extraReferences: [application, .. OpenTelemetrySdk]);

        // Run checks that the result compiles: the call binds to the application's method, unambiguously.
        var result = GeneratorHarness.Run(tests);

        Assert.DoesNotContain(result.Results.Single().GeneratedSources, s => s.HintName == "TracedSourcesRegistration.g.cs");
    }

    // A library's [Traced] type: its manifest lists the public methods' names, and the app's calls to them are traced.
    [Fact]
    public void Calls_to_the_public_methods_of_a_referenced_traced_type_are_intercepted()
    {
        var reference = GeneratorHarness.BuildLibrary("Stock.Library", Usings + """
            namespace Stock;
            [Traced("inventory")]
            public sealed class Inventory
            {
                public int Reserve(string sku) => 1;
                [NotTraced] public int Peek(string sku) => 2;
            }
            """);

        var app = GeneratorHarness.CreateCompilation([("/src/Program.cs", "public static class Program { public static int Run(Stock.Inventory i) => i.Reserve(\"sku-1\") + i.Peek(\"sku-2\"); }")], extraReferences: [reference]);
        var generated = GeneratorHarness.Run(app).Results.Single().GeneratedSources.Single(s => s.HintName == "Stock.Inventory.Traced.g.cs").SourceText.ToString();

        Assert.Contains("\"inventory.Reserve\"", generated, System.StringComparison.Ordinal);
        Assert.DoesNotContain("Peek(", generated, System.StringComparison.Ordinal);
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using Instrumentation.Generators.Tests.Infrastructure;
using Instrumentation.Generators.Tracing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Instrumentation.Generators.Tests;

/// <summary>
/// After an edit, the IDE's generator run binds again only the unchanged trees that mention a name whose meaning
/// changed. These tests pin which names a declaration edit changes (<see cref="DeclarationShape.ChangesSince"/>), and,
/// adversarially, that every edit that changes what an unchanged tree's calls bind to is seen: the incremental run must
/// give exactly what a fresh run gives.
/// </summary>
public class DeclarationShapeTests
{
    private const string StockPath = "/src/Stock.cs";
    private const string RepoPath = "/src/Repo.cs";
    private const string ReportsPath = "/src/Reports.cs";

    private const string Stock = """
        using Instrumentation;
        namespace Shop;
        public partial class Stock
        {
            [Traced] public int Count(object item) => 1;
        }
        public class OtherStock
        {
            [Traced("other")] public int Count(string sku) => 2;
        }
        public class StockBase
        {
            [Traced("base")] public int Count(string sku) => 3;
        }
        """;

    private const string Repo = """
        namespace Shop;
        public class Repo
        {
            public Stock Get() => new Stock();
        }
        """;

    // Never edited: every scenario changes what its calls bind to from another file.
    private const string Reports = """
        namespace Shop;
        public static class Reports
        {
            public static int Total(Repo repo)
            {
                var stock = repo.Get();
                return stock.Count("a") + stock.Count("b");
            }
        }
        """;

    [Fact]
    public void A_body_edit_changes_no_name()
    {
        var (before, after) = Edit(Repo.Replace("=> new Stock();", "=> new Stock() ?? throw null!;"));

        var change = Shape(after).ChangesSince(Shape(before));

        Assert.False(change.Everything);
        Assert.Empty(change.Names);
    }

    [Fact]
    public void A_new_member_changes_its_name_only_and_trees_that_do_not_mention_it_keep_their_meaning()
    {
        var (before, after) = Edit(Repo.Replace("public Stock Get()", "public int Unrelated(int value) => value;\n    public Stock Get()"));

        var change = Shape(after).ChangesSince(Shape(before));

        Assert.False(change.Everything);
        Assert.Equal(["Unrelated"], change.Names);
        Assert.True(Shape(after).KeepsMeaningOf(Tree(after, ReportsPath), Shape(before)));
    }

    [Fact]
    public void A_member_being_typed_changes_nothing_until_it_has_a_name()
    {
        var (before, after) = Edit(Repo.Replace("public Stock Get()", "public Sto\n    public Stock Get()"));

        var change = Shape(after).ChangesSince(Shape(before));

        Assert.False(change.Everything);
        Assert.Empty(change.Names);
    }

    [Fact]
    public void A_changed_signature_changes_the_trees_that_call_it()
    {
        var (before, after) = Edit(Repo.Replace("public Stock Get()", "public OtherStock Get()").Replace("new Stock()", "new OtherStock()"));

        var change = Shape(after).ChangesSince(Shape(before));

        Assert.Equal(["Get"], change.Names);
        Assert.False(Shape(after).KeepsMeaningOf(Tree(after, ReportsPath), Shape(before)));
    }

    [Fact]
    public void A_new_nested_type_changes_the_declarations_that_mention_its_name()
    {
        // Get's text is unchanged, but its return type now means Repo.Stock: Reports.cs calls Get, so it binds again.
        var (before, after) = Edit(Repo.Replace("public Stock Get()", "public class Stock : StockBase { }\n    public Stock Get()"));

        var change = Shape(after).ChangesSince(Shape(before));

        Assert.Contains("Stock", change.Names);
        Assert.Contains("Get", change.Names);
        Assert.False(Shape(after).KeepsMeaningOf(Tree(after, ReportsPath), Shape(before)));
    }

    [Fact]
    public void A_type_header_changes_every_member_of_the_type()
    {
        var (before, after) = Edit(Repo.Replace("public class Repo", "public class Repo : System.IDisposable").Replace("public Stock Get()", "public void Dispose() { }\n    public Stock Get()"));

        var change = Shape(after).ChangesSince(Shape(before));

        Assert.True(change.Everything); // Dispose is called by pattern (using): any change to one may change any call.

        (before, after) = Edit(Repo.Replace("public class Repo", "public class Repo : System.ICloneable").Replace("public Stock Get()", "public object Clone() => this;\n    public Stock Get()"));
        change = Shape(after).ChangesSince(Shape(before));

        Assert.False(change.Everything);
        // Reports.Total takes a Repo: its declaration mentions the changed name, so its name changes too.
        Assert.Equal(["Clone", "Get", "Repo", "Total"], change.Names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_member_named_by_an_attribute_string_changes_the_type_that_names_it()
    {
        // Collection expressions call the builder method by the name in the attribute: Sum([1, 2]) never writes "Of".
        const string collection = """
            using System;
            using System.Collections;
            using System.Collections.Generic;
            using System.Runtime.CompilerServices;
            namespace Shop;
            [CollectionBuilder(typeof(CollBuilder), "Of")]
            public class Coll : IEnumerable<int>
            {
                public IEnumerator<int> GetEnumerator() => null!;
                IEnumerator IEnumerable.GetEnumerator() => null!;
            }
            public static class CollBuilder
            {
                public static Coll Of(ReadOnlySpan<int> items) => new Coll();
            }
            public static class Totals
            {
                public static int Sum(Coll values) => 0;
            }
            """;
        var before = GeneratorHarness.CreateCompilation([("/src/Coll.cs", collection)]);
        var after = Replace(before, "/src/Coll.cs", collection.Replace("public static Coll Of(ReadOnlySpan<int> items)", "public static Coll Of(ReadOnlySpan<long> items)", StringComparison.Ordinal));

        var change = Shape(after).ChangesSince(Shape(before));

        Assert.False(change.Everything);
        Assert.Equal(["Coll", "Of", "Sum"], change.Names.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("global using System.Linq;\n")]
    [InlineData("[assembly: System.CLSCompliant(false)]\n")]
    public void Global_declarations_change_everything(string prefix)
    {
        var (before, after) = Edit(prefix + Repo);

        Assert.True(Shape(after).ChangesSince(Shape(before)).Everything);
    }

    [Theory]
    [InlineData("public static implicit operator Stock(Repo repo) => new Stock();")]
    [InlineData("public int this[int index] => index;")]
    [InlineData("public System.Runtime.CompilerServices.TaskAwaiter GetAwaiter() => default;")]
    [InlineData("public System.Collections.IEnumerator GetEnumerator() => null!;")]
    [InlineData("public void Deconstruct(out int a, out int b) => (a, b) = (1, 2);")]
    [InlineData("public void Add(int value) { }")]
    [InlineData("public Repo Select(System.Func<int, int> selector) => this;")]
    public void Members_the_compiler_calls_by_pattern_change_everything(string member)
    {
        var (before, after) = Edit(Repo.Replace("public Stock Get()", member + "\n    public Stock Get()"));

        Assert.True(Shape(after).ChangesSince(Shape(before)).Everything);
    }

    [Fact]
    public void Options_and_references_change_everything()
    {
        var (compilation, _) = Edit(Repo);
        var shape = Shape(compilation);

        Assert.True(Shape(compilation.WithOptions(compilation.Options.WithOptimizationLevel(OptimizationLevel.Release))).ChangesSince(shape).Everything);
        Assert.True(Shape(compilation.AddReferences(MetadataReference.CreateFromFile(typeof(Uri).Assembly.Location))).ChangesSince(shape).Everything);
        var languageVersion = compilation.SyntaxTrees.Select(t => CSharpSyntaxTree.ParseText(t.GetText(), GeneratorHarness.ParseOptions.WithLanguageVersion(LanguageVersion.CSharp12), t.FilePath)).ToList();
        Assert.True(Shape(compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(languageVersion)).ChangesSince(shape).Everything);
    }

    [Fact]
    public void A_file_using_changes_the_declarations_of_that_file()
    {
        var (before, after) = Edit("using System;\n" + Repo);

        var change = Shape(after).ChangesSince(Shape(before));

        Assert.False(change.Everything);
        Assert.Equal(["Get", "Repo", "Total"], change.Names.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// Each edit is made in Stock.cs, Repo.cs or a new file, after two body edits (so that the shapes are recorded and
    /// the unchanged Reports.cs is a candidate for reuse); Reports.cs itself never changes, yet what its calls bind to
    /// does. The incremental run must match a fresh run, and the output must actually have changed.
    /// </summary>
    [Theory]
    [InlineData("better overload", StockPath, "[Traced] public int Count(object item) => 1;", "[Traced] public int Count(object item) => 1;\n    [Traced(\"sku\")] public int Count(string sku) => 2;")]
    [InlineData("return type", RepoPath, "public Stock Get() => new Stock();", "public OtherStock Get() => new OtherStock();")]
    [InlineData("shadowing nested type", RepoPath, "public Stock Get()", "public class Stock : StockBase { }\n    public Stock Get()")]
    [InlineData("attribute removed", StockPath, "[Traced] public int Count(object item)", "public int Count(object item)")]
    [InlineData("span name changed", StockPath, "[Traced] public int Count(object item)", "[Traced(\"renamed\")] public int Count(object item)")]
    [InlineData("file alias", RepoPath, "using Inventory = Shop.Stock;", "using Inventory = Shop.OtherStock;")]
    [InlineData("namespace moved", StockPath, "namespace Shop;", "namespace Shop.Inventory;")]
    public void An_edit_elsewhere_that_changes_what_calls_bind_to_is_seen(string scenario, string path, string find, string replace)
    {
        var sources = new Dictionary<string, string> { [StockPath] = Stock, [RepoPath] = Repo, [ReportsPath] = Reports };
        if (scenario == "namespace moved")
        {
            // Keep the project compiling: Repo.cs now finds Stock through a using.
            sources[RepoPath] = "using Shop.Inventory;\n" + Repo;
        }
        else if (scenario == "file alias")
        {
            // Get's own text stays the same; what its return type means changes with the alias.
            sources[RepoPath] = "using Inventory = Shop.Stock;\n" + Repo.Replace("public Stock Get() => new Stock();", "public Inventory Get() => new Inventory();", StringComparison.Ordinal);
        }

        var compilation = GeneratorHarness.CreateCompilation(sources.Select(pair => (pair.Key, pair.Value)));
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var original = Generated(driver);

        // Two edits that change no declaration: the first records the shapes, the second reuses Reports.cs.
        compilation = Replace(compilation, path, sources[path] + "\n// edited\n");
        driver = driver.RunGenerators(compilation);
        compilation = Replace(compilation, path, sources[path]);
        driver = driver.RunGenerators(compilation);
        Assert.Equal(original, Generated(driver));

        Assert.Contains(find, sources[path], StringComparison.Ordinal);
        compilation = Replace(compilation, path, sources[path].Replace(find, replace, StringComparison.Ordinal));
        driver = driver.RunGenerators(compilation);

        var fresh = Generated(GeneratorHarness.CreateDriver().RunGenerators(compilation));
        Assert.Empty(compilation.AddSyntaxTrees(driver.GetRunResult().GeneratedTrees).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Equal(fresh, Generated(driver));
        Assert.NotEqual(original, fresh);
    }

    // Class-level [Traced]: the attribute on one part of a partial class covers the public methods of its other parts.
    [Theory]
    [InlineData("[Instrumentation.Traced(\"stock\")] public partial class Counter { }", "[Instrumentation.Traced(\"inventory\")] public partial class Counter { }")]
    [InlineData("[Instrumentation.Traced(\"stock\")] public partial class Counter { }", "public partial class Counter { }")]
    [InlineData("public partial class Counter { }", "[Instrumentation.Traced] public partial class Counter { }")]
    [InlineData("[Instrumentation.Traced] public partial class Counter { }", "[Instrumentation.Traced(Kind = System.Diagnostics.ActivityKind.Client)] public partial class Counter { }")]
    public void A_class_level_attribute_edited_in_one_part_is_seen_in_the_others(string before, string after)
    {
        const string AttributePath = "/src/Counter.Attribute.cs";
        var compilation = GeneratorHarness.CreateCompilation(
        [
            (AttributePath, "namespace Shop;\n" + before),
            ("/src/Counter.cs", "namespace Shop;\npublic partial class Counter { public int Size() => 1; [Instrumentation.NotTraced] public int Skip() => 2; }"),
            ("/src/Use.cs", "namespace Shop;\npublic static class Use { public static int Run(Counter c) => c.Size() + c.Skip(); }"),
        ]);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        compilation = Replace(compilation, AttributePath, "namespace Shop;\n" + before + "\n// edited\n");
        driver = driver.RunGenerators(compilation);
        var original = Generated(driver);

        compilation = Replace(compilation, AttributePath, "namespace Shop;\n" + after);
        driver = driver.RunGenerators(compilation);

        var fresh = Generated(GeneratorHarness.CreateDriver().RunGenerators(compilation));
        Assert.Equal(fresh, Generated(driver));
        Assert.NotEqual(original, fresh);
        Assert.DoesNotContain(fresh.Values, text => text.Contains("Skip", StringComparison.Ordinal) && text.Contains("InterceptsLocation(", StringComparison.Ordinal) && text.Contains("Counter.Skip", StringComparison.Ordinal));
    }

    [Fact]
    public void A_new_file_with_a_better_overload_is_seen()
    {
        var compilation = GeneratorHarness.CreateCompilation([(StockPath, Stock), (RepoPath, Repo), (ReportsPath, Reports)]);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        compilation = Replace(compilation, RepoPath, Repo.Replace("=> new Stock();", "=> new Stock() ?? null!;"));
        driver = driver.RunGenerators(compilation);
        var before = Generated(driver);

        compilation = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "using Instrumentation;\nnamespace Shop;\npublic partial class Stock\n{\n    [Traced(\"sku\")] public int Count(string sku) => 2;\n}\n",
            GeneratorHarness.ParseOptions,
            "/src/Stock.Sku.cs"));
        driver = driver.RunGenerators(compilation);

        Assert.Equal(Generated(GeneratorHarness.CreateDriver().RunGenerators(compilation)), Generated(driver));
        Assert.NotEqual(before, Generated(driver));
    }

    private static (CSharpCompilation Before, CSharpCompilation After) Edit(string repo)
    {
        var before = GeneratorHarness.CreateCompilation([(StockPath, Stock), (RepoPath, Repo), (ReportsPath, Reports)]);
        return (before, Replace(before, RepoPath, repo));
    }

    private static CSharpCompilation Replace(CSharpCompilation compilation, string path, string source) =>
        compilation.ReplaceSyntaxTree(Tree(compilation, path), CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions, path));

    private static SyntaxTree Tree(Compilation compilation, string path) => compilation.SyntaxTrees.Single(t => t.FilePath == path);

    private static DeclarationShape Shape(Compilation compilation) => DeclarationShape.Of(compilation, default);

    private static SortedDictionary<string, string> Generated(GeneratorDriver driver) =>
        new(driver.GetRunResult().Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString()), StringComparer.Ordinal);
}

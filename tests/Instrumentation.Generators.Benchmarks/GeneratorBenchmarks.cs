using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Instrumentation.Benchmarks.Synthetic;
using Instrumentation.Generators.Tracing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Instrumentation.Generators.Benchmarks;

/// <summary>
/// The generator's time on the synthetic library (5,000 <c>[Traced]</c> methods in 200 files, ~9,000 traced calls,
/// ~30,000 other invocations), as the compiler and the IDE run it:
/// <list type="bullet">
/// <item><c>ColdRun</c>: a new driver on a new compilation (a command-line build);</item>
/// <item><c>UnrelatedEdit</c>, <c>BodyEdit</c>, <c>CallSiteEdit</c>: the driver that already ran once, on the compilation
/// after one edit (an IDE keystroke) of a service file: a new untraced method, a change inside a traced method's body,
/// one more call to a traced method;</item>
/// <item><c>PlainFileEdit</c>: a new method in a file with no <c>[Traced]</c> method and no call to one (a small
/// options class added to the library for this scenario).</item>
/// </list>
/// Every iteration gets a fresh compilation (as every build and every edit does), so nothing the compiler caches
/// lazily carries over from one iteration to the next. <c>Variant</c> NoTraced is the same code with no
/// <c>[Traced]</c> at all: how most projects first meet the package.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    /// <summary>The edits go to the first file of this folder (a service class, like most files of the library).</summary>
    private const string EditedFolder = "/Services/";

    private static readonly CSharpParseOptions ParseOptions = new CSharpParseOptions(LanguageVersion.Latest)
        .WithFeatures([new("InterceptorsNamespaces", "Instrumentation.Generated")]);

    /// <summary>The file of <c>PlainFileEdit</c>: nothing traced, no call to a traced method.</summary>
    private const string PlainFile = """
        namespace Synthetic.Configuration;

        public sealed class RetryOptions
        {
            public int MaxAttempts { get; set; } = 3;

            public int DelayMilliseconds(int attempt) => attempt * 100;
        }
        """;

    private SyntaxTree[] _trees = [];
    private MetadataReference[] _references = [];
    private int _editedIndex;
    private string _unrelatedEdit = "";
    private string _bodyEdit = "";
    private string _callSiteEdit = "";
    private string _plainFileEdit = "";
    private int _plainIndex;
    private GeneratorDriver _driver = null!;
    private CSharpCompilation _compilation = null!;

    /// <summary>Size of the synthetic library (5,000 methods in 200 files, as in eng/perf/build-cost.sh).</summary>
    public int Methods { get; set; } = 5000;

    /// <summary>Files of the synthetic library.</summary>
    public int Files { get; set; } = 200;

    [Params(SyntheticVariant.Traced, SyntheticVariant.NoTraced)]
    public SyntheticVariant Variant { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var sources = SyntheticProject.Sources(new SyntheticOptions(Methods: Methods, Files: Files, Variant: Variant));
        _trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, path: "/synthetic/" + s.Path))
            .Append(CSharpSyntaxTree.ParseText(PlainFile, ParseOptions, path: "/synthetic/Configuration/RetryOptions.cs"))
            .ToArray();
        _plainIndex = _trees.Length - 1;
        _references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path) is { } name && (name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard.dll" or "mscorlib.dll"))
            .Append(typeof(TracedAttribute).Assembly.Location)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray();

        var compilation = NewCompilation(_trees);
        _editedIndex = Array.FindIndex(_trees, t => t.FilePath.Contains(EditedFolder, StringComparison.Ordinal));
        var edited = _trees[_editedIndex];
        var text = edited.GetText().ToString();
        _unrelatedEdit = AddMember(text, "public static int UnrelatedEdit(int value) => System.Math.Abs(value) + 1;");
        _bodyEdit = InsertInFirstTracedBody(text, "var bodyEdit = System.Environment.TickCount; _ = bodyEdit;");
        _callSiteEdit = DuplicateFirstTracedCall(edited, compilation);
        _plainFileEdit = AddMember(PlainFile, "public int Jitter(int attempt) => attempt % 7;");
        EnsureGenerated(NewDriver().RunGenerators(compilation));
    }

    /// <summary>A build parses every file anew: new tree objects, so nothing remembered for earlier trees applies.</summary>
    [IterationSetup(Target = nameof(ColdRun))]
    public void FreshCompilation() => _compilation = NewCompilation(FreshTrees());

    [IterationSetup(Target = nameof(UnrelatedEdit))]
    public void ApplyUnrelatedEdit() => PrepareEdit(_unrelatedEdit);

    [IterationSetup(Target = nameof(BodyEdit))]
    public void ApplyBodyEdit() => PrepareEdit(_bodyEdit);

    [IterationSetup(Target = nameof(CallSiteEdit))]
    public void ApplyCallSiteEdit() => PrepareEdit(_callSiteEdit);

    [IterationSetup(Target = nameof(PlainFileEdit))]
    public void ApplyPlainFileEdit() => PrepareEdit(_plainFileEdit, _plainIndex);

    /// <summary>
    /// The state just before one keystroke: fresh trees, the driver has run on them and on one earlier edit (the first
    /// run after loading binds everything and records the declaration shapes; from the first edit on, runs reuse what
    /// did not change); then one file is edited. Every iteration measures that run after the edit, never a run that
    /// finds the edit already seen.
    /// </summary>
    private void PrepareEdit(string editedText) => PrepareEdit(editedText, _editedIndex);

    private void PrepareEdit(string editedText, int editedIndex)
    {
        var trees = FreshTrees();
        var loaded = NewCompilation(trees);
        _driver = NewDriver().RunGenerators(loaded);
        var earlierEdit = CSharpSyntaxTree.ParseText(trees[editedIndex].GetText(), ParseOptions, trees[editedIndex].FilePath);
        var before = loaded.ReplaceSyntaxTree(trees[editedIndex], earlierEdit);
        _driver = _driver.RunGenerators(before);
        _compilation = before.ReplaceSyntaxTree(earlierEdit, CSharpSyntaxTree.ParseText(editedText, ParseOptions, earlierEdit.FilePath));
    }

    private SyntaxTree[] FreshTrees() => _trees.Select(t => CSharpSyntaxTree.ParseText(t.GetText(), ParseOptions, t.FilePath)).ToArray();

    [Benchmark]
    public GeneratorDriver ColdRun() => NewDriver().RunGenerators(_compilation);

    [Benchmark]
    public GeneratorDriver UnrelatedEdit() => _driver.RunGenerators(_compilation);

    [Benchmark]
    public GeneratorDriver BodyEdit() => _driver.RunGenerators(_compilation);

    [Benchmark]
    public GeneratorDriver CallSiteEdit() => _driver.RunGenerators(_compilation);

    [Benchmark]
    public GeneratorDriver PlainFileEdit() => _driver.RunGenerators(_compilation);

    private CSharpCompilation NewCompilation(IEnumerable<SyntaxTree> trees) => CSharpCompilation.Create(
        SyntheticProject.AssemblyName,
        trees,
        _references,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    private GeneratorDriver NewDriver() => CSharpGeneratorDriver.Create(
        [new TracedGenerator().AsSourceGenerator()],
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));

    private void EnsureGenerated(GeneratorDriver driver)
    {
        var result = driver.GetRunResult();
        if (result.Diagnostics.Length > 0 || result.Results.Any(r => r.Exception is not null))
        {
            throw new InvalidOperationException("The generator failed on the synthetic library: " + string.Join("; ", result.Diagnostics));
        }

        var interceptorFiles = result.GeneratedTrees.Count(t => t.FilePath.EndsWith(".Traced.g.cs", StringComparison.Ordinal));
        if (Variant == SyntheticVariant.Traced && interceptorFiles == 0)
        {
            throw new InvalidOperationException("No interceptor was generated for the Traced variant.");
        }

        if (Variant == SyntheticVariant.NoTraced && result.GeneratedTrees.Length != 0)
        {
            throw new InvalidOperationException("Code was generated for the NoTraced variant.");
        }
    }

    /// <summary>Adds a member at the end of the file's first type.</summary>
    private static string AddMember(string text, string member)
    {
        var type = CSharpSyntaxTree.ParseText(text, ParseOptions).GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax>().First();
        return text.Insert(type.CloseBraceToken.SpanStart, "    " + member + "\n");
    }

    /// <summary>Inserts a statement at the start of the first block body after the first <c>[Traced</c> (or, without it, the first method).</summary>
    private static string InsertInFirstTracedBody(string text, string statement)
    {
        var traced = text.IndexOf("[Traced", StringComparison.Ordinal);
        var body = text.IndexOf("\n        {", Math.Max(traced, 0), StringComparison.Ordinal);
        if (body < 0)
        {
            throw new InvalidOperationException("No method body found in the edited file");
        }

        var afterBrace = body + "\n        {".Length;
        return text.Insert(afterBrace, "\n            " + statement);
    }

    /// <summary>
    /// Repeats the first call to an attributed method of the file right after its statement, as an expression statement
    /// (in the NoTraced variant, the first call to a method that would be traced: any call to another service).
    /// </summary>
    private static string DuplicateFirstTracedCall(SyntaxTree tree, CSharpCompilation compilation)
    {
        var semanticModel = compilation.GetSemanticModel(tree);
        foreach (var invocation in tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax>())
        {
            if (semanticModel.GetSymbolInfo(invocation).Symbol is not IMethodSymbol method ||
                method.ContainingType.ContainingNamespace.ToDisplayString().StartsWith("System", StringComparison.Ordinal) ||
                invocation.FirstAncestorOrSelf<Microsoft.CodeAnalysis.CSharp.Syntax.StatementSyntax>() is not { Parent: Microsoft.CodeAnalysis.CSharp.Syntax.BlockSyntax } statement ||
                method.ContainingType.Equals(semanticModel.GetEnclosingSymbol(invocation.SpanStart)?.ContainingType, SymbolEqualityComparer.Default))
            {
                continue;
            }

            var text = tree.GetText().ToString();
            return text.Insert(statement.Span.End, " " + invocation + ";");
        }

        throw new InvalidOperationException("No call to another type's method found in the edited file");
    }
}

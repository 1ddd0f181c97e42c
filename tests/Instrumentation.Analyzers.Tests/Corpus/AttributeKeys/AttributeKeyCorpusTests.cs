using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Instrumentation.Analyzers.Tests.Verifiers;
using Instrumentation.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Instrumentation.Analyzers.Tests.Corpus.AttributeKeys;

/// <summary>
/// TRC301-TRC305 on realistic instrumentation code (a database driver, a message bus, an HTTP client with a
/// compatibility switch) written for this repository, in a project that targets semantic conventions 1.42. Each line
/// that should be reported says so (<c>// expect: TRCnnn</c>, <c>(info)</c> for the informational rules). Prints
/// per-rule precision and recall; asserts no false positive, full recall, and that every warning is actionable.
/// </summary>
public sealed partial class AttributeKeyCorpusTests(ITestOutputHelper output)
{
    private const string TargetedRelease = "1.42";

    private static readonly (string Name, string Source)[] Corpus =
    [
        ("DatabaseDriver.cs", DatabaseDriverCorpus.Source),
        ("MessageBus.cs", MessageBusCorpus.Source),
        ("HttpClient.cs", HttpClientCorpus.Source),
    ];

    private static readonly string[] Rules =
    [
        RuleIds.DeprecatedAttributeKey,
        RuleIds.UnknownSemanticConventionKey,
        RuleIds.MalformedAttributeKey,
        RuleIds.UndefinedSemanticConventionKey,
        RuleIds.RemovedAttributeKey,
    ];

    [Fact]
    public async Task Corpus_diagnostics_match_the_expectations_written_on_each_line()
    {
        var reported = await AnalyzeAsync();
        var expected = Expectations();

        var lines = new List<string>();
        var falsePositives = 0;
        var missed = 0;
        foreach (var rule in Rules)
        {
            var actual = reported.Where(r => r.Rule == rule).Select(r => (r.File, r.Line, r.Rule)).ToHashSet();
            var wanted = expected.Where(e => e.Rule == rule).Select(e => (e.File, e.Line, e.Rule)).ToHashSet();
            var truePositives = actual.Count(wanted.Contains);
            var precision = actual.Count == 0 ? 1.0 : (double)truePositives / actual.Count;
            var recall = wanted.Count == 0 ? 1.0 : (double)truePositives / wanted.Count;
            lines.Add($"{rule}: reported {actual.Count}, expected {wanted.Count}, precision {precision:P0}, recall {recall:P0}");
            foreach (var extra in actual.Where(a => !wanted.Contains(a)))
            {
                lines.Add($"  false positive {extra.File}:{extra.Line}");
            }

            foreach (var gap in wanted.Where(w => !actual.Contains(w)))
            {
                lines.Add($"  missed {gap.File}:{gap.Line}");
            }

            falsePositives += actual.Count - truePositives;
            missed += wanted.Count - truePositives;
        }

        // Actionable: every warning is a line the corpus marks as one to act on (not informational).
        var warnings = reported.Where(r => r.Severity == DiagnosticSeverity.Warning).ToList();
        var actionable = warnings.Count(w => expected.Any(e => (e.File, e.Line, e.Rule) == (w.File, w.Line, w.Rule) && !e.Informational));
        var actionableShare = warnings.Count == 0 ? 1.0 : (double)actionable / warnings.Count;
        lines.Add($"warnings {warnings.Count}, actionable {actionable} ({actionableShare:P0}); informational {reported.Count - warnings.Count}");
        var report = string.Join(Environment.NewLine, lines);
        output.WriteLine(report);

        Assert.True(falsePositives == 0, report);
        Assert.True(missed == 0, report);
        Assert.True(actionableShare >= 0.9, report);
        Assert.All(expected.Where(e => e.Informational), e => Assert.True(
            reported.Single(r => (r.File, r.Line, r.Rule) == (e.File, e.Line, e.Rule)).Severity == DiagnosticSeverity.Info, $"{e.File}:{e.Line} {e.Rule} should be Info"));
    }

    [Fact]
    public async Task Corpus_is_realistic_code_that_compiles_and_exercises_every_rule()
    {
        var compilation = await CreateCompilationAsync();
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var rules = Expectations().Select(e => e.Rule).Distinct().OrderBy(r => r, StringComparer.Ordinal);
        Assert.Equal(Rules.OrderBy(r => r, StringComparer.Ordinal), rules);
    }

    private static List<(string File, int Line, string Rule, bool Informational)> Expectations()
    {
        var expectations = new List<(string, int, string, bool)>();
        foreach (var (name, source) in Corpus)
        {
            var lines = SourceText.From(source).Lines;
            foreach (var line in lines)
            {
                foreach (Match match in ExpectPattern().Matches(line.ToString()))
                {
                    expectations.Add((name, line.LineNumber + 1, match.Groups["rule"].Value, match.Groups["info"].Success));
                }
            }
        }

        return expectations;
    }

    private static async Task<List<(string File, int Line, string Rule, DiagnosticSeverity Severity)>> AnalyzeAsync()
    {
        var compilation = await CreateCompilationAsync();
        var options = new AnalyzerOptions([], new CorpusOptions(TargetedRelease));
        var diagnostics = await compilation
            .WithAnalyzers([new AttributeKeyAnalyzer()], options)
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        return [.. diagnostics.Select(d => (
            d.Location.SourceTree!.FilePath,
            d.Location.GetLineSpan().StartLinePosition.Line + 1,
            d.Id,
            d.Severity))];
    }

    private static async Task<CSharpCompilation> CreateCompilationAsync()
    {
        var references = await TestReferences.Net10.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        return CSharpCompilation.Create(
            "Corpus",
            Corpus.Select(file => CSharpSyntaxTree.ParseText(file.Source, new CSharpParseOptions(LanguageVersion.Preview), path: file.Name)),
            references.AddRange(TestReferences.Additional),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    [GeneratedRegex(@"// expect: (?<rule>TRC\d{3})(?<info> \(info\))?")]
    private static partial Regex ExpectPattern();

    // What the package's props hand the analyzer: build_property.InstrumentationSemanticConventionsVersion.
    private sealed class CorpusOptions(string release) : AnalyzerConfigOptionsProvider
    {
        private readonly Options _options = new(release);

        public override AnalyzerConfigOptions GlobalOptions => _options;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _options;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _options;

        private sealed class Options(string release) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value)
            {
                value = release;
                return key == "build_property.InstrumentationSemanticConventionsVersion";
            }
        }
    }
}

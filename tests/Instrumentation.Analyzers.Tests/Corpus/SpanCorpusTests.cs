using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Instrumentation.Analyzers.Tests.Verifiers;
using Instrumentation.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace Instrumentation.Analyzers.Tests.Corpus;

/// <summary>
/// TRC101 and TRC201 over realistic instrumentation code (Corpus/Spans, see its README): every diagnostic must be one
/// the corpus marks as actionable (no false positive), and at least 90 % of the marked lines must be found.
/// </summary>
public sealed partial class SpanCorpusTests(ITestOutputHelper output)
{
    private const string ResourcePrefix = "Corpus.Spans.";
    private const double MinimumRecall = 0.9;

    private static readonly string[] Rules = [RuleIds.HighCardinalitySpanName, RuleIds.SpanNotEnded];

    [Fact]
    public async Task Span_rules_report_every_actionable_line_and_nothing_else()
    {
        var ct = TestContext.Current.CancellationToken;
        var sources = ReadCorpus();
        Assert.True(sources.Count >= 4, "corpus files not embedded");

        var expected = new HashSet<(string File, int Line, string Id)>();
        foreach (var (name, text) in sources)
        {
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (ExpectMarker().Match(lines[i]) is { Success: true } marker)
                {
                    foreach (var id in marker.Groups["ids"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    {
                        expected.Add((name, i + 1, id));
                    }
                }
            }
        }

        var project = await WorkspaceHarness.CreateProjectAsync(sources, ct);
        DiagnosticAnalyzer[] analyzers = [new HighCardinalitySpanNameAnalyzer(), new SpanNotEndedAnalyzer()];
        var diagnostics = await WorkspaceHarness.GetAnalyzerDiagnosticsAsync(project, analyzers, ct);
        var actual = diagnostics
            .Select(d => (File: Path.GetFileName(d.Location.SourceTree!.FilePath), Line: d.Location.GetLineSpan().StartLinePosition.Line + 1, d.Id, Message: d.GetMessage()))
            .ToList();

        var report = new StringBuilder();
        var failures = new List<string>();
        foreach (var rule in Rules)
        {
            var reported = actual.Where(d => d.Id == rule).ToList();
            var wanted = expected.Where(e => e.Id == rule).ToList();
            var truePositives = reported.Count(d => expected.Contains((d.File, d.Line, rule)));
            var precision = reported.Count == 0 ? 1.0 : (double)truePositives / reported.Count;
            var recall = wanted.Count == 0 ? 1.0 : (double)truePositives / wanted.Count;
            report.AppendLine($"{rule}: {reported.Count} reported, {wanted.Count} expected, {truePositives} found; precision {precision:P0}, recall {recall:P0}");

            foreach (var falsePositive in reported.Where(d => !expected.Contains((d.File, d.Line, rule))))
            {
                failures.Add($"false positive {falsePositive.File}({falsePositive.Line}): {falsePositive.Message}");
            }

            foreach (var missed in wanted.Where(e => !reported.Any(d => d.File == e.File && d.Line == e.Line)))
            {
                report.AppendLine($"  missed {missed.File}({missed.Line})");
            }

            if (recall < MinimumRecall)
            {
                failures.Add($"{rule} recall {recall:P0} is under {MinimumRecall:P0}");
            }
        }

        foreach (var diagnostic in actual.OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Line))
        {
            report.AppendLine($"  {diagnostic.File}({diagnostic.Line}) {diagnostic.Id}: {diagnostic.Message}");
        }

        output.WriteLine(report.ToString());
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures) + Environment.NewLine + report);
    }

    private static List<(string Name, string Text)> ReadCorpus()
    {
        var assembly = typeof(SpanCorpusTests).Assembly;
        var sources = new List<(string Name, string Text)>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".cs", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            sources.Add((resource.Substring(ResourcePrefix.Length), reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal)));
        }

        return sources;
    }

    [GeneratedRegex(@"//\s*expect:\s*(?<ids>(?:TRC\d{3}\s*)+)")]
    private static partial Regex ExpectMarker();
}

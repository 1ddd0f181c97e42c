using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Instrumentation.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace Instrumentation.Analyzers.Tests;

/// <summary>Every rule is findable by its ID: a descriptor, an analyzer that reports it, a doc page, a release entry.</summary>
public class RuleCatalogTests
{
    private static readonly DirectoryInfo RepositoryRoot = FindRepositoryRoot();

    public static TheoryData<string> RuleIds()
    {
        var data = new TheoryData<string>();
        foreach (var descriptor in AllDescriptors())
        {
            data.Add(descriptor.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_has_a_doc_page_and_help_link(string id)
    {
        var descriptor = AllDescriptors().Single(d => d.Id == id);
        Assert.EndsWith($"docs/rules/{id}.md", descriptor.HelpLinkUri, StringComparison.Ordinal);
        var page = Path.Combine(RepositoryRoot.FullName, "docs", "rules", id + ".md");
        Assert.True(File.Exists(page), $"missing {page}");
        Assert.Contains(id, File.ReadAllText(page), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_is_release_tracked_and_listed_in_the_readme(string id)
    {
        var releases = File.ReadAllText(Path.Combine(RepositoryRoot.FullName, "src", "Instrumentation.Generators", "AnalyzerReleases.Unshipped.md"));
        Assert.Contains(id + " ", releases, StringComparison.Ordinal);
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.FullName, "README.md"));
        Assert.Contains(id, readme, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_is_reported_by_exactly_one_analyzer(string id)
    {
        var analyzers = typeof(Descriptors).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .Where(a => a.SupportedDiagnostics.Any(d => d.Id == id))
            .ToList();
        Assert.Single(analyzers);
    }

    // One header layout for every page (Severity, Category, Code fix), saying what the descriptor and the fixers say.
    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_page_header_says_what_the_descriptor_and_the_fixers_say(string id)
    {
        var descriptor = AllDescriptors().Single(d => d.Id == id);
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot.FullName, "docs", "rules", id + ".md"));
        Assert.StartsWith($"# {id}: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith($"| Severity | {descriptor.DefaultSeverity}", StringComparison.Ordinal));
        Assert.Contains($"| Category | `{descriptor.Category}` |", lines);

        var fixers = typeof(Instrumentation.CodeFixes.SpanNotEndedCodeFixProvider).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider).IsAssignableFrom(t))
            .Select(t => (Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider)Activator.CreateInstance(t)!)
            .Where(f => f.FixableDiagnosticIds.Contains(id))
            .ToList();
        Assert.True(fixers.Count <= 1, $"{id} has {fixers.Count} fixers");
        Assert.All(fixers, f => Assert.NotNull(f.GetFixAllProvider()));
        var codeFix = Assert.Single(lines, l => l.StartsWith("| Code fix | ", StringComparison.Ordinal));
        var saysNone = codeFix.StartsWith("| Code fix | none", StringComparison.Ordinal) || codeFix.StartsWith("| Code fix | —", StringComparison.Ordinal);
        Assert.True(saysNone == (fixers.Count == 0), $"{id}: the page says '{codeFix}', fixers: {fixers.Count}");
    }

    private static IEnumerable<DiagnosticDescriptor> AllDescriptors() =>
        typeof(Descriptors).GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!);

    [Fact]
    public void The_readme_quick_start_is_the_quick_start_sample()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.FullName, "README.md")).ReplaceLineEndings("\n");
        var program = File.ReadAllText(Path.Combine(RepositoryRoot.FullName, "samples", "QuickStart", "Program.cs")).ReplaceLineEndings("\n").Trim();
        Assert.Contains("```csharp\n" + program + "\n```", readme, StringComparison.Ordinal);
    }

    private static DirectoryInfo FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Instrumentation.Generators.sln")))
            {
                return directory;
            }
        }

        throw new InvalidOperationException("repository root not found");
    }
}

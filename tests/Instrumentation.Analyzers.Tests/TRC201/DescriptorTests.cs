using System;
using System.IO;
using Instrumentation.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Instrumentation.Analyzers.Tests.TRC201;

public class DescriptorTests
{
    [Fact]
    public void Rule_is_a_warning_with_a_help_link_to_its_doc_page()
    {
        var descriptor = Assert.Single(new SpanNotEndedAnalyzer().SupportedDiagnostics);

        Assert.Equal("TRC201", descriptor.Id);
        Assert.Equal(DiagnosticSeverity.Warning, descriptor.DefaultSeverity);
        Assert.True(descriptor.IsEnabledByDefault);
        Assert.EndsWith("docs/rules/TRC201.md", descriptor.HelpLinkUri, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(RepositoryRoot(), "docs", "rules", "TRC201.md")));
    }

    [Fact]
    public void Code_fix_handles_the_rule_and_supports_fix_all()
    {
        var provider = new Instrumentation.CodeFixes.SpanNotEndedCodeFixProvider();

        Assert.Contains("TRC201", provider.FixableDiagnosticIds);
        Assert.NotNull(provider.GetFixAllProvider());
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Instrumentation.Generators.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Repository root not found from " + AppContext.BaseDirectory);
    }
}

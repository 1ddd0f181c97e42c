using Microsoft.CodeAnalysis.Diagnostics;

namespace Instrumentation.Generators.Analyzers;

/// <summary>
/// Whether the compilation is a test project: MSBuild's <c>IsTestProject</c> (set by the test SDK packages), made
/// visible to analyzers by the package's build props (<c>CompilerVisibleProperty</c>).
/// </summary>
internal static class TestProjects
{
    public const string IsTestProjectProperty = "build_property.IsTestProject";

    public static bool IsTestProject(AnalyzerOptions options) =>
        options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(IsTestProjectProperty, out var value) &&
        string.Equals(value?.Trim(), "true", System.StringComparison.OrdinalIgnoreCase);
}

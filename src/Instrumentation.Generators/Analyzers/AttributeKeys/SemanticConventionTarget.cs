using System.Collections.Concurrent;
using Instrumentation.Generators.SemanticConventions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Instrumentation.Generators.Analyzers.AttributeKeys;

/// <summary>
/// The semantic-conventions release a project targets. From, in order: the <c>.editorconfig</c> / <c>.globalconfig</c>
/// key <see cref="EditorConfigKey"/> for the file, the MSBuild property <c>InstrumentationSemanticConventionsVersion</c>
/// (made visible to analyzers by the package's props), the release of the generated table. A value that is not a
/// version (<c>1.42</c>, <c>1.42.0</c>) is ignored.
/// </summary>
internal sealed class SemanticConventionTarget(AnalyzerConfigOptionsProvider options)
{
    public const string EditorConfigKey = "instrumentation.semantic_conventions_version";
    public const string MSBuildProperty = "build_property.InstrumentationSemanticConventionsVersion";

    private readonly SemanticConventionVersion _project = Read(options.GlobalOptions) ?? SemanticConventionVersion.Table;
    private readonly ConcurrentDictionary<SyntaxTree, SemanticConventionVersion> _byTree = new();

    public SemanticConventionVersion For(SyntaxTree tree) =>
        _byTree.GetOrAdd(tree, t => Read(options.GetOptions(t)) ?? _project);

    private static SemanticConventionVersion? Read(AnalyzerConfigOptions options)
    {
        if (options.TryGetValue(EditorConfigKey, out var text) && SemanticConventionVersion.TryParse(text, out var version))
        {
            return version;
        }

        return options.TryGetValue(MSBuildProperty, out text) && SemanticConventionVersion.TryParse(text, out version)
            ? version
            : null;
    }
}

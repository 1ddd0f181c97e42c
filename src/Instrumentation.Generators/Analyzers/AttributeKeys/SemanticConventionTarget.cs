using System;
using System.Collections.Concurrent;
using Instrumentation.Generators.SemanticConventions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Instrumentation.Generators.Analyzers.AttributeKeys;

/// <summary>
/// The semantic-conventions release a project targets. From, in order: the <c>.editorconfig</c> / <c>.globalconfig</c>
/// key <see cref="EditorConfigKey"/> for the file, the MSBuild property <c>InstrumentationSemanticConventionsVersion</c>
/// (made visible to analyzers by the package's props), the newest release the code itself names
/// (<see cref="SemanticConventionVersionInCode"/>: a schema URL or a <c>SemanticConventionsVersion</c> field), the
/// release of the generated table. A value that is not a version (<c>1.42</c>, <c>1.42.0</c>) is ignored.
/// </summary>
internal sealed class SemanticConventionTarget
{
    public const string EditorConfigKey = "instrumentation.semantic_conventions_version";
    public const string MSBuildProperty = "build_property.InstrumentationSemanticConventionsVersion";

    private readonly AnalyzerConfigOptionsProvider _options;
    private readonly Lazy<TargetRelease> _project;
    private readonly ConcurrentDictionary<SyntaxTree, TargetRelease> _byTree = new();

    public SemanticConventionTarget(AnalyzerConfigOptionsProvider options, Compilation compilation)
    {
        _options = options;

        // Read from the code only when a file without a setting has a key to judge, once per compilation.
        _project = new Lazy<TargetRelease>(
            () => Read(options.GlobalOptions) is { } declared
                ? new TargetRelease(declared, null)
                : SemanticConventionVersionInCode.Find(compilation) is { } inCode
                    ? new TargetRelease(inCode.Version, inCode.Origin)
                    : new TargetRelease(SemanticConventionVersion.Table, null),
            System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public TargetRelease For(SyntaxTree tree) =>
        _byTree.GetOrAdd(tree, t => Read(_options.GetOptions(t)) is { } declared ? new TargetRelease(declared, null) : _project.Value);

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

/// <summary>The release a file is judged against, and where it was read when the code says it (for the message).</summary>
/// <param name="Version">The release.</param>
/// <param name="InferredFrom">The member of the code that names it (<c>GrpcCoreInstrumentation.SemanticConventionsVersion</c>), or null when declared or assumed.</param>
internal readonly record struct TargetRelease(SemanticConventionVersion Version, string? InferredFrom)
{
    /// <summary><c>1.42</c>, or <c>1.42, read from 'X.SemanticConventionsVersion'</c>.</summary>
    public string Describe() => InferredFrom is null ? Version.ToString() : $"{Version}, read from '{InferredFrom}'";
}

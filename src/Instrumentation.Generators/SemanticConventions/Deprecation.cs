namespace Instrumentation.Generators.SemanticConventions;

/// <summary>What, if anything, replaces a deprecated key.</summary>
internal enum DeprecationKind
{
    /// <summary>Exactly one successor key: the fix writes it.</summary>
    Renamed,

    /// <summary>Replaced depending on context, or split into several keys: the guidance names them, no automatic fix.</summary>
    Guided,

    /// <summary>Nothing replaces the key ("no replacement at this time", removed).</summary>
    Removed,
}

/// <summary>
/// One row of the generated table: a deprecated key (or template prefix), its direct successor when there is exactly
/// one, the registry's words, and the first release that deprecates it (see <see cref="SemanticConventionTable.OldestKnownRelease"/>).
/// </summary>
internal sealed record Deprecation(string Key, string? Replacement, string Guidance, DeprecationKind Kind, string Since)
{
    public SemanticConventionVersion SinceVersion { get; } = SemanticConventionVersion.Parse(Since);
}

/// <summary>A deprecation as seen from the version a project targets: successors followed as far as that version knows them.</summary>
internal sealed record ResolvedDeprecation(string? Replacement, string Guidance, DeprecationKind Kind, SemanticConventionVersion Since);

using System.Collections.Immutable;
using System.Text;
using Instrumentation.Generators.SemanticConventions;

namespace Instrumentation.Generators.Analyzers.AttributeKeys;

internal enum AttributeKeyProblem
{
    None,

    /// <summary>TRC303: breaks the naming rules.</summary>
    Malformed,

    /// <summary>TRC303: uses the reserved <c>otel.</c> prefix for a key the specification does not define.</summary>
    ReservedPrefix,

    /// <summary>TRC301: deprecated in the targeted release, with a successor (one key, or keys that depend on context).</summary>
    Deprecated,

    /// <summary>TRC305: deprecated in the targeted release, nothing replaces it.</summary>
    DeprecatedWithoutReplacement,

    /// <summary>TRC302: not defined, but a near miss of a defined key of the same namespace (a typo).</summary>
    NearMiss,

    /// <summary>TRC304: not defined, inside a namespace of the conventions, and not close to any defined key.</summary>
    Undefined,
}

/// <summary>
/// What is wrong with one attribute key, if anything, for the semantic-conventions release a project targets. At most
/// one problem per key, in the order TRC303 (malformed or reserved prefix), TRC301/TRC305 (deprecated), TRC302/TRC304
/// (not defined in a namespace of the conventions).
/// </summary>
/// <param name="Problem">The problem.</param>
/// <param name="Replacement">The one key to write instead (successor, sole near miss, or normalized key), if there is one.</param>
/// <param name="Detail">TRC301/TRC305: the registry's guidance. TRC302/TRC304: the owning namespace. TRC303: the broken rule.</param>
/// <param name="Suggestions">TRC302: the closest defined keys (one when the match is clear, several when equally close).</param>
/// <param name="Since">TRC301/TRC305: the release that deprecated the key.</param>
internal sealed record AttributeKeyVerdict(
    AttributeKeyProblem Problem,
    string? Replacement,
    string Detail,
    ImmutableArray<string> Suggestions,
    SemanticConventionVersion Since)
{
    public static AttributeKeyVerdict Valid { get; } = new(AttributeKeyProblem.None, null, string.Empty, ImmutableArray<string>.Empty, default);

    /// <param name="key">The key.</param>
    /// <param name="target">The release the project targets.</param>
    /// <param name="project">The project's own sub-namespace (<c>db.npgsql.*</c> in Npgsql): not a typo, not undefined; and whether it is OpenTelemetry's own, which may use <c>otel.</c>.</param>
    public static AttributeKeyVerdict Classify(string key, SemanticConventionVersion target, ProjectNamespace? project = null)
    {
        if (SemanticConventionRegistry.IsDefined(key))
        {
            return SemanticConventionRegistry.TryGetDeprecation(key, target, out var deprecation)
                ? Deprecated(deprecation)
                : Valid;
        }

        if (SemanticConventionRegistry.TryMatchTemplate(key, out var templatePrefix))
        {
            return SemanticConventionRegistry.TryGetTemplateDeprecation(key, templatePrefix, target, out var deprecation)
                ? Deprecated(deprecation)
                : Valid;
        }

        var violations = AttributeKeyNaming.CheckNaming(key);
        if (violations != KeyNamingViolations.None)
        {
            return Problematic(AttributeKeyProblem.Malformed, AttributeKeyNaming.Normalize(key), Describe(violations));
        }

        if (AttributeKeyNaming.IsReservedPrefixMisuse(key))
        {
            if (project?.OwnsReservedPrefix == true)
            {
                return Valid;
            }

            return Problematic(
                AttributeKeyProblem.ReservedPrefix,
                AttributeKeyNaming.Normalize(key),
                "uses the reserved 'otel.' prefix, which only the OpenTelemetry specification may use");
        }

        if (SemanticConventionRegistry.TryGetOwningNamespace(key, out var ownedNamespace) && project?.Owns(key) != true)
        {
            var suggestions = KeySuggestions.GetClosestKeys(key, target);
            return suggestions.IsEmpty
                ? Problematic(AttributeKeyProblem.Undefined, null, ownedNamespace)
                : new AttributeKeyVerdict(
                    AttributeKeyProblem.NearMiss,
                    suggestions.Length == 1 ? suggestions[0] : null,
                    ownedNamespace,
                    suggestions,
                    default);
        }

        return Valid;
    }

    private static AttributeKeyVerdict Problematic(AttributeKeyProblem problem, string? replacement, string detail) =>
        new(problem, replacement, detail, ImmutableArray<string>.Empty, default);

    private static AttributeKeyVerdict Deprecated(ResolvedDeprecation deprecation) =>
        new(
            deprecation.Kind == DeprecationKind.Removed ? AttributeKeyProblem.DeprecatedWithoutReplacement : AttributeKeyProblem.Deprecated,
            deprecation.Replacement,
            deprecation.Guidance,
            ImmutableArray<string>.Empty,
            deprecation.Since);

    private static string Describe(KeyNamingViolations violations)
    {
        if ((violations & KeyNamingViolations.Empty) != 0)
        {
            return "is empty";
        }

        var characters = ImmutableArray.CreateBuilder<string>();
        if ((violations & KeyNamingViolations.Uppercase) != 0)
        {
            characters.Add("uppercase letters");
        }

        if ((violations & KeyNamingViolations.Whitespace) != 0)
        {
            characters.Add("whitespace");
        }

        if ((violations & KeyNamingViolations.Hyphen) != 0)
        {
            characters.Add("'-'");
        }

        if ((violations & KeyNamingViolations.OtherCharacter) != 0)
        {
            characters.Add("characters other than a-z, 0-9, '_' and '.'");
        }

        var clauses = ImmutableArray.CreateBuilder<string>();
        if (characters.Count > 0)
        {
            clauses.Add("contains " + JoinWithAnd(characters));
        }

        if ((violations & KeyNamingViolations.EmptySegment) != 0)
        {
            clauses.Add("has an empty segment (leading, trailing or doubled '.')");
        }

        if ((violations & KeyNamingViolations.SegmentStart) != 0)
        {
            clauses.Add("has a segment that does not start with a letter");
        }

        return JoinWithAnd(clauses);
    }

    private static string JoinWithAnd(ImmutableArray<string>.Builder parts)
    {
        var text = new StringBuilder();
        for (var i = 0; i < parts.Count; i++)
        {
            if (i > 0)
            {
                text.Append(i == parts.Count - 1 ? " and " : ", ");
            }

            text.Append(parts[i]);
        }

        return text.ToString();
    }
}

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

    /// <summary>TRC301: deprecated.</summary>
    Deprecated,

    /// <summary>TRC302: inside a namespace of the conventions but not defined.</summary>
    Unknown,
}

/// <summary>
/// What is wrong with one attribute key, if anything. At most one problem per key, in the order TRC303 (malformed or
/// reserved prefix), TRC301 (deprecated), TRC302 (unknown in a namespace of the conventions).
/// </summary>
internal readonly struct AttributeKeyVerdict
{
    private AttributeKeyVerdict(AttributeKeyProblem problem, string? replacement, string detail, ImmutableArray<string> suggestions)
    {
        Problem = problem;
        Replacement = replacement;
        Detail = detail;
        Suggestions = suggestions.IsDefault ? ImmutableArray<string>.Empty : suggestions;
    }

    public static AttributeKeyVerdict Valid { get; } = new(AttributeKeyProblem.None, null, string.Empty, default);

    public AttributeKeyProblem Problem { get; }

    /// <summary>The one key to write instead (successor, sole clear suggestion, or normalized key), if there is one.</summary>
    public string? Replacement { get; }

    /// <summary>TRC301: the registry's guidance. TRC302: the owning namespace. TRC303: the broken rule.</summary>
    public string Detail { get; }

    /// <summary>TRC302: the closest defined keys (one when the match is clear, several when equally close).</summary>
    public ImmutableArray<string> Suggestions { get; }

    public static AttributeKeyVerdict Classify(string key)
    {
        if (SemanticConventionRegistry.IsDefined(key))
        {
            return SemanticConventionRegistry.TryGetDeprecation(key, out var deprecation)
                ? Deprecated(deprecation.Replacement, deprecation.Guidance)
                : Valid;
        }

        if (SemanticConventionRegistry.TryMatchTemplate(key, out var templatePrefix))
        {
            return SemanticConventionRegistry.TryGetTemplateDeprecation(key, templatePrefix, out var deprecation, out var replacement)
                ? Deprecated(replacement, deprecation.Guidance)
                : Valid;
        }

        var violations = SemanticConventionRegistry.CheckNaming(key);
        if (violations != KeyNamingViolations.None)
        {
            return new AttributeKeyVerdict(AttributeKeyProblem.Malformed, SemanticConventionRegistry.Normalize(key), Describe(violations), default);
        }

        if (SemanticConventionRegistry.IsReservedPrefixMisuse(key))
        {
            return new AttributeKeyVerdict(
                AttributeKeyProblem.ReservedPrefix,
                SemanticConventionRegistry.Normalize(key),
                "uses the reserved 'otel.' prefix, which only the OpenTelemetry specification may use",
                default);
        }

        if (SemanticConventionRegistry.TryGetOwningNamespace(key, out var ownedNamespace))
        {
            var suggestions = SemanticConventionRegistry.GetClosestKeys(key);
            return new AttributeKeyVerdict(
                AttributeKeyProblem.Unknown,
                suggestions.Length == 1 ? suggestions[0] : null,
                ownedNamespace,
                suggestions);
        }

        return Valid;
    }

    private static AttributeKeyVerdict Deprecated(string? replacement, string guidance) =>
        new(AttributeKeyProblem.Deprecated, replacement, guidance, default);

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

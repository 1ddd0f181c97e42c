using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;

namespace Instrumentation.Generators.SemanticConventions;

/// <summary>A deprecated key (or template prefix), its single successor when there is one, and the registry's words.</summary>
internal sealed class Deprecation
{
    public Deprecation(string key, string? replacement, string guidance)
    {
        Key = key;
        Replacement = replacement;
        Guidance = guidance;
    }

    public string Key { get; }

    /// <summary>The one key that replaces <see cref="Key"/>; null when the replacement depends on context or there is none.</summary>
    public string? Replacement { get; }

    public string Guidance { get; }
}

/// <summary>Which attribute naming rules a key breaks. Several can apply at once.</summary>
[Flags]
internal enum KeyNamingViolations
{
    None = 0,
    Empty = 1,
    Uppercase = 2,
    Whitespace = 4,
    Hyphen = 8,
    OtherCharacter = 16,
    EmptySegment = 32,
    SegmentStart = 64,
}

/// <summary>
/// Lookups over the generated <see cref="SemanticConventionTable"/>. Every set is built once, with ordinal
/// comparison; lookups of valid keys do not allocate.
/// </summary>
internal static class SemanticConventionRegistry
{
    /// <summary>The reserved prefix: only keys the specification defines may use it.</summary>
    public const string ReservedPrefix = "otel.";

    private const int MaxSuggestionDistance = 2;
    private const int MaxSuggestions = 3;

    private static readonly HashSet<string> s_defined = new(SemanticConventionTable.DefinedKeys, StringComparer.Ordinal);
    private static readonly HashSet<string> s_stable = new(SemanticConventionTable.StableKeys, StringComparer.Ordinal);
    private static readonly Dictionary<int, string[]> s_ownedNamespacesByLength = GroupByLength(SemanticConventionTable.OwnedNamespaces);
    private static readonly Dictionary<string, Deprecation> s_deprecated = ToDictionary(SemanticConventionTable.DeprecatedKeys);
    private static readonly Dictionary<string, Deprecation> s_deprecatedTemplates = ToDictionary(SemanticConventionTable.DeprecatedTemplates);
    private static readonly Dictionary<string, string[]> s_suggestionCandidatesByRoot = BuildSuggestionCandidates();

    public static string PackageVersion => SemanticConventionTable.PackageVersion;

    public static int DefinedKeyCount => s_defined.Count;

    public static int TemplateCount => SemanticConventionTable.TemplatePrefixes.Length;

    public static bool IsDefined(string key) => s_defined.Contains(key);

    public static bool IsStable(string key) => s_stable.Contains(key);

    /// <summary>
    /// True when <paramref name="key"/> is deprecated. Keys of one word (the registry's old <c>state</c>) are never
    /// reported: applications use such words for their own data far more often than they mean the convention.
    /// </summary>
    public static bool TryGetDeprecation(string key, out Deprecation deprecation)
    {
        if (key.IndexOf('.') < 0)
        {
            deprecation = null!;
            return false;
        }

        return s_deprecated.TryGetValue(key, out deprecation!);
    }

    /// <summary>
    /// Matches template attributes such as <c>http.request.header.&lt;key&gt;</c>: <paramref name="prefix"/> is the
    /// longest template prefix (without the dot) followed by a non-empty suffix.
    /// </summary>
    public static bool TryMatchTemplate(string key, out string prefix)
    {
        prefix = null!;
        foreach (var candidate in SemanticConventionTable.TemplatePrefixes)
        {
            if (key.Length > candidate.Length + 1
                && key[candidate.Length] == '.'
                && key[candidate.Length + 1] != '.'
                && key.StartsWith(candidate, StringComparison.Ordinal)
                && (prefix is null || candidate.Length > prefix.Length))
            {
                prefix = candidate;
            }
        }

        return prefix is not null;
    }

    /// <summary>
    /// A deprecated template (<c>rpc.grpc.request.metadata.&lt;key&gt;</c>): the deprecation of the template and the
    /// successor key for this instance (the successor prefix plus the same suffix), when there is one.
    /// </summary>
    public static bool TryGetTemplateDeprecation(string key, string templatePrefix, out Deprecation deprecation, out string? replacement)
    {
        replacement = null;
        if (!s_deprecatedTemplates.TryGetValue(templatePrefix, out deprecation!))
        {
            return false;
        }

        if (deprecation.Replacement is not null)
        {
            replacement = deprecation.Replacement + key.Substring(templatePrefix.Length);
        }

        return true;
    }

    /// <summary>The namespace of the conventions that <paramref name="key"/> falls in (<c>http</c>, <c>app.screen</c>), if any.</summary>
    public static bool TryGetOwningNamespace(string key, out string ownedNamespace)
    {
        ownedNamespace = null!;
        var firstDot = key.IndexOf('.');
        if (firstDot <= 0)
        {
            return false;
        }

        if (TryFindOwnedPrefix(key, firstDot, out ownedNamespace))
        {
            return true;
        }

        var secondDot = key.IndexOf('.', firstDot + 1);
        return secondDot > firstDot + 1 && TryFindOwnedPrefix(key, secondDot, out ownedNamespace);
    }

    // Compares in place: custom keys ("myapp.order.id") are the common case and must not allocate.
    private static bool TryFindOwnedPrefix(string key, int length, out string ownedNamespace)
    {
        if (s_ownedNamespacesByLength.TryGetValue(length, out var candidates))
        {
            foreach (var candidate in candidates)
            {
                if (string.CompareOrdinal(key, 0, candidate, 0, length) == 0)
                {
                    ownedNamespace = candidate;
                    return true;
                }
            }
        }

        ownedNamespace = null!;
        return false;
    }

    /// <summary>
    /// Defined, non-deprecated keys of the same root namespace closest to <paramref name="key"/> by edit distance
    /// (adjacent transpositions count once). Empty unless the match is clear: at most 1 edit for short keys, 2
    /// otherwise; ties return every key at the best distance (up to three), so callers can tell "one clear match"
    /// from "several equally close".
    /// </summary>
    public static ImmutableArray<string> GetClosestKeys(string key)
    {
        var firstDot = key.IndexOf('.');
        if (firstDot <= 0 || !s_suggestionCandidatesByRoot.TryGetValue(key.Substring(0, firstDot), out var candidates))
        {
            return ImmutableArray<string>.Empty;
        }

        var limit = key.Length <= 8 ? 1 : MaxSuggestionDistance;
        var best = limit + 1;
        var matches = ImmutableArray.CreateBuilder<string>();
        foreach (var candidate in candidates)
        {
            if (Math.Abs(candidate.Length - key.Length) > limit)
            {
                continue;
            }

            var distance = EditDistance(key, candidate, best);
            if (distance < best)
            {
                best = distance;
                matches.Clear();
                matches.Add(candidate);
            }
            else if (distance == best && distance <= limit)
            {
                matches.Add(candidate);
            }
        }

        if (best > limit || matches.Count > MaxSuggestions)
        {
            return ImmutableArray<string>.Empty;
        }

        return matches.ToImmutable();
    }

    /// <summary>Checks the attribute naming rules: lowercase, dot-separated segments of <c>[a-z][a-z0-9_]*</c>.</summary>
    public static KeyNamingViolations CheckNaming(string key)
    {
        if (key.Length == 0)
        {
            return KeyNamingViolations.Empty;
        }

        var violations = KeyNamingViolations.None;
        var segmentStart = true;
        foreach (var c in key)
        {
            if (c == '.')
            {
                if (segmentStart)
                {
                    violations |= KeyNamingViolations.EmptySegment;
                }

                segmentStart = true;
                continue;
            }

            if (c is >= 'a' and <= 'z')
            {
                segmentStart = false;
                continue;
            }

            if (segmentStart && c is >= '0' and <= '9' or '_')
            {
                violations |= KeyNamingViolations.SegmentStart;
            }

            segmentStart = false;
            if (c is >= '0' and <= '9' or '_')
            {
                continue;
            }

            if (char.IsUpper(c))
            {
                violations |= KeyNamingViolations.Uppercase;
            }
            else if (char.IsWhiteSpace(c))
            {
                violations |= KeyNamingViolations.Whitespace;
            }
            else if (c == '-')
            {
                violations |= KeyNamingViolations.Hyphen;
            }
            else
            {
                violations |= KeyNamingViolations.OtherCharacter;
            }
        }

        if (segmentStart)
        {
            violations |= KeyNamingViolations.EmptySegment;
        }

        return violations;
    }

    public static bool IsWellFormed(string key) => CheckNaming(key) == KeyNamingViolations.None;

    /// <summary>True for an <c>otel.</c> key the specification does not define.</summary>
    public static bool IsReservedPrefixMisuse(string key) =>
        key.StartsWith(ReservedPrefix, StringComparison.Ordinal) && !IsDefined(key) && !TryMatchTemplate(key, out _);

    /// <summary>
    /// The key rewritten to follow the naming rules (<c>OrderId</c> → <c>order_id</c>, <c>http..method</c> →
    /// <c>http.method</c>, an undefined <c>otel.x</c> → <c>x</c>), or null when no well-formed key can be derived
    /// or the key is already well-formed and allowed.
    /// </summary>
    public static string? Normalize(string key)
    {
        var builder = new StringBuilder(key.Length + 8);
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (char.IsUpper(c))
            {
                var previous = i > 0 ? key[i - 1] : '\0';
                var next = i + 1 < key.Length ? key[i + 1] : '\0';
                var wordBoundary = char.IsLower(previous) || char.IsDigit(previous)
                    || (char.IsUpper(previous) && char.IsLower(next));
                if (wordBoundary)
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else if (c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_' or '.')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('_');
            }
        }

        var segments = builder.ToString().Split('.');
        builder.Clear();
        foreach (var rawSegment in segments)
        {
            var segment = CollapseUnderscores(rawSegment);
            if (segment.Length == 0)
            {
                continue;
            }

            if (builder.Length > 0)
            {
                builder.Append('.');
            }

            builder.Append(segment);
        }

        var normalized = builder.ToString();
        if (IsReservedPrefixMisuse(normalized))
        {
            normalized = normalized.Substring(ReservedPrefix.Length);
        }

        return normalized.Length > 0 && IsWellFormed(normalized) && !string.Equals(normalized, key, StringComparison.Ordinal)
            ? normalized
            : null;
    }

    private static string CollapseUnderscores(string segment)
    {
        var builder = new StringBuilder(segment.Length);
        foreach (var c in segment)
        {
            if (c == '_' && (builder.Length == 0 || builder[builder.Length - 1] == '_'))
            {
                continue;
            }

            builder.Append(c);
        }

        while (builder.Length > 0 && builder[builder.Length - 1] == '_')
        {
            builder.Length--;
        }

        return builder.ToString();
    }

    /// <summary>Optimal string alignment distance, abandoning once every path exceeds <paramref name="stopAbove"/>.</summary>
    private static int EditDistance(string source, string target, int stopAbove)
    {
        var previousPrevious = new int[target.Length + 1];
        var previous = new int[target.Length + 1];
        var current = new int[target.Length + 1];
        for (var j = 0; j <= target.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= source.Length; i++)
        {
            current[0] = i;
            var rowMinimum = current[0];
            for (var j = 1; j <= target.Length; j++)
            {
                var cost = source[i - 1] == target[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && source[i - 1] == target[j - 2] && source[i - 2] == target[j - 1])
                {
                    value = Math.Min(value, previousPrevious[j - 2] + 1);
                }

                current[j] = value;
                rowMinimum = Math.Min(rowMinimum, value);
            }

            if (rowMinimum > stopAbove)
            {
                return rowMinimum;
            }

            (previousPrevious, previous, current) = (previous, current, previousPrevious);
        }

        return previous[target.Length];
    }

    private static Dictionary<int, string[]> GroupByLength(string[] values)
    {
        var byLength = new Dictionary<int, List<string>>();
        foreach (var value in values)
        {
            if (!byLength.TryGetValue(value.Length, out var list))
            {
                list = [];
                byLength.Add(value.Length, list);
            }

            list.Add(value);
        }

        var result = new Dictionary<int, string[]>(byLength.Count);
        foreach (var pair in byLength)
        {
            result.Add(pair.Key, pair.Value.ToArray());
        }

        return result;
    }

    private static Dictionary<string, Deprecation> ToDictionary(Deprecation[] deprecations)
    {
        var result = new Dictionary<string, Deprecation>(deprecations.Length, StringComparer.Ordinal);
        foreach (var deprecation in deprecations)
        {
            result[deprecation.Key] = deprecation;
        }

        return result;
    }

    private static Dictionary<string, string[]> BuildSuggestionCandidates()
    {
        var byRoot = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var key in SemanticConventionTable.DefinedKeys)
        {
            var firstDot = key.IndexOf('.');
            if (firstDot <= 0 || s_deprecated.ContainsKey(key))
            {
                continue;
            }

            var root = key.Substring(0, firstDot);
            if (!byRoot.TryGetValue(root, out var keys))
            {
                keys = [];
                byRoot.Add(root, keys);
            }

            keys.Add(key);
        }

        var result = new Dictionary<string, string[]>(byRoot.Count, StringComparer.Ordinal);
        foreach (var pair in byRoot)
        {
            result.Add(pair.Key, pair.Value.ToArray());
        }

        return result;
    }
}

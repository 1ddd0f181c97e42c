using System;
using System.Collections.Generic;

namespace Instrumentation.Generators.SemanticConventions;

/// <summary>
/// Lookups over the generated <see cref="SemanticConventionTable"/>: defined keys, templates, owned namespaces and
/// deprecations as of the release a project targets. Every set is built once, with ordinal comparison; lookups of
/// valid keys do not allocate. Naming rules live in <see cref="AttributeKeyNaming"/>, near misses in <see cref="KeySuggestions"/>.
/// </summary>
internal static class SemanticConventionRegistry
{
    // Successor chains are short (two steps at most in the registry); the bound only guards against a cycle.
    private const int MaxChainLength = 8;

    private static readonly HashSet<string> s_defined = new(SemanticConventionTable.DefinedKeys, StringComparer.Ordinal);
    private static readonly HashSet<string> s_stable = new(SemanticConventionTable.StableKeys, StringComparer.Ordinal);
    private static readonly Dictionary<int, string[]> s_ownedNamespacesByLength = GroupByLength(SemanticConventionTable.OwnedNamespaces);
    private static readonly Dictionary<string, Deprecation> s_deprecated = ToDictionary(SemanticConventionTable.DeprecatedKeys);
    private static readonly Dictionary<string, Deprecation> s_deprecatedTemplates = ToDictionary(SemanticConventionTable.DeprecatedTemplates);

    // "messaging.kafka", "db.cosmosdb": the first two segments of every defined key or template with at least three.
    private static readonly HashSet<string> s_definedSubNamespaces = TwoSegmentPrefixes();

    public static string PackageVersion => SemanticConventionTable.PackageVersion;

    public static int DefinedKeyCount => s_defined.Count;

    public static int TemplateCount => SemanticConventionTable.TemplatePrefixes.Length;

    public static bool IsDefined(string key) => s_defined.Contains(key);

    public static bool IsStable(string key) => s_stable.Contains(key);

    /// <summary>True when <paramref name="key"/> is deprecated in the <paramref name="target"/> release.</summary>
    public static bool IsDeprecatedAt(string key, SemanticConventionVersion target) =>
        s_deprecated.TryGetValue(key, out var deprecation) && deprecation.SinceVersion <= target;

    /// <summary>The table's row for <paramref name="key"/>, whatever the release.</summary>
    public static bool TryGetDeprecationRow(string key, out Deprecation deprecation) => s_deprecated.TryGetValue(key, out deprecation!);

    /// <summary>
    /// True when <paramref name="key"/> is deprecated in the <paramref name="target"/> release. The successor is
    /// followed through keys that are themselves deprecated in that release (<c>a</c> → <c>b</c> → <c>c</c> gives
    /// <c>c</c>; a project on a release that still defines <c>b</c> gets <c>b</c>). Keys of one word (the registry's
    /// old <c>state</c>) are never reported: applications use such words for their own data far more often than
    /// they mean the convention.
    /// </summary>
    public static bool TryGetDeprecation(string key, SemanticConventionVersion target, out ResolvedDeprecation deprecation)
    {
        deprecation = null!;
        if (key.IndexOf('.') < 0 || !s_deprecated.TryGetValue(key, out var row) || row.SinceVersion > target)
        {
            return false;
        }

        deprecation = Follow(row, target, s_deprecated);
        return true;
    }

    /// <summary>Same as <see cref="TryGetDeprecation(string, SemanticConventionVersion, out ResolvedDeprecation)"/> for the table's own release.</summary>
    public static bool TryGetDeprecation(string key, out ResolvedDeprecation deprecation) =>
        TryGetDeprecation(key, SemanticConventionVersion.Table, out deprecation);

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
    /// A deprecated template (<c>rpc.grpc.request.metadata.&lt;key&gt;</c>) in the <paramref name="target"/> release:
    /// the deprecation, with the successor key for this instance (the successor prefix plus the same suffix).
    /// </summary>
    public static bool TryGetTemplateDeprecation(string key, string templatePrefix, SemanticConventionVersion target, out ResolvedDeprecation deprecation)
    {
        deprecation = null!;
        if (!s_deprecatedTemplates.TryGetValue(templatePrefix, out var row) || row.SinceVersion > target)
        {
            return false;
        }

        deprecation = Follow(row, target, s_deprecatedTemplates);
        if (deprecation.Replacement is not null)
        {
            deprecation = deprecation with { Replacement = deprecation.Replacement + key.Substring(templatePrefix.Length) };
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

    /// <summary>True when the conventions define keys under <paramref name="subNamespace"/> (two segments: <c>messaging.kafka</c>).</summary>
    public static bool DefinesNamespace(string subNamespace) => s_definedSubNamespaces.Contains(subNamespace);

    private static HashSet<string> TwoSegmentPrefixes()
    {
        var prefixes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var keys in new[] { SemanticConventionTable.DefinedKeys, SemanticConventionTable.TemplatePrefixes })
        {
            foreach (var key in keys)
            {
                var firstDot = key.IndexOf('.');
                var secondDot = firstDot < 0 ? -1 : key.IndexOf('.', firstDot + 1);
                if (secondDot > 0)
                {
                    prefixes.Add(key.Substring(0, secondDot));
                }
            }
        }

        return prefixes;
    }

    private static ResolvedDeprecation Follow(Deprecation row, SemanticConventionVersion target, Dictionary<string, Deprecation> rows)
    {
        var replacement = row.Replacement;
        var guidance = row.Guidance;
        var kind = row.Kind;
        for (var step = 0; replacement is not null && step < MaxChainLength; step++)
        {
            if (!rows.TryGetValue(replacement, out var next) || next.SinceVersion > target)
            {
                break;
            }

            if (next.Replacement is null)
            {
                guidance = $"Replaced by '{replacement}', which is deprecated too: {next.Guidance}";
                kind = next.Kind;
                replacement = null;
                break;
            }

            replacement = next.Replacement;
            guidance = $"Replaced by '{replacement}'.";
        }

        return new ResolvedDeprecation(replacement, guidance, kind, row.SinceVersion);
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
}

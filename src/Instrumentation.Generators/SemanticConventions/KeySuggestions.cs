using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace Instrumentation.Generators.SemanticConventions;

/// <summary>Near misses (TRC302): the defined keys a key that is not defined was probably meant to be.</summary>
internal static class KeySuggestions
{
    private const int MaxSuggestionDistance = 2;
    private const int MaxSuggestions = 3;

    private static readonly Dictionary<string, string[]> s_candidatesByRoot = BuildSuggestionCandidates();

    /// <summary>
    /// Defined keys, not deprecated in the <paramref name="target"/> release, of the same root namespace closest to <paramref name="key"/> by edit distance
    /// (adjacent transpositions count once). Empty unless the match is clear: at most 1 edit for short keys, 2
    /// otherwise; ties return every key at the best distance (up to three), so callers can tell "one clear match"
    /// from "several equally close".
    /// </summary>
    public static ImmutableArray<string> GetClosestKeys(string key, SemanticConventionVersion target)
    {
        var firstDot = key.IndexOf('.');
        if (firstDot <= 0 || !s_candidatesByRoot.TryGetValue(key.Substring(0, firstDot), out var candidates))
        {
            return ImmutableArray<string>.Empty;
        }

        var limit = key.Length <= 8 ? 1 : MaxSuggestionDistance;
        var best = limit + 1;
        var matches = ImmutableArray.CreateBuilder<string>();
        foreach (var candidate in candidates)
        {
            if (Math.Abs(candidate.Length - key.Length) > limit || SemanticConventionRegistry.IsDeprecatedAt(candidate, target))
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

    /// <summary>Optimal string alignment distance, abandoning once every path exceeds <paramref name="stopAbove"/>.</summary>
    internal static int EditDistance(string source, string target, int stopAbove)
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

    private static Dictionary<string, string[]> BuildSuggestionCandidates()
    {
        var byRoot = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var key in SemanticConventionTable.DefinedKeys)
        {
            var firstDot = key.IndexOf('.');
            if (firstDot <= 0)
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

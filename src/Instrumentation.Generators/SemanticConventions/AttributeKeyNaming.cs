using System;
using System.Text;

namespace Instrumentation.Generators.SemanticConventions;

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

/// <summary>The attribute naming rules (TRC303): checking a key and deriving the well-formed key it was meant to be.</summary>
internal static class AttributeKeyNaming
{
    /// <summary>The reserved prefix: only keys the specification defines may use it.</summary>
    public const string ReservedPrefix = "otel.";

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
        key.StartsWith(ReservedPrefix, StringComparison.Ordinal) && !SemanticConventionRegistry.IsDefined(key) && !SemanticConventionRegistry.TryMatchTemplate(key, out _);

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

}

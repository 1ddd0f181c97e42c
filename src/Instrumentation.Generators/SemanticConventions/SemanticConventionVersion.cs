using System;
using System.Globalization;

namespace Instrumentation.Generators.SemanticConventions;

/// <summary>
/// A semantic-conventions release, compared by major and minor version only: the conventions change in minor
/// releases, patch releases fix their tooling (npm publishes 1.33.1 and 1.41.1 for 1.33 and 1.41).
/// </summary>
internal readonly record struct SemanticConventionVersion(int Major, int Minor) : IComparable<SemanticConventionVersion>
{
    /// <summary>The release the generated table was built from: what a project targets unless it says otherwise.</summary>
    public static SemanticConventionVersion Table { get; } = Parse(SemanticConventionTable.PackageVersion);

    /// <summary>The oldest release whose deprecations the table records; older deprecations are dated to it.</summary>
    public static SemanticConventionVersion OldestKnown { get; } = Parse(SemanticConventionTable.OldestKnownRelease);

    public int CompareTo(SemanticConventionVersion other) =>
        Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public static bool operator <(SemanticConventionVersion left, SemanticConventionVersion right) => left.CompareTo(right) < 0;

    public static bool operator >(SemanticConventionVersion left, SemanticConventionVersion right) => left.CompareTo(right) > 0;

    public static bool operator <=(SemanticConventionVersion left, SemanticConventionVersion right) => left.CompareTo(right) <= 0;

    public static bool operator >=(SemanticConventionVersion left, SemanticConventionVersion right) => left.CompareTo(right) >= 0;

    /// <summary>Accepts <c>1.42</c>, <c>1.42.0</c> and <c>v1.42.0</c> (surrounding whitespace allowed).</summary>
    public static bool TryParse(string? text, out SemanticConventionVersion version)
    {
        version = default;
        if (text is null)
        {
            return false;
        }

        text = text.Trim();
        if (text.StartsWith("v", StringComparison.OrdinalIgnoreCase))
        {
            text = text.Substring(1);
        }

        var parts = text.Split('.');
        if (parts.Length is < 2 or > 3
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
            || (parts.Length == 3 && !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            return false;
        }

        version = new SemanticConventionVersion(major, minor);
        return true;
    }

    public static SemanticConventionVersion Parse(string text) =>
        TryParse(text, out var version) ? version : throw new FormatException($"not a semantic-conventions version: '{text}'");

    /// <summary><c>1.42</c>.</summary>
    public override string ToString() => Major.ToString(CultureInfo.InvariantCulture) + "." + Minor.ToString(CultureInfo.InvariantCulture);

    /// <summary>How a deprecation date reads in a message: the oldest known release may hide an older date.</summary>
    public string DescribeAsSince() => this <= OldestKnown ? ToString() + " or earlier" : ToString();
}

using System.Collections.Generic;

namespace Instrumentation.Generators.Analyzers.SpanNames;

/// <summary>What kind of identifier a constant span name embeds.</summary>
internal enum EmbeddedIdKind
{
    /// <summary>A path segment made only of digits: <c>/orders/42</c>.</summary>
    PathSegment,

    /// <summary>A run of five or more digits anywhere: <c>batch-20240101</c>.</summary>
    LongNumber,

    /// <summary>A GUID, with dashes (<c>3fa85f64-5717-4562-b3fc-2c963f66afa6</c>) or as 32 hex digits.</summary>
    Guid,
}

/// <summary>One identifier found inside constant span-name text.</summary>
internal readonly struct EmbeddedId
{
    public EmbeddedId(int start, int length, EmbeddedIdKind kind)
    {
        Start = start;
        Length = length;
        Kind = kind;
    }

    public int Start { get; }

    public int Length { get; }

    public EmbeddedIdKind Kind { get; }
}

/// <summary>
/// Finds identifiers embedded in constant span-name text. The rules are deliberately narrow so that
/// ordinary names (<c>/api/v2/orders</c>, <c>GET /users/{id}</c>, <c>HTTP/2</c>, <c>retry 1/3</c>) stay quiet.
/// </summary>
internal static class SpanNameIdScanner
{
    private const int LongNumberMinimum = 5;
    private static readonly int[] GuidGroups = [8, 4, 4, 4, 12];

    /// <summary>Every identifier in <paramref name="text"/>, in order.</summary>
    public static List<EmbeddedId> FindAll(string text)
    {
        var found = new List<EmbeddedId>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (IsHex(c) && (i == 0 || !IsWordChar(text[i - 1])))
            {
                var guidLength = MatchGuid(text, i);
                if (guidLength > 0)
                {
                    found.Add(new EmbeddedId(i, guidLength, EmbeddedIdKind.Guid));
                    i += guidLength;
                    continue;
                }
            }

            if (IsDigit(c))
            {
                var end = i;
                while (end < text.Length && IsDigit(text[end]))
                {
                    end++;
                }

                if (end - i >= LongNumberMinimum)
                {
                    found.Add(new EmbeddedId(i, end - i, EmbeddedIdKind.LongNumber));
                }
                else if (IsDigitPathSegment(text, i, end))
                {
                    found.Add(new EmbeddedId(i, end - i, EmbeddedIdKind.PathSegment));
                }

                i = end;
                continue;
            }

            i++;
        }

        return found;
    }

    // A digit-only segment right after '/' and ending at a path delimiter. "1/3" (a fraction: the segment
    // before the slash is itself a bare number that does not start after a slash) and "HTTP/2" (a protocol
    // version) are not paths.
    private static bool IsDigitPathSegment(string text, int start, int end)
    {
        if (start == 0 || text[start - 1] != '/')
        {
            return false;
        }

        if (end < text.Length && !IsSegmentEnd(text[end]))
        {
            return false;
        }

        var slash = start - 1;
        if (slash == 0)
        {
            return true;
        }

        var before = text[slash - 1];
        if (IsDigit(before))
        {
            var q = slash - 1;
            while (q > 0 && IsDigit(text[q - 1]))
            {
                q--;
            }

            return q > 0 && text[q - 1] == '/';
        }

        if (slash >= 4 && IsProtocolName(text, slash - 4) && (slash == 4 || !IsWordChar(text[slash - 5])))
        {
            return false;
        }

        return true;
    }

    private static bool IsProtocolName(string text, int start) =>
        string.Compare(text, start, "HTTP", 0, 4, System.StringComparison.OrdinalIgnoreCase) == 0;

    private static bool IsSegmentEnd(char c) => c is '/' or '?' or '#' or ';' || char.IsWhiteSpace(c);

    // 8-4-4-4-12 hex digits with dashes, or 32 contiguous hex digits (Guid "N" format) holding at least one
    // digit and one letter so that a word like "deadbeef..." alone is not taken for an id by accident.
    private static int MatchGuid(string text, int start)
    {
        var groups = GuidGroups;
        var p = start;
        var dashed = true;
        for (var g = 0; g < groups.Length && dashed; g++)
        {
            if (g > 0)
            {
                if (p >= text.Length || text[p] != '-')
                {
                    dashed = false;
                    break;
                }

                p++;
            }

            for (var k = 0; k < groups[g]; k++, p++)
            {
                if (p >= text.Length || !IsHex(text[p]))
                {
                    dashed = false;
                    break;
                }
            }
        }

        if (dashed && (p == text.Length || !IsWordChar(text[p])))
        {
            return p - start;
        }

        const int CompactLength = 32;
        var end = start;
        var digits = 0;
        var letters = 0;
        while (end < text.Length && IsHex(text[end]))
        {
            if (IsDigit(text[end]))
            {
                digits++;
            }
            else
            {
                letters++;
            }

            end++;
        }

        if (end - start == CompactLength && digits > 0 && letters > 0 && (end == text.Length || !IsWordChar(text[end])))
        {
            return CompactLength;
        }

        return 0;
    }

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private static bool IsHex(char c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F');

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';
}

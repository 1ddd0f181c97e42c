namespace Instrumentation.Generators.Analyzers;

/// <summary>
/// How OpenTelemetry's <c>AddSource</c> matches a source name: ignoring case, with <c>*</c> for any run of characters
/// and <c>?</c> for one character (TRC501).
/// </summary>
internal static class SourceNamePattern
{
    public static bool Matches(string pattern, string name) => Matches(pattern, 0, name, 0);

    private static bool Matches(string pattern, int p, string name, int n)
    {
        while (p < pattern.Length)
        {
            var c = pattern[p];
            if (c == '*')
            {
                // Collapse runs of '*', then try every split point.
                while (p < pattern.Length && pattern[p] == '*')
                {
                    p++;
                }

                if (p == pattern.Length)
                {
                    return true;
                }

                for (var i = n; i <= name.Length; i++)
                {
                    if (Matches(pattern, p, name, i))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (n == name.Length || (c != '?' && char.ToUpperInvariant(c) != char.ToUpperInvariant(name[n])))
            {
                return false;
            }

            p++;
            n++;
        }

        return n == name.Length;
    }
}

using System.Collections.Generic;

namespace Instrumentation.Generators.Analyzers.AttributeKeys;

/// <summary>
/// TRC401: whether an attribute key, or the name of a tagged parameter, says its value is a secret or personal data.
/// The name is split into lowercase words (at dots, underscores, dashes and camelCase humps) and matched against
/// words and word pairs; names that also carry a word for a count, a measure or a safe derivative
/// (<c>password_length</c>, <c>app.token_count</c>, <c>email.count</c>, <c>password.hash</c>) are not reported, nor
/// are counted tokens (<c>gen_ai.usage.input_tokens</c>: the plural is a count, not a credential).
/// </summary>
internal static class SensitiveData
{
    private static readonly Dictionary<string, string> Words = new(System.StringComparer.Ordinal)
    {
        ["password"] = "a password",
        ["passwd"] = "a password",
        ["pwd"] = "a password",
        ["passphrase"] = "a password",
        ["secret"] = "a secret",
        ["apikey"] = "an API key",
        ["authorization"] = "an authorization header",
        ["cookie"] = "a cookie",
        ["connectionstring"] = "a connection string",
        ["privatekey"] = "a private key",
        ["creditcard"] = "a card number",
        ["cardnumber"] = "a card number",
        ["pan"] = "a card number",
        ["cvv"] = "a card security code",
        ["cvc"] = "a card security code",
        ["iban"] = "a bank account number",
        ["ssn"] = "a national identity number",
        ["email"] = "an email address",
        ["phone"] = "a phone number",
        ["dob"] = "a date of birth",
        ["birthdate"] = "a date of birth",
        ["bearer"] = "a credential token",
    };

    private static readonly (string First, string Second, string What)[] Pairs =
    [
        ("api", "key", "an API key"),
        ("connection", "string", "a connection string"),
        ("private", "key", "a private key"),
        ("credit", "card", "a card number"),
        ("card", "number", "a card number"),
        ("national", "id", "a national identity number"),
        ("social", "security", "a national identity number"),
        ("date", "birth", "a date of birth"),
        ("birth", "date", "a date of birth"),
        ("set", "cookie", "a cookie"),
        ("phone", "number", "a phone number"),
    ];

    /// <summary>Words that qualify "token" as a credential.</summary>
    private static readonly HashSet<string> CredentialQualifiers = new(System.StringComparer.Ordinal)
    {
        "auth", "access", "refresh", "id", "bearer", "session", "api", "security", "csrf", "xsrf", "oauth", "jwt", "sas",
    };

    /// <summary>Words that make the value a count, a measure or a safe derivative of the sensitive one.</summary>
    private static readonly HashSet<string> SafeWords = new(System.StringComparer.Ordinal)
    {
        "count", "counts", "length", "len", "size", "total", "hash", "hashed", "present", "exists", "missing", "provided",
        "strength", "valid", "validity", "expiry", "expires", "expiration", "type", "kind", "format", "source", "domain",
        "last4", "masked", "redacted", "enabled", "required", "policy", "rotation", "version", "usage", "limit", "max", "min",
    };

    /// <summary>What the name says the value is ("a password"), or null when it does not look sensitive.</summary>
    public static string? Classify(string name)
    {
        var words = Split(name);
        if (words.Count == 0)
        {
            return null;
        }

        foreach (var word in words)
        {
            if (SafeWords.Contains(word))
            {
                return null;
            }
        }

        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (Words.TryGetValue(word, out var what))
            {
                return what;
            }

            if (i + 1 < words.Count)
            {
                foreach (var (first, second, pairWhat) in Pairs)
                {
                    if (word == first && words[i + 1] == second)
                    {
                        return pairWhat;
                    }
                }

                // date_of_birth
                if (word == "date" && words[i + 1] == "of" && i + 2 < words.Count && words[i + 2] == "birth")
                {
                    return "a date of birth";
                }
            }

            // A token is a credential when it is one (auth.token, access_token, id_token), not when tokens are counted.
            if (word == "token" && (words.Count == 1 || (i > 0 && CredentialQualifiers.Contains(words[i - 1])) || i == words.Count - 1 && words.Count <= 2))
            {
                return "a credential token";
            }
        }

        return null;
    }

    /// <summary>Lowercase words: split at non-letters/digits and before an uppercase letter that follows a lowercase one.</summary>
    internal static List<string> Split(string name)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush();
                continue;
            }

            if (char.IsUpper(c) && i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]))))
            {
                Flush();
            }

            current.Append(char.ToLowerInvariant(c));
        }

        Flush();
        return words;

        void Flush()
        {
            if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
    }
}

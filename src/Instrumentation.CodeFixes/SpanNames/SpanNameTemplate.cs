using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using Instrumentation.Generators.Analyzers.SpanNames;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Instrumentation.CodeFixes.SpanNames;

/// <summary>A value taken out of the span name and recorded as a tag.</summary>
/// <param name="Key">The attribute key (a semantic-convention key where one clearly fits, else snake_case).</param>
/// <param name="Value">The expression that was in the name.</param>
/// <param name="Type">Its type, to pick a value <c>TelemetrySpan.SetAttribute</c> accepts.</param>
internal sealed record TagToRecord(string Key, ExpressionSyntax Value, ITypeSymbol? Type);

/// <summary>
/// The constant template a reported span name becomes (<c>$"GET /users/{userId}"</c> → <c>"GET /users/{userId}"</c>)
/// and the tags that keep the values taken out of it. Pure text work on the pieces the analyzer found: where the tags
/// go is <see cref="TagPlan"/>'s business.
/// </summary>
internal sealed record SpanNameTemplate(ExpressionSyntax Name, ImmutableArray<TagToRecord> Tags)
{
    /// <summary>
    /// The template keeps literal text and kept values (<c>{kind}</c>, <c>{Prefix}</c>); each data value and each id
    /// written in the text becomes a <c>{placeholder}</c> named after it. Null when nothing meaningful would be left of
    /// the name (only placeholders and punctuation) or when a value has nothing to be named after.
    /// </summary>
    public static SpanNameTemplate? Build(ImmutableArray<SpanNamePart> parts)
    {
        var pieces = new List<(string Text, bool IsHole)>();
        var placeholderByExpression = new Dictionary<string, string>(System.StringComparer.Ordinal);
        var usedPlaceholders = new HashSet<string>(System.StringComparer.Ordinal);
        var usedKeys = new HashSet<string>(System.StringComparer.Ordinal);
        var tags = ImmutableArray.CreateBuilder<TagToRecord>();
        var hasHoles = false;
        var hasWords = false;

        foreach (var part in parts)
        {
            switch (part.Kind)
            {
                case SpanNamePartKind.Text:
                    var text = ReplaceIds(part.Text, usedPlaceholders, ref hasWords);
                    pieces.Add((text, false));
                    break;

                case SpanNamePartKind.Kept when part.Expression is { } kept:
                    if (part.Format is { } format && format.IndexOfAny(['"', '\\', '{', '}', '\n', '\r']) >= 0)
                    {
                        return null;
                    }

                    var expressionText = kept.WithoutTrivia().ToString();
                    if (expressionText.IndexOf(':') >= 0 || kept is ConditionalExpressionSyntax or LambdaExpressionSyntax)
                    {
                        expressionText = "(" + expressionText + ")";
                    }

                    pieces.Add(("{" + expressionText + (part.Alignment is { } alignment ? "," + alignment : string.Empty) +
                                (part.Format is { } f ? ":" + f : string.Empty) + "}", true));
                    hasHoles = true;
                    hasWords = true;
                    break;

                case SpanNamePartKind.Data when part.Expression is { } data:
                    var key = data.WithoutTrivia().ToString();
                    if (!placeholderByExpression.TryGetValue(key, out var placeholder))
                    {
                        if (TagNaming.PlaceholderFor(data) is not { } named)
                        {
                            // "{value}" and a "value" tag say nothing: better no fix than a meaningless one.
                            return null;
                        }

                        placeholder = Unique(named, usedPlaceholders);
                        placeholderByExpression.Add(key, placeholder);
                        var tagKey = TagNaming.TagKeyFor(placeholder);
                        var n = 2;
                        var candidate = tagKey;
                        while (!usedKeys.Add(candidate))
                        {
                            candidate = tagKey + "_" + n++;
                        }

                        tags.Add(new TagToRecord(candidate, data.WithoutTrivia(), part.Type));
                    }

                    pieces.Add(("{" + placeholder + "}", false));
                    break;

                default:
                    return null;
            }
        }

        if (!hasWords)
        {
            return null;
        }

        ExpressionSyntax newName;
        if (!hasHoles)
        {
            var literal = new StringBuilder();
            foreach (var piece in pieces)
            {
                literal.Append(piece.Text);
            }

            newName = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(literal.ToString()));
        }
        else
        {
            var source = new StringBuilder("$\"");
            foreach (var piece in pieces)
            {
                if (piece.IsHole)
                {
                    source.Append(piece.Text);
                }
                else
                {
                    AppendEscaped(source, piece.Text);
                }
            }

            source.Append('"');
            newName = SyntaxFactory.ParseExpression(source.ToString());
            if (newName.ContainsDiagnostics)
            {
                return null;
            }
        }

        return new SpanNameTemplate(newName, tags.ToImmutable());
    }

    private static string ReplaceIds(string text, HashSet<string> usedPlaceholders, ref bool hasWords)
    {
        var ids = SpanNameIdScanner.FindAll(text);
        var builder = new StringBuilder(text.Length);
        var position = 0;
        foreach (var id in ids)
        {
            builder.Append(text, position, id.Start - position);
            builder.Append('{').Append(Unique(id.Kind == EmbeddedIdKind.Guid ? "guid" : "id", usedPlaceholders)).Append('}');
            position = id.Start + id.Length;
        }

        builder.Append(text, position, text.Length - position);
        var result = builder.ToString();
        foreach (var c in StripPlaceholders(result))
        {
            if (char.IsLetter(c))
            {
                hasWords = true;
                break;
            }
        }

        return result;
    }

    private static IEnumerable<char> StripPlaceholders(string text)
    {
        var depth = 0;
        foreach (var c in text)
        {
            if (c == '{')
            {
                depth++;
            }
            else if (c == '}' && depth > 0)
            {
                depth--;
            }
            else if (depth == 0)
            {
                yield return c;
            }
        }
    }

    private static string Unique(string name, HashSet<string> used)
    {
        var candidate = name;
        var n = 2;
        while (!used.Add(candidate))
        {
            candidate = name + n++;
        }

        return candidate;
    }

    private static void AppendEscaped(StringBuilder builder, string text)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case '{': builder.Append("{{"); break;
                case '}': builder.Append("}}"); break;
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\0': builder.Append("\\0"); break;
                default:
                    if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }
    }
}

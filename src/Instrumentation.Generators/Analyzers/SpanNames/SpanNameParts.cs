using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Instrumentation.Generators.Analyzers.SpanNames;

/// <summary>How one piece of a span name behaves.</summary>
internal enum SpanNamePartKind
{
    /// <summary>Literal text written in the name.</summary>
    Text,

    /// <summary>A value that may stay in the name: a constant, a <c>nameof</c>, an enum or bool, a type name.</summary>
    Kept,

    /// <summary>A per-call value (an id, a path, a user name…): it belongs in a tag, not in the name.</summary>
    Data,
}

/// <summary>One piece of a span name, in the order the pieces appear in the resulting string.</summary>
internal sealed class SpanNamePart
{
    private SpanNamePart(SpanNamePartKind kind, string text, ExpressionSyntax? expression, ITypeSymbol? type, string? alignment, string? format)
    {
        Kind = kind;
        Text = text;
        Expression = expression;
        Type = type;
        Alignment = alignment;
        Format = format;
    }

    public SpanNamePartKind Kind { get; }

    /// <summary>The literal text of a <see cref="SpanNamePartKind.Text"/> part (unescaped); the constant value of a kept constant; otherwise empty.</summary>
    public string Text { get; }

    /// <summary>The expression written for a kept or data part.</summary>
    public ExpressionSyntax? Expression { get; }

    /// <summary>The type of the value of a kept or data part.</summary>
    public ITypeSymbol? Type { get; }

    /// <summary>The alignment written with the value (<c>{x,10}</c>), as source text.</summary>
    public string? Alignment { get; }

    /// <summary>The format written with the value (<c>{x:F2}</c>), unescaped.</summary>
    public string? Format { get; }

    public static SpanNamePart ForText(string text) => new(SpanNamePartKind.Text, text, null, null, null, null);

    public static SpanNamePart ForKept(ExpressionSyntax expression, ITypeSymbol? type, string? constantText, string? alignment, string? format) =>
        new(SpanNamePartKind.Kept, constantText ?? string.Empty, expression, type, alignment, format);

    public static SpanNamePart ForData(ExpressionSyntax expression, ITypeSymbol? type) =>
        new(SpanNamePartKind.Data, string.Empty, expression, type, null, null);
}

/// <summary>Why a span name is reported and, when its shape allows a rewrite, its pieces.</summary>
internal sealed class SpanNameFinding
{
    public SpanNameFinding(string reason, ImmutableArray<SpanNamePart> parts)
    {
        Reason = reason;
        Parts = parts;
    }

    /// <summary>Completes the message "Span name {0}; …" (e.g. <c>interpolates 'userId'</c>).</summary>
    public string Reason { get; }

    /// <summary>The pieces of the name, or default when the name cannot be rewritten automatically.</summary>
    public ImmutableArray<SpanNamePart> Parts { get; }

    public bool IsRewritable => !Parts.IsDefault;
}

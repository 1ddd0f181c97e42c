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
/// <param name="Kind">How the piece behaves.</param>
/// <param name="Text">The literal text of a <see cref="SpanNamePartKind.Text"/> part (unescaped); the constant value of a kept constant; otherwise empty.</param>
/// <param name="Expression">The expression written for a kept or data part.</param>
/// <param name="Type">The type of the value of a kept or data part.</param>
/// <param name="Alignment">The alignment written with the value (<c>{x,10}</c>), as source text.</param>
/// <param name="Format">The format written with the value (<c>{x:F2}</c>), unescaped.</param>
internal sealed record SpanNamePart(SpanNamePartKind Kind, string Text, ExpressionSyntax? Expression, ITypeSymbol? Type, string? Alignment, string? Format)
{
    public static SpanNamePart ForText(string text) => new(SpanNamePartKind.Text, text, null, null, null, null);

    public static SpanNamePart ForKept(ExpressionSyntax expression, ITypeSymbol? type, string? constantText, string? alignment, string? format) =>
        new(SpanNamePartKind.Kept, constantText ?? string.Empty, expression, type, alignment, format);

    public static SpanNamePart ForData(ExpressionSyntax expression, ITypeSymbol? type) =>
        new(SpanNamePartKind.Data, string.Empty, expression, type, null, null);
}

/// <summary>Why a span name is reported and, when its shape allows a rewrite, its pieces.</summary>
/// <param name="Reason">Completes the message "Span name {0}; …" (e.g. <c>interpolates 'userId'</c>).</param>
/// <param name="Parts">The pieces of the name, or default when the name cannot be rewritten automatically.</param>
/// <param name="OptInSwitch">
/// The configuration switch under which alone the name carries per-call data (<c>UseRoutingKeyAsOperationName ?
/// $"publish {routingKey}" : "publish"</c>): an opt-in the code offers on purpose, reported as Info.
/// </param>
internal sealed record SpanNameFinding(string Reason, ImmutableArray<SpanNamePart> Parts, string? OptInSwitch = null)
{
    public bool IsRewritable => !Parts.IsDefault;
}

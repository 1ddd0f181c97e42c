using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using System.Threading;
using Instrumentation.Generators.Analyzers.SpanNames;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;
using Microsoft.CodeAnalysis.Text;

namespace Instrumentation.CodeFixes.SpanNames;

/// <summary>Where the tags holding the values taken out of a span name are written.</summary>
internal enum TagPlacement
{
    /// <summary>Nowhere: the values are constants (ids written in the name) or no place can hold them.</summary>
    None,

    /// <summary>As statements after the statement that stores or renames the span.</summary>
    AfterStatement,

    /// <summary>As the first statements of a <c>using (var span = …) { … }</c> body.</summary>
    BeforeStatement,

    /// <summary>As statements after an embedded statement, which becomes a block to hold them.</summary>
    WrapStatementInBlock,

    /// <summary>Chained on the call: <c>source.StartActivity("…")?.SetTag(…)</c>.</summary>
    Chain,
}

/// <summary>A value taken out of the span name and recorded as a tag.</summary>
internal sealed class TagToRecord
{
    public TagToRecord(string key, ExpressionSyntax value, ITypeSymbol? type)
    {
        Key = key;
        Value = value;
        Type = type;
    }

    public string Key { get; }

    public ExpressionSyntax Value { get; }

    public ITypeSymbol? Type { get; }
}

/// <summary>
/// The TRC101 fix for one diagnostic: the span name becomes its constant template (<c>"GET /users/{userId}"</c>)
/// and each value taken out of it is recorded as a tag. Computed against the original tree so that Fix All can
/// plan every diagnostic of a document first and apply them together.
/// </summary>
internal sealed class SpanNameRewrite
{
    private SpanNameRewrite(ExpressionSyntax name, ExpressionSyntax newName, ImmutableArray<TagToRecord> tags)
    {
        Name = name;
        NewName = newName;
        Tags = tags;
    }

    public ExpressionSyntax Name { get; }

    public ExpressionSyntax NewName { get; }

    public ImmutableArray<TagToRecord> Tags { get; }

    public TagPlacement Placement { get; private set; }

    /// <summary>The statement the tags go next to, or the call they are chained on.</summary>
    public SyntaxNode? Anchor { get; private set; }

    /// <summary>The span the tags are recorded on (<c>activity</c>), for statement placements.</summary>
    public string Receiver { get; private set; } = string.Empty;

    public bool IsTelemetrySpan { get; private set; }

    /// <summary>Whether the span may be null where the tags are written (<c>?.</c>).</summary>
    public bool MayBeNull { get; private set; }

    public bool ParenthesizeChain { get; private set; }

    /// <summary>The call is the left side of <c>?.</c> (<c>CreateActivity(…)?.Start()</c>): the tags join that chain.</summary>
    public bool ChainIntoConditional { get; private set; }

    public bool ExtractsValues => Tags.Length > 0;

    public static SpanNameRewrite? Create(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (FindName(root, diagnostic.Location.SourceSpan) is not { } name)
        {
            return null;
        }

        var apis = SpanNameApis.Create(model.Compilation);
        var classifier = new SpanNameClassifier(apis);
        SpanNameFinding? finding;
        SpanNameSite site;
        SyntaxNode siteNode;
        switch (name.Parent)
        {
            case AttributeArgumentSyntax:
                if (model.GetConstantValue(name, cancellationToken).Value is not string constant)
                {
                    return null;
                }

                finding = SpanNameClassifier.AnalyzeConstantText(constant, name);
                site = SpanNameSite.TracedAttribute;
                siteNode = name;
                break;

            case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocationSyntax } }:
                if (model.GetOperation(invocationSyntax, cancellationToken) is not IInvocationOperation invocation ||
                    !apis.TryGetNameArgument(invocation, out var argument, out site) ||
                    argument.Value.Syntax != name)
                {
                    return null;
                }

                finding = classifier.Analyze(argument.Value);
                siteNode = invocationSyntax;
                break;

            case AssignmentExpressionSyntax assignmentSyntax when assignmentSyntax.IsKind(SyntaxKind.SimpleAssignmentExpression) && assignmentSyntax.Right == name:
                if (model.GetOperation(assignmentSyntax, cancellationToken) is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: var property } } assignment ||
                    !apis.IsActivityDisplayName(property))
                {
                    return null;
                }

                finding = classifier.Analyze(assignment.Value);
                site = SpanNameSite.ActivityDisplayName;
                siteNode = assignmentSyntax;
                break;

            default:
                return null;
        }

        if (finding is not { IsRewritable: true } || BuildTemplate(finding.Parts) is not { } template)
        {
            return null;
        }

        var (newName, tags) = template;

        if (newName.IsEquivalentTo(name))
        {
            return null;
        }

        var rewrite = new SpanNameRewrite(name, newName, tags);
        if (tags.Length > 0)
        {
            rewrite.PlaceTags(site, siteNode);
        }

        return rewrite;
    }

    /// <summary>Adds this rewrite to an editor; several rewrites of one document can share the editor.</summary>
    public void Apply(SyntaxEditor editor)
    {
        editor.ReplaceNode(Name, NewName.WithTriviaFrom(Name));
        switch (Placement)
        {
            case TagPlacement.AfterStatement when Anchor is StatementSyntax statement:
                var statements = TagStatements(statement);
                if (statement.Parent is GlobalStatementSyntax global)
                {
                    editor.InsertAfter(global, statements.ConvertAll(s => (SyntaxNode)SyntaxFactory.GlobalStatement(s)));
                }
                else
                {
                    editor.InsertAfter(statement, statements);
                }

                break;

            case TagPlacement.BeforeStatement when Anchor is StatementSyntax first:
                editor.InsertBefore(first, TagStatements(first));
                break;

            case TagPlacement.WrapStatementInBlock when Anchor is StatementSyntax embedded:
                editor.ReplaceNode(embedded, (current, _) =>
                {
                    var body = new List<StatementSyntax> { WithElasticLine(((StatementSyntax)current).WithoutTrivia()) };
                    foreach (var tag in Tags)
                    {
                        body.Add(WithElasticLine(SyntaxFactory.ParseStatement(TagStatementText(tag))));
                    }

                    return SyntaxFactory.Block(body).WithTriviaFrom(current).WithAdditionalAnnotations(Formatter.Annotation);
                });
                break;

            case TagPlacement.Chain when Anchor is not null:
                editor.ReplaceNode(Anchor, (current, _) => Chain((ExpressionSyntax)current));
                break;
        }
    }

    private static StatementSyntax WithElasticLine(StatementSyntax statement) =>
        statement.WithLeadingTrivia(SyntaxFactory.ElasticMarker).WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed);

    private static ExpressionSyntax? FindName(SyntaxNode root, TextSpan span)
    {
        var node = root.FindNode(span, getInnermostNodeForTie: true);
        for (var current = node; current is not null && current.Span == span; current = current.Parent)
        {
            if (current is ExpressionSyntax expression && expression.Parent is ArgumentSyntax or AttributeArgumentSyntax or AssignmentExpressionSyntax)
            {
                return expression;
            }
        }

        return null;
    }

    // The template keeps literal text and kept values ({kind}, {Prefix}); each data value and each id written in the
    // text becomes a {placeholder}. Null when nothing meaningful would be left of the name.
    private static (ExpressionSyntax NewName, ImmutableArray<TagToRecord> Tags)? BuildTemplate(ImmutableArray<SpanNamePart> parts)
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
                        placeholder = Unique(TagNaming.PlaceholderFor(data), usedPlaceholders);
                        placeholderByExpression.Add(key, placeholder);
                        var tagKey = TagNaming.KeyFor(placeholder);
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

        return (newName, tags.ToImmutable());
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

    private void PlaceTags(SpanNameSite site, SyntaxNode siteNode)
    {
        IsTelemetrySpan = site is SpanNameSite.TelemetrySpanStart or SpanNameSite.TelemetrySpanUpdateName;
        switch (site)
        {
            case SpanNameSite.ActivityStart or SpanNameSite.TelemetrySpanStart when siteNode is InvocationExpressionSyntax start:
                PlaceAfterStart(start, site == SpanNameSite.ActivityStart);
                break;
            case SpanNameSite.TelemetrySpanUpdateName when siteNode is InvocationExpressionSyntax update:
                PlaceAfterUpdateName(update);
                break;
            case SpanNameSite.ActivityDisplayName when siteNode is AssignmentExpressionSyntax assignment:
                PlaceAfterDisplayName(assignment);
                break;
        }
    }

    private void PlaceAfterStart(InvocationExpressionSyntax start, bool isActivity)
    {
        SyntaxNode outer = start;
        var throughNullConditional = false;
        if (start.Parent is ConditionalAccessExpressionSyntax conditional && conditional.WhenNotNull == start)
        {
            outer = conditional;
            throughNullConditional = true;
        }

        while (outer.Parent is ParenthesizedExpressionSyntax or PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression })
        {
            outer = outer.Parent;
        }

        MayBeNull = isActivity || throughNullConditional;
        switch (outer.Parent)
        {
            case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } declarator }:
                Receiver = declarator.Identifier.ValueText;
                if (declaration.Parent is LocalDeclarationStatementSyntax local)
                {
                    PlaceAfter(local);
                    return;
                }

                if (declaration.Parent is UsingStatementSyntax { Statement: BlockSyntax { Statements.Count: > 0 } body })
                {
                    Placement = TagPlacement.BeforeStatement;
                    Anchor = body.Statements[0];
                    return;
                }

                break;

            case AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: IdentifierNameSyntax target, Parent: ExpressionStatementSyntax statement } assignment
                when assignment.Right == outer && target.Identifier.ValueText != "_":
                Receiver = target.Identifier.ValueText;
                PlaceAfter(statement);
                return;
        }

        PlaceChain(start);
    }

    private void PlaceAfterUpdateName(InvocationExpressionSyntax update)
    {
        switch (update)
        {
            case { Expression: MemberAccessExpressionSyntax access, Parent: ExpressionStatementSyntax statement } when IsStable(access.Expression):
                Receiver = WithoutSuppression(access.Expression).ToString();
                PlaceAfter(statement);
                return;
            case { Expression: MemberBindingExpressionSyntax, Parent: ConditionalAccessExpressionSyntax { Parent: ExpressionStatementSyntax statement } conditional }
                when conditional.WhenNotNull == update && IsStable(conditional.Expression):
                Receiver = WithoutSuppression(conditional.Expression).ToString();
                MayBeNull = true;
                PlaceAfter(statement);
                return;
            default:
                PlaceChain(update);
                return;
        }
    }

    private void PlaceAfterDisplayName(AssignmentExpressionSyntax assignment)
    {
        MayBeNull = true;
        switch (assignment)
        {
            case { Left: MemberAccessExpressionSyntax access, Parent: ExpressionStatementSyntax statement } when IsStable(access.Expression):
                Receiver = WithoutSuppression(access.Expression).ToString();
                PlaceAfter(statement);
                return;
            case { Left: MemberBindingExpressionSyntax, Parent: ConditionalAccessExpressionSyntax { Parent: ExpressionStatementSyntax statement } conditional }
                when conditional.WhenNotNull == assignment && IsStable(conditional.Expression):
                Receiver = WithoutSuppression(conditional.Expression).ToString();
                PlaceAfter(statement);
                return;
            default:
                // An object initializer or a receiver computed by a call: no place to name the span again.
                return;
        }
    }

    private void PlaceAfter(StatementSyntax statement)
    {
        Anchor = statement;
        Placement = statement.Parent is BlockSyntax or SwitchSectionSyntax or GlobalStatementSyntax
            ? TagPlacement.AfterStatement
            : TagPlacement.WrapStatementInBlock;
    }

    private void PlaceChain(InvocationExpressionSyntax call)
    {
        var isBoundMember = call.Expression is MemberBindingExpressionSyntax;
        var isConditionalTail = call.Parent is ConditionalAccessExpressionSyntax conditional && conditional.WhenNotNull == call;
        if (!IsTelemetrySpan)
        {
            // ".StartActivity(…)" in the middle of "a?.StartActivity(…).X" cannot grow a "?." of its own.
            if (isBoundMember && !isConditionalTail)
            {
                return;
            }

            ParenthesizeChain = call.Parent is MemberAccessExpressionSyntax or ElementAccessExpressionSyntax or PostfixUnaryExpressionSyntax;
            if (call.Parent is ConditionalAccessExpressionSyntax outer && outer.Expression == call)
            {
                // a?.b?.c parses as a?.(b?.c): the tags go between the call and what followed its "?.".
                ChainIntoConditional = true;
                Placement = TagPlacement.Chain;
                Anchor = outer;
                return;
            }
        }

        Placement = TagPlacement.Chain;
        Anchor = call;
    }

    private static bool IsStable(ExpressionSyntax receiver) => WithoutSuppression(receiver) switch
    {
        IdentifierNameSyntax => true,
        MemberAccessExpressionSyntax access => access.Expression is ThisExpressionSyntax || IsStable(access.Expression),
        _ => false,
    };

    private static ExpressionSyntax WithoutSuppression(ExpressionSyntax expression)
    {
        while (true)
        {
            switch (expression)
            {
                case PostfixUnaryExpressionSyntax postfix when postfix.IsKind(SyntaxKind.SuppressNullableWarningExpression):
                    expression = postfix.Operand;
                    continue;
                case ParenthesizedExpressionSyntax parenthesized:
                    expression = parenthesized.Expression;
                    continue;
                default:
                    return expression.WithoutTrivia();
            }
        }
    }

    private List<StatementSyntax> TagStatements(StatementSyntax anchor)
    {
        var indentation = SyntaxFactory.TriviaList();
        var leading = anchor.GetLeadingTrivia();
        if (leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia))
        {
            indentation = SyntaxFactory.TriviaList(leading[leading.Count - 1]);
        }

        SyntaxTrivia? endOfLine = null;
        foreach (var trivia in anchor.GetTrailingTrivia())
        {
            if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
            {
                endOfLine = trivia;
            }
        }

        var statements = new List<StatementSyntax>(Tags.Length);
        foreach (var tag in Tags)
        {
            var statement = SyntaxFactory.ParseStatement(TagStatementText(tag)).WithAdditionalAnnotations(Simplifier.Annotation);

            // One statement per line like the anchor; an anchor sharing its line ("{ using var a = …; }") keeps sharing it.
            statements.Add(endOfLine is { } newLine
                ? statement.WithLeadingTrivia(indentation).WithTrailingTrivia(newLine)
                : statement.WithTrailingTrivia(SyntaxFactory.Space));
        }

        return statements;
    }

    private string TagStatementText(TagToRecord tag) =>
        Receiver + (MayBeNull ? "?." : ".") + (IsTelemetrySpan ? "SetAttribute" : "SetTag") + "(" + ArgumentsText(tag) + ");";

    private string ArgumentsText(TagToRecord tag) =>
        SyntaxFactory.Literal(tag.Key).ToString() + ", " + (IsTelemetrySpan ? AttributeValueText(tag) : tag.Value.ToString());

    // TelemetrySpan.SetAttribute takes string, int, bool or double; anything else is recorded as invariant text.
    private static string AttributeValueText(TagToRecord tag) => tag.Type?.SpecialType switch
    {
        SpecialType.System_String or SpecialType.System_Int32 or SpecialType.System_Int16 or SpecialType.System_UInt16 or
            SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_Boolean or SpecialType.System_Double or
            SpecialType.System_Single => tag.Value.ToString(),
        _ => "global::System.Convert.ToString(" + tag.Value + ", global::System.Globalization.CultureInfo.InvariantCulture)",
    };

    private ExpressionSyntax Chain(ExpressionSyntax call)
    {
        if (ChainIntoConditional && call is ConditionalAccessExpressionSyntax outer)
        {
            var tags = (ConditionalAccessExpressionSyntax)ChainOn(outer.Expression);
            return outer.WithWhenNotNull(SyntaxFactory.ConditionalAccessExpression((ExpressionSyntax)tags.WhenNotNull, outer.WhenNotNull))
                .WithExpression(tags.Expression);
        }

        return ChainOn(call);
    }

    private ExpressionSyntax ChainOn(ExpressionSyntax call)
    {
        var trailing = call.GetTrailingTrivia();
        var result = call.WithoutTrailingTrivia();
        if (IsTelemetrySpan)
        {
            foreach (var tag in Tags)
            {
                result = SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, result, SyntaxFactory.IdentifierName("SetAttribute")),
                    ParseArguments(tag));
            }

            return result.WithTrailingTrivia(trailing).WithAdditionalAnnotations(Simplifier.Annotation);
        }

        ExpressionSyntax? whenNotNull = null;
        foreach (var tag in Tags)
        {
            var arguments = ParseArguments(tag);
            whenNotNull = whenNotNull is null
                ? SyntaxFactory.InvocationExpression(SyntaxFactory.MemberBindingExpression(SyntaxFactory.IdentifierName("SetTag")), arguments)
                : SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, whenNotNull, SyntaxFactory.IdentifierName("SetTag")),
                    arguments);
        }

        ExpressionSyntax chained = SyntaxFactory.ConditionalAccessExpression(result, whenNotNull!);
        if (ParenthesizeChain)
        {
            chained = SyntaxFactory.ParenthesizedExpression(chained);
        }

        return chained.WithTrailingTrivia(trailing);
    }

    private ArgumentListSyntax ParseArguments(TagToRecord tag) => SyntaxFactory.ParseArgumentList("(" + ArgumentsText(tag) + ")");
}

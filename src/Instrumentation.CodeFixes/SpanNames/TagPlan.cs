using Instrumentation.Generators.Analyzers.SpanNames;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Instrumentation.CodeFixes.SpanNames;

/// <summary>Where the tags holding the values taken out of a span name are written.</summary>
internal enum TagPlacement
{
    /// <summary>Nowhere: the values are constants (ids written in the name) or no place can hold them.</summary>
    None,

    /// <summary>As statements after the statement that stores or renames the span.</summary>
    AfterStatement,

    /// <summary>As the first statements of a block (a <c>using (var span = …) { … }</c> body, or an <c>if (activity != null) { … }</c> right after the start).</summary>
    BeforeStatement,

    /// <summary>As statements after an embedded statement, which becomes a block to hold them.</summary>
    WrapStatementInBlock,

    /// <summary>Chained on the call: <c>source.StartActivity("…")?.SetTag(…)</c>.</summary>
    Chain,
}

/// <summary>Where and on what the tags of one rewrite are recorded.</summary>
/// <param name="Placement">The shape of the insertion.</param>
/// <param name="Anchor">The statement the tags go next to, or the call they are chained on.</param>
/// <param name="Receiver">The span the tags are recorded on (<c>activity</c>), for statement placements.</param>
/// <param name="IsTelemetrySpan">OpenTelemetry.Api span: <c>SetAttribute</c> instead of <c>SetTag</c>.</param>
/// <param name="MayBeNull">Whether the span may be null where the tags are written (<c>?.</c>).</param>
/// <param name="ParenthesizeChain">The chained call is followed by a member access and needs parentheses.</param>
/// <param name="ChainIntoConditional">The call is the left side of <c>?.</c> (<c>CreateActivity(…)?.Start()</c>): the tags join that chain.</param>
internal sealed record TagPlan(
    TagPlacement Placement,
    SyntaxNode? Anchor,
    string Receiver,
    bool IsTelemetrySpan,
    bool MayBeNull,
    bool ParenthesizeChain,
    bool ChainIntoConditional)
{
    public static TagPlan None { get; } = new(TagPlacement.None, null, string.Empty, false, false, false, false);

    /// <summary>Plans the tags for a name given at <paramref name="siteNode"/> (the start call, or the renaming statement).</summary>
    public static TagPlan For(SpanNameSite site, SyntaxNode siteNode)
    {
        var planner = new Planner();
        planner.PlaceTags(site, siteNode);
        return planner.ToPlan();
    }

    private sealed class Planner
    {
        private TagPlacement _placement;
        private SyntaxNode? _anchor;
        private string _receiver = string.Empty;
        private bool _isTelemetrySpan;
        private bool _mayBeNull;
        private bool _parenthesizeChain;
        private bool _chainIntoConditional;

        public TagPlan ToPlan() => new(_placement, _anchor, _receiver, _isTelemetrySpan, _mayBeNull, _parenthesizeChain, _chainIntoConditional);

        public void PlaceTags(SpanNameSite site, SyntaxNode siteNode)
        {
            _isTelemetrySpan = site is SpanNameSite.TelemetrySpanStart or SpanNameSite.TelemetrySpanUpdateName;
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

            _mayBeNull = isActivity || throughNullConditional;
            switch (outer.Parent)
            {
                case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } declarator }:
                    _receiver = declarator.Identifier.ValueText;
                    if (declaration.Parent is LocalDeclarationStatementSyntax local)
                    {
                        if (_mayBeNull && IntoNonNullBlock(local))
                        {
                            return;
                        }

                        PlaceAfter(local);
                        return;
                    }

                    if (declaration.Parent is UsingStatementSyntax { Statement: BlockSyntax { Statements.Count: > 0 } body })
                    {
                        _placement = TagPlacement.BeforeStatement;
                        _anchor = body.Statements[0];
                        return;
                    }

                    break;

                case AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: IdentifierNameSyntax target, Parent: ExpressionStatementSyntax statement } assignment
                    when assignment.Right == outer && target.Identifier.ValueText != "_":
                    _receiver = target.Identifier.ValueText;
                    PlaceAfter(statement);
                    return;
            }

            PlaceChain(start);
        }

        // The start is followed by "if (activity != null) { … }" or "if (activity is { IsAllDataRequested: true }) { … }":
        // the tags go first in that block, without '?.', where the code already enriches the span.
        private bool IntoNonNullBlock(StatementSyntax declaration)
        {
            if (declaration.Parent is not BlockSyntax block)
            {
                return false;
            }

            var index = block.Statements.IndexOf(declaration);
            if (index < 0 || index + 1 >= block.Statements.Count ||
                block.Statements[index + 1] is not IfStatementSyntax { Statement: BlockSyntax { Statements.Count: > 0 } body } guard ||
                !ProvesNonNull(guard.Condition, _receiver))
            {
                return false;
            }

            _placement = TagPlacement.BeforeStatement;
            _anchor = body.Statements[0];
            _mayBeNull = false;
            return true;
        }

        private static bool ProvesNonNull(ExpressionSyntax condition, string name)
        {
            switch (condition)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    return ProvesNonNull(parenthesized.Expression, name);

                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression } and:
                    return ProvesNonNull(and.Left, name) || ProvesNonNull(and.Right, name);

                // activity != null
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.NotEqualsExpression } notEquals:
                    return (IsName(notEquals.Left, name) && notEquals.Right.IsKind(SyntaxKind.NullLiteralExpression)) ||
                           (IsName(notEquals.Right, name) && notEquals.Left.IsKind(SyntaxKind.NullLiteralExpression));

                // activity?.IsAllDataRequested == true
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression } equals:
                    return equals.Right.IsKind(SyntaxKind.TrueLiteralExpression) && IsConditionalMemberOf(equals.Left, name);

                // activity is not null, activity is { }, activity is { IsAllDataRequested: true }, activity?.IsAllDataRequested is true
                case IsPatternExpressionSyntax pattern:
                    if (IsConditionalMemberOf(pattern.Expression, name))
                    {
                        return pattern.Pattern is ConstantPatternSyntax { Expression: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.TrueLiteralExpression } };
                    }

                    return IsName(pattern.Expression, name) && pattern.Pattern switch
                    {
                        UnaryPatternSyntax { Pattern: ConstantPatternSyntax { Expression: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression } } } => true,
                        RecursivePatternSyntax { Designation: null or DiscardDesignationSyntax } => true,
                        _ => false,
                    };

                default:
                    return false;
            }
        }

        private static bool IsName(ExpressionSyntax expression, string name) =>
            expression is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == name;

        private static bool IsConditionalMemberOf(ExpressionSyntax expression, string name) =>
            expression is ConditionalAccessExpressionSyntax { WhenNotNull: MemberBindingExpressionSyntax } access && IsName(access.Expression, name);

        private void PlaceAfterUpdateName(InvocationExpressionSyntax update)
        {
            switch (update)
            {
                case { Expression: MemberAccessExpressionSyntax access, Parent: ExpressionStatementSyntax statement } when IsStable(access.Expression):
                    _receiver = WithoutSuppression(access.Expression).ToString();
                    PlaceAfter(statement);
                    return;
                case { Expression: MemberBindingExpressionSyntax, Parent: ConditionalAccessExpressionSyntax { Parent: ExpressionStatementSyntax statement } conditional }
                    when conditional.WhenNotNull == update && IsStable(conditional.Expression):
                    _receiver = WithoutSuppression(conditional.Expression).ToString();
                    _mayBeNull = true;
                    PlaceAfter(statement);
                    return;
                default:
                    PlaceChain(update);
                    return;
            }
        }

        private void PlaceAfterDisplayName(AssignmentExpressionSyntax assignment)
        {
            _mayBeNull = true;
            switch (assignment)
            {
                case { Left: MemberAccessExpressionSyntax access, Parent: ExpressionStatementSyntax statement } when IsStable(access.Expression):
                    _receiver = WithoutSuppression(access.Expression).ToString();
                    PlaceAfter(statement);
                    return;
                case { Left: MemberBindingExpressionSyntax, Parent: ConditionalAccessExpressionSyntax { Parent: ExpressionStatementSyntax statement } conditional }
                    when conditional.WhenNotNull == assignment && IsStable(conditional.Expression):
                    _receiver = WithoutSuppression(conditional.Expression).ToString();
                    PlaceAfter(statement);
                    return;
                default:
                    // An object initializer or a receiver computed by a call: no place to name the span again.
                    return;
            }
        }

        private void PlaceAfter(StatementSyntax statement)
        {
            _anchor = statement;
            _placement = statement.Parent is BlockSyntax or SwitchSectionSyntax or GlobalStatementSyntax
                ? TagPlacement.AfterStatement
                : TagPlacement.WrapStatementInBlock;
        }

        private void PlaceChain(InvocationExpressionSyntax call)
        {
            var isBoundMember = call.Expression is MemberBindingExpressionSyntax;
            var isConditionalTail = call.Parent is ConditionalAccessExpressionSyntax conditional && conditional.WhenNotNull == call;
            if (!_isTelemetrySpan)
            {
                // ".StartActivity(…)" in the middle of "a?.StartActivity(…).X" cannot grow a "?." of its own.
                if (isBoundMember && !isConditionalTail)
                {
                    return;
                }

                _parenthesizeChain = call.Parent is MemberAccessExpressionSyntax or ElementAccessExpressionSyntax or PostfixUnaryExpressionSyntax;
                if (call.Parent is ConditionalAccessExpressionSyntax outer && outer.Expression == call)
                {
                    // a?.b?.c parses as a?.(b?.c): the tags go between the call and what followed its "?.".
                    _chainIntoConditional = true;
                    _placement = TagPlacement.Chain;
                    _anchor = outer;
                    return;
                }
            }

            _placement = TagPlacement.Chain;
            _anchor = call;
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
    }
}

using System.Collections.Generic;
using System.Collections.Immutable;
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

/// <summary>
/// The TRC101 fix for one diagnostic: the span name becomes its constant template (<c>"GET /users/{userId}"</c>)
/// and each value taken out of it is recorded as a tag. Computed against the original tree so that Fix All can
/// plan every diagnostic of a document first and apply them together.
/// </summary>
/// <param name="Name">The reported name expression.</param>
/// <param name="Template">What it becomes, and the tags that keep its values.</param>
/// <param name="Plan">Where those tags are written.</param>
internal sealed record SpanNameRewrite(ExpressionSyntax Name, SpanNameTemplate Template, TagPlan Plan)
{
    public ExpressionSyntax NewName => Template.Name;

    public ImmutableArray<TagToRecord> Tags => Template.Tags;

    public bool ExtractsValues => Tags.Length > 0;

    private TagPlacement Placement => Plan.Placement;

    private SyntaxNode? Anchor => Plan.Anchor;

    private string Receiver => Plan.Receiver;

    private bool IsTelemetrySpan => Plan.IsTelemetrySpan;

    private bool MayBeNull => Plan.MayBeNull;

    private bool ParenthesizeChain => Plan.ParenthesizeChain;

    private bool ChainIntoConditional => Plan.ChainIntoConditional;

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
                    !(apis.TryGetNameArgument(invocation, out var argument, out site) || TryGetHelperNameArgument(apis, model.Compilation, invocation, out argument, out site)) ||
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

        if (finding is not { IsRewritable: true } || SpanNameTemplate.Build(finding.Parts) is not { } template ||
            template.Name.IsEquivalentTo(name))
        {
            return null;
        }

        return new SpanNameRewrite(name, template, template.Tags.Length > 0 ? TagPlan.For(site, siteNode) : TagPlan.None);
    }

    // A same-compilation helper that passes its parameter on as the span name: the tags go on the span it returns, so
    // only helpers returning an Activity or a TelemetrySpan get a fix.
    private static bool TryGetHelperNameArgument(SpanNameApis apis, Compilation compilation, IInvocationOperation invocation, out IArgumentOperation argument, out SpanNameSite site)
    {
        site = default;
        if (!new SpanNameHelpers(compilation).TryGetNameArgument(invocation, out argument))
        {
            return false;
        }

        var returned = invocation.TargetMethod.ReturnType.OriginalDefinition;
        if (SymbolEqualityComparer.Default.Equals(returned, apis.Activity))
        {
            site = SpanNameSite.ActivityStart;
            return true;
        }

        if (SymbolEqualityComparer.Default.Equals(returned, apis.TelemetrySpan))
        {
            site = SpanNameSite.TelemetrySpanStart;
            return true;
        }

        return false;
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

using System.Collections.Generic;
using System.Linq;
using Instrumentation.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Text;

namespace Instrumentation.CodeFixes.SpanLifetime;

/// <summary>
/// Makes a leaked span end with its scope. Syntax only: the analyzer already decided (diagnostic properties) which
/// shape applies and that the local is never handed over (and, for <c>using var</c>, never reassigned), so disposing
/// it at the end of its scope is safe; what is checked here is only whether the shape is legal C# at that spot.
/// </summary>
/// <remarks>
/// Shapes:
/// <list type="bullet">
/// <item><c>var a = source.StartActivity(...);</c> → <c>using var a = ...;</c> (in a switch section, where C# forbids
/// <c>using var</c>: <c>using (var a = ...) { rest of the section }</c>).</item>
/// <item><c>a = source.StartActivity(...);</c> → <c>using (a = ...) { rest of the block }</c>.</item>
/// <item><c>source.StartActivity(...);</c> / <c>_ = ...;</c> → <c>using var activity = ...;</c> (a fresh name), or
/// <c>using (...) { rest }</c> in a switch section or as an embedded statement.</item>
/// <item><c>tracer.StartSpan(...).SetStatus(...);</c> → <c>using var span = tracer.StartSpan(...);</c> then
/// <c>span.SetStatus(...);</c>.</item>
/// </list>
/// Existing <c>Stop()</c>/<c>End()</c>/<c>Dispose()</c> calls are kept: they still end the span where they did, and
/// ending an <c>Activity</c> or <c>TelemetrySpan</c> again on dispose does nothing.
/// </remarks>
internal static class UsingRewriter
{
    /// <summary>Returns the rewritten root, or null when this diagnostic has no safe automatic fix here.</summary>
    public static SyntaxNode? TryApply(SyntaxNode root, InvocationExpressionSyntax start, string fix, string? baseName, int depth) => fix switch
    {
        SpanNotEndedAnalyzer.FixDeclaration => FixDeclaration(root, start),
        SpanNotEndedAnalyzer.FixAssignment => FixAssignment(root, start),
        SpanNotEndedAnalyzer.FixDiscard => FixDiscard(root, start, baseName ?? "activity"),
        SpanNotEndedAnalyzer.FixHoist => FixHoist(root, start, baseName ?? "activity", depth),
        _ => null,
    };

    public static InvocationExpressionSyntax? FindStart(SyntaxNode root, TextSpan span) =>
        root.FindNode(span, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>();

    private static SyntaxNode? FixDeclaration(SyntaxNode root, InvocationExpressionSyntax start)
    {
        if (start.FirstAncestorOrSelf<StatementSyntax>() is not LocalDeclarationStatementSyntax statement
            || statement.UsingKeyword.IsKind(SyntaxKind.UsingKeyword)
            || statement.Modifiers.Count > 0
            || statement.Declaration.Variables.Count != 1
            || statement.Declaration.Type is RefTypeSyntax)
        {
            return null;
        }

        switch (statement.Parent)
        {
            case BlockSyntax block when !HasLabelBefore(block.Statements, statement):
            case GlobalStatementSyntax:
                var leading = statement.GetLeadingTrivia();
                var usingKeyword = SyntaxFactory.Token(leading, SyntaxKind.UsingKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
                return root.ReplaceNode(statement, statement.WithoutLeadingTrivia().WithUsingKeyword(usingKeyword));

            case SwitchSectionSyntax section:
                var name = statement.Declaration.Variables[0].Identifier.ValueText;
                return WrapRest(root, section.Statements, statement, rest => UsingWith(statement, rest, declaration: statement.Declaration.WithoutTrivia()), mustStayInside: [name]);

            default:
                return null;
        }
    }

    private static SyntaxNode? FixAssignment(SyntaxNode root, InvocationExpressionSyntax start)
    {
        if (start.FirstAncestorOrSelf<StatementSyntax>() is not ExpressionStatementSyntax
            {
                Expression: AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: IdentifierNameSyntax local } assignment,
            } statement)
        {
            return null;
        }

        var name = local.Identifier.ValueText;
        if (IsReferencedAfterScope(statement, name))
        {
            return null;
        }

        SyntaxNode Build(SyntaxList<StatementSyntax> rest) => UsingWith(statement, rest, expression: assignment.WithoutTrivia());
        return WrapRestAnywhere(root, statement, Build, mustStayInside: [name]);
    }

    private static SyntaxNode? FixDiscard(SyntaxNode root, InvocationExpressionSyntax start, string baseName)
    {
        if (start.FirstAncestorOrSelf<StatementSyntax>() is not ExpressionStatementSyntax statement)
        {
            return null;
        }

        var value = statement.Expression is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" } } discard
            ? discard.Right
            : statement.Expression;

        switch (statement.Parent)
        {
            case BlockSyntax block when !HasLabelBefore(block.Statements, statement):
            case GlobalStatementSyntax:
                var name = FreeName(statement, baseName);
                var declaration = UsingVar(name, value.WithoutTrivia(), statement.GetLeadingTrivia(), statement.SemicolonToken);
                return root.ReplaceNode(statement, declaration);

            case SwitchSectionSyntax section:
                return WrapRest(root, section.Statements, statement, rest => UsingWith(statement, rest, expression: value.WithoutTrivia()), mustStayInside: []);

            case BlockSyntax:
                return null;

            default:
                // Embedded statement (if/else/loop body): nothing follows it in its scope, so the block is empty.
                return root.ReplaceNode(statement, UsingWith(statement, default, expression: value.WithoutTrivia()));
        }
    }

    private static SyntaxNode? FixHoist(SyntaxNode root, InvocationExpressionSyntax start, string baseName, int depth)
    {
        SyntaxNode? node = start;
        for (var i = 0; i < depth && node is not null; i++)
        {
            node = node.Parent;
        }

        if (node is not ExpressionSyntax span
            || span.FirstAncestorOrSelf<StatementSyntax>() is not { } statement
            || statement.Parent is not (BlockSyntax or GlobalStatementSyntax)
            || (statement.Parent is BlockSyntax block && HasLabelBefore(block.Statements, statement)))
        {
            return null;
        }

        var name = FreeName(statement, baseName);
        var declaration = UsingVar(name, span.WithoutTrivia(), statement.GetLeadingTrivia(), SyntaxFactory.Token(SyntaxKind.SemicolonToken).WithTrailingTrivia(EndOfLine(statement)))
            .WithAdditionalAnnotations(Formatter.Annotation);
        var rest = statement.ReplaceNode(span, SyntaxFactory.IdentifierName(name).WithTriviaFrom(span))
            .WithLeadingTrivia(IndentationOf(statement));

        if (statement.Parent is GlobalStatementSyntax global)
        {
            return root.ReplaceNode(global, new SyntaxNode[] { SyntaxFactory.GlobalStatement(declaration), global.WithStatement(rest) });
        }

        return root.ReplaceNode(statement, new SyntaxNode[] { declaration, rest });
    }

    private static LocalDeclarationStatementSyntax UsingVar(string name, ExpressionSyntax value, SyntaxTriviaList leading, SyntaxToken semicolon) =>
        SyntaxFactory.LocalDeclarationStatement(
                SyntaxFactory.VariableDeclaration(
                    SyntaxFactory.IdentifierName(SyntaxFactory.Identifier(SyntaxFactory.TriviaList(), SyntaxKind.VarKeyword, "var", "var", SyntaxFactory.TriviaList(SyntaxFactory.Space))),
                    SyntaxFactory.SingletonSeparatedList(
                        SyntaxFactory.VariableDeclarator(SyntaxFactory.Identifier(name).WithTrailingTrivia(SyntaxFactory.Space))
                            .WithInitializer(SyntaxFactory.EqualsValueClause(
                                SyntaxFactory.Token(SyntaxKind.EqualsToken).WithTrailingTrivia(SyntaxFactory.Space),
                                value)))))
            .WithUsingKeyword(SyntaxFactory.Token(leading, SyntaxKind.UsingKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space)))
            .WithSemicolonToken(semicolon);

    private static SyntaxTrivia EndOfLine(SyntaxNode node)
    {
        foreach (var trivia in node.GetTrailingTrivia().Concat(node.SyntaxTree.GetRoot().DescendantTrivia()))
        {
            if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
            {
                return trivia;
            }
        }

        return SyntaxFactory.ElasticCarriageReturnLineFeed;
    }

    // The statement keeps its place; only its indentation (the whitespace after the last line break) carries over.
    private static SyntaxTriviaList IndentationOf(StatementSyntax statement)
    {
        var leading = statement.GetLeadingTrivia();
        var whitespace = leading.Reverse().TakeWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).Reverse();
        return SyntaxFactory.TriviaList(whitespace);
    }

    private static UsingStatementSyntax UsingWith(
        StatementSyntax replaced,
        SyntaxList<StatementSyntax> rest,
        VariableDeclarationSyntax? declaration = null,
        ExpressionSyntax? expression = null)
    {
        var body = SyntaxFactory.Block(rest);
        return SyntaxFactory.UsingStatement(declaration, expression, body)
            .WithLeadingTrivia(replaced.GetLeadingTrivia())
            .WithTrailingTrivia(rest.Count > 0 ? rest.Last().GetTrailingTrivia() : replaced.GetTrailingTrivia())
            .WithAdditionalAnnotations(Formatter.Annotation);
    }

    /// <summary>Replaces <paramref name="statement"/> and everything after it in its list by one new statement.</summary>
    private static SyntaxNode? WrapRest(
        SyntaxNode root,
        SyntaxList<StatementSyntax> statements,
        StatementSyntax statement,
        System.Func<SyntaxList<StatementSyntax>, SyntaxNode> build,
        IReadOnlyCollection<string> mustStayInside)
    {
        var index = statements.IndexOf(statement);
        if (index < 0)
        {
            return null;
        }

        var rest = SyntaxFactory.List(statements.Skip(index + 1));
        var moved = TextSpan.FromBounds(statement.SpanStart, statements.Last().Span.End);
        if (!CanMove(rest) || LeaksNames(statement, rest, moved, mustStayInside))
        {
            return null;
        }

        var replacement = (StatementSyntax)build(rest);
        var owner = statement.Parent!;
        var kept = statements.Take(index).Append(replacement);
        SyntaxNode updated = owner switch
        {
            BlockSyntax block => block.WithStatements(SyntaxFactory.List(kept)),
            SwitchSectionSyntax section => section.WithStatements(SyntaxFactory.List(kept)),
            _ => owner,
        };

        return ReferenceEquals(updated, owner) ? null : root.ReplaceNode(owner, updated);
    }

    private static SyntaxNode? WrapRestAnywhere(
        SyntaxNode root,
        StatementSyntax statement,
        System.Func<SyntaxList<StatementSyntax>, SyntaxNode> build,
        IReadOnlyCollection<string> mustStayInside)
    {
        switch (statement.Parent)
        {
            case BlockSyntax block:
                return WrapRest(root, block.Statements, statement, build, mustStayInside);
            case SwitchSectionSyntax section:
                return WrapRest(root, section.Statements, statement, build, mustStayInside);
            case GlobalStatementSyntax global when global.Parent is CompilationUnitSyntax unit:
                var members = unit.Members;
                var index = members.IndexOf(global);
                var following = members.Skip(index + 1).TakeWhile(m => m is GlobalStatementSyntax).Cast<GlobalStatementSyntax>().ToList();
                var rest = SyntaxFactory.List(following.Select(g => g.Statement));
                if (!CanMove(rest))
                {
                    return null;
                }

                var replacement = SyntaxFactory.GlobalStatement((StatementSyntax)build(rest));
                var updatedMembers = members.Take(index)
                    .Append(replacement)
                    .Concat(members.Skip(index + 1 + following.Count));
                return root.ReplaceNode(unit, unit.WithMembers(SyntaxFactory.List(updatedMembers)));
            default:
                return null;
        }
    }

    // Local functions and labels are visible in their whole block; moving them into a nested block changes that.
    private static bool CanMove(SyntaxList<StatementSyntax> rest) =>
        !rest.Any(s => s is LocalFunctionStatementSyntax or LabeledStatementSyntax);

    private static bool HasLabelBefore(SyntaxList<StatementSyntax> statements, StatementSyntax statement) =>
        statements.TakeWhile(s => s != statement).Any(s => s is LabeledStatementSyntax);

    /// <summary>
    /// In a switch section, locals are visible in every section. Names declared by the moved statements (and the
    /// span's own local) must not be used outside the new block.
    /// </summary>
    private static bool LeaksNames(StatementSyntax statement, SyntaxList<StatementSyntax> rest, TextSpan inside, IReadOnlyCollection<string> mustStayInside)
    {
        if (statement.Parent is not SwitchSectionSyntax { Parent: SwitchStatementSyntax switchStatement })
        {
            return false;
        }

        var names = new HashSet<string>(mustStayInside, System.StringComparer.Ordinal);
        foreach (var movedStatement in rest)
        {
            foreach (var node in movedStatement.DescendantNodesAndSelf())
            {
                switch (node)
                {
                    case VariableDeclaratorSyntax declarator:
                        names.Add(declarator.Identifier.ValueText);
                        break;
                    case SingleVariableDesignationSyntax designation:
                        names.Add(designation.Identifier.ValueText);
                        break;
                }
            }
        }

        if (names.Count == 0)
        {
            return false;
        }

        return switchStatement.DescendantNodes()
            .OfType<IdentifierNameSyntax>()
            .Any(identifier => names.Contains(identifier.Identifier.ValueText) && !inside.Contains(identifier.Span));
    }

    /// <summary>Whether the local is used after the block the using statement would close.</summary>
    private static bool IsReferencedAfterScope(StatementSyntax statement, string name)
    {
        var container = statement.Parent is GlobalStatementSyntax global ? global.Parent : statement.Parent;
        if (container is null)
        {
            return true;
        }

        var scopeEnd = container is CompilationUnitSyntax ? int.MaxValue : container.Span.End;
        var body = FunctionBody(statement);
        return body.DescendantNodes()
            .OfType<IdentifierNameSyntax>()
            .Any(identifier => identifier.Identifier.ValueText == name
                && identifier.SpanStart > statement.Span.End
                && identifier.SpanStart >= scopeEnd);
    }

    private static SyntaxNode FunctionBody(SyntaxNode node)
    {
        foreach (var ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case AnonymousFunctionExpressionSyntax:
                case LocalFunctionStatementSyntax:
                case BaseMethodDeclarationSyntax:
                case AccessorDeclarationSyntax:
                case CompilationUnitSyntax:
                    return ancestor;
            }
        }

        return node.SyntaxTree.GetRoot();
    }

    /// <summary>
    /// A local name not used in the enclosing member and not the name of a member of the enclosing type, so it neither
    /// clashes with another local nor shadows a field. Top-level statements share one scope: the whole file.
    /// </summary>
    private static string FreeName(SyntaxNode node, string baseName)
    {
        var member = node.Ancestors().OfType<MemberDeclarationSyntax>().FirstOrDefault(m => m is not GlobalStatementSyntax);
        var scope = member is null || node.FirstAncestorOrSelf<GlobalStatementSyntax>() is not null ? node.SyntaxTree.GetRoot() : member;
        var used = new HashSet<string>(
            scope.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText),
            System.StringComparer.Ordinal);
        foreach (var type in node.Ancestors().OfType<TypeDeclarationSyntax>())
        {
            foreach (var sibling in type.Members)
            {
                switch (sibling)
                {
                    case BaseFieldDeclarationSyntax field:
                        used.UnionWith(field.Declaration.Variables.Select(v => v.Identifier.ValueText));
                        break;
                    case PropertyDeclarationSyntax property:
                        used.Add(property.Identifier.ValueText);
                        break;
                    case MethodDeclarationSyntax method:
                        used.Add(method.Identifier.ValueText);
                        break;
                    case EventDeclarationSyntax @event:
                        used.Add(@event.Identifier.ValueText);
                        break;
                    case BaseTypeDeclarationSyntax nested:
                        used.Add(nested.Identifier.ValueText);
                        break;
                }
            }

            if (type.ParameterList is { } primaryConstructor)
            {
                used.UnionWith(primaryConstructor.Parameters.Select(p => p.Identifier.ValueText));
            }
        }

        if (!used.Contains(baseName))
        {
            return baseName;
        }

        for (var i = 1; ; i++)
        {
            var candidate = baseName + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!used.Contains(candidate))
            {
                return candidate;
            }
        }
    }
}

using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Instrumentation.Generators.Analyzers.SpanLifetime;

/// <summary>
/// The hand-over of instrumentation built on paired events (a <c>DiagnosticListener</c> observer, a profiler callback):
/// one handler starts a span and leaves it as <c>Activity.Current</c>, and another handler of the same type ends
/// whatever span is current when the operation completes or fails (<c>Activity.Current?.Stop()</c>, or
/// <c>var activity = Activity.Current; … activity.Stop();</c>). Such a span is handed over by being current: TRC201
/// does not report it as left running, even when the starting handler may throw after the start: the ending handler
/// finds it in <c>Activity.Current</c> either way (whether the source raises its error event then is the source's
/// contract, which the analyzer cannot see).
/// </summary>
/// <remarks>
/// Read from syntax, once per type: a type counts when one of its members ends <c>Activity.Current</c> directly, or
/// ends a local that it assigned from <c>Activity.Current</c>. Only spans that their start makes current qualify
/// (see <see cref="SpanApis.MakesCurrent"/>), and only when the starting function leaves the span running on a normal
/// exit and never ends it itself: a function that ends its span on some paths (every normal path but not the exception
/// path, or all but an early return) is still reported.
/// </remarks>
internal sealed class CurrentActivityHandOver
{
    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _types = new(SymbolEqualityComparer.Default);

    /// <summary>Whether some member of <paramref name="type"/> (any of its partial declarations) ends <c>Activity.Current</c>.</summary>
    public bool EndsCurrentActivity(INamedTypeSymbol type) =>
        _types.GetOrAdd(type.OriginalDefinition, static t => Scan(t));

    private static bool Scan(INamedTypeSymbol type)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is not TypeDeclarationSyntax declaration)
            {
                continue;
            }

            foreach (var member in declaration.Members)
            {
                // Nested types are scanned as their own types.
                if (member is not BaseTypeDeclarationSyntax && EndsCurrentIn(member))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool EndsCurrentIn(MemberDeclarationSyntax member)
    {
        HashSet<string>? currentLocals = null;
        var ends = new List<ExpressionSyntax>();
        foreach (var node in member.DescendantNodes())
        {
            switch (node)
            {
                case VariableDeclaratorSyntax { Initializer.Value: var value } declarator when IsActivityCurrent(value):
                    (currentLocals ??= []).Add(declarator.Identifier.ValueText);
                    break;
                case AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: IdentifierNameSyntax target, Right: var value }
                    when IsActivityCurrent(value):
                    (currentLocals ??= []).Add(target.Identifier.ValueText);
                    break;
                case ExpressionSyntax expression when SpanHelpers.EndCallReceiver(expression) is { } receiver:
                    ends.Add(Unparenthesize(receiver));
                    break;
            }
        }

        return ends.Any(receiver => IsActivityCurrent(receiver)
            || (receiver is IdentifierNameSyntax name && currentLocals?.Contains(name.Identifier.ValueText) == true));
    }

    private static ExpressionSyntax Unparenthesize(ExpressionSyntax expression)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized.Expression;
        }

        return expression;
    }

    // Activity.Current, System.Diagnostics.Activity.Current, global::System.Diagnostics.Activity.Current.
    private static bool IsActivityCurrent(ExpressionSyntax expression) =>
        Unparenthesize(expression) is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Current" } access
        && access.Expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText == "Activity",
            MemberAccessExpressionSyntax qualified => qualified.Name.Identifier.ValueText == "Activity",
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText == "Activity",
            _ => false,
        };
}

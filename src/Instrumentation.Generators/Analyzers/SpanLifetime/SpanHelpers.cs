using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Instrumentation.Generators.Analyzers.SpanLifetime;

/// <summary>
/// Methods of the compilation being analysed that TRC201 looks into, one level: helpers that only borrow a span passed
/// to them (see <see cref="OnlyBorrows"/>), and helpers that start a span and return it to their caller
/// (<c>Activity? StartActivityWithTags(string name, …) { var a = Source.StartActivity(name); …; return a; }</c>): their
/// callers own the span exactly as if they had called <c>StartActivity</c>, so TRC201 checks them the same way. One
/// level only: a helper calling such a helper is not followed.
/// </summary>
/// <remarks>
/// Only invocations whose method returns a span type and is declared in source are looked at, and each such method is
/// read once per compilation (its syntax only: it starts a span when its body calls a start API by name).
/// </remarks>
internal sealed class SpanHelpers
{
    private readonly SpanApis _apis;
    private readonly IAssemblySymbol _assembly;
    private readonly ConcurrentDictionary<IMethodSymbol, SpanStartKind> _kinds = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IParameterSymbol, bool> _borrowers = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IParameterSymbol, bool> _enders = new(SymbolEqualityComparer.Default);

    public SpanHelpers(SpanApis apis, Compilation compilation)
    {
        _apis = apis;
        _assembly = compilation.Assembly;
    }

    /// <summary>
    /// Whether passing a span as <paramref name="parameter"/> only lends it: a by-value parameter of a method of this
    /// compilation whose body uses it only to read or enrich it (<c>p.Id</c>, <c>p?.SetTag(…)</c>, <c>p is null</c>),
    /// never to end, store, return, pass on or capture it (<c>Inject(activity, headers)</c>). The caller still owns
    /// the span after such a call.
    /// </summary>
    public bool OnlyBorrows(IParameterSymbol? parameter)
    {
        if (parameter is not { RefKind: RefKind.None, ContainingSymbol: IMethodSymbol method } ||
            !SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, _assembly))
        {
            return false;
        }

        return _borrowers.GetOrAdd(parameter.OriginalDefinition, static p => ReadsOnly(p));
    }

    /// <summary>
    /// Whether passing a span as <paramref name="parameter"/> ends it: a by-value parameter of a method of this
    /// compilation whose body always ends it — <c>p.Dispose()</c>, <c>p.Stop()</c>, <c>p.End()</c> (also through
    /// <c>?.</c>) as a statement of the body itself or of its <c>finally</c>, not under a condition
    /// (<c>SuppressAndDisposeActivity(activity)</c>, <c>StopActivity(activity, result)</c>). Such a call is an end of the
    /// span for the caller, like <c>activity.Dispose()</c>.
    /// </summary>
    public bool Ends(IParameterSymbol? parameter)
    {
        if (parameter is not { RefKind: RefKind.None, ContainingSymbol: IMethodSymbol method } ||
            !SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, _assembly))
        {
            return false;
        }

        return _enders.GetOrAdd(parameter.OriginalDefinition, static p => AlwaysEnds(p));
    }

    private static bool AlwaysEnds(IParameterSymbol parameter)
    {
        switch (BodyOf((IMethodSymbol)parameter.ContainingSymbol))
        {
            case ArrowExpressionClauseSyntax arrow:
                return IsEndOf(arrow.Expression, parameter.Name);
            case BlockSyntax block:
                foreach (var statement in block.Statements)
                {
                    if ((statement is ExpressionStatementSyntax expression && IsEndOf(expression.Expression, parameter.Name)) ||
                        (statement is TryStatementSyntax { Finally.Block: { } finallyBlock } &&
                         finallyBlock.Statements.OfType<ExpressionStatementSyntax>().Any(e => IsEndOf(e.Expression, parameter.Name))))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private static bool IsEndOf(ExpressionSyntax expression, string name) =>
        EndCallReceiver(expression) is IdentifierNameSyntax receiver && receiver.Identifier.ValueText == name;

    /// <summary>
    /// The receiver <c>x</c> when <paramref name="expression"/> ends it by name, from syntax alone: <c>x.Dispose()</c>,
    /// <c>x.Stop()</c>, <c>x.End(…)</c>, or the same through <c>x?.</c>; null otherwise.
    /// </summary>
    internal static ExpressionSyntax? EndCallReceiver(ExpressionSyntax expression) =>
        expression switch
        {
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } when IsEndName(access.Name.Identifier.ValueText)
                => access.Expression,
            ConditionalAccessExpressionSyntax { WhenNotNull: InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax binding } } conditional
                when IsEndName(binding.Name.Identifier.ValueText)
                => conditional.Expression,
            _ => null,
        };

    private static SyntaxNode? BodyOf(IMethodSymbol method) =>
        method.DeclaringSyntaxReferences.Length != 1
            ? null
            : method.DeclaringSyntaxReferences[0].GetSyntax() switch
            {
                MethodDeclarationSyntax declaration => (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody,
                LocalFunctionStatementSyntax local => (SyntaxNode?)local.Body ?? local.ExpressionBody,
                _ => null,
            };

    private static bool ReadsOnly(IParameterSymbol parameter)
    {
        var body = BodyOf((IMethodSymbol)parameter.ContainingSymbol);
        if (body is null)
        {
            return false;
        }

        // A method that never looks at the span (a stub, a registration point) is taken as its new owner.
        var reads = 0;
        foreach (var node in body.DescendantNodes())
        {
            if (node is not IdentifierNameSyntax identifier || identifier.Identifier.ValueText != parameter.Name)
            {
                continue;
            }

            reads++;

            switch (identifier.Parent)
            {
                case MemberAccessExpressionSyntax access when access.Expression == identifier && !IsEndName(access.Name.Identifier.ValueText):
                case ConditionalAccessExpressionSyntax conditional when conditional.Expression == identifier && !EndsThroughBinding(conditional):
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression or (int)SyntaxKind.NotEqualsExpression }:
                case IsPatternExpressionSyntax pattern when pattern.Expression == identifier:
                    continue;
                default:
                    return false;
            }
        }

        return reads > 0;
    }

    private static bool IsEndName(string name) => name is "Dispose" or "Stop" or "End";

    private static bool EndsThroughBinding(ConditionalAccessExpressionSyntax conditional) =>
        conditional.WhenNotNull.DescendantNodesAndSelf().OfType<MemberBindingExpressionSyntax>().Any(b => IsEndName(b.Name.Identifier.ValueText));

    /// <summary><see cref="SpanStartKind.Started"/> for a same-compilation helper that returns a span it started.</summary>
    public SpanStartKind GetStartKind(IMethodSymbol method)
    {
        if (method.ReturnsVoid || method.ReturnsByRef || method.ReturnsByRefReadonly || !_apis.IsSpanType(method.ReturnType) ||
            !SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, _assembly))
        {
            return SpanStartKind.None;
        }

        var definition = method.OriginalDefinition;
        if (definition.PartialImplementationPart is { } implementation)
        {
            definition = implementation;
        }

        return _kinds.GetOrAdd(definition, static m => Classify(m));
    }

    private static SpanStartKind Classify(IMethodSymbol method)
    {
        if (method.IsAbstract || method.IsExtern || method.MethodKind is not (MethodKind.Ordinary or MethodKind.LocalFunction))
        {
            return SpanStartKind.None;
        }

        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            SyntaxNode? body = reference.GetSyntax() switch
            {
                MethodDeclarationSyntax declaration => (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody,
                LocalFunctionStatementSyntax local => (SyntaxNode?)local.Body ?? local.ExpressionBody,
                _ => null,
            };

            if (body is not null && StartsSpan(body))
            {
                return SpanStartKind.Started;
            }
        }

        return SpanStartKind.None;
    }

    // The helper's returns are what make it a span factory: every return gives back a span started in the helper (the
    // start call itself, possibly with fluent members chained on it, or a local initialised with it) or null. A method
    // that returns a field, a cached span or Activity.Current hands out a span it does not own, and is not followed.
    private static bool StartsSpan(SyntaxNode body)
    {
        if (body is ArrowExpressionClauseSyntax arrow)
        {
            return IsStartChain(arrow.Expression);
        }

        var startedLocals = new HashSet<string>(StringComparer.Ordinal);
        var endedLocals = new HashSet<string>(StringComparer.Ordinal);
        var returnsStarted = false;
        foreach (var node in body.DescendantNodes(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            switch (node)
            {
                // activity.Stop(); return activity; — a converter that records a finished span hands out nothing to end.
                case ExpressionStatementSyntax { Expression: var expression } when EndedLocal(expression) is { } ended:
                    endedLocals.Add(ended);
                    break;
                case VariableDeclaratorSyntax { Initializer.Value: var value } declarator when IsStartChain(value):
                    startedLocals.Add(declarator.Identifier.ValueText);
                    break;
                case ReturnStatementSyntax { Expression: var returned }:
                    var value2 = Strip(returned);
                    if (value2 is null || value2.IsKind(SyntaxKind.NullLiteralExpression) || value2.IsKind(SyntaxKind.DefaultLiteralExpression))
                    {
                        break;
                    }

                    if (IsStartChain(value2) || (value2 is IdentifierNameSyntax local && startedLocals.Contains(local.Identifier.ValueText)
                                                 && !endedLocals.Contains(local.Identifier.ValueText)))
                    {
                        returnsStarted = true;
                        break;
                    }

                    return false;
            }
        }

        return returnsStarted;
    }

    private static string? EndedLocal(ExpressionSyntax expression) =>
        expression switch
        {
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver } access }
                when IsEndName(access.Name.Identifier.ValueText) => receiver.Identifier.ValueText,
            ConditionalAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver, WhenNotNull: InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax binding } }
                when IsEndName(binding.Name.Identifier.ValueText) => receiver.Identifier.ValueText,
            _ => null,
        };

    private static bool IsStartChain(ExpressionSyntax? expression)
    {
        switch (Strip(expression))
        {
            case InvocationExpressionSyntax invocation:
                var (receiver, name) = invocation.Expression switch
                {
                    MemberAccessExpressionSyntax access => (access.Expression, access.Name.Identifier.ValueText),
                    _ => ((ExpressionSyntax?)null, (string?)null),
                };

                return name switch
                {
                    "StartActivity" or "StartActiveSpan" or "StartSpan" or "StartRootSpan" => true,
                    "Start" => IsCreate(receiver) || IsStartChain(receiver),
                    _ when name is not null && FluentMembers.Contains(name) => IsStartChain(receiver),
                    _ => false,
                };

            case ConditionalAccessExpressionSyntax conditional:
                // source.StartActivity(…)?.SetTag(…) or source.CreateActivity(…)?.Start()
                return IsStartChain(conditional.Expression) ||
                       (IsCreate(conditional.Expression) && conditional.WhenNotNull is InvocationExpressionSyntax
                       {
                           Expression: MemberBindingExpressionSyntax { Name.Identifier.ValueText: "Start" },
                           ArgumentList.Arguments.Count: 0,
                       });

            default:
                return false;
        }
    }

    private static bool IsCreate(ExpressionSyntax? expression) =>
        Strip(expression) is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "CreateActivity" } };

    private static ExpressionSyntax? Strip(ExpressionSyntax? expression)
    {
        while (true)
        {
            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    expression = parenthesized.Expression;
                    continue;
                case PostfixUnaryExpressionSyntax postfix when postfix.IsKind(SyntaxKind.SuppressNullableWarningExpression):
                    expression = postfix.Operand;
                    continue;
                case CastExpressionSyntax cast:
                    expression = cast.Expression;
                    continue;
                default:
                    return expression;
            }
        }
    }

    private static readonly HashSet<string> FluentMembers = new(StringComparer.Ordinal)
    {
        "SetTag", "AddTag", "AddEvent", "AddLink", "AddBaggage", "SetBaggage", "SetStatus", "SetParentId", "SetIdFormat",
        "SetStartTime", "SetAttribute", "SetAttributes", "UpdateName", "AddException",
    };
}

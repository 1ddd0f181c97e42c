using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Instrumentation.Generators.Analyzers.SpanLifetime;

/// <summary>
/// Methods of the compilation being analysed that start a span and return it to their caller
/// (<c>Activity? StartActivityWithTags(string name, …) { var a = Source.StartActivity(name); …; return a; }</c>): their
/// callers own the span exactly as if they had called <c>StartActivity</c>, so TRC201 checks them the same way. One
/// level only: a helper calling such a helper is not followed.
/// </summary>
/// <remarks>
/// Only invocations whose method returns a span type and is declared in source are looked at, and each such method is
/// read once per compilation (its syntax only: it starts a span when its body calls a start API by name).
/// </remarks>
internal sealed class SpanStartHelpers
{
    private readonly SpanApis _apis;
    private readonly IAssemblySymbol _assembly;
    private readonly ConcurrentDictionary<IMethodSymbol, SpanStartKind> _kinds = new(SymbolEqualityComparer.Default);

    public SpanStartHelpers(SpanApis apis, Compilation compilation)
    {
        _apis = apis;
        _assembly = compilation.Assembly;
    }

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
        var returnsStarted = false;
        foreach (var node in body.DescendantNodes(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            switch (node)
            {
                case VariableDeclaratorSyntax { Initializer.Value: var value } declarator when IsStartChain(value):
                    startedLocals.Add(declarator.Identifier.ValueText);
                    break;
                case ReturnStatementSyntax { Expression: var returned }:
                    var value2 = Strip(returned);
                    if (value2 is null || value2.IsKind(SyntaxKind.NullLiteralExpression) || value2.IsKind(SyntaxKind.DefaultLiteralExpression))
                    {
                        break;
                    }

                    if (IsStartChain(value2) || (value2 is IdentifierNameSyntax local && startedLocals.Contains(local.Identifier.ValueText)))
                    {
                        returnsStarted = true;
                        break;
                    }

                    return false;
            }
        }

        return returnsStarted;
    }

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

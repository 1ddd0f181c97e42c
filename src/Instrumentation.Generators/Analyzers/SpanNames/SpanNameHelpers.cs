using System;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Instrumentation.Generators.Analyzers.SpanNames;

/// <summary>
/// Same-compilation helpers whose string parameter becomes a span name (<c>StartActivityWithTags(string name, …)</c>
/// passing <c>name</c> to <c>StartActivity</c>): TRC101 checks the argument at their call sites, one level deep.
/// </summary>
/// <remarks>
/// Cheap by construction: only methods of this compilation whose name mentions <c>Activity</c> or <c>Span</c> are
/// read, each once per compilation, and only their syntax (a start call by name whose first argument is the parameter).
/// </remarks>
internal sealed class SpanNameHelpers
{
    private readonly IAssemblySymbol _assembly;
    private readonly ConcurrentDictionary<IMethodSymbol, int> _nameParameters = new(SymbolEqualityComparer.Default);

    public SpanNameHelpers(Compilation compilation)
    {
        _assembly = compilation.Assembly;
    }

    /// <summary>The argument a helper passes on as a span name, when <paramref name="invocation"/> calls such a helper.</summary>
    public bool TryGetNameArgument(IInvocationOperation invocation, out IArgumentOperation nameArgument)
    {
        nameArgument = null!;
        var method = invocation.TargetMethod;
        if (method.Name.IndexOf("Activity", StringComparison.Ordinal) < 0 && method.Name.IndexOf("Span", StringComparison.Ordinal) < 0)
        {
            return false;
        }

        if (!SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, _assembly))
        {
            return false;
        }

        var index = _nameParameters.GetOrAdd(method.OriginalDefinition, static m => FindNameParameter(m));
        if (index < 0)
        {
            return false;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { Ordinal: var ordinal } && ordinal == index && argument.ArgumentKind == ArgumentKind.Explicit)
            {
                nameArgument = argument;
                return true;
            }
        }

        return false;
    }

    private static int FindNameParameter(IMethodSymbol method)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            SyntaxNode? body = reference.GetSyntax() switch
            {
                MethodDeclarationSyntax declaration => (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody,
                LocalFunctionStatementSyntax local => (SyntaxNode?)local.Body ?? local.ExpressionBody,
                _ => null,
            };

            if (body is null)
            {
                continue;
            }

            foreach (var node in body.DescendantNodes(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
            {
                if (node is InvocationExpressionSyntax
                    {
                        Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "StartActivity" or "CreateActivity" or "StartActiveSpan" or "StartSpan" or "StartRootSpan" },
                        ArgumentList.Arguments: { Count: > 0 } arguments,
                    } &&
                    arguments[0] is { NameColon: null, Expression: IdentifierNameSyntax passed })
                {
                    foreach (var parameter in method.Parameters)
                    {
                        if (parameter.Type.SpecialType == SpecialType.System_String && parameter.Name == passed.Identifier.ValueText)
                        {
                            return parameter.Ordinal;
                        }
                    }
                }
            }
        }

        return -1;
    }
}

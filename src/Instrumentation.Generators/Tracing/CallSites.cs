using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Instrumentation.Generators.Tracing;

/// <summary>
/// Which calls of a <c>[Traced]</c> method can be routed through an interceptor. Shared by the generator and by the
/// TRC002 analyzer, which reports the calls that cannot.
/// </summary>
internal static class CallSites
{
    /// <summary>Generated code uses file-local types (C# 11).</summary>
    public const LanguageVersion MinimumLanguageVersion = LanguageVersion.CSharp11;

    /// <summary>
    /// Whether the compiler accepts interceptors declared in <paramref name="namespaceName"/>: it or a namespace containing
    /// it is listed in the <c>InterceptorsNamespaces</c> feature (the MSBuild property of that name; before .NET 9.0.2xx
    /// SDKs, <c>InterceptorsPreviewNamespaces</c>).
    /// </summary>
    public static bool AreInterceptorsEnabledIn(ParseOptions options, string namespaceName)
    {
        foreach (var feature in new[] { "InterceptorsNamespaces", "InterceptorsPreviewNamespaces" })
        {
            if (!options.Features.TryGetValue(feature, out var list))
            {
                continue;
            }

            foreach (var entry in list.Split(';'))
            {
                var enabled = entry.Trim();
                if (enabled.Length > 0 &&
                    namespaceName.StartsWith(enabled, System.StringComparison.Ordinal) &&
                    (namespaceName.Length == enabled.Length || namespaceName[enabled.Length] == '.'))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Why a direct call cannot be wrapped, or null when it can.</summary>
    /// <param name="invocation">The call.</param>
    /// <param name="called">The method the call binds to (as bound: constructed, reduced for extension calls).</param>
    /// <param name="semanticModel">The semantic model of the call's tree.</param>
    /// <param name="cancellationToken">Cancels the analysis.</param>
    public static string? GetNotInterceptableReason(InvocationExpressionSyntax invocation, IMethodSymbol called, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        if (invocation.SyntaxTree.Options is CSharpParseOptions { LanguageVersion: < MinimumLanguageVersion } options)
        {
            return $"call compiled as C# {options.LanguageVersion.ToDisplayString()} (the generated interceptors need C# 11 or later: set LangVersion)";
        }

        if (invocation.Expression is MemberAccessExpressionSyntax { Expression: BaseExpressionSyntax })
        {
            // The wrapper could only call the method virtually, which would re-enter the override.
            return "base call";
        }

        if (IsInExpressionTree(invocation, semanticModel, cancellationToken))
        {
            return "call inside an expression tree";
        }

        if (IsThisOfGenericStruct(invocation, called))
        {
            // The compiler passes such a receiver to a (necessarily generic) interceptor as a copy: the method's
            // changes to the struct would be lost.
            return "call on 'this' of a generic struct";
        }

        if (ValueTypeCapableTypeParameterReceiver(invocation, called, semanticModel, cancellationToken) is { } typeParameter)
        {
            // A call on a receiver typed by a type parameter that may be a struct is a constrained call on the variable
            // itself; the interceptor's interface- or base-typed 'this' would box a copy, losing the struct's mutations.
            // An interceptor cannot take the receiver as a type parameter of its own (its type parameters can only be those
            // of the containing type and the method), so a receiver that is a struct has no way through.
            // 'class' is then the way out, except where the type parameter must or may be a (ref) struct.
            return typeParameter switch
            {
                { HasValueTypeConstraint: true } => "call on a type parameter receiver constrained to 'struct' (an interceptor could only take it as the interface or base type: a boxed copy, which would lose the method's changes)",
                { AllowsRefLikeType: true } => "call on a type parameter receiver that allows ref structs (an interceptor could only take it as the interface or base type, which a ref struct cannot be converted to)",
                _ => "call on a type parameter receiver that may be a struct (constrain it to 'class' to trace it)",
            };
        }

        return null;
    }

    private static bool IsThisOfGenericStruct(InvocationExpressionSyntax invocation, IMethodSymbol called) =>
        called is { IsStatic: false, ReducedFrom: null, ContainingType.IsValueType: true } &&
        invocation.Expression is SimpleNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } &&
        TracedTarget.IsInGenericType(called.ContainingType);

    private static ITypeParameterSymbol? ValueTypeCapableTypeParameterReceiver(InvocationExpressionSyntax invocation, IMethodSymbol called, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        if (called is not { IsStatic: false, ReducedFrom: null })
        {
            return null;
        }

        var receiver = invocation.Expression switch
        {
            MemberAccessExpressionSyntax memberAccess => memberAccess.Expression,
            MemberBindingExpressionSyntax => invocation.FirstAncestorOrSelf<ConditionalAccessExpressionSyntax>()?.Expression,
            _ => null,
        };
        return receiver is not null && semanticModel.GetTypeInfo(receiver, cancellationToken).Type is ITypeParameterSymbol { IsReferenceType: false } typeParameter
            ? typeParameter
            : null;
    }

    public static bool CanBeIntercepted(InvocationExpressionSyntax invocation, IMethodSymbol called, SemanticModel semanticModel, CancellationToken cancellationToken) =>
        GetNotInterceptableReason(invocation, called, semanticModel, cancellationToken) is null;

    private static bool IsInExpressionTree(SyntaxNode node, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        foreach (var ancestor in node.Ancestors())
        {
            if (ancestor is LambdaExpressionSyntax or AnonymousMethodExpressionSyntax)
            {
                var converted = semanticModel.GetTypeInfo(ancestor, cancellationToken).ConvertedType as INamedTypeSymbol;
                if (converted is not null && TracedTarget.IsNamed(converted.OriginalDefinition, WellKnownNames.ExpressionOfT))
                {
                    return true;
                }
            }
            else if (ancestor is QueryExpressionSyntax)
            {
                // Query clauses are lambdas without lambda syntax: ask the bound tree whether this one became an expression tree.
                return IsInQueryExpressionTree(node, semanticModel, cancellationToken);
            }
            else if (ancestor is MemberDeclarationSyntax)
            {
                return false;
            }
        }

        return false;
    }

    private static bool IsInQueryExpressionTree(SyntaxNode node, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        for (var operation = semanticModel.GetOperation(node, cancellationToken); operation is not null; operation = operation.Parent)
        {
            if (operation is IAnonymousFunctionOperation { Parent: { Type: INamedTypeSymbol converted } } &&
                TracedTarget.IsNamed(converted.OriginalDefinition, WellKnownNames.ExpressionOfT))
            {
                return true;
            }
        }

        return false;
    }
}

using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Instrumentation.Generators.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Instrumentation.Generators.Tracing;

/// <summary>Syntax + semantics → models. Everything symbol-shaped stays in here.</summary>
internal static class Parser
{
    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private static readonly string[] ActivityKindNames = ["Internal", "Server", "Client", "Producer", "Consumer"];

    /// <summary>A <c>[Traced]</c> method declared in this compilation (the ForAttributeWithMetadataName step).</summary>
    public static TracedMethodModel? ParseTracedMethod(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol method || context.Attributes.Length == 0)
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        return BuildMethodModel(method, context.Attributes[0], context.SemanticModel.Compilation);
    }

    /// <summary>Cheap syntactic filter: invocations whose target is named (<c>M()</c>, <c>x.M()</c>, <c>x?.M()</c>, <c>M&lt;T&gt;()</c>).</summary>
    public static bool IsCandidateInvocation(SyntaxNode node) =>
        node is InvocationExpressionSyntax
        {
            Expression: MemberAccessExpressionSyntax or IdentifierNameSyntax or GenericNameSyntax or MemberBindingExpressionSyntax,
        };

    /// <summary>A call to a <c>[Traced]</c> method that the compiler lets us intercept, or null.</summary>
    public static CallSiteModel? ParseCallSite(GeneratorSyntaxContext context, CancellationToken cancellationToken)
    {
        var invocation = (InvocationExpressionSyntax)context.Node;
        var semanticModel = context.SemanticModel;
        if (semanticModel.Compilation.GetTypeByMetadataName(WellKnownNames.TracedAttribute) is null)
        {
            // The project does not reference the attribute library: no call can target a [Traced] method.
            return null;
        }

        if (semanticModel.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol called)
        {
            return null;
        }

        var definition = GetDefinition(called);
        var traced = TracedTarget.FindAttribute(definition.GetAttributes(), WellKnownNames.TracedAttribute);
        if (traced is null || !CallSites.CanBeIntercepted(invocation, semanticModel, cancellationToken))
        {
            return null;
        }

        var location = semanticModel.GetInterceptableLocation(invocation, cancellationToken);
        if (location is null)
        {
            return null;
        }

        var compilation = semanticModel.Compilation;
        TracedMethodModel? external = null;
        if (!SymbolEqualityComparer.Default.Equals(definition.ContainingAssembly, compilation.Assembly))
        {
            external = BuildMethodModel(definition, traced, compilation);
            if (external is null)
            {
                return null;
            }
        }

        return new CallSiteModel(GetMethodId(definition), external, location.Version, location.Data, location.GetDisplayLocation());
    }

    /// <summary>The unconstructed, unreduced method that carries the attributes.</summary>
    public static IMethodSymbol GetDefinition(IMethodSymbol method) => (method.ReducedFrom ?? method).OriginalDefinition;

    public static string GetMethodId(IMethodSymbol definition) =>
        definition.GetDocumentationCommentId() ?? definition.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    /// <summary>The assembly's activity source: assembly name and informational version unless [assembly: TracedSource] says otherwise.</summary>
    public static ActivitySourceModel ParseActivitySource(Compilation compilation, CancellationToken cancellationToken)
    {
        var assemblyName = compilation.AssemblyName ?? "Instrumentation.Generated";
        string name = assemblyName;
        string? version = null;
        foreach (var attribute in compilation.Assembly.GetAttributes())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (attribute.AttributeClass is not { } attributeClass)
            {
                continue;
            }

            if (TracedTarget.IsNamed(attributeClass, WellKnownNames.AssemblyInformationalVersionAttribute) &&
                attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string informational)
            {
                version ??= informational;
            }
            else if (TracedTarget.IsNamed(attributeClass, WellKnownNames.TracedSourceAttribute))
            {
                if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string custom && !string.IsNullOrWhiteSpace(custom))
                {
                    name = custom;
                }

                foreach (var named in attribute.NamedArguments)
                {
                    if (named.Key == "Version" && named.Value.Value is string customVersion)
                    {
                        version = customVersion;
                        return new ActivitySourceModel(SourceClassName(assemblyName), name, version);
                    }
                }
            }
        }

        return new ActivitySourceModel(SourceClassName(assemblyName), name, version);
    }

    // Unique per assembly: with InternalsVisibleTo, two assemblies' generated holders must not share a name (CS0436).
    private static string SourceClassName(string assemblyName) => "TracedActivitySource_" + Sanitize(assemblyName);

    public static TracedMethodModel? BuildMethodModel(IMethodSymbol method, AttributeData traced, Compilation compilation)
    {
        var target = TracedTarget.Analyze(method, traced, compilation);
        if (!target.IsSupported)
        {
            return null;
        }

        var containingType = method.ContainingType;
        var (spanName, kind) = ReadTracedAttribute(method, traced);
        var recordCancellationAsError = traced.NamedArguments.Any(a => a.Key == "RecordCancellationAsError" && a.Value.Value is true);

        var parameters = new List<ParameterModel>(method.Parameters.Length);
        var isUnsafe = IsUnsafe(method.ReturnType);
        var cancellationToken = compilation.GetTypeByMetadataName(WellKnownNames.CancellationToken);
        foreach (var parameter in method.Parameters)
        {
            isUnsafe |= IsUnsafe(parameter.Type);
            var tag = TracedTarget.FindAttribute(parameter.GetAttributes(), WellKnownNames.TagAttribute);
            parameters.Add(new ParameterModel(
                Name: EscapeIdentifier(parameter.Name),
                Type: parameter.Type.ToDisplayString(TypeFormat),
                Modifiers: ParameterModifiers(parameter, isFirstOfExtension: method.IsExtensionMethod && parameter.Ordinal == 0),
                RefKind: ArgumentModifier(parameter.RefKind),
                TagKey: tag is null ? null : TracedTarget.GetTagKey(tag),
                IsOut: parameter.RefKind == RefKind.Out,
                IsCancellationToken: parameter.RefKind != RefKind.Out && SymbolEqualityComparer.Default.Equals(parameter.Type, cancellationToken)));
        }

        var returnTag = TracedTarget.FindAttribute(method.GetReturnTypeAttributes(), WellKnownNames.TagAttribute);
        var containingTypeDisplay = containingType.ToDisplayString(TypeFormat);

        return new TracedMethodModel(
            Id: GetMethodId(method),
            ContainingTypeName: containingType.Name,
            ContainingTypeMetadataName: Sanitize(GetFullMetadataName(containingType), keepDots: true),
            ContainingTypeDisplay: containingTypeDisplay,
            MethodName: EscapeIdentifier(method.Name),
            SpanName: spanName,
            KindName: ActivityKindNames[kind],
            Receiver: method.IsStatic ? null : ReceiverModifiers(method) + containingTypeDisplay,
            ReceiverIsStruct: !method.IsStatic && containingType.IsValueType,
            ReturnType: ReturnTypeDisplay(method),
            ReturnsByRef: method.ReturnsByRef || method.ReturnsByRefReadonly,
            Shape: target.Shape,
            ResultType: target.ResultType?.ToDisplayString(TypeFormat),
            ReturnTagKey: returnTag is null ? null : TracedTarget.GetTagKey(returnTag),
            TypeParameters: GetTypeParameters(method).ToEquatableArray(),
            MethodTypeArguments: method.TypeParameters.Length == 0 ? string.Empty : "<" + string.Join(", ", method.TypeParameters.Select(t => EscapeIdentifier(t.Name))) + ">",
            Parameters: parameters.ToEquatableArray(),
            RecordCancellationAsError: recordCancellationAsError,
            IsUnsafe: isUnsafe,
            Access: target.Access);
    }

    private static (string SpanName, int Kind) ReadTracedAttribute(IMethodSymbol method, AttributeData traced)
    {
        string? name = null;
        var kind = 0;
        if (traced.ConstructorArguments.Length == 1 && traced.ConstructorArguments[0].Value is string ctorName)
        {
            name = ctorName;
        }

        foreach (var argument in traced.NamedArguments)
        {
            if (argument.Key == "Name" && argument.Value.Value is string namedName)
            {
                name = namedName;
            }
            else if (argument.Key == "Kind" && argument.Value.Value is int namedKind)
            {
                kind = namedKind;
            }
        }

        return (name ?? method.ContainingType.Name + "." + method.Name, kind);
    }

    private static string ReceiverModifiers(IMethodSymbol method)
    {
        var type = method.ContainingType;
        if (!type.IsValueType)
        {
            return "this ";
        }

        // A struct's 'this' is passed by reference, so in-place mutation reaches the caller's variable;
        // readonly members receive it as 'in'.
        return type.IsReadOnly || method.IsReadOnly ? "this in " : "this ref ";
    }

    private static string ReturnTypeDisplay(IMethodSymbol method)
    {
        if (method.ReturnsVoid)
        {
            return "void";
        }

        var type = method.ReturnType.ToDisplayString(TypeFormat);
        return method.ReturnsByRefReadonly ? "ref readonly " + type : method.ReturnsByRef ? "ref " + type : type;
    }

    private static string ParameterModifiers(IParameterSymbol parameter, bool isFirstOfExtension)
    {
        var builder = new StringBuilder();
        if (isFirstOfExtension)
        {
            builder.Append("this ");
        }

        // out parameters are implicitly scoped; spelling it out would only add noise.
        if (parameter.ScopedKind != ScopedKind.None && parameter.RefKind != RefKind.Out)
        {
            builder.Append("scoped ");
        }

        builder.Append(parameter.RefKind switch
        {
            RefKind.Ref => "ref ",
            RefKind.Out => "out ",
            RefKind.In => "in ",
            RefKind.RefReadOnlyParameter => "ref readonly ",
            _ => string.Empty,
        });
        return builder.ToString();
    }

    private static string ArgumentModifier(RefKind refKind) => refKind switch
    {
        RefKind.Ref => "ref ",
        RefKind.Out => "out ",
        RefKind.In or RefKind.RefReadOnlyParameter => "in ",
        _ => string.Empty,
    };

    private static IEnumerable<TypeParameterModel> GetTypeParameters(IMethodSymbol method)
    {
        var containers = new Stack<INamedTypeSymbol>();
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            containers.Push(type);
        }

        foreach (var container in containers)
        {
            foreach (var typeParameter in container.TypeParameters)
            {
                yield return new TypeParameterModel(EscapeIdentifier(typeParameter.Name), Constraints(typeParameter));
            }
        }

        foreach (var typeParameter in method.TypeParameters)
        {
            yield return new TypeParameterModel(EscapeIdentifier(typeParameter.Name), Constraints(typeParameter));
        }
    }

    private static string? Constraints(ITypeParameterSymbol typeParameter)
    {
        var parts = new List<string>();
        if (typeParameter.HasUnmanagedTypeConstraint)
        {
            parts.Add("unmanaged");
        }
        else if (typeParameter.HasValueTypeConstraint)
        {
            parts.Add("struct");
        }
        else if (typeParameter.HasReferenceTypeConstraint)
        {
            parts.Add(typeParameter.ReferenceTypeConstraintNullableAnnotation == NullableAnnotation.Annotated ? "class?" : "class");
        }
        else if (typeParameter.HasNotNullConstraint)
        {
            parts.Add("notnull");
        }

        foreach (var constraintType in typeParameter.ConstraintTypes)
        {
            parts.Add(constraintType.ToDisplayString(TypeFormat));
        }

        if (typeParameter.HasConstructorConstraint)
        {
            parts.Add("new()");
        }

        if (typeParameter.AllowsRefLikeType)
        {
            parts.Add("allows ref struct");
        }

        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    private static bool IsUnsafe(ITypeSymbol type) => type switch
    {
        IPointerTypeSymbol or IFunctionPointerTypeSymbol => true,
        IArrayTypeSymbol array => IsUnsafe(array.ElementType),
        INamedTypeSymbol named => named.TypeArguments.Any(IsUnsafe),
        _ => false,
    };

    private static string GetFullMetadataName(INamedTypeSymbol type)
    {
        var name = type.MetadataName;
        for (var container = type.ContainingType; container is not null; container = container.ContainingType)
        {
            name = container.MetadataName + "." + name;
        }

        var ns = type.ContainingNamespace;
        return ns is null || ns.IsGlobalNamespace ? name : ns.ToDisplayString() + "." + name;
    }

    public static string EscapeIdentifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    public static string Sanitize(string name, bool keepDots = false)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            builder.Append(char.IsLetterOrDigit(c) || c == '_' || (keepDots && c == '.') ? c : '_');
        }

        return builder.ToString();
    }
}

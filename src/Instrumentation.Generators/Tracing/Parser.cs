using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using Instrumentation.Generators.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Instrumentation.Generators.Tracing;

/// <summary>Syntax + semantics → models. Everything symbol-shaped stays in here.</summary>
internal static partial class Parser
{
    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private static readonly string[] ActivityKindNames = ["Internal", "Server", "Client", "Producer", "Consumer"];

    /// <summary>The unconstructed, unreduced method that carries the attributes.</summary>
    public static IMethodSymbol GetDefinition(IMethodSymbol method) => (method.ReducedFrom ?? method).OriginalDefinition;

    public static string GetMethodId(IMethodSymbol definition) =>
        definition.GetDocumentationCommentId() ?? definition.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    /// <summary>This compilation's source and holder class (the CompilationProvider step).</summary>
    public static LocalSourceModel ParseLocalSource(Compilation compilation, CancellationToken cancellationToken)
    {
        // Unique per assembly: with InternalsVisibleTo, two assemblies' generated holders must not share a name (CS0436).
        var holder = "TracedActivitySources_" + Sanitize(compilation.AssemblyName ?? "Assembly");
        return new LocalSourceModel(
            holder,
            ParseActivitySource(compilation.Assembly, "Source", cancellationToken),
            CanWriteManifest: compilation.GetBestTypeByMetadataName(WellKnownNames.TracedMethodNamesAttribute) is not null,
            HasInstrumentAdvice: compilation.GetBestTypeByMetadataName(WellKnownNames.InstrumentAdvice) is not null);
    }

    /// <summary>
    /// An assembly's activity source: named after the assembly and versioned with its informational version,
    /// unless <c>[assembly: TracedSource]</c> says otherwise.
    /// </summary>
    public static ActivitySourceModel ParseActivitySource(IAssemblySymbol assembly, string fieldName, CancellationToken cancellationToken)
    {
        var name = assembly.Name;
        string? informationalVersion = null;
        string? customVersion = null;
        foreach (var attribute in assembly.GetAttributes())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (attribute.AttributeClass is not { } attributeClass)
            {
                continue;
            }

            if (TracedTarget.IsNamed(attributeClass, WellKnownNames.AssemblyInformationalVersionAttribute) &&
                attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string informational)
            {
                informationalVersion = informational;
            }
            else if (TracedTarget.IsNamed(attributeClass, WellKnownNames.TracedSourceAttribute))
            {
                if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string custom && !string.IsNullOrWhiteSpace(custom))
                {
                    name = custom;
                }

                foreach (var named in attribute.NamedArguments)
                {
                    if (named.Key == "Version" && named.Value.Value is string version)
                    {
                        customVersion = version;
                    }
                }
            }
        }

        return new ActivitySourceModel(fieldName, name, customVersion ?? informationalVersion);
    }

    public static TracedMethodModel? BuildMethodModel(IMethodSymbol method, AttributeData traced, Compilation compilation)
    {
        var target = TracedTarget.Analyze(method, traced, compilation);
        if (!target.IsSupported)
        {
            return null;
        }

        var containingType = method.ContainingType;
        var (spanName, kind, recordCancellationAsError, recordDuration) = ReadTracedAttribute(method, traced);

        var parameters = new List<ParameterModel>(method.Parameters.Length);
        var isUnsafe = IsUnsafe(method.ReturnType);
        var cancellationToken = TracedTarget.CancellationTokenType(compilation);
        foreach (var parameter in method.Parameters)
        {
            isUnsafe |= IsUnsafe(parameter.Type);
            var tag = TracedTarget.FindAttribute(parameter.GetAttributes(), WellKnownNames.TagAttribute);
            parameters.Add(new ParameterModel(
                Attributes: SignatureAttributes(parameter.GetAttributes()),
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
            DeclaringTypeIsStruct: containingType.IsValueType,
            ReturnAttributes: SignatureAttributes(method.GetReturnTypeAttributes(), "return: ").TrimEnd(),
            ReturnType: ReturnTypeDisplay(method),
            ReturnsByRef: method.ReturnsByRef || method.ReturnsByRefReadonly,
            Shape: target.Shape,
            ResultType: target.ResultType?.ToDisplayString(TypeFormat),
            ReturnTagKey: returnTag is null ? null : TracedTarget.GetTagKey(returnTag),
            TypeParameters: GetTypeParameters(method, CanAllowRefStructs(compilation)).ToEquatableArray(),
            OwnTypeParameterCount: method.TypeParameters.Length,
            Parameters: parameters.ToEquatableArray(),
            RecordCancellationAsError: recordCancellationAsError,
            IsUnsafe: isUnsafe,
            Access: target.Access,
            AccessorTypeName: target.Access == AccessKind.UnsafeAccessor && method.IsStatic &&
                              (containingType.IsStatic || (target.Host is null && !TracedTarget.IsAccessibleFromGeneratedCode(containingType, compilation)))
                ? AccessorTypeName(containingType)
                : null,
            InterceptorAttributes: InterceptorAttributes(method),
            HideFromStackTrace: TracedTarget.CanHideFromStackTrace(compilation),
            SuppressedDiagnosticIds: ExperimentalDiagnosticIds(method),
            ConditionalSymbols: ConditionalSymbols(method).ToEquatableArray(),
            Host: target.Host is { } host
                ? new HostModel(string.Join(".", host.ContainingNamespace.ToDisplayString().Split('.').Select(EscapeIdentifier)), EscapeIdentifier(host.Name), TracedTarget.HostDeclarationKeywords(host))
                : null,
            ParametersCarryRequiredModifiers: method.Parameters.Any(p => !p.RefCustomModifiers.IsEmpty),
            RecordDuration: recordDuration);
    }

    /// <summary>
    /// The span name, kind, cancellation and duration choices of a traced method: what its <c>[Traced]</c> says, else what
    /// its type's <c>[Traced]</c> says (the defaults of a traced type's methods; its name stands for the type's name in
    /// <c>Type.Method</c>), else, for the duration, what its assembly's <c>[TracedSource]</c> says, else the defaults.
    /// </summary>
    private static (string SpanName, int Kind, bool RecordCancellationAsError, bool RecordDuration) ReadTracedAttribute(IMethodSymbol method, AttributeData traced)
    {
        TracedTarget.TracedAttributeOf(method, out var typeAttribute, out var fromType);
        var (name, kind, recordCancellation, recordDuration) = Read(traced);
        string? typeName = null;
        if (typeAttribute is not null)
        {
            var typeDefaults = Read(typeAttribute);
            typeName = typeDefaults.Name;
            kind ??= typeDefaults.Kind;
            recordCancellation ??= typeDefaults.RecordCancellation;
            recordDuration ??= typeDefaults.RecordDuration;
            if (fromType)
            {
                // The type's name is not a span name of its own methods.
                name = null;
            }
        }

        recordDuration ??= AssemblyRecordsDuration(method.ContainingAssembly);
        return (name ?? (typeName ?? method.ContainingType.Name) + "." + method.Name, kind ?? 0, recordCancellation ?? false, recordDuration.Value);

        static (string? Name, int? Kind, bool? RecordCancellation, bool? RecordDuration) Read(AttributeData attribute)
        {
            string? name = null;
            int? kind = null;
            bool? recordCancellation = null;
            bool? recordDuration = null;
            if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string ctorName)
            {
                name = ctorName;
            }

            foreach (var argument in attribute.NamedArguments)
            {
                switch (argument.Key)
                {
                    case "Name" when argument.Value.Value is string namedName:
                        name = namedName;
                        break;
                    case "Kind" when argument.Value.Value is int namedKind:
                        kind = namedKind;
                        break;
                    case "RecordCancellationAsError" when argument.Value.Value is bool record:
                        recordCancellation = record;
                        break;
                    case "RecordDuration" when argument.Value.Value is bool duration:
                        recordDuration = duration;
                        break;
                }
            }

            return (name, kind, recordCancellation, recordDuration);
        }
    }

    /// <summary>The assembly-wide default of <c>RecordDuration</c>: <c>[assembly: TracedSource(RecordDuration = true)]</c>.</summary>
    private static bool AssemblyRecordsDuration(IAssemblySymbol assembly)
    {
        foreach (var attribute in assembly.GetAttributes())
        {
            if (attribute.AttributeClass is { } attributeClass && TracedTarget.IsNamed(attributeClass, WellKnownNames.TracedSourceAttribute))
            {
                foreach (var argument in attribute.NamedArguments)
                {
                    if (argument.Key == "RecordDuration" && argument.Value.Value is bool record)
                    {
                        return record;
                    }
                }
            }
        }

        return false;
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

    /// <summary>
    /// The 'allows ref struct' anti-constraint is C# 13: a project on an earlier version (which cannot pass a ref struct
    /// as a type argument anyway) gets interceptors without it.
    /// </summary>
    private static bool CanAllowRefStructs(Compilation compilation) =>
        compilation.SyntaxTrees.FirstOrDefault()?.Options is not CSharpParseOptions { LanguageVersion: < LanguageVersion.CSharp13 };

    /// <summary>The declaring types' type parameters, outermost first, then the method's own.</summary>
    private static IEnumerable<TypeParameterModel> GetTypeParameters(IMethodSymbol method, bool canAllowRefStructs)
    {
        var containers = new Stack<INamedTypeSymbol>();
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            containers.Push(type);
        }

        return containers.SelectMany(container => container.TypeParameters).Concat(method.TypeParameters).Select(typeParameter =>
            new TypeParameterModel(SignatureAttributes(typeParameter.GetAttributes()), EscapeIdentifier(typeParameter.Name), Constraints(typeParameter, canAllowRefStructs)));
    }

    private static string? Constraints(ITypeParameterSymbol typeParameter, bool canAllowRefStructs)
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

        if (typeParameter.AllowsRefLikeType && canAllowRefStructs)
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

    /// <summary>
    /// The runtime name <c>UnsafeAccessorType</c> resolves (<c>Type.GetType</c> rules): nested types after '+', and for a
    /// generic type its open type parameters as the accessor's own (<c>!0</c>, <c>!1</c>… in declaration order, outermost
    /// first), with the assembly.
    /// </summary>
    private static string AccessorTypeName(INamedTypeSymbol type)
    {
        var arity = 0;
        for (var container = type; container is not null; container = container.ContainingType)
        {
            arity += container.TypeParameters.Length;
        }

        var arguments = arity == 0 ? string.Empty : "[" + string.Join(",", Enumerable.Range(0, arity).Select(i => "[!" + i + "]")) + "]";
        return GetFullMetadataName(type, nestedSeparator: '+') + arguments + ", " + type.ContainingAssembly.Name;
    }

    /// <summary>
    /// <c>N.Outer.Inner`1</c>; with <paramref name="nestedSeparator"/> <c>'+'</c>, the runtime name <c>Type.GetType</c>
    /// resolves (<c>N.Outer+Inner`1</c>).
    /// </summary>
    private static string GetFullMetadataName(INamedTypeSymbol type, char nestedSeparator = '.')
    {
        var name = type.MetadataName;
        for (var container = type.ContainingType; container is not null; container = container.ContainingType)
        {
            name = container.MetadataName + nestedSeparator + name;
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

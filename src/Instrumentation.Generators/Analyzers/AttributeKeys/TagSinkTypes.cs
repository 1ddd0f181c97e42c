using Instrumentation.Generators.Tracing;
using Instrumentation.Generators.Common;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Instrumentation.Generators.Analyzers.AttributeKeys;

/// <summary>The types through which an attribute key reaches a span, resolved once per compilation.</summary>
internal sealed record TagSinkTypes(
    INamedTypeSymbol? Activity,
    INamedTypeSymbol? ActivitySource,
    INamedTypeSymbol? ActivityTagsCollection,
    INamedTypeSymbol? TagList,
    INamedTypeSymbol? TelemetrySpan,
    INamedTypeSymbol? SpanAttributes,
    INamedTypeSymbol? TagAttribute,
    INamedTypeSymbol? KeyValuePairOfT,
    INamedTypeSymbol? KeyValuePairFactory,
    INamedTypeSymbol EnumerableOfT)
{
    /// <summary>Null when the compilation references none of the tracing APIs: nothing to analyze.</summary>
    public static TagSinkTypes? TryCreate(Compilation compilation)
    {
        var types = new TagSinkTypes(
            compilation.GetBestTypeByMetadataName(WellKnownNames.Activity),
            compilation.GetBestTypeByMetadataName(WellKnownNames.ActivitySource),
            compilation.GetBestTypeByMetadataName("System.Diagnostics.ActivityTagsCollection"),
            compilation.GetBestTypeByMetadataName("System.Diagnostics.TagList"),
            compilation.GetBestTypeByMetadataName(WellKnownNames.TelemetrySpan),
            compilation.GetBestTypeByMetadataName("OpenTelemetry.Trace.SpanAttributes"),
            compilation.GetBestTypeByMetadataName(WellKnownNames.TagAttribute),
            compilation.GetBestTypeByMetadataName("System.Collections.Generic.KeyValuePair`2"),
            compilation.GetBestTypeByMetadataName("System.Collections.Generic.KeyValuePair"),
            compilation.GetSpecialType(SpecialType.System_Collections_Generic_IEnumerable_T));
        return types.Activity is null && types.ActivitySource is null && types.ActivityTagsCollection is null
            && types.TagList is null && types.TelemetrySpan is null && types.SpanAttributes is null && types.TagAttribute is null
            ? null
            : types;
    }

    /// <summary>Types whose own members are analyzed directly; the tag walker stops at their creation.</summary>
    public bool IsTagCollection(ITypeSymbol? type) =>
        type is not null
        && (Is(type, ActivityTagsCollection) || Is(type, TagList) || Is(type, SpanAttributes));

    /// <summary><c>KeyValuePair&lt;string, T&gt;</c>.</summary>
    public bool IsStringKeyValuePair(ITypeSymbol? type) =>
        type is INamedTypeSymbol { IsGenericType: true } named
        && Is(named.OriginalDefinition, KeyValuePairOfT)
        && named.TypeArguments[0].SpecialType == SpecialType.System_String;

    /// <summary>A sequence of <c>KeyValuePair&lt;string, T&gt;</c>: <c>IEnumerable&lt;…&gt;</c>, <c>ReadOnlySpan&lt;…&gt;</c>, or a type implementing it.</summary>
    /// <remarks>
    /// Asked about the parameter and return types of every call of the project. Strings, primitives, enums, delegates and
    /// pointers are answered at once; other types once per type (a constructed type builds its interface list anew at each
    /// <c>AllInterfaces</c>).
    /// </remarks>
    public bool IsStringKeyValuePairSequence(ITypeSymbol? type)
    {
        if (type is null
            || (type.SpecialType != SpecialType.None && type is not INamedTypeSymbol { IsGenericType: true })
            || type.TypeKind is TypeKind.Enum or TypeKind.Delegate or TypeKind.Pointer or TypeKind.FunctionPointer)
        {
            return false;
        }

        return type is IArrayTypeSymbol array
            ? IsStringKeyValuePair(array.ElementType)
            : _sequences.GetOrAdd(type, ImplementsStringKeyValuePairSequence);
    }

    private readonly ConcurrentDictionary<ITypeSymbol, bool> _sequences = new(SymbolEqualityComparer.Default);

    private bool ImplementsStringKeyValuePairSequence(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named
            && IsStringKeyValuePair(named.TypeArguments[0])
            && (Is(named.OriginalDefinition, EnumerableOfT) || named.OriginalDefinition.Name == "ReadOnlySpan"))
        {
            return true;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (Is(implemented.OriginalDefinition, EnumerableOfT) && IsStringKeyValuePair(implemented.TypeArguments[0]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A method of the span APIs this analyzer checks directly (nothing to follow into).</summary>
    public bool IsSink(IMethodSymbol method)
    {
        var type = method.ContainingType?.OriginalDefinition;
        return Is(type, Activity) || Is(type, TelemetrySpan) || Is(type, ActivitySource) || IsTagCollection(type);
    }

    /// <summary>The string key of <c>SetTag</c>/<c>AddTag</c>/<c>SetAttribute</c>, of <c>Add</c>/<c>Insert</c> on a tag collection, or of the <c>ActivityTagsCollection</c> indexer.</summary>
    public bool IsKeyArgument(IArgumentOperation argument)
    {
        if (argument.Parameter is not { Name: "key", Type.SpecialType: SpecialType.System_String })
        {
            return false;
        }

        return argument.Parent switch
        {
            IInvocationOperation invocation => IsKeyMethod(invocation.TargetMethod),
            IPropertyReferenceOperation { Property.IsIndexer: true } indexer => Is(indexer.Property.ContainingType?.OriginalDefinition, ActivityTagsCollection),
            _ => false,
        };
    }

    /// <summary>Methods whose <c>key</c> parameter is an attribute key.</summary>
    public bool IsKeyMethod(IMethodSymbol method)
    {
        var type = method.ContainingType?.OriginalDefinition;
        return (Is(type, Activity) && method.Name is "SetTag" or "AddTag")
            || (Is(type, TelemetrySpan) && method.Name == "SetAttribute")
            || (IsTagCollection(type) && method.Name is "Add" or "Insert");
    }

    /// <summary><c>StartActivity</c>/<c>CreateActivity</c>, or the constructor of a tag collection: a tags parameter there reaches a span.</summary>
    public bool IsTagsSink(ISymbol member) =>
        member is IMethodSymbol method
        && (method.MethodKind == MethodKind.Constructor
            ? IsTagCollection(method.ContainingType)
            : Is(method.ContainingType?.OriginalDefinition, ActivitySource) && method.Name is "StartActivity" or "CreateActivity");

    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected) =>
        expected is not null && SymbolEqualityComparer.Default.Equals(type, expected);
}

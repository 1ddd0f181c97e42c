using Instrumentation.Generators.Tracing;
using Instrumentation.Generators.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Instrumentation.Generators.Analyzers.SpanNames;

/// <summary>Which kind of span a checked name belongs to; decides how the code fix records tags.</summary>
internal enum SpanNameSite
{
    /// <summary><c>ActivitySource.StartActivity</c>/<c>CreateActivity</c>: the result is an <c>Activity?</c>.</summary>
    ActivityStart,

    /// <summary><c>Activity.DisplayName = …</c>: the receiver is an <c>Activity</c>.</summary>
    ActivityDisplayName,

    /// <summary><c>Tracer.StartActiveSpan</c>/<c>StartSpan</c>/<c>StartRootSpan</c>: the result is a <c>TelemetrySpan</c>.</summary>
    TelemetrySpanStart,

    /// <summary><c>TelemetrySpan.UpdateName(…)</c>: the receiver is a <c>TelemetrySpan</c>.</summary>
    TelemetrySpanUpdateName,

    /// <summary><c>[Traced("…")]</c> or <c>[Traced(Name = "…")]</c>: only a constant can appear, no tag can be added.</summary>
    TracedAttribute,
}

/// <summary>The tracing types whose span names TRC101 checks, resolved once per compilation by metadata name.</summary>
internal sealed class SpanNameApis
{
    private SpanNameApis(Compilation compilation)
    {
        ActivitySource = compilation.GetBestTypeByMetadataName(WellKnownNames.ActivitySource);
        Activity = compilation.GetBestTypeByMetadataName(WellKnownNames.Activity);
        Tracer = compilation.GetBestTypeByMetadataName(WellKnownNames.Tracer);
        TelemetrySpan = compilation.GetBestTypeByMetadataName(WellKnownNames.TelemetrySpan);
        TracedAttribute = compilation.GetBestTypeByMetadataName(WellKnownNames.TracedAttribute);
        SystemType = compilation.GetBestTypeByMetadataName("System.Type");
    }

    public INamedTypeSymbol? ActivitySource { get; }

    public INamedTypeSymbol? Activity { get; }

    public INamedTypeSymbol? Tracer { get; }

    public INamedTypeSymbol? TelemetrySpan { get; }

    public INamedTypeSymbol? TracedAttribute { get; }

    public INamedTypeSymbol? SystemType { get; }

    public bool HasAny => ActivitySource is not null || Activity is not null || Tracer is not null || TelemetrySpan is not null || TracedAttribute is not null;

    public static SpanNameApis Create(Compilation compilation) => new(compilation);

    /// <summary>The explicit name argument of a span-starting or renaming call, if the call is one.</summary>
    public bool TryGetNameArgument(IInvocationOperation invocation, out IArgumentOperation nameArgument, out SpanNameSite site)
    {
        nameArgument = null!;
        site = default;
        var method = invocation.TargetMethod;
        var type = method.ContainingType?.OriginalDefinition;
        if (type is null)
        {
            return false;
        }

        if (ActivitySource is not null && SymbolEqualityComparer.Default.Equals(type, ActivitySource) &&
            method.Name is "StartActivity" or "CreateActivity")
        {
            site = SpanNameSite.ActivityStart;
        }
        else if (Tracer is not null && SymbolEqualityComparer.Default.Equals(type, Tracer) &&
                 method.Name is "StartActiveSpan" or "StartSpan" or "StartRootSpan")
        {
            site = SpanNameSite.TelemetrySpanStart;
        }
        else if (TelemetrySpan is not null && SymbolEqualityComparer.Default.Equals(type, TelemetrySpan) &&
                 method.Name == "UpdateName")
        {
            site = SpanNameSite.TelemetrySpanUpdateName;
        }
        else
        {
            return false;
        }

        foreach (var argument in invocation.Arguments)
        {
            // A name the caller did not write (the [CallerMemberName] default of StartActivity(ActivityKind, ...))
            // is the method name: constant and low-cardinality by construction.
            if (argument.Parameter is { Name: "name", Type.SpecialType: SpecialType.System_String } &&
                argument.ArgumentKind == ArgumentKind.Explicit)
            {
                nameArgument = argument;
                return true;
            }
        }

        return false;
    }

    public bool IsActivityDisplayName(IPropertySymbol property) =>
        Activity is not null && property.Name == "DisplayName" &&
        SymbolEqualityComparer.Default.Equals(property.ContainingType?.OriginalDefinition, Activity);

    /// <summary>Activity.DisplayName or Activity.OperationName: a name that was already given (and checked) elsewhere.</summary>
    public bool IsActivityName(IPropertySymbol property) =>
        Activity is not null && property.Name is "DisplayName" or "OperationName" &&
        SymbolEqualityComparer.Default.Equals(property.ContainingType?.OriginalDefinition, Activity);

    public bool IsTracedAttribute(INamedTypeSymbol? attributeClass) =>
        TracedAttribute is not null && SymbolEqualityComparer.Default.Equals(attributeClass, TracedAttribute);

    /// <summary>True for <c>System.Type</c> and the types deriving from it (<c>typeof(T)</c>, <c>GetType()</c>).</summary>
    public bool IsSystemType(ITypeSymbol? type)
    {
        if (SystemType is null)
        {
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, SystemType))
            {
                return true;
            }
        }

        return false;
    }
}

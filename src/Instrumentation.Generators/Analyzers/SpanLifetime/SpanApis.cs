using Instrumentation.Generators.Tracing;
using System.Collections.Generic;
using Instrumentation.Generators.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Instrumentation.Generators.Analyzers.SpanLifetime;

/// <summary>How an invocation produces a span.</summary>
internal enum SpanStartKind
{
    None,

    /// <summary><c>ActivitySource.StartActivity</c> or <c>Tracer.Start*Span</c>: the span is running when the call returns.</summary>
    Started,

    /// <summary><c>ActivitySource.CreateActivity</c>: the activity only needs ending once <c>Start()</c> is called on it.</summary>
    Created,
}

/// <summary>
/// The tracing API surface TRC201 reasons about, resolved once per compilation: which calls start a span, which end
/// it, which are members of the span itself (and so neither throw in practice nor take ownership of it).
/// </summary>
internal sealed class SpanApis
{
    private readonly INamedTypeSymbol? _activitySource;
    private readonly INamedTypeSymbol? _activity;
    private readonly INamedTypeSymbol? _tracer;
    private readonly INamedTypeSymbol? _telemetrySpan;

    // Spans' own types and compiler plumbing. The rule (design.md, TRC201) is that every call between a start and an
    // end outside 'finally' other than a member of the span is a path that can throw past the end; only these are not.
    private readonly HashSet<INamedTypeSymbol> _nonThrowingTypes;

    private SpanApis(Compilation compilation)
    {
        _activitySource = compilation.GetBestTypeByMetadataName(WellKnownNames.ActivitySource);
        _activity = compilation.GetBestTypeByMetadataName(WellKnownNames.Activity);
        _tracer = compilation.GetBestTypeByMetadataName(WellKnownNames.Tracer);
        _telemetrySpan = compilation.GetBestTypeByMetadataName(WellKnownNames.TelemetrySpan);

        _nonThrowingTypes = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        foreach (var name in NonThrowingTypeNames)
        {
            if (compilation.GetBestTypeByMetadataName(name) is { } type)
            {
                _nonThrowingTypes.Add(type);
            }
        }
    }

    private static readonly string[] NonThrowingTypeNames =
    [
        // The span's own data types, used to build the arguments of its members.
        "System.Diagnostics.Activity",
        "System.Diagnostics.ActivityContext",
        "System.Diagnostics.ActivityEvent",
        "System.Diagnostics.ActivityLink",
        "System.Diagnostics.ActivityTagsCollection",
        "System.Diagnostics.ActivityTraceId",
        "System.Diagnostics.ActivitySpanId",
        "System.Diagnostics.TagList",

        // What the compiler lowers interpolated strings and 'lock' statements to: not calls the user wrote.
        "System.Runtime.CompilerServices.DefaultInterpolatedStringHandler",
        "System.Threading.Monitor",
        "System.Threading.Lock",
        "System.Threading.Lock+Scope",
    ];

    /// <summary>Null when the compilation references neither <c>ActivitySource</c> nor OpenTelemetry's <c>Tracer</c>.</summary>
    public static SpanApis? TryCreate(Compilation compilation)
    {
        var apis = new SpanApis(compilation);
        var hasActivities = apis._activitySource is not null && apis._activity is not null;
        var hasOpenTelemetry = apis._tracer is not null && apis._telemetrySpan is not null;
        return hasActivities || hasOpenTelemetry ? apis : null;
    }

    public SpanStartKind GetStartKind(IMethodSymbol method)
    {
        var type = method.ContainingType;
        if (type is null || method.IsStatic)
        {
            return SpanStartKind.None;
        }

        if (_activitySource is not null && InheritsFrom(type, _activitySource))
        {
            return method.Name switch
            {
                "StartActivity" => SpanStartKind.Started,
                "CreateActivity" => SpanStartKind.Created,
                _ => SpanStartKind.None,
            };
        }

        if (_tracer is not null && InheritsFrom(type, _tracer))
        {
            return method.Name is "StartActiveSpan" or "StartSpan" or "StartRootSpan" ? SpanStartKind.Started : SpanStartKind.None;
        }

        return SpanStartKind.None;
    }

    public bool IsTelemetrySpan(ITypeSymbol? type) =>
        _telemetrySpan is not null && type is INamedTypeSymbol named && InheritsFrom(named, _telemetrySpan);

    public bool IsSpanType(ITypeSymbol? type) =>
        type is INamedTypeSymbol named
        && ((_activity is not null && InheritsFrom(named, _activity)) || (_telemetrySpan is not null && InheritsFrom(named, _telemetrySpan)));

    /// <summary><c>Dispose()</c> (of the span or through <c>IDisposable</c>), <c>Activity.Stop()</c>, <c>TelemetrySpan.End(...)</c>.</summary>
    public bool IsEnd(IMethodSymbol method)
    {
        if (method.IsStatic)
        {
            return false;
        }

        return method.Name switch
        {
            "Dispose" => method.Parameters.Length == 0,
            "Stop" => method.Parameters.Length == 0 && IsActivityMember(method),
            "End" => IsSpanType(method.ContainingType),
            _ => false,
        };
    }

    /// <summary>
    /// Whether the span a start call returns is <c>Activity.Current</c> afterwards: every <c>ActivitySource</c> start
    /// (<c>CreateActivity</c> once started) and same-compilation start helper, and <c>Tracer.StartActiveSpan</c>;
    /// not <c>Tracer.StartSpan</c>/<c>StartRootSpan</c>, which leave the current span as it was.
    /// </summary>
    public bool MakesCurrent(IMethodSymbol start) =>
        !IsTelemetrySpan(start.ReturnType) || start.Name == "StartActiveSpan";

    public static bool IsStartCall(IMethodSymbol method) => method.Name == "Start" && !method.IsStatic && method.Parameters.Length == 0;

    /// <summary>
    /// The receiver of <paramref name="invocation"/> when it is a call on a span: an instance member of
    /// <c>Activity</c>/<c>TelemetrySpan</c>, or an extension method for them from the tracing libraries
    /// (<c>RecordException</c>, <c>SetStatus</c>...). Extension methods from elsewhere are treated as taking the span
    /// as an argument (they may end it or keep it).
    /// </summary>
    public IOperation? GetSpanReceiver(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (invocation.Instance is { } instance)
        {
            return IsSpanType(method.ContainingType) || IsSpanType(instance.Type) || method.Name == "Dispose" ? instance : null;
        }

        if (method.IsExtensionMethod && invocation.Arguments.Length > 0 && IsTrustedExtension(method))
        {
            return invocation.Arguments[0].Value;
        }

        return null;
    }

    public static bool IsTrustedExtensionReceiver(IArgumentOperation argument) =>
        argument.Parent is IInvocationOperation invocation
        && invocation.TargetMethod.IsExtensionMethod
        && invocation.Arguments.Length > 0
        && ReferenceEquals(invocation.Arguments[0], argument)
        && IsTrustedExtension(invocation.TargetMethod);

    /// <summary>A member of the span that returns the span itself (<c>SetTag</c>, <c>AddEvent</c>, <c>Start</c>, <c>SetAttribute</c>...).</summary>
    public bool IsFluentSpanMember(IInvocationOperation invocation) =>
        GetSpanReceiver(invocation) is not null
        && !IsEnd(invocation.TargetMethod)
        && IsSpanType(invocation.TargetMethod.ReturnType)
        && !invocation.TargetMethod.ReturnsVoid;

    public bool IsNonThrowingCall(IMethodSymbol method) =>
        method.ContainingType is { } type && IsNonThrowingType(type);

    /// <summary>
    /// Whether a call (already known not to be a span member) is one a reviewer would expect to fail: user code, I/O,
    /// drivers, anything outside the BCL's value, text, collection and tracing helpers, plus the BCL methods whose job is
    /// to throw or to parse input. Used where a span is handed over: only such calls make the hand-over unsafe, so
    /// setting tags from a dictionary or formatting a value before <c>return activity</c> stays silent.
    /// </summary>
    public bool IsLikelyThrowingCall(IMethodSymbol method)
    {
        if (IsNonThrowingCall(method))
        {
            return false;
        }

        if (method.Name.StartsWith("Throw", System.StringComparison.Ordinal) || method.Name.StartsWith("Parse", System.StringComparison.Ordinal) ||
            method.Name is "Wait" or "WaitAll" or "WaitAny" or "GetResult")
        {
            return true;
        }

        if (method.ContainingType is not { } type)
        {
            return true;
        }

        return !IsQuietNamespace(type.ContainingNamespace) && !IsCollectionBookkeeping(method, type) && !IsValueCopy(method, type);
    }

    // A copy of an immutable value with one part replaced (Grpc's CallOptions.WithHeaders, WithDeadline): an instance
    // 'WithX' method of a struct returning that struct builds a new value and does no work a reviewer would guard.
    private static bool IsValueCopy(IMethodSymbol method, INamedTypeSymbol type) =>
        !method.IsStatic
        && type.IsValueType
        && method.Name.Length > 4
        && method.Name.StartsWith("With", System.StringComparison.Ordinal)
        && char.IsUpper(method.Name[4])
        && SymbolEqualityComparer.Default.Equals(method.ReturnType.OriginalDefinition, type.OriginalDefinition);

    // Filling or reading a collection of any library (Grpc's Metadata.Add while copying headers), like the BCL's own
    // collections: bookkeeping that fails only on a programming error, not work a reviewer would guard a hand-over for.
    private static bool IsCollectionBookkeeping(IMethodSymbol method, INamedTypeSymbol type)
    {
        if (method.IsStatic || method.Name is not ("Add" or "Insert" or "TryAdd" or "AddRange" or "Remove" or "Clear" or "Contains" or "ContainsKey" or "TryGetValue"))
        {
            return false;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (implemented is { Name: "ICollection" or "IDictionary" } &&
                implemented.ContainingNamespace is { Name: "Generic" or "Collections" } ns &&
                (ns.Name == "Collections" ? ns.ContainingNamespace : ns.ContainingNamespace?.ContainingNamespace) is { Name: "System", ContainingNamespace.IsGlobalNamespace: true })
            {
                return true;
            }
        }

        return false;
    }

    // System (value types, string, Convert, Math, Enum…), collections, text, globalization, diagnostics, LINQ, threading
    // primitives, compiler plumbing, logging, and OpenTelemetry (whose API must not throw by specification).
    private static bool IsQuietNamespace(INamespaceSymbol? ns)
    {
        // Walk up to the two outermost namespaces: "System" + "Collections" for System.Collections.Generic.
        INamespaceSymbol? second = null;
        var root = ns;
        while (root is { IsGlobalNamespace: false, ContainingNamespace.IsGlobalNamespace: false })
        {
            second = root;
            root = root.ContainingNamespace;
        }

        if (root is null || root.IsGlobalNamespace)
        {
            return false;
        }

        return root.Name switch
        {
            "OpenTelemetry" => true,
            "Microsoft" => ns is { Name: "Logging", ContainingNamespace: { Name: "Extensions", ContainingNamespace.Name: "Microsoft" } },
            "System" => second is null || second.Name is "Collections" or "Text" or "Globalization" or "Diagnostics" or "Linq" or "Threading" or "Runtime" or "Buffers" or "Numerics",
            _ => false,
        };
    }

    public bool IsNonThrowingCreation(ITypeSymbol? type) =>
        type is null || type.IsValueType || (type is INamedTypeSymbol named && IsNonThrowingType(named));

    private bool IsNonThrowingType(INamedTypeSymbol type)
    {
        var definition = type.OriginalDefinition;
        return _nonThrowingTypes.Contains(definition) || IsSpanType(definition);
    }

    private bool IsActivityMember(IMethodSymbol method) =>
        _activity is not null && method.ContainingType is { } type && InheritsFrom(type, _activity);

    private static bool IsTrustedExtension(IMethodSymbol method) =>
        method.ContainingType is { } type && (IsInOpenTelemetryNamespace(type) || IsInNamespace(type, "System", "Diagnostics"));

    private static bool IsInOpenTelemetryNamespace(INamedTypeSymbol type)
    {
        var ns = type.ContainingNamespace;
        while (ns is { IsGlobalNamespace: false, ContainingNamespace.IsGlobalNamespace: false })
        {
            ns = ns.ContainingNamespace;
        }

        return ns is { IsGlobalNamespace: false, Name: "OpenTelemetry" };
    }

    private static bool IsInNamespace(INamedTypeSymbol type, string outer, string inner) =>
        type.ContainingNamespace is { Name: var innerName, ContainingNamespace: { Name: var outerName, ContainingNamespace.IsGlobalNamespace: true } }
        && innerName == inner
        && outerName == outer;

    private static bool InheritsFrom(INamedTypeSymbol type, INamedTypeSymbol baseType)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }
}

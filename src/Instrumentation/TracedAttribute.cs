using System;
using System.Diagnostics;

namespace Instrumentation;

/// <summary>
/// Marks a method whose calls are wrapped in an <see cref="Activity"/> (an OpenTelemetry span).
/// The wrapping is generated at compile time: every call to the method in a project that references
/// the <c>Instrumentation.Generators</c> package is routed through a generated interceptor.
/// </summary>
/// <remarks>
/// <para>The span is named <c>TypeName.MethodName</c> unless <see cref="Name"/> is given, and has kind
/// <see cref="Kind"/> (<see cref="ActivityKind.Internal"/> by default).</para>
/// <para>On success the span status stays <see cref="ActivityStatusCode.Unset"/>. When the method throws
/// (or its task faults), the exception propagates unchanged and the span gets status
/// <see cref="ActivityStatusCode.Error"/>, an <c>exception</c> event and the <c>error.type</c> attribute.</para>
/// <para>Parameters are never recorded unless marked with <see cref="TagAttribute"/>.</para>
/// <para>On a class, struct or record, it traces the type's own public methods (not private or internal ones, not
/// accessors, operators or constructors, not inherited ones): each as if it carried the attribute, except those marked
/// <see cref="NotTracedAttribute"/> and those that cannot be traced (which are simply left alone, with no warning).
/// The type's <see cref="Name"/> replaces the type name in the default span names (<c>Name.MethodName</c>), and its
/// <see cref="Kind"/> and <see cref="RecordCancellationAsError"/> are the defaults of its methods; a method's own
/// <c>[Traced]</c> overrides them.</para>
/// </remarks>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class TracedAttribute : Attribute
{
    /// <summary>Traces the method with the default span name <c>TypeName.MethodName</c>.</summary>
    public TracedAttribute()
    {
    }

    /// <summary>Traces the method with the given span name.</summary>
    /// <param name="name">The span name. Keep it low-cardinality: no ids, no per-request values.</param>
    public TracedAttribute(string name)
    {
        Name = name;
    }

    /// <summary>The span name, or <see langword="null"/> for the default <c>TypeName.MethodName</c>.</summary>
    public string? Name { get; set; }

    /// <summary>The span kind. Defaults to <see cref="ActivityKind.Internal"/>.</summary>
    public ActivityKind Kind { get; set; } = ActivityKind.Internal;

    /// <summary>
    /// When <see langword="false"/> (the default), an <see cref="OperationCanceledException"/> thrown after one of the
    /// method's own <see cref="System.Threading.CancellationToken"/> parameters was cancelled (or a task that ends
    /// canceled in that case) is not an error: the caller asked for the cancellation, so the span keeps status
    /// <see cref="ActivityStatusCode.Unset"/> and records an <c>exception</c> event only.
    /// Set to <see langword="true"/> to record such cancellations as errors.
    /// </summary>
    public bool RecordCancellationAsError { get; set; }

    /// <summary>
    /// When <see langword="true"/>, the duration of every call is also recorded, in seconds, in the histogram
    /// <c>traced.method.duration</c> of a <see cref="System.Diagnostics.Metrics.Meter"/> named like the assembly's
    /// activity source, with the attribute <c>span.name</c> and, for a call that failed, <c>error.type</c>: request rate,
    /// errors and duration (RED) per operation, for every call, whether or not its span is sampled. The default is
    /// <see langword="false"/>, or what <see cref="TracedSourceAttribute.RecordDuration"/> says for the whole assembly;
    /// on a class, it is the default of the class's methods.
    /// </summary>
    /// <remarks>
    /// Nothing is measured (no clock is read) while no <see cref="System.Diagnostics.Metrics.MeterListener"/> listens to
    /// the histogram: with OpenTelemetry, subscribe with <c>MeterProviderBuilder.AddMeter("source name")</c> (or the
    /// generated <c>AddTracedMeters()</c>). The span of the call, if any, is unchanged.
    /// </remarks>
    public bool RecordDuration { get; set; }
}

namespace Instrumentation.Generators.Tracing;

/// <summary>Metadata names the generator and the analyzers look up, in one place.</summary>
internal static class WellKnownNames
{
    public const string TracedAttribute = "Instrumentation.TracedAttribute";
    public const string TagAttribute = "Instrumentation.TagAttribute";
    public const string NotTracedAttribute = "Instrumentation.NotTracedAttribute";
    public const string TracedSourceAttribute = "Instrumentation.TracedSourceAttribute";

    /// <summary>.NET 9+: lets the duration histogram advise its bucket boundaries.</summary>
    public const string InstrumentAdvice = "System.Diagnostics.Metrics.InstrumentAdvice`1";
    public const string TracedMethodNamesAttribute = "Instrumentation.Runtime.TracedMethodNamesAttribute";
    // The tracing APIs the analyzers check (System.Diagnostics and OpenTelemetry.Api).
    public const string ActivitySource = "System.Diagnostics.ActivitySource";
    public const string Activity = "System.Diagnostics.Activity";
    public const string Tracer = "OpenTelemetry.Trace.Tracer";
    public const string TelemetrySpan = "OpenTelemetry.Trace.TelemetrySpan";

    public const string UnsafeAccessorAttribute = "System.Runtime.CompilerServices.UnsafeAccessorAttribute";
    public const string UnsafeAccessorTypeAttribute = "System.Runtime.CompilerServices.UnsafeAccessorTypeAttribute";
    public const string StackTraceHiddenAttribute = "System.Diagnostics.StackTraceHiddenAttribute";
    public const string CancellationToken = "System.Threading.CancellationToken";
    public const string Task = "System.Threading.Tasks.Task";
    public const string TaskOfT = "System.Threading.Tasks.Task`1";
    public const string ValueTask = "System.Threading.Tasks.ValueTask";
    public const string ValueTaskOfT = "System.Threading.Tasks.ValueTask`1";
    public const string IEnumerableOfT = "System.Collections.Generic.IEnumerable`1";
    public const string IEnumeratorOfT = "System.Collections.Generic.IEnumerator`1";
    public const string IAsyncEnumerableOfT = "System.Collections.Generic.IAsyncEnumerable`1";
    public const string IteratorStateMachineAttribute = "System.Runtime.CompilerServices.IteratorStateMachineAttribute";
    public const string AsyncIteratorStateMachineAttribute = "System.Runtime.CompilerServices.AsyncIteratorStateMachineAttribute";
    public const string AssemblyInformationalVersionAttribute = "System.Reflection.AssemblyInformationalVersionAttribute";
    public const string TracedAsyncEnumerable = "Instrumentation.Runtime.TracedAsyncEnumerable`1";
    public const string TracedEnumerator = "Instrumentation.Runtime.TracedEnumerator`1";
    public const string ExpressionOfT = "System.Linq.Expressions.Expression`1";
    public const string IAsyncDisposable = "System.IAsyncDisposable";

    // OpenTelemetry's SDK: the registration of the [Traced] sources (TRC501 and the generated AddTracedSources).
    public const string OpenTelemetrySdk = "OpenTelemetry.Sdk";
    public const string TracerProviderBuilder = "OpenTelemetry.Trace.TracerProviderBuilder";

    /// <summary>The generated class holding <c>AddTracedSources</c>, in <see cref="TracerProviderBuilder"/>'s namespace so that the call needs no extra using.</summary>
    public const string SourceRegistrationNamespace = "OpenTelemetry.Trace";
    public const string SourceRegistrationClass = "TracedSourcesTracerProviderBuilderExtensions";
    public const string SourceRegistrationMethod = "AddTracedSources";

    /// <summary>The duration histograms' meters (<c>RecordDuration</c>): <c>AddTracedMeters</c>, in <see cref="MeterProviderBuilder"/>'s namespace.</summary>
    public const string MeterProviderBuilder = "OpenTelemetry.Metrics.MeterProviderBuilder";
    public const string MeterRegistrationNamespace = "OpenTelemetry.Metrics";
    public const string MeterRegistrationClass = "TracedMetersMeterProviderBuilderExtensions";
    public const string MeterRegistrationMethod = "AddTracedMeters";

    /// <summary>Namespace of every generated type; the package's props add it to <c>InterceptorsNamespaces</c>.</summary>
    public const string GeneratedNamespace = "Instrumentation.Generated";
}

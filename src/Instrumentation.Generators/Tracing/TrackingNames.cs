namespace Instrumentation.Generators.Tracing;

/// <summary>Names of the generator's pipeline steps, asserted by the incremental-cache tests.</summary>
internal static class TrackingNames
{
    /// <summary>Every <c>[Traced]</c> method declared in the compilation (name, and model when it can be traced).</summary>
    public const string TracedDeclarations = nameof(TracedDeclarations);

    /// <summary>The declared methods the generator can trace.</summary>
    public const string TracedMethods = nameof(TracedMethods);

    /// <summary>Names of the compilation's own <c>[Traced]</c> methods.</summary>
    public const string LocalTracedNames = nameof(LocalTracedNames);

    /// <summary>Names listed by the referenced assemblies' manifests.</summary>
    public const string ReferencedTracedNames = nameof(ReferencedTracedNames);

    /// <summary>Every name a traced call can have.</summary>
    public const string TracedNames = nameof(TracedNames);

    /// <summary>Invocations whose name is a traced name (found by syntax alone).</summary>
    public const string CallCandidates = nameof(CallCandidates);

    /// <summary>The candidates that bind to a <c>[Traced]</c> method and can be intercepted.</summary>
    public const string CallSites = nameof(CallSites);

    public const string ActivitySource = nameof(ActivitySource);
    public const string InterceptorFiles = nameof(InterceptorFiles);
    public const string SourceHolder = nameof(SourceHolder);

    /// <summary>The sources <c>AddTracedSources()</c> registers, when the project uses OpenTelemetry's SDK.</summary>
    public const string SourceRegistration = nameof(SourceRegistration);

    /// <summary>The <c>[assembly: TracedMethodNames]</c> manifest of this compilation.</summary>
    public const string Manifest = nameof(Manifest);
}

namespace Instrumentation.Generators.Tracing;

/// <summary>Names of the generator's pipeline steps, asserted by the incremental-cache tests.</summary>
internal static class TrackingNames
{
    public const string TracedMethods = nameof(TracedMethods);
    public const string CallSites = nameof(CallSites);
    public const string ActivitySource = nameof(ActivitySource);
    public const string InterceptorFiles = nameof(InterceptorFiles);
    public const string SourceHolder = nameof(SourceHolder);
}

using Xunit;

namespace Instrumentation.IntegrationTests.Infrastructure;

/// <summary>
/// ActivitySource listeners are process-global: every test that listens, and every test that relies on nobody
/// listening (zero allocation, fast path), runs in this collection, which xunit runs alone, one test at a time,
/// after all parallel collections have finished.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Maintainability", "CA1515:Consider making public types internal", Justification = "xunit finds collection definitions by reflection.")]
public sealed class SerialTracing
{
    public const string Name = "Tracing (process-global ActivityListener)";
}

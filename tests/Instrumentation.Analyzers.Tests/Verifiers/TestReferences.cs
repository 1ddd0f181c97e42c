using System.Collections.Immutable;
using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace Instrumentation.Analyzers.Tests.Verifiers;

/// <summary>What every analyzer test compiles against: .NET 10, the Instrumentation attributes and OpenTelemetry.Api.</summary>
internal static class TestReferences
{
    // App.Ref 8.0.0 (the testing library's default) is not on the package source; 10.0.12 is.
    public static ReferenceAssemblies Net10 { get; } = new(
        "net10.0",
        new PackageIdentity("Microsoft.NETCore.App.Ref", "10.0.12"),
        Path.Combine("ref", "net10.0"));

    /// <summary>.NET 8: UnsafeAccessor, but neither generic accessors nor UnsafeAccessorType (.NET 9/.NET 10).</summary>
    public static ReferenceAssemblies Net8 { get; } = new(
        "net8.0",
        new PackageIdentity("Microsoft.NETCore.App.Ref", "8.0.31"),
        Path.Combine("ref", "net8.0"));

    public static ImmutableArray<MetadataReference> Additional { get; } =
    [
        MetadataReference.CreateFromFile(typeof(Instrumentation.TracedAttribute).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(OpenTelemetry.Trace.Tracer).Assembly.Location),
    ];
}

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Instrumentation.Analyzers.Tests.TRC501;

/// <summary>What TRC501's tests compile against: the usual references plus OpenTelemetry's SDK and its builder extensions.</summary>
internal static class Trc501
{
    public const string Usings = """
        using System;
        using Instrumentation;
        using OpenTelemetry;
        using OpenTelemetry.Trace;

        """;

    /// <summary>A [Traced] method: the test assembly ("TestProject") then has a source to register.</summary>
    public const string TracedService = """

        public class OrderService
        {
            [Traced] public int Place() => 1;
        }
        """;

    /// <summary>
    /// Stands for what the generator writes into a project that uses the SDK (the analyzer tests run no generator); its
    /// body registers nothing, so only calls to it count.
    /// </summary>
    public const string GeneratedRegistration = """

        namespace OpenTelemetry.Trace
        {
            internal static class TracedSourcesTracerProviderBuilderExtensions
            {
                public static TracerProviderBuilder AddTracedSources(this TracerProviderBuilder builder) => builder;
            }
        }
        """;

    public static ImmutableArray<MetadataReference> References { get; } =
    [
        .. Verifiers.TestReferences.Additional,
        MetadataReference.CreateFromFile(typeof(OpenTelemetry.Sdk).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(OpenTelemetry.IOpenTelemetryBuilder).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly.Location),
    ];
}

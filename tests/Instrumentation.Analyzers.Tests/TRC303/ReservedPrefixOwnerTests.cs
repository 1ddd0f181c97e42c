using System.Threading;
using System.Threading.Tasks;
using Instrumentation.Generators.Analyzers.AttributeKeys;
using Xunit;
using Analyze = Instrumentation.Analyzers.Tests.Verifiers.AnalyzerVerifier<Instrumentation.Generators.Analyzers.AttributeKeyAnalyzer>;

namespace Instrumentation.Analyzers.Tests.TRC303;

/// <summary>The reserved 'otel.' prefix belongs to OpenTelemetry: its own assemblies (OpenTelemetry, OpenTelemetry.*) may use it.</summary>
public class ReservedPrefixOwnerTests
{
    private const string Source = """
        using System.Diagnostics;

        sealed class ExceptionProcessor
        {
            private const string ExceptionPointersKey = "otel.exception_pointers";

            void OnStart(Activity activity) => activity.SetTag(ExceptionPointersKey, 1);
        }
        """;

    private static Task VerifyInAssembly(string assemblyName, string source)
    {
        var test = new Analyze.Test { TestCode = source };
        test.SolutionTransforms.Add((solution, projectId) => solution.WithProjectAssemblyName(projectId, assemblyName));
        return test.RunAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData("OpenTelemetry")]
    [InlineData("OpenTelemetry.Instrumentation.GrpcCore")]
    public Task OpenTelemetrys_own_assemblies_may_use_the_reserved_prefix(string assemblyName) =>
        VerifyInAssembly(assemblyName, Source);

    [Theory]
    [InlineData("OrderService")]
    [InlineData("OpenTelemetryHelpers")]
    [InlineData("Contoso.OpenTelemetry")]
    public Task Other_assemblies_are_told_it_is_reserved(string assemblyName) =>
        VerifyInAssembly(assemblyName, Source.Replace("activity.SetTag(ExceptionPointersKey, 1)", "activity.SetTag({|TRC303:ExceptionPointersKey|}, 1)"));

    [Fact]
    public Task Naming_rules_still_apply_to_OpenTelemetrys_own_keys() =>
        VerifyInAssembly("OpenTelemetry", """
            using System.Diagnostics;

            sealed class Processor
            {
                void OnStart(Activity activity) => activity.SetTag({|TRC303:"otel.ExceptionPointers"|}, 1);
            }
            """);

    [Theory]
    [InlineData("OpenTelemetry", true)]
    [InlineData("OpenTelemetry.Exporter.Geneva", true)]
    [InlineData("OpenTelemetryExtras", false)]
    [InlineData("Npgsql", false)]
    [InlineData(null, false)]
    public void Owns_the_reserved_prefix(string? assemblyName, bool owns) =>
        Assert.Equal(owns, ProjectNamespace.FromAssemblyName(assemblyName).OwnsReservedPrefix);
}

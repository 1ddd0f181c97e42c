using System.Threading;
using System.Threading.Tasks;
using Instrumentation.Generators.Analyzers.AttributeKeys;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Analyze = Instrumentation.Analyzers.Tests.Verifiers.AnalyzerVerifier<Instrumentation.Generators.Analyzers.AttributeKeyAnalyzer>;

namespace Instrumentation.Analyzers.Tests.TRC304;

/// <summary>
/// Keys under the project's own sub-namespace of a convention root (assembly Npgsql: db.npgsql.*; MassTransit:
/// messaging.masstransit.*) are the library's documented keys: neither TRC304 nor TRC302.
/// </summary>
public class ProjectNamespaceTests
{
    private static Task VerifyInAssembly(string assemblyName, string source)
    {
        var test = new Analyze.Test { TestCode = source };
        test.SolutionTransforms.Add((solution, projectId) => solution.WithProjectAssemblyName(projectId, assemblyName));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task Keys_under_the_assemblys_own_name_are_not_reported() =>
        VerifyInAssembly("Npgsql", """
            using System.Diagnostics;

            class NpgsqlActivitySource
            {
                const string Prepared = "db.npgsql.prepared";

                void Enrich(Activity activity, int connectionId)
                {
                    activity.SetTag("db.npgsql.connection_id", connectionId);
                    activity.SetTag(Prepared, true);
                    activity.SetTag("db.npgsql.data_sorce", "x");                       // a typo of a name the conventions don't define: not a near miss
                    activity.SetTag({|TRC304:"db.other_driver.rows"|}, 1);              // someone else's sub-namespace
                    activity.SetTag({|TRC304:"db.connection_idd"|}, 1);                 // not under the project's name
                }
            }
            """);

    [Fact]
    public Task Every_word_of_a_dotted_assembly_name_counts_except_generic_ones() =>
        VerifyInAssembly("Contoso.Bus.MassTransit", """
            using System.Diagnostics;

            class Consumer
            {
                void Enrich(Activity activity)
                {
                    activity.SetTag("messaging.masstransit.conversation_id", "c");
                    activity.SetTag("messaging.contoso.tenant", "t");
                    activity.SetTag("messaging.bus.kind", "k");
                }
            }
            """);

    [Fact]
    public Task Generic_words_and_sub_namespaces_the_conventions_define_stay_theirs() =>
        VerifyInAssembly("OpenTelemetry.Instrumentation.Kafka", """
            using System.Diagnostics;

            class Consumer
            {
                void Enrich(Activity activity)
                {
                    activity.SetTag({|TRC304:"messaging.kafka.lag"|}, 1);               // messaging.kafka.* is defined by the conventions
                    activity.SetTag({|TRC304:"messaging.instrumentation.mode"|}, 1);    // 'Instrumentation' names no system
                    activity.SetTag({|TRC304:"messaging.opentelemetry.mode"|}, 1);
                }
            }
            """);

    [Fact]
    public Task A_project_without_a_matching_name_still_reports_vendor_keys() =>
        VerifyInAssembly("OrderService", """
            using System.Diagnostics;

            class Consumer
            {
                void Enrich(Activity activity) => activity.SetTag({|TRC304:"db.npgsql.rows"|}, 1);
            }
            """);

    [Theory]
    [InlineData("Npgsql", "db.npgsql.rows", true)]
    [InlineData("MassTransit", "messaging.masstransit.message_id", true)]
    [InlineData("Contoso.ConfluentKafka", "messaging.confluent_kafka.lag", true)]
    [InlineData("Contoso.ConfluentKafka", "messaging.confluentkafka.lag", true)]
    [InlineData("Npgsql", "db.npgsql", false)]
    [InlineData("Npgsql", "npgsql.db.rows", false)]
    [InlineData("Contoso.Kafka", "messaging.kafka.lag", false)]
    [InlineData(null, "db.npgsql.rows", false)]
    public void Owns_the_second_segment_named_after_the_assembly(string? assemblyName, string key, bool owned) =>
        Assert.Equal(owned, ProjectNamespace.FromAssemblyName(assemblyName).Owns(key));
}

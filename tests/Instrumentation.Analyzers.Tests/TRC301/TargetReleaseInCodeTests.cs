using System.Threading;
using System.Threading.Tasks;
using Instrumentation.Generators.Analyzers;
using Instrumentation.Generators.Analyzers.AttributeKeys;
using Instrumentation.Generators.SemanticConventions;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Analyze = Instrumentation.Analyzers.Tests.Verifiers.AnalyzerVerifier<Instrumentation.Generators.Analyzers.AttributeKeyAnalyzer>;

namespace Instrumentation.Analyzers.Tests.TRC301;

/// <summary>
/// A project that declares no release is judged against the newest release its code names: a schema URL or a
/// SemanticConventionsVersion-style field. Deprecations newer than that release are not reported.
/// </summary>
public class TargetReleaseInCodeTests
{
    // rpc.response.status_code and messaging.kafka.message.key were deprecated in 1.45, rpc.system in 1.39,
    // http.method long ago.
    private const string Keys = """
        class KafkaConsumer
        {
            void Consume(Activity activity)
            {
                activity.SetTag("rpc.response.status_code", "OK");
                activity.SetTag("messaging.kafka.message.key", "k");
                activity.SetTag({|#0:"rpc.system"|}, "grpc");
                activity.SetTag({|#1:"http.method"|}, "GET");
            }
        }
        """;

    private static Task Verify(string source, params DiagnosticResult[] expected) =>
        Analyze.VerifyAnalyzerAsync("using System;\nusing System.Diagnostics;\n\n" + source, expected);

    private static DiagnosticResult Deprecated(int location, string key, string since, string targets, string successor) =>
        Analyze.Diagnostic(RuleIds.DeprecatedAttributeKey).WithLocation(location).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
            .WithMessage($"Attribute key '{key}' is deprecated since semantic conventions {since} (this project targets {targets}): use '{successor}' instead");

    [Fact]
    public Task A_semantic_conventions_version_field_sets_the_target_and_the_message_says_where_it_was_read()
    {
        const string targets = "1.42, read from 'KafkaInstrumentation.SemanticConventionsVersion'";
        return Verify(
            """
            static class KafkaInstrumentation
            {
                internal static readonly Version SemanticConventionsVersion = new(1, 42, 0);
                internal static readonly ActivitySource ActivitySource = new("Kafka", "1.0");
            }

            """ + Keys,
            Deprecated(0, "rpc.system", "1.39", targets, "rpc.system.name"),
            Deprecated(1, "http.method", "1.26 or earlier", targets, "http.request.method"));
    }

    [Fact]
    public Task A_schema_url_constant_sets_the_target()
    {
        const string targets = "1.38, read from 'Telemetry.SchemaUrl'";
        return Verify(
            """
            static class Telemetry
            {
                public const string SchemaUrl = "https://opentelemetry.io/schemas/1.38.0";
            }

            """ + Keys,
            Deprecated(1, "http.method", "1.26 or earlier", targets, "http.request.method"));
    }

    [Fact]
    public Task The_newest_release_named_in_the_code_wins()
    {
        const string targets = "1.42, read from 'New.SemanticConventionsVersion'";
        return Verify(
            """
            static class Old { static readonly Version SemanticConventionsVersion = new Version(1, 24, 0); }
            static class New { static readonly Version SemanticConventionsVersion = System.Version.Parse("1.42.0"); }
            static class Schema { static string SemConvSchemaUrl => "https://opentelemetry.io/schemas/1.36.0"; }

            """ + Keys,
            Deprecated(0, "rpc.system", "1.39", targets, "rpc.system.name"),
            Deprecated(1, "http.method", "1.26 or earlier", targets, "http.request.method"));
    }

    [Fact]
    public Task A_declared_release_wins_over_the_code()
    {
        var test = new Analyze.Test
        {
            TestCode = "using System;\nusing System.Diagnostics;\n\n" + """
                static class KafkaInstrumentation
                {
                    internal static readonly Version SemanticConventionsVersion = new(1, 42, 0);
                }

                """ + Keys.Replace("\"rpc.response.status_code\"", "{|#2:\"rpc.response.status_code\"|}")
                    .Replace("\"messaging.kafka.message.key\"", "{|#3:\"messaging.kafka.message.key\"|}"),
        };
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.InstrumentationSemanticConventionsVersion = 1.45\n"));
        test.ExpectedDiagnostics.Add(Deprecated(0, "rpc.system", "1.39", "1.45", "rpc.system.name"));
        test.ExpectedDiagnostics.Add(Deprecated(1, "http.method", "1.26 or earlier", "1.45", "http.request.method"));
        test.ExpectedDiagnostics.Add(Deprecated(2, "rpc.response.status_code", "1.45", "1.45", "rpc.status_code"));
        test.ExpectedDiagnostics.Add(Deprecated(3, "messaging.kafka.message.key", "1.45", "1.45", "kafka.message.key"));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task Other_versions_and_implausible_values_are_not_read_as_the_target() =>
        Verify(
            """
            static class Versions
            {
                static readonly Version AssemblyVersion = new(1, 2, 0);                          // not named after the conventions
                static readonly Version SemanticConventionsVersion = new(2, 0);                  // not a 1.x release
                const string SchemaUrl = "https://example.com/schemas/latest";                   // no version
                static readonly string SemConvVersion = Environment.GetEnvironmentVariable("V"); // not a literal
            }

            class C
            {
                void M(Activity activity) => activity.SetTag({|#0:"rpc.response.status_code"|}, "OK");
            }
            """,
            Deprecated(0, "rpc.response.status_code", "1.45", "1.45", "rpc.status_code"));

    [Theory]
    [InlineData("new Version(1, 42, 0)", "1.42")]
    [InlineData("new(1, 23)", "1.23")]
    [InlineData("new System.Version(1, 30, 0, 0)", "1.30")]
    [InlineData("new Version(\"1.27.0\")", "1.27")]
    [InlineData("Version.Parse(\"1.40\")", "1.40")]
    [InlineData("\"https://opentelemetry.io/schemas/1.23.0\"", "1.23")]
    [InlineData("\"https://opentelemetry.io/schemas/1.26.0/\"", "1.26")]
    [InlineData("\"1.37.0\"", "1.37")]
    [InlineData("new Guid(1, 42, 0, 0, 0, 0, 0, 0, 0, 0, 0)", null)]
    [InlineData("new Version(major, 42)", null)]
    [InlineData("\"https://opentelemetry.io/schemas/latest\"", null)]
    [InlineData("new Version(0, 9)", null)]
    public void Reads_versions_written_as_a_version_or_a_schema_url(string expression, string? expected)
    {
        var value = SyntaxFactory.ParseExpression(expression);
        var read = SemanticConventionVersionInCode.TryRead(value, out var version);
        Assert.Equal(expected is not null, read);
        if (expected is not null)
        {
            Assert.Equal(SemanticConventionVersion.Parse(expected), version);
        }
    }

    [Theory]
    [InlineData("SemanticConventionsVersion", true)]
    [InlineData("SemanticConventionsVersionNew", true)]
    [InlineData("SemConvVersion", true)]
    [InlineData("TelemetrySchemaUrl", true)]
    [InlineData("s_schemaVersion", true)]
    [InlineData("AssemblyVersion", false)]
    [InlineData("Version", false)]
    public void Reads_only_members_named_after_the_conventions_or_the_schema(string name, bool read) =>
        Assert.Equal(read, SemanticConventionVersionInCode.IsVersionName(name));
}

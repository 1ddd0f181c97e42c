using System.Threading;
using System.Threading.Tasks;
using Instrumentation.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = Instrumentation.Analyzers.Tests.SemanticConventions.AttributeKeyFixVerifier<
    Instrumentation.CodeFixes.DeprecatedAttributeKeyCodeFixProvider>;

namespace Instrumentation.Analyzers.Tests.TRC301;

/// <summary>
/// The semantic-conventions release a project targets (MSBuild property InstrumentationSemanticConventionsVersion,
/// or the .editorconfig key instrumentation.semantic_conventions_version): deprecations made after it are not reported.
/// </summary>
public class SemanticConventionVersionTests
{
    private const string Usings = """
        using System.Diagnostics;

        """;

    // Keys deprecated in 1.45 (rpc.response.status_code, messaging.kafka.message.key), in 1.39 (rpc.system) and long ago (http.method).
    private const string Source = Usings + """
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

    private static string GlobalConfig(string version) => $"""
        is_global = true
        build_property.InstrumentationSemanticConventionsVersion = {version}

        """;

    private static CodeFixTest<DefaultVerifier> Create(string source, string fixedSource, params (string Path, string Content)[] configs)
    {
        var test = Verify.Create(source, fixedSource);
        foreach (var config in configs)
        {
            test.TestState.AnalyzerConfigFiles.Add(config);
        }

        return test;
    }

    [Fact]
    public Task Msbuild_property_hides_deprecations_newer_than_the_targeted_release_and_names_it()
    {
        var test = Create(Source, Source.Replace("{|#0:\"rpc.system\"|}", "\"rpc.system.name\"").Replace("{|#1:\"http.method\"|}", "\"http.request.method\""), ("/.globalconfig", GlobalConfig("1.42")));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic(RuleIds.DeprecatedAttributeKey).WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
            .WithMessage("Attribute key 'rpc.system' is deprecated since semantic conventions 1.39 (this project targets 1.42): use 'rpc.system.name' instead"));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic(RuleIds.DeprecatedAttributeKey).WithLocation(1).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
            .WithMessage("Attribute key 'http.method' is deprecated since semantic conventions 1.26 or earlier (this project targets 1.42): use 'http.request.method' instead"));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task Without_a_setting_the_table_release_is_assumed()
    {
        var source = Source.Replace("\"rpc.response.status_code\"", "{|#2:\"rpc.response.status_code\"|}").Replace("\"messaging.kafka.message.key\"", "{|#3:\"messaging.kafka.message.key\"|}");
        var test = Create(source, source
            .Replace("{|#0:\"rpc.system\"|}", "\"rpc.system.name\"").Replace("{|#1:\"http.method\"|}", "\"http.request.method\"")
            .Replace("{|#2:\"rpc.response.status_code\"|}", "\"rpc.status_code\"").Replace("{|#3:\"messaging.kafka.message.key\"|}", "\"kafka.message.key\""));
        for (var i = 0; i < 4; i++)
        {
            test.ExpectedDiagnostics.Add(Verify.Diagnostic(RuleIds.DeprecatedAttributeKey).WithLocation(i).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
        }

        test.ExpectedDiagnostics[2] = test.ExpectedDiagnostics[2]
            .WithMessage("Attribute key 'rpc.response.status_code' is deprecated since semantic conventions 1.45 (this project targets 1.45): use 'rpc.status_code' instead");
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task Editorconfig_key_overrides_the_msbuild_property_for_its_files()
    {
        const string source = Usings + """
            class C
            {
                void M(Activity activity)
                {
                    activity.SetTag("rpc.system", "grpc");
                    activity.SetTag({|TRC301:"http.method"|}, "GET");
                }
            }
            """;
        var test = Create(
            source,
            source.Replace("{|TRC301:\"http.method\"|}", "\"http.request.method\""),
            ("/.globalconfig", GlobalConfig("1.45")),
            ("/.editorconfig", "root = true\n\n[*.cs]\ninstrumentation.semantic_conventions_version = 1.38\n"));
        return test.RunAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData("latest")]
    [InlineData("")]
    [InlineData("one.two")]
    public Task A_value_that_is_not_a_version_is_ignored(string version)
    {
        const string source = Usings + """
            class C
            {
                void M(Activity activity) => activity.SetTag({|TRC301:"rpc.response.status_code"|}, "OK");
            }
            """;
        return Create(source, source.Replace("{|TRC301:\"rpc.response.status_code\"|}", "\"rpc.status_code\""), ("/.globalconfig", GlobalConfig(version)))
            .RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task A_chain_of_renames_is_fixed_to_the_key_the_targeted_release_defines()
    {
        const string source = Usings + """
            class C
            {
                void M(Activity activity) => activity.SetTag({|TRC301:"messaging.kafka.message_key"|}, "k");
            }
            """;
        return Create(source, source.Replace("{|TRC301:\"messaging.kafka.message_key\"|}", "\"messaging.kafka.message.key\""), ("/.globalconfig", GlobalConfig("1.44.0")))
            .RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task A_release_newer_than_the_table_applies_every_deprecation_of_the_table()
    {
        const string source = Usings + """
            class C
            {
                void M(Activity activity) => activity.SetTag({|#0:"rpc.response.status_code"|}, "OK");
            }
            """;
        var test = Create(source, source.Replace("{|#0:\"rpc.response.status_code\"|}", "\"rpc.status_code\""), ("/.globalconfig", GlobalConfig("1.50")));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic(RuleIds.DeprecatedAttributeKey).WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
            .WithArguments("rpc.response.status_code", "1.45", "1.50", "use 'rpc.status_code' instead"));
        return test.RunAsync(CancellationToken.None);
    }
}

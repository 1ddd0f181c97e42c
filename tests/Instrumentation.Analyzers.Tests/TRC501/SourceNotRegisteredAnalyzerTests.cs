using System.Threading.Tasks;
using Instrumentation.Generators.Analyzers;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static Instrumentation.Analyzers.Tests.TRC501.Trc501;
using Verify = Instrumentation.Analyzers.Tests.Verifiers.AnalyzerVerifier<Instrumentation.Generators.Analyzers.SourceNotRegisteredAnalyzer>;

namespace Instrumentation.Analyzers.Tests.TRC501;

public class SourceNotRegisteredAnalyzerTests
{
    private static async Task VerifyAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestCode = source };
        test.TestState.AdditionalReferences.Clear();
        test.TestState.AdditionalReferences.AddRange(References);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(Xunit.TestContext.Current.CancellationToken);
    }

    private static string Program(string configure) => Usings + $$"""
        public static class Program
        {
            public static void Main()
            {
                {{configure}}
            }
        }
        """ + TracedService;

    [Fact]
    public Task A_builder_without_the_source_is_reported() => VerifyAsync(
        Program("using var provider = {|#0:Sdk.CreateTracerProviderBuilder()|}.Build();"),
        Verify.Diagnostic("TRC501").WithLocation(0).WithArguments("'TestProject'", "\"TestProject\""));

    [Fact]
    public Task A_builder_that_adds_other_sources_is_reported() => VerifyAsync(
        Program("using var provider = {|#0:Sdk.CreateTracerProviderBuilder()|}.AddSource(\"Shop.Payments\", \"Shop.*\").Build();"),
        Verify.Diagnostic("TRC501").WithLocation(0).WithArguments("'TestProject'", "\"TestProject\""));

    [Theory]
    [InlineData("Sdk.CreateTracerProviderBuilder().AddSource(\"TestProject\").Build()")]
    [InlineData("Sdk.CreateTracerProviderBuilder().AddSource(\"testproject\").Build()")]
    [InlineData("Sdk.CreateTracerProviderBuilder().AddSource(\"Test*\").Build()")]
    [InlineData("Sdk.CreateTracerProviderBuilder().AddSource(\"*\").Build()")]
    [InlineData("Sdk.CreateTracerProviderBuilder().AddSource(\"TestProjec?\").Build()")]
    [InlineData("Sdk.CreateTracerProviderBuilder().AddSource(\"Other\", \"TestProject\").Build()")]
    [InlineData("Sdk.CreateTracerProviderBuilder().AddSource(new[] { \"Other\", \"TestProject\" }).Build()")]
    [InlineData("Sdk.CreateTracerProviderBuilder().AddSource(Names.Source).Build()")]
    [InlineData("Sdk.CreateTracerProviderBuilder().AddTracedSources().Build()")]
    public Task A_builder_that_adds_the_source_is_not_reported(string builder) => VerifyAsync(
        Program($"using var provider = {builder};") + GeneratedRegistration + """

        internal static class Names { public const string Source = "TestProject"; }
        """);

    [Fact]
    public Task A_registration_anywhere_in_the_project_counts() => VerifyAsync(
        Program("using var provider = Sdk.CreateTracerProviderBuilder().AddShopTracing().Build();") + """

        internal static class Tracing
        {
            public static TracerProviderBuilder AddShopTracing(this TracerProviderBuilder builder) => builder.AddSource("TestProject");
        }
        """);

    [Fact]
    public Task A_name_the_analyzer_cannot_read_silences_it() => VerifyAsync(
        Program("using var provider = Sdk.CreateTracerProviderBuilder().AddSource(Environment.GetEnvironmentVariable(\"SOURCE\") ?? \"x\").Build();"));

    [Fact]
    public Task A_project_without_traced_methods_is_not_reported() => VerifyAsync(Usings + """
        public static class Program
        {
            public static void Main()
            {
                using var provider = Sdk.CreateTracerProviderBuilder().Build();
            }
        }
        """);

    [Fact]
    public Task A_project_that_builds_no_tracer_provider_is_not_reported() => VerifyAsync(Usings + TracedService);

    [Fact]
    public Task A_custom_source_name_is_the_one_to_register() => VerifyAsync(
        Program("using var provider = {|#0:Sdk.CreateTracerProviderBuilder()|}.AddSource(\"TestProject\").Build();").Replace("public static class Program", "[assembly: Instrumentation.TracedSource(\"Shop.Orders\")]\npublic static class Program"),
        Verify.Diagnostic("TRC501").WithLocation(0).WithArguments("'Shop.Orders'", "\"Shop.Orders\""));

    [Fact]
    public Task WithTracing_without_the_source_is_reported_on_its_name() => VerifyAsync(Usings + """
        public static class Startup
        {
            public static void Configure(IOpenTelemetryBuilder builder) =>
                builder.{|#0:WithTracing|}(tracing => tracing.SetSampler(new AlwaysOnSampler()));
        }
        """ + TracedService,
        Verify.Diagnostic("TRC501").WithLocation(0).WithArguments("'TestProject'", "\"TestProject\""));

    [Fact]
    public Task WithTracing_with_the_source_is_not_reported() => VerifyAsync(Usings + """
        public static class Startup
        {
            public static void Configure(IOpenTelemetryBuilder builder) =>
                builder.WithTracing(tracing => tracing.AddSource("TestProject"));
        }
        """ + TracedService);

    [Fact]
    public Task Every_builder_of_the_project_is_reported() => VerifyAsync(Usings + """
        public static class Startup
        {
            public static void Configure(IOpenTelemetryBuilder builder) => builder.{|#0:WithTracing|}();

            public static TracerProvider Create() => {|#1:Sdk.CreateTracerProviderBuilder()|}.Build();
        }
        """ + TracedService,
        Verify.Diagnostic("TRC501").WithLocation(0).WithArguments("'TestProject'", "\"TestProject\""),
        Verify.Diagnostic("TRC501").WithLocation(1).WithArguments("'TestProject'", "\"TestProject\""));

    [Theory]
    [InlineData("Shop.*", "Shop.Orders", true)]
    [InlineData("shop.ORDERS", "Shop.Orders", true)]
    [InlineData("Shop.?rders", "Shop.Orders", true)]
    [InlineData("*.Orders", "Shop.Orders", true)]
    [InlineData("S*p*s", "Shop.Orders", true)]
    [InlineData("Shop", "Shop.Orders", false)]
    [InlineData("Shop.Orders.*", "Shop.Orders", false)]
    [InlineData("?", "", false)]
    [InlineData("", "", true)]
    public void Source_name_patterns_match_as_OpenTelemetry_does(string pattern, string name, bool matches) =>
        Assert.Equal(matches, SourceNamePattern.Matches(pattern, name));
}

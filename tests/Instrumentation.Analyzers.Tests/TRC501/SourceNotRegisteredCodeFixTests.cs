using System.Threading.Tasks;
using Instrumentation.CodeFixes;
using Instrumentation.Generators.Analyzers;
using Xunit;
using static Instrumentation.Analyzers.Tests.TRC501.Trc501;
using Verify = Instrumentation.Analyzers.Tests.Verifiers.CodeFixVerifier<Instrumentation.Generators.Analyzers.SourceNotRegisteredAnalyzer, Instrumentation.CodeFixes.SourceNotRegisteredCodeFixProvider>;

namespace Instrumentation.Analyzers.Tests.TRC501;

public class SourceNotRegisteredCodeFixTests
{
    private static async Task VerifyFixAsync(string source, string fixedSource)
    {
        var test = new Verify.Test { TestCode = source, FixedCode = fixedSource };

        // TRC501 is decided at the end of the compilation (a non-local diagnostic): fixable from the build's and the
        // full-solution analysis' results and by dotnet format, which the testing library checks only on request.
        test.CodeFixTestBehaviors |= Microsoft.CodeAnalysis.Testing.CodeFixTestBehaviors.SkipLocalDiagnosticCheck;
        foreach (var state in new[] { test.TestState, test.FixedState })
        {
            state.AdditionalReferences.Clear();
            state.AdditionalReferences.AddRange(References);
        }

        await test.RunAsync(Xunit.TestContext.Current.CancellationToken);
    }

    [Fact]
    public Task AddTracedSources_goes_after_CreateTracerProviderBuilder() => VerifyFixAsync(Usings + """
        public static class Program
        {
            public static TracerProvider Create() => {|TRC501:Sdk.CreateTracerProviderBuilder()|}
                .SetSampler(new AlwaysOnSampler())
                .Build();
        }
        """ + TracedService + GeneratedRegistration, Usings + """
        public static class Program
        {
            public static TracerProvider Create() => Sdk.CreateTracerProviderBuilder().AddTracedSources()
                .SetSampler(new AlwaysOnSampler())
                .Build();
        }
        """ + TracedService + GeneratedRegistration);

    [Fact]
    public Task Without_the_generated_method_the_fix_adds_the_source_by_name() => VerifyFixAsync(Usings + """
        public static class Program
        {
            public static TracerProvider Create() => {|TRC501:Sdk.CreateTracerProviderBuilder()|}.Build();
        }
        """ + TracedService, Usings + """
        public static class Program
        {
            public static TracerProvider Create() => Sdk.CreateTracerProviderBuilder().AddSource("TestProject").Build();
        }
        """ + TracedService);

    [Fact]
    public Task The_chain_of_a_WithTracing_lambda_starts_with_AddTracedSources() => VerifyFixAsync(Usings + """
        public static class Startup
        {
            public static void Configure(IOpenTelemetryBuilder builder) =>
                builder.{|TRC501:WithTracing|}(tracing => tracing.SetSampler(new AlwaysOnSampler()).SetErrorStatusOnException());
        }
        """ + TracedService + GeneratedRegistration, Usings + """
        public static class Startup
        {
            public static void Configure(IOpenTelemetryBuilder builder) =>
                builder.WithTracing(tracing => tracing.AddTracedSources().SetSampler(new AlwaysOnSampler()).SetErrorStatusOnException());
        }
        """ + TracedService + GeneratedRegistration);

    [Fact]
    public Task A_block_lambda_gets_a_first_statement() => VerifyFixAsync(Usings + """
        public static class Startup
        {
            public static void Configure(IOpenTelemetryBuilder builder) =>
                builder.{|TRC501:WithTracing|}(tracing =>
                {
                    tracing.SetSampler(new AlwaysOnSampler());
                });
        }
        """ + TracedService + GeneratedRegistration, Usings + """
        public static class Startup
        {
            public static void Configure(IOpenTelemetryBuilder builder) =>
                builder.WithTracing(tracing =>
                {
                    tracing.AddTracedSources();
                    tracing.SetSampler(new AlwaysOnSampler());
                });
        }
        """ + TracedService + GeneratedRegistration);

    [Fact]
    public Task WithTracing_without_arguments_gets_a_lambda() => VerifyFixAsync(Usings + """
        public static class Startup
        {
            public static void Configure(IOpenTelemetryBuilder builder) => builder.{|TRC501:WithTracing|}();
        }
        """ + TracedService + GeneratedRegistration, Usings + """
        public static class Startup
        {
            public static void Configure(IOpenTelemetryBuilder builder) => builder.WithTracing(tracing => tracing.AddTracedSources());
        }
        """ + TracedService + GeneratedRegistration);

    [Fact]
    public Task The_extension_namespace_is_imported_when_missing() => VerifyFixAsync("""
        using Instrumentation;
        using OpenTelemetry;

        public static class Program
        {
            public static object Create() => {|TRC501:Sdk.CreateTracerProviderBuilder()|};
        }
        """ + TracedService + GeneratedRegistration, """
        using Instrumentation;
        using OpenTelemetry;
        using OpenTelemetry.Trace;

        public static class Program
        {
            public static object Create() => Sdk.CreateTracerProviderBuilder().AddTracedSources();
        }
        """ + TracedService + GeneratedRegistration);
}

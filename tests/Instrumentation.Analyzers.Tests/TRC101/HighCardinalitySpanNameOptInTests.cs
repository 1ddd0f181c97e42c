using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using Verify = Instrumentation.Analyzers.Tests.Verifiers.AnalyzerVerifier<Instrumentation.Generators.Analyzers.HighCardinalitySpanNameAnalyzer>;

namespace Instrumentation.Analyzers.Tests.TRC101;

/// <summary>
/// A name that carries per-call data only when a configuration switch is on, and is a fine name otherwise (RabbitMQ's
/// <c>UseRoutingKeyAsOperationName ? $"publish {routingKey}" : "publish"</c>), is an opt-in the code offers on purpose:
/// still reported, as Info naming the switch. A condition on the call's own data stays a warning.
/// </summary>
public class HighCardinalitySpanNameOptInTests
{
    private const string Suffix = " (an opt-in? keep it off by default, document its cost, and suppress this there)";

    private static string InPublisher(string members) => $$"""
        using System.Diagnostics;

        public sealed class TracingOptions
        {
            public bool UseRoutingKeyAsOperationName { get; set; }
            public bool IncludeQueue;
        }

        public sealed class Message
        {
            public bool IsRetry { get; set; }
            public string RoutingKey { get; set; } = "";
        }

        public sealed class Publisher
        {
            private static readonly ActivitySource Source = new("Bus.Publisher");
            private readonly TracingOptions _options = new();
            private bool _detailedNames;

            public static bool UseRoutingKeyAsOperationName { get; set; }

            public static TracingOptions Options { get; set; } = new();

        {{members}}
        }
        """;

    [Fact]
    public Task Name_enriched_only_under_a_configuration_switch_is_Info_naming_the_switch() =>
        Verify.VerifyAnalyzerAsync(
            InPublisher("""
                public void Publish(string routingKey, string queue)
                {
                    using var a = Source.StartActivity({|#0:UseRoutingKeyAsOperationName ? $"publish {routingKey}" : "publish"|}, ActivityKind.Producer);
                    using var b = Source.StartActivity({|#1:!_detailedNames ? "publish" : $"publish {routingKey}"|});
                    using var c = Source.StartActivity({|#2:_options.IncludeQueue ? $"receive {routingKey}" : "receive"|});
                    using var d = Source.StartActivity({|#3:Options.UseRoutingKeyAsOperationName ? "deliver " + routingKey : "deliver"|});
                    using var e = Source.StartActivity({|#4:this._detailedNames ? $"ack {routingKey}" : "ack"|});
                }
            """),
            Verify.Diagnostic("TRC101").WithLocation(0).WithSeverity(DiagnosticSeverity.Info)
                .WithArguments("interpolates 'routingKey' when 'UseRoutingKeyAsOperationName' is on" + Suffix),
            Verify.Diagnostic("TRC101").WithLocation(1).WithSeverity(DiagnosticSeverity.Info)
                .WithArguments("interpolates 'routingKey' when '_detailedNames' is on" + Suffix),
            Verify.Diagnostic("TRC101").WithLocation(2).WithSeverity(DiagnosticSeverity.Info)
                .WithArguments("interpolates 'routingKey' when 'IncludeQueue' is on" + Suffix),
            Verify.Diagnostic("TRC101").WithLocation(3).WithSeverity(DiagnosticSeverity.Info)
                .WithArguments("concatenates 'routingKey' when 'UseRoutingKeyAsOperationName' is on" + Suffix),
            Verify.Diagnostic("TRC101").WithLocation(4).WithSeverity(DiagnosticSeverity.Info)
                .WithArguments("interpolates 'routingKey' when '_detailedNames' is on" + Suffix));

    [Fact]
    public Task Conditions_on_the_call_own_data_or_a_switch_selecting_the_plain_name_stay_warnings() =>
        Verify.VerifyAnalyzerAsync(
            InPublisher("""
                public void Publish(Message message, bool verbose, string routingKey)
                {
                    var local = _detailedNames;
                    using var a = Source.StartActivity({|#0:message.IsRetry ? $"retry {message.RoutingKey}" : "publish"|});
                    using var b = Source.StartActivity({|#1:verbose ? $"publish {routingKey}" : "publish"|});
                    using var c = Source.StartActivity({|#2:local ? $"publish {routingKey}" : "publish"|});
                    using var d = Source.StartActivity({|#3:IsDetailed() ? $"publish {routingKey}" : "publish"|});
                    using var e = Source.StartActivity({|#4:UseRoutingKeyAsOperationName ? "publish" : $"publish {routingKey}"|});
                    using var f = Source.StartActivity({|#5:UseRoutingKeyAsOperationName ? $"publish {routingKey}" : $"send {routingKey}"|});
                }

                private bool IsDetailed() => _detailedNames;
            """),
            Verify.Diagnostic("TRC101").WithLocation(0).WithArguments("interpolates 'message.RoutingKey'"),
            Verify.Diagnostic("TRC101").WithLocation(1).WithArguments("interpolates 'routingKey'"),
            Verify.Diagnostic("TRC101").WithLocation(2).WithArguments("interpolates 'routingKey'"),
            Verify.Diagnostic("TRC101").WithLocation(3).WithArguments("interpolates 'routingKey'"),
            Verify.Diagnostic("TRC101").WithLocation(4).WithArguments("interpolates 'routingKey'"),
            Verify.Diagnostic("TRC101").WithLocation(5).WithArguments("interpolates 'routingKey'"));

    [Fact]
    public Task Name_passed_through_a_start_helper_keeps_the_opt_in() =>
        Verify.VerifyAnalyzerAsync(
            InPublisher("""
                public Activity? Publish(string routingKey) =>
                    StartPublishActivity({|#0:UseRoutingKeyAsOperationName ? $"publish {routingKey}" : "publish"|}, ActivityKind.Producer);

                private static Activity? StartPublishActivity(string name, ActivityKind kind) => Source.StartActivity(name, kind);
            """),
            Verify.Diagnostic("TRC101").WithLocation(0).WithSeverity(DiagnosticSeverity.Info)
                .WithArguments("interpolates 'routingKey' when 'UseRoutingKeyAsOperationName' is on" + Suffix));
}

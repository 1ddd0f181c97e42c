using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = Instrumentation.Analyzers.Tests.Verifiers.CodeFixVerifier<
    Instrumentation.Generators.Analyzers.HighCardinalitySpanNameAnalyzer,
    Instrumentation.CodeFixes.HighCardinalitySpanNameCodeFixProvider>;

namespace Instrumentation.Analyzers.Tests.TRC101;

/// <summary>
/// Fix All must fix every fixable TRC101 in one pass under the single equivalence key "TRC101", even when the
/// replacements differ and when the first diagnostic has no automatic fix (that is how dotnet format runs it).
/// </summary>
public class HighCardinalitySpanNameFixAllTests
{
    private const string OrdersSource = """
        using System;
        using System.Diagnostics;
        using Instrumentation;

        public sealed class OrderService
        {
            private static readonly ActivitySource Source = new("Shop.Orders");

            public void Cancel(int orderId, bool force)
            {
                // First in the file and without an automatic fix: must not stop the others.
                using var guard = Source.StartActivity({|TRC101:force ? $"force cancel {orderId}" : "cancel"|});
                using var activity = Source.StartActivity({|TRC101:$"DELETE /orders/{orderId}"|}, ActivityKind.Server);
                activity?.SetTag("app.force", force);
            }

            public void Refund(Guid paymentId, decimal amount, string currency)
            {
                var activity = Source.StartActivity({|TRC101:"refund " + paymentId|});
                activity?.SetTag("app.amount", amount);
                if (activity is not null)
                {
                    activity.DisplayName = {|TRC101:string.Format("refund {0} {1}", currency, paymentId)|};
                }

                activity?.Stop();
            }

            [Traced({|TRC101:"GET /orders/42"|})]
            public void Legacy() { }

            public Activity? Ship(string carrier) => Source.StartActivity({|TRC101:$"ship via {carrier}"|});
        }
        """;

    private const string OrdersFixed = """
        using System;
        using System.Diagnostics;
        using Instrumentation;

        public sealed class OrderService
        {
            private static readonly ActivitySource Source = new("Shop.Orders");

            public void Cancel(int orderId, bool force)
            {
                // First in the file and without an automatic fix: must not stop the others.
                using var guard = Source.StartActivity({|TRC101:force ? $"force cancel {orderId}" : "cancel"|});
                using var activity = Source.StartActivity("DELETE /orders/{orderId}", ActivityKind.Server);
                activity?.SetTag("order_id", orderId);
                activity?.SetTag("app.force", force);
            }

            public void Refund(Guid paymentId, decimal amount, string currency)
            {
                var activity = Source.StartActivity("refund {paymentId}");
                activity?.SetTag("payment_id", paymentId);
                activity?.SetTag("app.amount", amount);
                if (activity is not null)
                {
                    activity.DisplayName = "refund {currency} {paymentId}";
                    activity?.SetTag("currency", currency);
                    activity?.SetTag("payment_id", paymentId);
                }

                activity?.Stop();
            }

            [Traced("GET /orders/{id}")]
            public void Legacy() { }

            public Activity? Ship(string carrier) => Source.StartActivity("ship via {carrier}")?.SetTag("carrier", carrier);
        }
        """;

    private const string PaymentsSource = """
        using System.Diagnostics;
        using OpenTelemetry.Trace;

        public sealed class PaymentGateway(Tracer tracer)
        {
            public void Charge(string cardToken, int cents)
            {
                using var span = tracer.StartActiveSpan({|TRC101:$"charge {cents}"|}, SpanKind.Client);
                span.UpdateName({|TRC101:"charged /payments/123456"|});
            }
        }
        """;

    private const string PaymentsFixed = """
        using System.Diagnostics;
        using OpenTelemetry.Trace;

        public sealed class PaymentGateway(Tracer tracer)
        {
            public void Charge(string cardToken, int cents)
            {
                using var span = tracer.StartActiveSpan("charge {cents}", SpanKind.Client);
                span.SetAttribute("cents", cents);
                span.UpdateName("charged /payments/{id}");
            }
        }
        """;

    [Fact]
    public Task Fix_all_in_document_fixes_every_differing_diagnostic_in_one_pass() => new Verify.Test
    {
        TestCode = OrdersSource,
        FixedState = { Sources = { OrdersFixed }, MarkupHandling = MarkupMode.Allow },
        CodeActionEquivalenceKey = "TRC101",
        NumberOfFixAllIterations = 1,
        NumberOfFixAllInDocumentIterations = 1,
    }.RunAsync(TestContext.Current.CancellationToken);

    [Fact]
    public Task Fix_all_in_project_and_solution_covers_every_document() => new Verify.Test
    {
        TestState = { Sources = { ("Orders.cs", OrdersSource), ("Payments.cs", PaymentsSource) } },
        FixedState = { Sources = { ("Orders.cs", OrdersFixed), ("Payments.cs", PaymentsFixed) }, MarkupHandling = MarkupMode.Allow },
        CodeActionEquivalenceKey = "TRC101",
        NumberOfFixAllIterations = 1,
        NumberOfFixAllInProjectIterations = 1,
        NumberOfFixAllInDocumentIterations = 2,
    }.RunAsync(TestContext.Current.CancellationToken);

    [Fact]
    public Task Fix_all_handles_two_diagnostics_tagging_after_the_same_statement() => new Verify.Test
    {
        TestCode = """
            using System.Diagnostics;

            class C
            {
                static readonly ActivitySource Source = new("Shop");

                void M(int a, int b)
                {
                    Activity? first = Source.StartActivity({|TRC101:$"first {a}"|}), second = Source.StartActivity({|TRC101:$"second {b}"|});
                }
            }
            """,
        FixedCode = """
            using System.Diagnostics;

            class C
            {
                static readonly ActivitySource Source = new("Shop");

                void M(int a, int b)
                {
                    Activity? first = Source.StartActivity("first {a}"), second = Source.StartActivity("second {b}");
                    second?.SetTag("b", b);
                    first?.SetTag("a", a);
                }
            }
            """,
        BatchFixedCode = """
            using System.Diagnostics;

            class C
            {
                static readonly ActivitySource Source = new("Shop");

                void M(int a, int b)
                {
                    Activity? first = Source.StartActivity("first {a}"), second = Source.StartActivity("second {b}");
                    first?.SetTag("a", a);
                    second?.SetTag("b", b);
                }
            }
            """,
        CodeActionEquivalenceKey = "TRC101",
    }.RunAsync(TestContext.Current.CancellationToken);
}

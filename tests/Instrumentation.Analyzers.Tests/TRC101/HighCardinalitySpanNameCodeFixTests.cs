using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = Instrumentation.Analyzers.Tests.Verifiers.CodeFixVerifier<
    Instrumentation.Generators.Analyzers.HighCardinalitySpanNameAnalyzer,
    Instrumentation.CodeFixes.HighCardinalitySpanNameCodeFixProvider>;

namespace Instrumentation.Analyzers.Tests.TRC101;

/// <summary>The TRC101 fix: constant template in the name, each value taken out recorded as a tag.</summary>
public class HighCardinalitySpanNameCodeFixTests
{
    private const string Header = """
        using System;
        using System.Diagnostics;
        using Instrumentation;
        using OpenTelemetry.Trace;

        public enum OrderKind { Standard, Express }

        public sealed record Order(int Id, string Name, Guid CustomerId);

        """;

    private static Task VerifyFix(string source, string fixedSource) => new Verify.Test
    {
        TestCode = Header + source,
        FixedCode = Header + fixedSource,
        CodeActionEquivalenceKey = "TRC101",
    }.RunAsync(TestContext.Current.CancellationToken);

    private static Task VerifyNoFix(string source) => new Verify.Test
    {
        TestCode = Header + source,
        FixedCode = Header + source,
    }.RunAsync(TestContext.Current.CancellationToken);

    [Fact]
    public Task Interpolated_name_in_using_declaration_gets_a_template_and_a_tag() => VerifyFix("""
        class C
        {
            static readonly ActivitySource Source = new("Shop");

            void M(int userId)
            {
                using var activity = Source.StartActivity({|TRC101:$"GET /users/{userId}"|});
                activity?.SetTag("app.step", "load");
            }
        }
        """, """
        class C
        {
            static readonly ActivitySource Source = new("Shop");

            void M(int userId)
            {
                using var activity = Source.StartActivity("GET /users/{userId}");
                activity?.SetTag("enduser.id", userId);
                activity?.SetTag("app.step", "load");
            }
        }
        """);

    [Fact]
    public Task Several_values_keep_their_order_and_member_names_are_combined() => VerifyFix("""
        class C
        {
            static readonly ActivitySource Source = new("Shop");

            void M(Order order, string path)
            {
                var activity = Source.StartActivity({|TRC101:$"Order {order.Id} for {order.CustomerId} at {path}"|}, ActivityKind.Server);
                activity?.Stop();
            }
        }
        """, """
        class C
        {
            static readonly ActivitySource Source = new("Shop");

            void M(Order order, string path)
            {
                var activity = Source.StartActivity("Order {orderId} for {customerId} at {path}", ActivityKind.Server);
                activity?.SetTag("order_id", order.Id);
                activity?.SetTag("customer_id", order.CustomerId);
                activity?.SetTag("url.path", path);
                activity?.Stop();
            }
        }
        """);

    [Fact]
    public Task Concatenation_becomes_a_template() => VerifyFix("""
        class C
        {
            static readonly ActivitySource Source = new("Shop");

            void M(int userId, Guid orderId)
            {
                using var activity = Source.StartActivity({|TRC101:"GET /users/" + userId + "/orders/" + orderId|});
            }
        }
        """, """
        class C
        {
            static readonly ActivitySource Source = new("Shop");

            void M(int userId, Guid orderId)
            {
                using var activity = Source.StartActivity("GET /users/{userId}/orders/{orderId}");
                activity?.SetTag("enduser.id", userId);
                activity?.SetTag("order_id", orderId);
            }
        }
        """);

    [Fact]
    public Task String_Format_becomes_a_template() => VerifyFix("""
        class C
        {
            static readonly ActivitySource Source = new("Shop");

            void M(int userId, string warehouse)
            {
                using var activity = Source.StartActivity({|TRC101:string.Format("GET /users/{0} ({1}) {{v2}}", userId, warehouse)|});
            }
        }
        """, """
        class C
        {
            static readonly ActivitySource Source = new("Shop");

            void M(int userId, string warehouse)
            {
                using var activity = Source.StartActivity("GET /users/{userId} ({warehouse}) {v2}");
                activity?.SetTag("enduser.id", userId);
                activity?.SetTag("warehouse", warehouse);
            }
        }
        """);

    [Fact]
    public Task String_Concat_becomes_a_template() => VerifyFix("""
        class C
        {
            static readonly ActivitySource Source = new("Shop");

            void M(string tenantId)
            {
                using var activity = Source.StartActivity({|TRC101:string.Concat("tenant ", tenantId, " sync")|});
            }
        }
        """, """
        class C
        {
            static readonly ActivitySource Source = new("Shop");

            void M(string tenantId)
            {
                using var activity = Source.StartActivity("tenant {tenantId} sync");
                activity?.SetTag("tenant_id", tenantId);
            }
        }
        """);

    [Fact]
    public Task Low_cardinality_and_constant_holes_stay_in_the_name() => VerifyFix("""
        class C
        {
            const string Area = "orders";
            static readonly ActivitySource Source = new("Shop");

            void M(OrderKind kind, Order order)
            {
                using var activity = Source.StartActivity({|TRC101:$"{Area}: process {kind} order {order.Id}"|});
            }
        }
        """, """
        class C
        {
            const string Area = "orders";
            static readonly ActivitySource Source = new("Shop");

            void M(OrderKind kind, Order order)
            {
                using var activity = Source.StartActivity($"{Area}: process {kind} order {{orderId}}");
                activity?.SetTag("order_id", order.Id);
            }
        }
        """);

    [Fact]
    public Task A_value_used_twice_is_tagged_once_and_equal_names_are_told_apart() => VerifyFix("""
        class C
        {
            static readonly ActivitySource Source = new("Shop");

            void M(Order order, Order previous)
            {
                using var activity = Source.StartActivity({|TRC101:$"{order.Id} replaces {previous.Id} ({order.Id})"|});
            }
        }
        """, """
        class C
        {
            static readonly ActivitySource Source = new("Shop");

            void M(Order order, Order previous)
            {
                using var activity = Source.StartActivity("{orderId} replaces {previousId} ({orderId})");
                activity?.SetTag("order_id", order.Id);
                activity?.SetTag("previous_id", previous.Id);
            }
        }
        """);

    [Fact]
    public Task Verbatim_and_raw_names_become_regular_literals() => VerifyFix(""""
        class C
        {
            static readonly ActivitySource Source = new("Shop");

            void M(int userId, string file)
            {
                using var a = Source.StartActivity({|TRC101:$@"C:\exports\{file}"|});
                using var b = Source.StartActivity({|TRC101:$"""read "{file}" for {userId}"""|});
            }
        }
        """", """
        class C
        {
            static readonly ActivitySource Source = new("Shop");

            void M(int userId, string file)
            {
                using var a = Source.StartActivity("C:\\exports\\{file}");
                a?.SetTag("file", file);
                using var b = Source.StartActivity("read \"{file}\" for {userId}");
                b?.SetTag("file", file);
                b?.SetTag("enduser.id", userId);
            }
        }
        """);

    [Fact]
    public Task Using_block_gets_the_tags_first_in_its_body() => VerifyFix("""
        class C
        {
            static readonly ActivitySource Source = new("Shop");

            void M(string sku)
            {
                using (var activity = Source.StartActivity({|TRC101:$"reserve {sku}"|}))
                {
                    Console.WriteLine("reserving");
                }
            }
        }
        """, """
        class C
        {
            static readonly ActivitySource Source = new("Shop");

            void M(string sku)
            {
                using (var activity = Source.StartActivity("reserve {sku}"))
                {
                    activity?.SetTag("sku", sku);
                    Console.WriteLine("reserving");
                }
            }
        }
        """);

    [Fact]
    public Task Assignment_to_an_existing_local_gets_tags_after_it() => VerifyFix("""
        class C
        {
            static readonly ActivitySource Source = new("Shop");

            void M(int attempt, string batch)
            {
                Activity? activity;
                activity = Source.StartActivity({|TRC101:"consume " + batch|}, ActivityKind.Consumer);
                activity?.Dispose();
            }
        }
        """, """
        class C
        {
            static readonly ActivitySource Source = new("Shop");

            void M(int attempt, string batch)
            {
                Activity? activity;
                activity = Source.StartActivity("consume {batch}", ActivityKind.Consumer);
                activity?.SetTag("batch", batch);
                activity?.Dispose();
            }
        }
        """);

    [Fact]
    public Task Result_not_stored_in_a_local_gets_chained_tags() => VerifyFix("""
        class C
        {
            static readonly ActivitySource Source = new("Shop");
            static ActivitySource? MaybeSource;

            Activity? Start(Guid orderId, int line) => Source.StartActivity({|TRC101:$"order {orderId} line {line}"|});

            void M(Guid orderId)
            {
                using var created = Source.CreateActivity({|TRC101:$"publish {orderId}"|}, ActivityKind.Producer)?.Start();
                using var maybe = MaybeSource?.StartActivity({|TRC101:$"order {orderId}"|});
                Keep(Source.StartActivity({|TRC101:"order " + orderId|})!.SetBaggage("k", "v"));
                _ = Source.StartActivity({|TRC101:$"discarded {orderId}"|});
                Source.StartActivity({|TRC101:$"dropped {orderId}"|});
                Func<Activity?> later = () => Source.StartActivity({|TRC101:$"later {orderId}"|});
            }

            static void Keep(Activity? activity) => activity?.Dispose();
        }
        """, """
        class C
        {
            static readonly ActivitySource Source = new("Shop");
            static ActivitySource? MaybeSource;

            Activity? Start(Guid orderId, int line) => Source.StartActivity("order {orderId} line {line}")?.SetTag("order_id", orderId).SetTag("line", line);

            void M(Guid orderId)
            {
                using var created = Source.CreateActivity("publish {orderId}", ActivityKind.Producer)?.SetTag("order_id", orderId)?.Start();
                using var maybe = MaybeSource?.StartActivity("order {orderId}");
                maybe?.SetTag("order_id", orderId);
                Keep((Source.StartActivity("order {orderId}")?.SetTag("order_id", orderId))!.SetBaggage("k", "v"));
                _ = Source.StartActivity("discarded {orderId}")?.SetTag("order_id", orderId);
                Source.StartActivity("dropped {orderId}")?.SetTag("order_id", orderId);
                Func<Activity?> later = () => Source.StartActivity("later {orderId}")?.SetTag("order_id", orderId);
            }

            static void Keep(Activity? activity) => activity?.Dispose();
        }
        """);

    [Fact]
    public Task DisplayName_assignment_gets_tags_after_the_statement() => VerifyFix("""
        class C
        {
            void M(Activity activity, string path, int orderId, bool retry)
            {
                activity.DisplayName = {|TRC101:$"GET {path}"|};
                Activity.Current!.DisplayName = {|TRC101:"order " + orderId|};
                if (retry)
                    activity.DisplayName = {|TRC101:$"retry {orderId}"|};
            }
        }
        """, """
        class C
        {
            void M(Activity activity, string path, int orderId, bool retry)
            {
                activity.DisplayName = "GET {path}";
                activity?.SetTag("url.path", path);
                Activity.Current!.DisplayName = "order {orderId}";
                Activity.Current?.SetTag("order_id", orderId);
                if (retry)
                {
                    activity.DisplayName = "retry {orderId}";
                    activity?.SetTag("order_id", orderId);
                }
            }
        }
        """);

    [Fact]
    public Task Tracer_span_gets_SetAttribute_with_supported_value_types() => VerifyFix("""
        class C
        {
            void M(Tracer tracer, string sku, int quantity, decimal amount, Guid orderId)
            {
                using var span = tracer.StartActiveSpan({|TRC101:$"charge {amount} for {orderId}: {quantity} x {sku}"|}, SpanKind.Client);
                span.UpdateName({|TRC101:$"charged {orderId}"|});
            }
        }
        """, """
        class C
        {
            void M(Tracer tracer, string sku, int quantity, decimal amount, Guid orderId)
            {
                using var span = tracer.StartActiveSpan("charge {amount} for {orderId}: {quantity} x {sku}", SpanKind.Client);
                span.SetAttribute("amount", Convert.ToString(amount, System.Globalization.CultureInfo.InvariantCulture));
                span.SetAttribute("order_id", Convert.ToString(orderId, System.Globalization.CultureInfo.InvariantCulture));
                span.SetAttribute("quantity", quantity);
                span.SetAttribute("sku", sku);
                span.UpdateName("charged {orderId}");
                span.SetAttribute("order_id", Convert.ToString(orderId, System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        """);

    [Fact]
    public Task Tracer_span_not_stored_gets_chained_attributes() => VerifyFix("""
        class C
        {
            TelemetrySpan Start(Tracer tracer, string sku) => tracer.StartRootSpan({|TRC101:"restock " + sku|});
        }
        """, """
        class C
        {
            TelemetrySpan Start(Tracer tracer, string sku) => tracer.StartRootSpan("restock {sku}").SetAttribute("sku", sku);
        }
        """);

    [Fact]
    public Task Constant_ids_become_placeholders() => VerifyFix("""
        class C
        {
            static readonly ActivitySource Source = new("Shop");

            void M()
            {
                using var a = Source.StartActivity({|TRC101:"GET /orders/42"|});
                using var b = Source.StartActivity({|TRC101:"import 3fa85f64-5717-4562-b3fc-2c963f66afa6 batch 20240101"|});
                using var c = Source.StartActivity({|TRC101:@"GET /users/7/orders/9"|});
            }
        }
        """, """
        class C
        {
            static readonly ActivitySource Source = new("Shop");

            void M()
            {
                using var a = Source.StartActivity("GET /orders/{id}");
                using var b = Source.StartActivity("import {guid} batch {id}");
                using var c = Source.StartActivity("GET /users/{id}/orders/{id2}");
            }
        }
        """);

    [Fact]
    public Task Traced_attribute_ids_become_placeholders() => VerifyFix("""
        class OrderService
        {
            [Traced({|TRC101:"GET /orders/42"|})] void A() { }
            [Traced(Name = {|TRC101:"refund 12345678"|}, Kind = ActivityKind.Client)] void B() { }
        }
        """, """
        class OrderService
        {
            [Traced("GET /orders/{id}")] void A() { }
            [Traced(Name = "refund {id}", Kind = ActivityKind.Client)] void B() { }
        }
        """);

    [Fact]
    public Task Data_and_a_constant_id_in_one_name() => VerifyFix("""
        class C
        {
            static readonly ActivitySource Source = new("Shop");

            void M(int lineId)
            {
                using var activity = Source.StartActivity({|TRC101:$"GET /orders/42/lines/{lineId}"|});
            }
        }
        """, """
        class C
        {
            static readonly ActivitySource Source = new("Shop");

            void M(int lineId)
            {
                using var activity = Source.StartActivity("GET /orders/{id}/lines/{lineId}");
                activity?.SetTag("line_id", lineId);
            }
        }
        """);

    [Fact]
    public Task Switch_section_and_top_level_code() => new Verify.Test
    {
        TestState =
        {
            OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication,
            Sources =
            {
                """
                using System;
                using System.Diagnostics;

                var source = new ActivitySource("Jobs");
                var jobId = Guid.NewGuid();
                using var activity = source.StartActivity({|TRC101:$"job {jobId}"|});
                switch (args.Length)
                {
                    case 0:
                        using (var step = source.StartActivity({|TRC101:"step " + args.Length|})) { }
                        var child = source.StartActivity({|TRC101:$"child of {jobId}"|});
                        child?.Dispose();
                        break;
                }
                """,
            },
        },
        FixedState =
        {
            Sources =
            {
                """
                using System;
                using System.Diagnostics;

                var source = new ActivitySource("Jobs");
                var jobId = Guid.NewGuid();
                using var activity = source.StartActivity("job {jobId}");
                activity?.SetTag("job_id", jobId);
                switch (args.Length)
                {
                    case 0:
                        using (var step = source.StartActivity("step {length}")?.SetTag("length", args.Length)) { }
                        var child = source.StartActivity("child of {jobId}");
                        child?.SetTag("job_id", jobId);
                        child?.Dispose();
                        break;
                }
                """,
            },
        },
        CodeActionEquivalenceKey = "TRC101",
    }.RunAsync(TestContext.Current.CancellationToken);

    [Fact]
    public Task No_fix_when_the_name_has_no_constant_text_or_cannot_be_rebuilt() => VerifyNoFix("""
        class C
        {
            const string LegacyPath = "/orders/42";
            static readonly ActivitySource Source = new("Shop");

            void M(int orderId, bool retry, string format, Activity activity)
            {
                using var a = Source.StartActivity({|TRC101:orderId.ToString()|});
                using var b = Source.StartActivity({|TRC101:$"{orderId}"|});
                using var c = Source.StartActivity({|TRC101:retry ? $"retry {orderId}" : "first"|});
                using var d = Source.StartActivity({|TRC101:LegacyPath|});
                using var e = Source.StartActivity({|TRC101:string.Format(format, orderId)|});
                using var f = Source.StartActivity({|TRC101:string.Format("{3}", orderId)|});
                activity.DisplayName += {|TRC101:$"/{orderId}"|};
            }
        }
        """);

    [Fact]
    public Task Object_initializer_gets_only_the_template() => VerifyFix("""
        class C
        {
            Activity M(int orderId) => new Activity("process") { DisplayName = {|TRC101:$"process {orderId}"|} };
        }
        """, """
        class C
        {
            Activity M(int orderId) => new Activity("process") { DisplayName = "process {orderId}" };
        }
        """);

    [Fact]
    public Task String_Format_with_many_arguments_and_a_provider() => VerifyFix("""
        class C
        {
            static readonly ActivitySource Source = new("Shop");

            void M(string warehouse, string tenant, int shard, long cursor, OrderKind kind)
            {
                using var a = Source.StartActivity({|TRC101:string.Format(System.Globalization.CultureInfo.InvariantCulture, "sync {0}/{1}/{2} from {3} ({4})", warehouse, tenant, shard, cursor, kind)|});
                using var b = Source.StartActivity({|TRC101:string.Format("sync {0,-8}|{1:D6} {2}", warehouse, shard, "now")|});
            }
        }
        """, """
        class C
        {
            static readonly ActivitySource Source = new("Shop");

            void M(string warehouse, string tenant, int shard, long cursor, OrderKind kind)
            {
                using var a = Source.StartActivity($"sync {{warehouse}}/{{tenant}}/{{shard}} from {{cursor}} ({kind})");
                a?.SetTag("warehouse", warehouse);
                a?.SetTag("tenant", tenant);
                a?.SetTag("shard", shard);
                a?.SetTag("cursor", cursor);
                using var b = Source.StartActivity("sync {warehouse}|{shard} now");
                b?.SetTag("warehouse", warehouse);
                b?.SetTag("shard", shard);
            }
        }
        """);

    [Fact]
    public Task Composite_format_is_reported_without_a_fix() => VerifyNoFix("""
        class C
        {
            static readonly ActivitySource Source = new("Shop");
            static readonly System.Text.CompositeFormat Format = System.Text.CompositeFormat.Parse("order {0}");

            void M(int orderId)
            {
                using var a = Source.StartActivity({|TRC101:string.Format(null, Format, orderId)|});
            }
        }
        """);

    [Fact]
    public Task Enum_hole_with_format_and_alignment_is_kept_verbatim() => VerifyFix("""
        class C
        {
            static readonly ActivitySource Source = new("Shop");

            void M(OrderKind kind, int orderId, bool express)
            {
                using var a = Source.StartActivity({|TRC101:$"{kind,-10:G} {(express ? "fast" : "slow")} {orderId}"|});
            }
        }
        """, """
        class C
        {
            static readonly ActivitySource Source = new("Shop");

            void M(OrderKind kind, int orderId, bool express)
            {
                using var a = Source.StartActivity($"{kind,-10:G} {(express ? "fast" : "slow")} {{orderId}}");
                a?.SetTag("order_id", orderId);
            }
        }
        """);

    [Fact]
    public Task Null_conditional_DisplayName_assignment() => new Verify.Test
    {
        TestCode = Header + """
            class C
            {
                void M(Activity? activity, int orderId)
                {
                    activity?.DisplayName = {|TRC101:$"order {orderId}"|};
                }
            }
            """,
        FixedCode = Header + """
            class C
            {
                void M(Activity? activity, int orderId)
                {
                    activity?.DisplayName = "order {orderId}";
                    activity?.SetTag("order_id", orderId);
                }
            }
            """,
        CodeActionEquivalenceKey = "TRC101",
        SolutionTransforms =
        {
            (solution, projectId) => solution.WithProjectParseOptions(
                projectId,
                ((Microsoft.CodeAnalysis.CSharp.CSharpParseOptions)solution.GetProject(projectId)!.ParseOptions!)
                    .WithLanguageVersion(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Preview)),
        },
    }.RunAsync(TestContext.Current.CancellationToken);

    [Fact]
    public Task Statement_sharing_its_line_with_braces() => VerifyFix("""
        class C
        {
            static readonly ActivitySource Source = new("Shop");

            void M(int orderId) { using var activity = Source.StartActivity({|TRC101:$"order {orderId}"|}); }
        }
        """, """
        class C
        {
            static readonly ActivitySource Source = new("Shop");

            void M(int orderId) { using var activity = Source.StartActivity("order {orderId}"); activity?.SetTag("order_id", orderId); }
        }
        """);
}

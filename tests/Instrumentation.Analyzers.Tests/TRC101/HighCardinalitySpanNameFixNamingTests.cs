using System.Threading.Tasks;
using Xunit;
using Verify = Instrumentation.Analyzers.Tests.Verifiers.CodeFixVerifier<
    Instrumentation.Generators.Analyzers.HighCardinalitySpanNameAnalyzer,
    Instrumentation.CodeFixes.HighCardinalitySpanNameCodeFixProvider>;

namespace Instrumentation.Analyzers.Tests.TRC101;

/// <summary>
/// The TRC101 fix names the placeholder and the tag after the value (a semantic-convention key where one clearly
/// fits), records the tag where the span is known non-null when the code already checks it, and offers nothing when
/// the name would be only a placeholder or a value names nothing.
/// </summary>
public class HighCardinalitySpanNameFixNamingTests
{
    private const string Header = """
        using System;
        using System.Diagnostics;

        public sealed class Request
        {
            public string Path { get; set; } = "";
            public string Model { get; set; } = "";
            public Uri? RequestUri { get; set; }
        }

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
    public Task Tags_get_semantic_convention_keys_where_they_fit() => VerifyFix("""
        class C
        {
            static readonly ActivitySource Source = new("Shop");

            void M(Request request, string userId, string sessionId, Guid orderId)
            {
                using var a = Source.StartActivity({|TRC101:$"GET {request.Path}"|}, ActivityKind.Client);
                using var b = Source.StartActivity({|TRC101:$"load cart of {userId} in {sessionId}"|});
                using var c = Source.StartActivity({|TRC101:"ship " + orderId|});
            }
        }
        """, """
        class C
        {
            static readonly ActivitySource Source = new("Shop");

            void M(Request request, string userId, string sessionId, Guid orderId)
            {
                using var a = Source.StartActivity("GET {requestPath}", ActivityKind.Client);
                a?.SetTag("url.path", request.Path);
                using var b = Source.StartActivity("load cart of {userId} in {sessionId}");
                b?.SetTag("enduser.id", userId);
                b?.SetTag("session.id", sessionId);
                using var c = Source.StartActivity("ship {orderId}");
                c?.SetTag("order_id", orderId);
            }
        }
        """);

    [Fact]
    public Task Tags_go_into_the_non_null_block_that_follows_the_start() => VerifyFix("""
        class C
        {
            static readonly ActivitySource Source = new("Shop");

            void M(string userId, string orderId, string cartId)
            {
                using var a = Source.StartActivity({|TRC101:$"load {userId}"|});
                if (a != null)
                {
                    a.SetTag("app.step", "load");
                }

                using var b = Source.StartActivity({|TRC101:$"pay {orderId}"|});
                if (b is { IsAllDataRequested: true })
                {
                    b.SetTag("app.step", "pay");
                }

                using var c = Source.StartActivity({|TRC101:$"checkout {cartId}"|});
                if (c?.IsAllDataRequested == true)
                {
                    c.SetTag("app.step", "checkout");
                }
            }
        }
        """, """
        class C
        {
            static readonly ActivitySource Source = new("Shop");

            void M(string userId, string orderId, string cartId)
            {
                using var a = Source.StartActivity("load {userId}");
                if (a != null)
                {
                    a.SetTag("enduser.id", userId);
                    a.SetTag("app.step", "load");
                }

                using var b = Source.StartActivity("pay {orderId}");
                if (b is { IsAllDataRequested: true })
                {
                    b.SetTag("order_id", orderId);
                    b.SetTag("app.step", "pay");
                }

                using var c = Source.StartActivity("checkout {cartId}");
                if (c?.IsAllDataRequested == true)
                {
                    c.SetTag("cart_id", cartId);
                    c.SetTag("app.step", "checkout");
                }
            }
        }
        """);

    [Fact]
    public Task A_guard_that_does_not_prove_non_null_is_not_used() => VerifyFix("""
        class C
        {
            static readonly ActivitySource Source = new("Shop");

            void M(string userId, bool verbose)
            {
                using var a = Source.StartActivity({|TRC101:$"load {userId}"|});
                if (verbose || a != null)
                {
                    a?.SetTag("app.step", "load");
                }
            }
        }
        """, """
        class C
        {
            static readonly ActivitySource Source = new("Shop");

            void M(string userId, bool verbose)
            {
                using var a = Source.StartActivity("load {userId}");
                a?.SetTag("enduser.id", userId);
                if (verbose || a != null)
                {
                    a?.SetTag("app.step", "load");
                }
            }
        }
        """);

    [Fact]
    public Task No_fix_when_the_name_would_be_only_a_placeholder() => VerifyNoFix("""
        class C
        {
            static readonly ActivitySource Source = new("Shop");

            void M(string path, Guid orderId)
            {
                using var a = Source.StartActivity({|TRC101:path|});
                var name = $"GET {path}";
                using var b = Source.StartActivity({|TRC101:name|});
                using var c = Source.StartActivity({|TRC101:$"{orderId}"|});
                using var d = Source.StartActivity({|TRC101:$"{path}/{orderId}"|});
            }
        }
        """);

    [Fact]
    public Task A_computed_value_is_named_after_the_first_name_it_uses() => VerifyFix("""
        class C
        {
            static readonly ActivitySource Source = new("Shop");

            void M(int attempt)
            {
                using var a = Source.StartActivity({|TRC101:"retry " + (attempt * 2 + 1)|});
            }
        }
        """, """
        class C
        {
            static readonly ActivitySource Source = new("Shop");

            void M(int attempt)
            {
                using var a = Source.StartActivity("retry {attempt}");
                a?.SetTag("attempt", attempt * 2 + 1);
            }
        }
        """);
}

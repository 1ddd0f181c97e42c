using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = Instrumentation.Analyzers.Tests.Verifiers.AnalyzerVerifier<Instrumentation.Generators.Analyzers.HighCardinalitySpanNameAnalyzer>;

namespace Instrumentation.Analyzers.Tests.TRC101;

/// <summary>
/// Every way an attribute can name <c>[Traced]</c>: TRC101 binds only attributes whose syntax can reach
/// <c>TracedAttribute</c> (its names, qualified or not, and using aliases), so each spelling must still be checked,
/// and look-alikes must still be left alone.
/// </summary>
public class HighCardinalitySpanNameAttributeNameTests
{
    private const string Usings = """
        using System;
        using System.Diagnostics;
        using Instrumentation;

        """;

    [Fact]
    public Task Short_long_qualified_and_global_names() => Verify.VerifyAnalyzerAsync(Usings + """
        class C
        {
            [Traced({|TRC101:"GET /orders/1"|})] void A() { }
            [TracedAttribute({|TRC101:"GET /orders/2"|})] void B() { }
            [Instrumentation.Traced({|TRC101:"GET /orders/3"|})] void D() { }
            [Instrumentation.TracedAttribute(Name = {|TRC101:"GET /orders/4"|})] void E() { }
            [global::Instrumentation.Traced({|TRC101:"GET /orders/5"|}, Kind = ActivityKind.Client)] void F() { }
            [@TracedAttribute(name: {|TRC101:"GET /orders/6"|})] void G() { }
            [Traced(Kind = ActivityKind.Client, Name = {|TRC101:"GET /orders/7"|})] void H() { }
            [Tr\u0061ced({|TRC101:"GET /orders/8"|})] void I() { }
        }
        """);

    [Fact]
    public Task Literal_names_with_and_without_ids_and_other_name_expressions() => Verify.VerifyAnalyzerAsync(Usings + """"
        class C
        {
            private const string Path = "GET /orders/11";

            [Traced("orders.get", Name = {|TRC101:"GET /orders/9"|})] void A() { }
            [Traced({|TRC101:"GET /orders/10"|}, Name = "orders.get")] void B() { }
            [Traced({|TRC101:"""GET /orders/12"""|})] void D() { }
            [Traced("""orders.get""")] void E() { }
            [Traced({|TRC101:Path|})] void F() { }
            [Traced({|TRC101:"GET /orders/" + "13"|})] void G() { }
            [Traced(("orders.get"))] void H() { }
            [Traced({|TRC101:("GET /orders/14")|})] void I() { }
            [Traced(nameof(A), Kind = ActivityKind.Client)] void J() { }
            [Traced(Kind = ActivityKind.Client)] void K() { }
        }
        """");

    [Fact]
    public Task Alias_with_and_without_the_Attribute_suffix() => Verify.VerifyAnalyzerAsync(Usings + """
        using T = Instrumentation.TracedAttribute;
        using SpanAttribute = Instrumentation.TracedAttribute;

        class C
        {
            [T({|TRC101:"GET /orders/1"|})] void A() { }
            [T(Name = {|TRC101:"GET /orders/2"|})] void B() { }
            [Span({|TRC101:"GET /orders/3"|})] void D() { }
            [SpanAttribute({|TRC101:"GET /orders/4"|})] void E() { }
            [T("orders.get")] void F() { }
        }
        """);

    [Fact]
    public Task Global_using_alias_declared_in_another_file() => new Verify.Test
    {
        TestState =
        {
            Sources =
            {
                """
                class C
                {
                    [Span({|TRC101:"GET /orders/42"|})] void A() { }
                    [Span("orders.get")] void B() { }
                }
                """,
                """
                global using Span = Instrumentation.TracedAttribute;
                """,
            },
        },
    }.RunAsync(TestContext.Current.CancellationToken);

    [Fact]
    public Task Aliases_declared_in_namespaces_and_aliases_of_aliases() => new Verify.Test
    {
        TestState =
        {
            Sources =
            {
                """
                using Outer = Instrumentation.TracedAttribute;

                namespace Shop
                {
                    using Inner = Outer;

                    namespace Orders
                    {
                        using Nested = Instrumentation.TracedAttribute;

                        class C
                        {
                            [Inner({|TRC101:"GET /orders/1"|})] void A() { }
                            [Nested({|TRC101:"GET /orders/2"|})] void B() { }
                        }
                    }
                }
                """,
                """
                namespace Billing;

                using Bill = Instrumentation.TracedAttribute;

                class D
                {
                    [Bill({|TRC101:"GET /invoices/3"|})] void A() { }
                }
                """,
            },
        },
    }.RunAsync(TestContext.Current.CancellationToken);

    [Fact]
    public Task Namespace_alias_qualifies_the_name() => Verify.VerifyAnalyzerAsync("""
        using I = Instrumentation;

        class C
        {
            [I.Traced({|TRC101:"GET /orders/1"|})] void A() { }
            [I::TracedAttribute({|TRC101:"GET /orders/2"|})] void B() { }
        }
        """);

    [Fact]
    public Task Local_functions_and_lambdas() => Verify.VerifyAnalyzerAsync(Usings + """
        using T = Instrumentation.TracedAttribute;

        class C
        {
            void M()
            {
                [Traced({|TRC101:"GET /orders/1"|})] void Local() { }
                Action a = [T({|TRC101:"GET /orders/2"|})] () => { };
                Local();
                a();
            }
        }
        """);

    [Fact]
    public Task Same_named_attributes_of_other_namespaces_are_not_reported() => new Verify.Test
    {
        TestState =
        {
            Sources =
            {
                """
                namespace Other
                {
                    [System.AttributeUsage(System.AttributeTargets.All)]
                    public sealed class TracedAttribute(string name) : System.Attribute
                    {
                        public string Name { get; set; } = name;
                    }
                }
                """,
                """
                using Other;
                using T = Other.TracedAttribute;
                using Span = Instrumentation;

                class C
                {
                    [Traced("GET /orders/1")] void A() { }
                    [TracedAttribute("GET /orders/2")] void B() { }
                    [Other.Traced("GET /orders/3")] void D() { }
                    [T("GET /orders/4")] void E() { }
                    [T("orders.get", Name = "GET /orders/5")] void F() { }
                    [Span.Traced({|TRC101:"GET /orders/6"|})] void G() { }
                }
                """,
            },
        },
    }.RunAsync(TestContext.Current.CancellationToken);

    [Fact]
    public Task Other_attributes_with_a_look_alike_argument_are_not_reported() => Verify.VerifyAnalyzerAsync(Usings + """
        using O = System.ObsoleteAttribute;

        class C
        {
            [Obsolete("GET /orders/1")] void A() { }
            [O("GET /orders/2")] void B() { }
            void D([Tag("GET /orders/3")] int id) { }
            [Traced] void E() { }
        }
        """);

    [Fact]
    public Task Names_that_do_not_bind_do_not_crash() => new Verify.Test
    {
        CompilerDiagnostics = CompilerDiagnostics.None,
        TestCode = Usings + """
            using Missing = Nowhere.TracedAttribute;

            class C
            {
                [Traced<int>("GET /orders/1")] void A() { }
                [Missing("GET /orders/2")] void B() { }
                [Instrumentation.Traced<int>("GET /orders/3")] void D() { }
                [Nowhere::Traced("GET /orders/4")] void E() { }
            }
            """,
    }.RunAsync(TestContext.Current.CancellationToken);
}

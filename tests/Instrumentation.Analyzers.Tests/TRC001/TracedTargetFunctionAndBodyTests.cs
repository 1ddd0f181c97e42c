using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = Instrumentation.Analyzers.Tests.Verifiers.AnalyzerVerifier<Instrumentation.Generators.Analyzers.TracedTargetAnalyzer>;

namespace Instrumentation.Analyzers.Tests.TRC001;

/// <summary>
/// Shapes that the cheap paths of TRC001 must not miss: [Traced] on local functions and lambdas wherever they are
/// written (found by syntax, bound only when they have attributes), iterator bodies (the text is scanned for "yield"
/// before the syntax is walked) and signature types of referenced assemblies (their accessibility is remembered).
/// </summary>
public class TracedTargetFunctionAndBodyTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Instrumentation;

        """;

    [Fact]
    public Task Local_functions_everywhere_are_reported_with_name_and_reason() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            using T = Instrumentation.TracedAttribute;

            public class C
            {
                public C() { Local(); [{|#0:Traced|}] void Local() { } }

                public int P
                {
                    get { return Local(); [{|TRC001:Traced|}] static int Local() => 1; }
                }

                public void M()
                {
                    Outer();
                    void Outer()
                    {
                        Inner();
                        [{|TRC001:Instrumentation.Traced("inner")|}] void Inner() { }
                    }

                    Action a = () => { Nested(); [{|TRC001:T|}] void Nested() { } };
                    a();
                }

                public async Task N()
                {
                    await Local();
                    [Obsolete, {|TRC001:Traced|}] async Task Local() => await Task.Yield();
                }
            }
            """,
            Verify.Diagnostic("TRC001").WithLocation(0).WithArguments("C.Local", "local functions cannot be intercepted; move the code to a method"));

    [Fact]
    public Task Lambdas_everywhere_are_reported_with_name_and_reason() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            public class C
            {
                private static readonly Func<int, int> Field = [{|#0:Traced|}] (int x) => x;

                public Func<Task> Property { get; } = [{|TRC001:Traced|}] async () => await Task.Yield();

                public void M()
                {
                    Action a = [{|TRC001:Traced("a")|}] () => { };
                    var b = [{|TRC001:TracedAttribute|}] static (string s) => s.Length;
                    Func<Func<int>> c = () => [{|TRC001:Traced|}] () => 1;
                    a();
                    _ = b("x") + c()();
                }
            }
            """,
            Verify.Diagnostic("TRC001").WithLocation(0).WithArguments("lambda", "lambdas cannot be intercepted; move the code to a method"));

    [Fact]
    public Task Functions_without_Traced_are_not_reported() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            public class C
            {
                public void M()
                {
                    Local();
                    Plain();
                    Action a = [Obsolete] () => { };
                    Func<int, int> b = x => x;
                    Action d = delegate { };
                    a();
                    _ = b(1);
                    d();
                    [Obsolete] void Local() { }
                    void Plain() { }
                }
            }
            """);

    [Fact]
    public Task Local_function_in_top_level_statements_is_reported() => new Verify.Test
    {
        TestState =
        {
            OutputKind = OutputKind.ConsoleApplication,
            Sources =
            {
                """
                using Instrumentation;

                Local();

                [{|TRC001:Traced|}] static void Local() { }
                """,
            },
        },
    }.RunAsync(TestContext.Current.CancellationToken);

    [Fact]
    public Task Attributed_lambdas_in_broken_code_do_not_crash() => new Verify.Test
    {
        CompilerDiagnostics = CompilerDiagnostics.None,
        TestCode = Usings + """
            public class C
            {
                public void M()
                {
                    Func<int, int> a = [{|TRC001:Traced|}] x => x;
                    int b = [{|TRC001:Traced|}] () => 1;
                    [{|TRC001:Traced|}] void Local(
                }
            }
            """,
    }.RunAsync(TestContext.Current.CancellationToken);

    // The compiler reads an escaped "yield" as an identifier, never as the keyword: these bodies hold no yield
    // statement (and do not compile), so the methods are not iterators, with or without the text scan.
    [Fact]
    public Task Yield_written_with_a_Unicode_escape_is_not_the_keyword() => new Verify.Test
    {
        CompilerDiagnostics = CompilerDiagnostics.None,
        TestCode = Usings + """
            public class C
            {
                [Traced] public System.Collections.IEnumerator E() { yi\u0065ld return 1; }
                [Traced] public System.Collections.IEnumerator F() { y\u0069eld break; }
            }
            """,
    }.RunAsync(TestContext.Current.CancellationToken);

    [Fact]
    public Task Yield_in_comments_identifiers_and_nested_functions_does_not_make_an_iterator() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            public class C
            {
                // Each returns a value: none is an iterator, so none is reported.
                [Traced] public int A() { /* yield return 1; */ return 1; }
                [Traced] public int B() { var yielded = 2; return yielded; }
                [Traced] public string D() => "yield return";
                [Traced] public System.Collections.IEnumerator E() { return Local(); System.Collections.IEnumerator Local() { yield return 1; } }
                [Traced] public Func<IEnumerable<int>> F() => () => G();
                private static IEnumerable<int> G() { yield break; }
            }
            """);

    [Theory]
    [InlineData(0)]
    [InlineData(4090)]
    [InlineData(4092)]
    [InlineData(4094)]
    [InlineData(4095)]
    [InlineData(8182)]
    [InlineData(8184)]
    [InlineData(8186)]
    [InlineData(9000)]
    public Task Yield_is_found_anywhere_in_a_long_body(int padding) =>
        Verify.VerifyAnalyzerAsync(Usings + $$"""
            public class C
            {
                [{|TRC001:Traced|}] public System.Collections.IEnumerator E() {{{new string(' ', padding)}}yield return 1; }
                [Traced] public int N() {{{new string(' ', padding)}}return 1; }
            }
            """);

    [Fact]
    public Task Referenced_generic_types_are_checked_with_their_arguments() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            public class Outer
            {
                private sealed class Secret { }

                [Traced] public void A(List<int> ids, Dictionary<string, List<int>> byName) { }
                [{|#0:Traced|}] private void B(List<Secret> secrets) { }
                [Traced] public List<string> D(List<int> ids) => new();
                [{|#1:Traced|}] private List<Secret> E() => new();
                [Traced] public Task<List<int>> F() => Task.FromResult(new List<int>());
            }
            """,
            Verify.Diagnostic("TRC001").WithLocation(0).WithArguments("Outer.B", "parameter 'secrets' has a type that generated code cannot name"),
            Verify.Diagnostic("TRC001").WithLocation(1).WithArguments("Outer.E", "the return type is not accessible from generated code"));
}

using System.Threading.Tasks;
using Instrumentation.Generators.Analyzers;
using Xunit;
using Verify = Instrumentation.Analyzers.Tests.Verifiers.AnalyzerVerifier<Instrumentation.Generators.Analyzers.TracedTargetAnalyzer>;

namespace Instrumentation.Analyzers.Tests.TRC001;

public class TracedTargetAnalyzerTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Diagnostics;
        using System.Threading;
        using System.Threading.Tasks;
        using Instrumentation;

        """;

    [Theory]
    [InlineData("public void M() { }")]
    [InlineData("public static int M(int x) => x;")]
    [InlineData("internal async Task<int> M(CancellationToken ct) { await Task.Yield(); return 1; }")]
    [InlineData("public ValueTask M() => default;")]
    [InlineData("public IEnumerable<int> M() { yield return 1; }")]
    [InlineData("public IEnumerator<int> M() { yield return 1; }")]
    [InlineData("public async IAsyncEnumerable<int> M() { await Task.Yield(); yield return 1; }")]
    [InlineData("public T M<T>(T value) where T : class => value;")]
    [InlineData("public ref int M(ref int x) => ref x;")]
    [InlineData("public void M([Tag(\"app.id\")] int id, [Tag(\"app.name\")] out string name) { name = \"\"; }")]
    [InlineData("[return: Tag(\"app.result\")] public int M() => 1;")]
    [InlineData("private void M() { }")]
    [InlineData("protected void M() { }")]
    public Task Supported_methods_are_not_reported(string member) =>
        Verify.VerifyAnalyzerAsync(Usings + $$"""
            public class C
            {
                [Traced]
                {{member}}
            }
            """);

    [Fact]
    public Task Kind_and_name_arguments_are_accepted() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            public class C
            {
                [Traced("payment.charge", Kind = ActivityKind.Client)] public void A() { }
                [Traced(Name = "x")] public void B() { }
                [Traced(RecordCancellationAsError = true)] public Task D(CancellationToken ct) => Task.CompletedTask;
            }
            """);

    [Fact]
    public Task Interface_abstract_virtual_static_extension_and_struct_members_are_supported() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            public interface IRepo { [Traced] Task<int> Load(int id); }
            public abstract class Base { [Traced] public abstract void Run(); [Traced] public virtual void Walk() { } }
            public static class Ext { [Traced] public static int Twice(this int x) => x * 2; }
            public struct S { public int X; [Traced] public void Inc() => X++; }
            public readonly struct R { [Traced] public int Get() => 1; }
            public class G<T> { [Traced] public T Echo(T value) => value; }
            """);

    [Fact]
    public Task Local_function_is_reported() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            public class C
            {
                public void M()
                {
                    Local();
                    [{|TRC001:Traced|}] void Local() { }
                }
            }
            """);

    [Fact]
    public Task Lambda_is_reported() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            public class C
            {
                public void M()
                {
                    Action a = [{|TRC001:Traced|}] () => { };
                    a();
                }
            }
            """);

    [Fact]
    public Task Operators_and_finalizer_are_reported() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            public class C
            {
                [{|TRC001:Traced|}] public static C operator +(C a, C b) => a;
                [{|TRC001:Traced|}] public static implicit operator int(C c) => 0;
                [{|TRC001:Traced|}] ~C() { }
            }
            """);

    [Fact]
    public Task Accessors_are_reported() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            public class C
            {
                public int P { [{|TRC001:Traced|}] get => 1; [{|TRC001:Traced|}] set { } }
            }
            """);

    [Fact]
    public Task Explicit_interface_implementation_is_reported_with_guidance() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            public interface I { void M(); }
            public class C : I
            {
                [{|#0:Traced|}] void I.M() { }
            }
            """,
            Verify.Diagnostic("TRC001").WithLocation(0).WithArguments("C.I.M", "calls bind to the interface member, never to an explicit implementation; put [Traced] on the interface member"));

    [Fact]
    public Task Async_void_is_reported() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            public class C
            {
                [{|#0:Traced|}] public async void Fire() { await Task.Yield(); }
            }
            """,
            Verify.Diagnostic("TRC001").WithLocation(0).WithArguments("C.Fire", "an 'async void' method cannot be awaited, so its span could not cover its work; return Task"));

    [Fact]
    public Task Static_abstract_interface_member_is_reported() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            public interface IParse<TSelf> where TSelf : IParse<TSelf>
            {
                [{|TRC001:Traced|}] static abstract TSelf Parse(string s);
            }
            """);

    [Fact]
    public Task File_local_and_private_nested_types_are_reported() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            file class Hidden { [{|TRC001:Traced|}] public void M() { } }
            public class Outer
            {
                private class Inner { [{|TRC001:Traced|}] public void M() { } }
                private record Secret(int Id);
                [{|TRC001:Traced|}] private void Uses(Secret s) { }
                [{|TRC001:Traced|}] private Secret Returns() => new(1);
            }
            """);

    // A [Traced] type traces what it can of its public methods; only a method's own [Traced] asks for that method.
    [Fact]
    public Task Members_a_traced_type_cannot_trace_are_not_reported() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            [Traced]
            public class Catalog
            {
                public int Find(int x) => x;
                public async void Fire() => await Task.Yield();
                public System.Collections.IEnumerable Legacy() { yield return 1; }
                [{|TRC001:Traced|}] public async void Explicit() => await Task.Yield();
            }
            """);

    [Fact]
    public Task A_traced_type_with_an_empty_name_is_reported() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            [{|#0:Traced("")|}]
            public class Catalog { public int Find(int x) => x; }
            """,
            Verify.Diagnostic("TRC001").WithLocation(0).WithArguments("Catalog", "the span name is empty"));

    [Fact]
    public Task Private_virtual_members_are_reported() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            public class C
            {
                [{|TRC001:Traced|}] protected virtual void Virtual() { }
            }
            """);

    // .NET 10 reaches private generic members (generic accessors) and static classes' members (UnsafeAccessorType).
    [Fact]
    public Task Private_generic_and_static_class_members_are_supported_on_net10() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            public class C { [Traced] private T Generic<T>(T t) where T : notnull => t; }
            public class G<T> { [Traced] private void M() { } public sealed class Nested<U> { [Traced] private static U Echo(U u) => u; } }
            public struct Counter<T> { [Traced] private void Bump() { } }
            public static class S { [Traced] private static void M() { } [Traced] private static T Generic<T>(T t) => t; }
            public static class S<T> { [Traced] private static void M() { } public static class Inner<U> { [Traced] private static U Echo<V>(T t, U u, V v) => u; } }
            """);

    // Static methods of a private nested class need no receiver: the accessor names the class (.NET 10).
    [Fact]
    public Task Static_methods_of_private_nested_classes_are_supported_on_net10() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            public class Outer
            {
                private class Inner
                {
                    [Traced] public static int Twice(int x) => 2 * x;
                    [{|TRC001:Traced|}] public int Instance() => 1;
                }
                private struct Value { [{|TRC001:Traced|}] public static int Twice(int x) => 2 * x; }
                private class Generic<T> { [Traced] public static int Twice(int x) => 2 * x; [Traced] private static T Echo<U>(T t, U u) where U : struct => t; }
                private class Hidden { }
                private static class Uses { [{|TRC001:Traced|}] public static int Of(Hidden hidden) => 1; }
                private class Node<T> where T : Hidden { [{|TRC001:Traced|}] public static int Count() => 1; }
                public class Visible { [{|TRC001:Traced|}] private static int Count<T>() where T : Hidden => 1; }
            }
            """);

    // Interceptors declared in a part of the enclosing static partial class name what is private to it (any target).
    [Fact]
    public async Task Members_of_private_nested_types_of_a_static_partial_class_are_supported()
    {
        var test = new Verify.Test
        {
            InterceptorsNamespaces = "Instrumentation.Generated;Shop",
            TestCode = Usings + """
                namespace Shop.Orders
                {
                    public static partial class Pricing
                    {
                        private class Cart { [Traced] public int Total() => 1; [Traced] private void Clear() { } [Traced] internal Task<int> CountAsync() => Task.FromResult(1); }
                        private struct Line { [Traced] public void Bump() { } }
                        private sealed class Box<T> where T : Cart { [Traced] public T? Get() => default; }
                        private readonly record struct Key(int Id);
                        [Traced] private static int Price(Key key) => key.Id;
                        [Traced] public static int Count() => 1;
                        private sealed class Outer
                        {
                            private sealed class Deep { [{|#0:Traced|}] public void M() { } }
                            [Traced] public void N() { }
                        }
                    }
                }
                """,
        };
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("TRC001").WithLocation(0).WithArguments("Deep.M", "'Deep' is not accessible from generated code; make it internal or public"));
        await test.RunAsync(Xunit.TestContext.Current.CancellationToken);
    }

    // A static method's interceptor is a plain static method: any partial type can hold it, not only a static class.
    [Fact]
    public async Task Static_methods_naming_private_nested_types_are_supported_in_any_partial_type()
    {
        var test = new Verify.Test
        {
            InterceptorsNamespaces = "Instrumentation.Generated;Shop",
            ReferenceAssemblies = Verifiers.TestReferences.Net8,
            TestCode = Usings + """
                namespace Shop
                {
                    public sealed partial class Repository
                    {
                        private sealed record Row(int Id);
                        [Traced] private static Row Map(int id) => new(id);
                        [Traced] private static Task<Row> LoadAsync(int id) => Task.FromResult(new Row(id));
                        private sealed class Cache { [Traced] public static int Size() => 0; [{|#0:Traced|}] public int Count() => 0; }
                        [{|#1:Traced|}] private Row Instance(int id) => new(id);
                    }
                    public readonly partial record struct Point(int X)
                    {
                        private readonly record struct Hidden(int Y);
                        [Traced] private static int Of(Hidden hidden) => hidden.Y;
                    }
                    public sealed class Closed
                    {
                        private sealed record Row(int Id);
                        [{|#2:Traced|}] private static Row Map(int id) => new(id);
                    }
                }
                """,
        };
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("TRC001").WithLocation(0).WithArguments("Cache.Count", "'Cache' is not accessible from generated code; make it internal or public"));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("TRC001").WithLocation(1).WithArguments("Repository.Instance", "the return type is not accessible from generated code"));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("TRC001").WithLocation(2).WithArguments("Closed.Map", "the return type is not accessible from generated code, or declare 'Closed' partial"));
        await test.RunAsync(Xunit.TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Members_of_private_nested_types_say_what_would_make_them_traceable()
    {
        var test = new Verify.Test
        {
            InterceptorsNamespaces = "Instrumentation.Generated;Shop",
            ReferenceAssemblies = Verifiers.TestReferences.Net8,
            TestCode = Usings + """
                namespace Shop
                {
                    public static class NotPartial { private sealed class A { [{|#0:Traced|}] public void M() { } } }
                    public partial class NotStatic { private sealed class B { [{|#1:Traced|}] public void M() { } } }
                    public static partial class Generic<T> { private sealed class C { [{|#2:Traced|}] public void M() { } } }
                    public static partial class Enabled { private sealed class D { [Traced] public void M() { } [Traced] public static void S() { } } }
                }
                namespace Elsewhere
                {
                    public static partial class Disabled { private sealed class E { [{|#3:Traced|}] public void M() { } } }
                }
                """,
        };
        const string Reason = "'{0}' is not accessible from generated code; make it internal or public";
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("TRC001").WithLocation(0).WithArguments("A.M", string.Format(System.Globalization.CultureInfo.InvariantCulture, Reason, "A") + ", or declare 'NotPartial' partial"));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("TRC001").WithLocation(1).WithArguments("B.M", string.Format(System.Globalization.CultureInfo.InvariantCulture, Reason, "B")));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("TRC001").WithLocation(2).WithArguments("C.M", string.Format(System.Globalization.CultureInfo.InvariantCulture, Reason, "C")));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("TRC001").WithLocation(3).WithArguments("E.M", string.Format(System.Globalization.CultureInfo.InvariantCulture, Reason, "E") + ", or enable interceptors in its namespace (<InterceptorsNamespaces>$(InterceptorsNamespaces);Elsewhere</InterceptorsNamespaces>)"));
        await test.RunAsync(Xunit.TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Private_generic_and_static_class_members_are_reported_before_net10()
    {
        var test = new Verify.Test
        {
            ReferenceAssemblies = Verifiers.TestReferences.Net8,
            TestCode = Usings + """
                public class C { [{|TRC001:Traced|}] private T Generic<T>(T t) => t; }
                public class G<T> { [{|TRC001:Traced|}] private void M() { } }
                public static class S { [{|TRC001:Traced|}] private static void M() { } }
                public class Outer { private class Inner { [{|TRC001:Traced|}] public static int Twice(int x) => 2 * x; } }
                """,
        };
        await test.RunAsync(Xunit.TestContext.Current.CancellationToken);
    }

    [Fact]
    public Task Protected_internal_virtual_is_supported() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            public class C { [Traced] protected internal virtual void M() { } }
            """);

    [Fact]
    public Task Non_generic_iterators_are_reported() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            public class C
            {
                [{|TRC001:Traced|}] public System.Collections.IEnumerator E() { yield return 1; }
                [{|TRC001:Traced|}] public System.Collections.IEnumerable N() { yield return 1; }
            }
            """);

    [Fact]
    public Task Empty_span_name_and_invalid_kind_are_reported() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            public class C
            {
                [{|TRC001:Traced("")|}] public void A() { }
                [{|TRC001:Traced(Name = " ")|}] public void B() { }
                [{|TRC001:Traced(Kind = (ActivityKind)42)|}] public void D() { }
            }
            """);

    [Fact]
    public Task Bad_tags_are_reported() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            public unsafe class C
            {
                [{|TRC001:Traced|}] public void A([Tag("")] int x) { }
                [{|TRC001:Traced|}] public void B([Tag("app.span")] ReadOnlySpan<byte> data) { }
                [{|TRC001:Traced|}] public void D([Tag("app.ptr")] int* p) { }
                [{|TRC001:Traced|}] [return: Tag("app.r")] public void E() { }
                [{|TRC001:Traced|}] [return: Tag("app.r")] public Task F() => Task.CompletedTask;
                [{|TRC001:Traced|}] [return: Tag("app.r")] public IEnumerable<int> G() { yield return 1; }
                [{|TRC001:Traced|}] [return: Tag("app.r")] public IEnumerator<int> I() { yield return 1; }
                [{|TRC001:Traced|}] [return: Tag("app.r")] public ref int H(ref int x) => ref x;
            }
            """);

    [Fact]
    public Task Untagged_ref_struct_parameters_are_fine() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            public class C
            {
                [Traced] public int Count(ReadOnlySpan<byte> data) => data.Length;
            }
            """);

    [Fact]
    public Task Type_parameter_shadowing_is_reported() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            public class G<T>
            {
            #pragma warning disable CS0693
                [{|TRC001:Traced|}] public void M<T>() { }
            #pragma warning restore CS0693
            }
            """);

    [Fact]
    public Task Methods_without_the_attribute_are_ignored() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            public class C
            {
                public C() { }
                public async void Fire() { await Task.Yield(); }
                private T Generic<T>(T t) => t;
            }
            """);

    [Fact]
    public Task Compilation_without_the_attribute_library_is_ignored()
    {
        var test = new Verify.Test { TestCode = "class C { void M() { } }" };
        test.TestState.AdditionalReferences.Clear();
        return test.RunAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public Task Broken_code_does_not_crash() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            public class C
            {
                [Traced] public {|CS0246:Missing|} M({|CS0246:Unknown|} x) => default!;
                [Traced({|CS1503:42|})] public void N() { }
            }
            """);

    [Fact]
    public Task Projects_below_CSharp_11_are_reported()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using Instrumentation;
                public class C { [{|#0:Traced|}] public void M() { } }
                """,
        };
        test.SolutionTransforms.Add((solution, projectId) => solution.WithProjectParseOptions(
            projectId, new Microsoft.CodeAnalysis.CSharp.CSharpParseOptions(Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp10)));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("TRC001").WithLocation(0).WithArguments(
            "C.M", "this project compiles as C# 10.0; the generated interceptors need C# 11 or later (set <LangVersion>latest</LangVersion>)"));
        return test.RunAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Descriptor_points_to_its_doc_page() =>
        Assert.EndsWith("docs/rules/TRC001.md", Descriptors.TracedTargetNotSupported.HelpLinkUri);

    [Fact]
    public Task A_partial_method_is_reported_once() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            public partial class C
            {
                [{|TRC001:Traced("")|}] public partial void Declared();
                public partial void Declared() { }

                public partial void Implemented();
                [{|TRC001:Traced(" ")|}] public partial void Implemented() { }
            }
            """);
}

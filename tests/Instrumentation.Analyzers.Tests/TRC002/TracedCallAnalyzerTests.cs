using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = Instrumentation.Analyzers.Tests.Verifiers.AnalyzerVerifier<Instrumentation.Generators.Analyzers.TracedCallAnalyzer>;

namespace Instrumentation.Analyzers.Tests.TRC002;

public class TracedCallAnalyzerTests
{
    private const string Service = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Linq.Expressions;
        using System.Threading.Tasks;
        using Instrumentation;

        public class Service
        {
            [Traced] public virtual int Work(int x) => x;
            [Traced] public static int Static(int x) => x;
            public int Untraced(int x) => x;
        }

        """;

    private static DiagnosticResult Info(int location, string method, string use) =>
        new DiagnosticResult("TRC002", DiagnosticSeverity.Info).WithLocation(location).WithArguments(method, use);

    [Fact]
    public Task Direct_calls_are_not_reported() =>
        Verify.VerifyAnalyzerAsync(Service + """
            public class Caller
            {
                public int Run(Service s) => s.Work(1) + Service.Static(2) + s?.Work(3) ?? 0;
            }
            """);

    [Fact]
    public Task Method_group_conversion_is_reported() =>
        Verify.VerifyAnalyzerAsync(Service + """
            public class Caller
            {
                public void Run(Service s)
                {
                    Func<int, int> f = s.{|#0:Work|};
                    Func<int, int> g = Service.{|#1:Static|};
                    var results = new[] { 1, 2 }.Select(s.{|#2:Work|}).ToList();
                }
            }
            """,
            Info(0, "Service.Work", "method group"),
            Info(1, "Service.Static", "method group"),
            Info(2, "Service.Work", "method group"));

    // Class-level [Traced]: its public methods are traced, so their method groups are reported; the others are not traced.
    [Fact]
    public Task Method_groups_of_a_traced_types_public_methods_are_reported() =>
        Verify.VerifyAnalyzerAsync(Service + """
            [Traced]
            public class Catalog
            {
                public int Find(int x) => x;
                [NotTraced] public int Skip(int x) => x;
                internal int Hidden(int x) => x;
                public async void Fire(int x) => await Task.Yield();
            }

            public class Caller
            {
                public void Run(Catalog c)
                {
                    Func<int, int> find = c.{|#0:Find|};
                    Func<int, int> skip = c.Skip;
                    Func<int, int> hidden = c.Hidden;
                    Action<int> fire = c.Fire;
                }
            }
            """,
            Info(0, "Catalog.Find", "method group"));

    [Fact]
    public Task Base_call_is_reported() =>
        Verify.VerifyAnalyzerAsync(Service + """
            public class Derived : Service
            {
                public override int Work(int x) => base.{|#0:Work|}(x) + 1;
            }
            """,
            Info(0, "Service.Work", "base call"));

    [Fact]
    public Task Call_inside_expression_tree_is_reported() =>
        Verify.VerifyAnalyzerAsync(Service + """
            public class Caller
            {
                public Expression<Func<Service, int>> Build() => s => s.{|#0:Work|}(1);
                public Func<Service, int> Lambda() => s => s.Work(1);
            }
            """,
            Info(0, "Service.Work", "call inside an expression tree"));

    [Fact]
    public Task Calls_in_query_clauses_that_become_expression_trees_are_reported() =>
        Verify.VerifyAnalyzerAsync(Service + """
            public class Caller
            {
                public IQueryable<int> Queryable(IQueryable<int> numbers, Service s) =>
                    from n in numbers
                    where s.{|#0:Work|}(n) > 0
                    let twice = Service.{|#1:Static|}(n)
                    orderby s.{|#2:Work|}(twice)
                    select s.{|#3:Work|}(twice);

                // The source of the first 'from' is evaluated, not quoted; LINQ to Objects takes delegates.
                public IEnumerable<int> Enumerable(IQueryable<int> numbers, int[] array, Service s) =>
                    from n in numbers.Take(s.Work(1)).AsEnumerable()
                    where s.Work(n) > 0
                    from m in array
                    select s.Work(n + m);
            }
            """,
            Info(0, "Service.Work", "call inside an expression tree"),
            Info(1, "Service.Static", "call inside an expression tree"),
            Info(2, "Service.Work", "call inside an expression tree"),
            Info(3, "Service.Work", "call inside an expression tree"));

    [Fact]
    public Task Dynamically_bound_call_is_reported() =>
        Verify.VerifyAnalyzerAsync(Service + """
            public class Caller
            {
                public object Run(Service s, dynamic value) => s.{|#0:Work|}(value);
            }
            """,
            Info(0, "Service.Work", "dynamically bound call"));

    [Fact]
    public Task Call_on_a_type_parameter_receiver_that_may_be_a_struct_is_reported() =>
        Verify.VerifyAnalyzerAsync(Service + """
            public interface ICounter { [Traced] void Increment(); }
            public static class Caller
            {
                public static void Run<T>(T counter) where T : ICounter => counter.{|#0:Increment|}();
                public static void RunClass<T>(T counter) where T : class, ICounter => counter.Increment();
            }
            """,
            Info(0, "ICounter.Increment", "call on a type parameter receiver that may be a struct (constrain it to 'class' to trace it)"));

    [Fact]
    public Task Call_on_a_type_parameter_receiver_that_must_or_may_be_a_ref_struct_is_reported_without_the_class_advice() =>
        // ZLinq's enumerators: `where TEnumerator : struct, IValueEnumerator<T>, allows ref struct`; 'class' is no way out.
        Verify.VerifyAnalyzerAsync(Service + """
            public interface ICounter { [Traced] bool Next(); }
            public static class Caller
            {
                public static void Run<T>(ref T counter) where T : struct, ICounter, allows ref struct => counter.{|#0:Next|}();
                public static void RunRef<T>(T counter) where T : ICounter, allows ref struct => counter.{|#1:Next|}();
            }
            """,
            Info(0, "ICounter.Next", "call on a type parameter receiver constrained to 'struct' (an interceptor could only take it as the interface or base type: a boxed copy, which would lose the method's changes)"),
            Info(1, "ICounter.Next", "call on a type parameter receiver that allows ref structs (an interceptor could only take it as the interface or base type, which a ref struct cannot be converted to)"));

    [Fact]
    public Task Untraced_uses_are_ignored() =>
        Verify.VerifyAnalyzerAsync(Service + """
            public class Derived : Service
            {
                public int Run()
                {
                    Func<int, int> f = Untraced;
                    return base.Untraced(1) + f(2);
                }
            }
            """);

    [Fact]
    public Task Unsupported_traced_methods_are_left_to_TRC001() =>
        Verify.VerifyAnalyzerAsync("""
            using System;
            using Instrumentation;
            public class C
            {
                [Traced] public async void Fire() { await System.Threading.Tasks.Task.Yield(); }
                public void Run() { Action a = Fire; a(); }
            }
            """);

    private const string Library = """
        namespace Stock
        {
            public class Inventory
            {
                [Traced] public int Reserve(string sku) => 1;
                public int Count() => 0;
            }
        }

        """;

    private static Task VerifyWithLibraryAsync(string librarySource, string source, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestCode = source };
        test.TestState.AdditionalProjects["Stock.Library"].Sources.Add(("Inventory.cs", librarySource));
        test.TestState.AdditionalProjects["Stock.Library"].AdditionalReferences.AddRange(Verifiers.TestReferences.Additional);
        test.TestState.AdditionalProjectReferences.Add("Stock.Library");
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public Task Calls_into_a_library_built_without_the_manifest_are_reported() =>
        VerifyWithLibraryAsync(
            "using Instrumentation;\n" + Library,
            """
            public class Caller
            {
                public int Run(Stock.Inventory inventory) => inventory.{|#0:Reserve|}("sku-1") + inventory.Count();
            }
            """,
            Info(0, "Inventory.Reserve", "'Stock.Library' was built without the list of its [Traced] methods that this version of Instrumentation.Generators writes; rebuild it with this version of the package"));

    [Fact]
    public Task Calls_into_a_library_with_the_manifest_are_not_reported() =>
        VerifyWithLibraryAsync(
            "using Instrumentation;\n[assembly: Instrumentation.Runtime.TracedMethodNames(\"Reserve\")]\n" + Library,
            """
            public class Caller
            {
                public int Run(Stock.Inventory inventory) => inventory.Reserve("sku-1") + inventory.Count();
            }
            """);

    [Fact]
    public Task Calls_to_a_library_method_this_project_cannot_trace_are_reported() =>
        VerifyWithLibraryAsync(
            """
            using Instrumentation;
            [assembly: Instrumentation.Runtime.TracedMethodNames("OnReserved", "Audit")]
            namespace Stock
            {
                public class Inventory
                {
                    [Traced] protected virtual void OnReserved(string sku) { }
                    [Traced] protected void Audit(string sku) { }
                }
            }
            """,
            """
            public class Shop : Stock.Inventory
            {
                // Protected and virtual: generated code could only call it non-virtually. Protected alone is reached.
                public void Run() { {|#0:OnReserved|}("sku-1"); Audit("sku-1"); }
            }
            """,
            Info(0, "Inventory.OnReserved", "'OnReserved' is virtual and not accessible from generated code, which could only call it non-virtually; make it internal or public (or protected internal)"));

    [Fact]
    public Task Calls_of_foreach_using_range_collection_expression_and_fixed_patterns_are_reported() =>
        // Found on ZLinq (every method [Traced]): foreach over its ref struct enumerator runs a [Traced] MoveNext with no
        // span and no report. The compiler calls these members for the syntax; none is a call an interceptor can replace.
        VerifyUnsafe("""
            using System;
            using System.Collections;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Instrumentation;

            public ref struct RefEnumerator
            {
                private int _i;
                [Traced] public bool MoveNext() => ++_i <= 2;
                public int Current => _i;
                [Traced] public void Dispose() { }
            }
            public readonly struct RefSequence { public RefEnumerator GetEnumerator() => default; }

            public struct Enumerator : IEnumerator<int>
            {
                [Traced] public bool MoveNext() => false;
                public int Current => 0;
                object IEnumerator.Current => 0;
                public void Reset() { }
                [Traced] public void Dispose() { }
            }
            public readonly struct Sequence { public Enumerator GetEnumerator() => default; }

            public sealed class AsyncEnumerator
            {
                [Traced] public ValueTask<bool> MoveNextAsync() => default;
                public int Current => 0;
                [Traced] public ValueTask DisposeAsync() => default;
            }
            public sealed class AsyncSequence { [Traced] public AsyncEnumerator GetAsyncEnumerator() => new(); }

            public ref struct Lease { [Traced] public void Dispose() { } }
            public sealed class Handle : IDisposable { [Traced] public void Dispose() { } }
            public sealed class AsyncHandle { [Traced] public ValueTask DisposeAsync() => default; }
            public sealed class Plain : IDisposable { public void Dispose() { } }

            public sealed class Sliceable
            {
                public int Length => 5;
                public int this[int index] => index;
                [Traced] public int[] Slice(int start, int length) => new int[length];
            }

            [System.Runtime.CompilerServices.CollectionBuilder(typeof(Built), nameof(Built.Create))]
            public sealed class Built : IEnumerable<int>
            {
                [Traced] public static Built Create(ReadOnlySpan<int> items) => new();
                public IEnumerator<int> GetEnumerator() { yield break; }
                IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
            }
            public sealed class Bag : IEnumerable<int>
            {
                [Traced] public void Add(int item) { }
                public void Add(string item) { }
                public IEnumerator<int> GetEnumerator() { yield break; }
                IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
            }
            public sealed class Pinned { private int _value; [Traced] public ref int GetPinnableReference() => ref _value; }
            public readonly struct Pair { [Traced] public void Deconstruct(out int a, out int b) { a = 1; b = 2; } }
            public sealed class Awaiter : System.Runtime.CompilerServices.INotifyCompletion
            {
                public bool IsCompleted => true;
                [Traced] public int GetResult() => 1;
                public void OnCompleted(Action continuation) => continuation();
            }
            public sealed class Awaitable { public Awaiter GetAwaiter() => new(); }

            public static class Caller
            {
                public static unsafe void Collect()
                {
                    Built built = {|#7:[1, 2]|};
                    int[] more = [3];
                    Bag bag = [{|#8:1|}, {|#10:..more|}];
                    fixed (int* pointer = {|#9:new Pinned()|}) { }
                }

                public static async Task<bool> Match(Pair[] pairs, Sliceable sliceable)
                {
                    foreach ({|#11:var (a, b)|} in pairs) { }
                    var result = {|#12:await|} new Awaitable();
                    return pairs[0] is {|#13:(1, 2)|} && sliceable is [_, {|#14:.. var rest|}] && rest.Length > 0;
                }

                public static async Task Run(Sliceable sliceable)
                {
                    {|#0:foreach|} (var item in new RefSequence()) { }
                    {|#1:foreach|} (var item in new Sequence()) { }
                    await {|#2:foreach|} (var item in new AsyncSequence()) { }
                    {|#3:using|} (var lease = new Lease()) { }
                    {|#4:using|} var handle = new Handle();
                    await {|#5:using|} (new AsyncHandle()) { }
                    using (new Plain()) { }
                    var part = {|#6:sliceable[1..3]|};
                    var direct = sliceable.Slice(1, 2);
                    new Lease().Dispose();
                }
            }
            """,
            Info(7, "Built.Create", "'Create' call of a collection expression"),
            Info(8, "Bag.Add", "'Add' call of a collection expression"),
            Info(10, "Bag.Add", "'Add' call of a collection expression"),
            Info(9, "Pinned.GetPinnableReference", "'GetPinnableReference' call of a fixed statement"),
            Info(11, "Pair.Deconstruct", "'Deconstruct' call of a deconstruction"),
            Info(12, "Awaiter.GetResult", "'GetResult' call of an await"),
            Info(13, "Pair.Deconstruct", "'Deconstruct' call of a positional pattern"),
            Info(14, "Sliceable.Slice", "'Slice' call of a slice pattern"),
            Info(0, "RefEnumerator.Dispose", "'Dispose' call of a foreach loop"),
            Info(0, "RefEnumerator.MoveNext", "'MoveNext' call of a foreach loop"),
            Info(1, "Enumerator.Dispose", "'Dispose' call of a foreach loop"),
            Info(1, "Enumerator.MoveNext", "'MoveNext' call of a foreach loop"),
            Info(2, "AsyncEnumerator.DisposeAsync", "'DisposeAsync' call of an await foreach loop"),
            Info(2, "AsyncEnumerator.MoveNextAsync", "'MoveNextAsync' call of an await foreach loop"),
            Info(2, "AsyncSequence.GetAsyncEnumerator", "'GetAsyncEnumerator' call of an await foreach loop"),
            Info(3, "Lease.Dispose", "'Dispose' call of a using statement"),
            Info(4, "Handle.Dispose", "'Dispose' call of a using declaration"),
            Info(5, "AsyncHandle.DisposeAsync", "'DisposeAsync' call of an await using statement"),
            Info(6, "Sliceable.Slice", "'Slice' call of a range indexer"));

    private static Task VerifyUnsafe(string source, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestCode = source };
        test.SolutionTransforms.Add((solution, projectId) => solution.WithProjectCompilationOptions(
            projectId, ((Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions)solution.GetProject(projectId)!.CompilationOptions!).WithAllowUnsafe(true)));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(System.Threading.CancellationToken.None);
    }

    [Fact]
    public Task Calls_the_compiler_writes_are_reported() =>
        Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Collections;
            using System.Collections.Generic;
            using System.Runtime.CompilerServices;
            using System.Threading.Tasks;
            using Instrumentation;

            public sealed class Basket : IEnumerable<int>
            {
                private readonly List<int> _items = new();
                [Traced] public void Add(int item) => _items.Add(item);
                [Traced] public IEnumerator<int> GetEnumerator() => _items.GetEnumerator();
                IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
                [Traced] public void Deconstruct(out int first, out int count) { first = _items[0]; count = _items.Count; }
                [Traced] public TaskAwaiter GetAwaiter() => Task.CompletedTask.GetAwaiter();
                [Traced] public Basket Select(Func<int, int> selector) => this;
            }

            public static class Caller
            {
                public static async Task<int> Run()
                {
                    var basket = new Basket { {|#0:1|}, {|#1:2|} };
                    {|#2:foreach|} (var item in basket) { }
                    {|#3:var (first, count)|} = basket;
                    {|#4:await|} basket;
                    var same = from item in basket {|#5:select item + 1|};
                    basket.Add(3);
                    return first + count;
                }
            }
            """,
            Info(0, "Basket.Add", "'Add' call of a collection initializer"),
            Info(1, "Basket.Add", "'Add' call of a collection initializer"),
            Info(2, "Basket.GetEnumerator", "'GetEnumerator' call of a foreach loop"),
            Info(3, "Basket.Deconstruct", "'Deconstruct' call of a deconstruction"),
            Info(4, "Basket.GetAwaiter", "'GetAwaiter' call of an await"),
            Info(5, "Basket.Select", "call written for a query clause"));

    [Fact]
    public Task Calls_on_this_of_a_generic_struct_are_reported() =>
        Verify.VerifyAnalyzerAsync(Service + """
            public struct Counter<T>
            {
                public int Count;
                [Traced] public void Bump() => Count++;
                public int Twice() { {|#0:Bump|}(); this.{|#1:Bump|}(); return Count; }
                public static int OnALocal() { var counter = new Counter<T>(); counter.Bump(); return counter.Count; }
            }
            public struct Plain
            {
                public int Count;
                [Traced] public void Bump() => Count++;
                public int Twice() { Bump(); this.Bump(); return Count; }
            }
            """,
            Info(0, "Counter.Bump", "call on 'this' of a generic struct"),
            Info(1, "Counter.Bump", "call on 'this' of a generic struct"));
}

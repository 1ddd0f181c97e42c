using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading.Tasks;
using Instrumentation.IntegrationTests.Infrastructure;
using Instrumentation.IntegrationTests.Subjects;
using Xunit;

namespace Instrumentation.IntegrationTests;

[Collection(SerialTracing.Name)]
public sealed class CallShapeTests
{
    [Fact]
    public void InstanceCall()
    {
        using var spans = new SpanRecorder();
        var calculator = new Calculator();

        Assert.Null(Activity.Current);
        Assert.Equal(5, calculator.Add(2, 3));

        Assert.Null(Activity.Current);
        Assert.Equal(1, calculator.Calls);
        SpanAssert.Succeeded(spans.Single("Calculator.Add"));
    }

    [Fact]
    public void StaticCall()
    {
        using var spans = new SpanRecorder();

        Assert.Equal(6, Calculator.Multiply(2, 3));
        Assert.Equal(8, StaticUtilities.Twice(4));

        Assert.Equal(["Calculator.Multiply", "StaticUtilities.Twice"], spans.StoppedNames);
    }

    [Fact]
    public void ExtensionCalledAsExtensionAndAsStaticMethod()
    {
        using var spans = new SpanRecorder();

        Assert.Equal("HI!", "hi".Shout());
        Assert.Equal("HO!", TextExtensions.Shout("ho"));

        Assert.Equal(["TextExtensions.Shout", "TextExtensions.Shout"], spans.StoppedNames);
    }

    [Fact]
    public void RefExtensionMutatesTheCallersStruct()
    {
        using var spans = new SpanRecorder();
        var counter = new Counter { Count = 1 };

        counter.Bump();
        TextExtensions.Bump(ref counter);

        Assert.Equal(21, counter.Count);
        Assert.Equal(2, spans.Stopped.Count);
    }

    [Fact]
    public void GenericMethodsAndMethodsOfGenericTypesWithConstraints()
    {
        using var spans = new SpanRecorder();
        var repository = new Repository<Customer>("id-");
        var customer = repository.Create("7");
        string[] names = ["a", "b"];

        Assert.Equal("id-7", customer.Id);
        Assert.Equal(4, repository.Project(customer, c => c.Id.Length));
        Assert.Equal(0, repository.Project(new Customer { Id = "other" }, c => c.Id.Length));
        Assert.Equal("b", Generic.Max("a", "b"));
        Assert.Equal(2.5, Generic.Max(2.5, 1.0));
        Assert.Same(names[0], Generic.FirstOrNone(names));
        Assert.Null(Generic.FirstOrNone(Array.Empty<string>()));

        Assert.Equal(7, spans.Stopped.Count);
    }

    [Fact]
    public void CallsFromInsideAGenericTypeWithOpenTypeArguments()
    {
        using var spans = new SpanRecorder();

        var (first, key) = new Repository<Customer>("r-").CreateWithKey("9");

        Assert.Equal("r-9", first.Id);
        Assert.Equal("Customer:9", key);
        Assert.Equal(["Repository.Create", "Repository.KeyOf"], spans.StoppedNames);
    }

    [Fact]
    public void ParamsArrayIsPassedAsWritten()
    {
        using var spans = new SpanRecorder();
        int[] array = [4, 5];

        Assert.Equal(6, Calculator.Sum(1, 2, 3));
        Assert.Equal(0, Calculator.Sum());
        Assert.Equal(9, Calculator.Sum(array));

        Assert.Equal(3, spans.Stopped.Count);
    }

    [Fact]
    public void OptionalAndNamedArgumentsKeepTheirValuesAndEvaluationOrder()
    {
        using var spans = new SpanRecorder();
        var evaluated = new List<string>();
        string Log(string value)
        {
            evaluated.Add(value);
            return value;
        }

        Assert.Equal("a-second-third", Calculator.Join("a"));
        Assert.Equal("ab-third", Calculator.Join("a", "b"));
        Assert.Equal("x-secondz", Calculator.Join(third: Log("z"), first: Log("x")));
        var arguments = Calculator.Arguments(third: Log("3"), first: Log("1"), second: Log("2"));

        Assert.Equal(["z", "x", "3", "1", "2"], evaluated);
        Assert.Equal(["1", "2", "3"], arguments);
        Assert.Equal(4, spans.Stopped.Count);
    }

    [Fact]
    public void RefOutInAndRefReadonlyParametersKeepTheirSemantics()
    {
        using var spans = new SpanRecorder();
        var value = 1;
        RefShapes.Storage = 3;

        RefShapes.Increment(ref value);
        var parsed = RefShapes.TryDouble("4", out var doubled);
        var copy = RefShapes.Storage;

        Assert.Equal(2, value);
        Assert.True(parsed);
        Assert.Equal(8, doubled);
        Assert.True(RefShapes.IsStorageIn(in RefShapes.Storage));
        Assert.False(RefShapes.IsStorageIn(copy));
        Assert.True(RefShapes.IsStorageRefReadonly(ref RefShapes.Storage));
        Assert.True(RefShapes.IsStorageRefReadonly(in RefShapes.Storage));
        Assert.False(RefShapes.IsStorageRefReadonly(in copy));
        Assert.Equal(7, spans.Stopped.Count);
    }

    [Fact]
    public void RefReturnsAliasTheOriginalStorage()
    {
        using var spans = new SpanRecorder();
        int[] values = [1, 2];

        ref var first = ref RefShapes.First(values);
        first = 10;
        RefShapes.First(values) = 20;
        RefShapes.Storage = 5;
        ref readonly var stored = ref RefShapes.Stored();
        RefShapes.Storage = 6;

        Assert.Equal(20, values[0]);
        Assert.Equal(6, stored);
        Assert.True(System.Runtime.CompilerServices.Unsafe.AreSame(ref System.Runtime.CompilerServices.Unsafe.AsRef(in stored), ref RefShapes.Storage));
        Assert.Equal(3, spans.Stopped.Count);
    }

    [Fact]
    public void StructReceiverIsMutatedInPlace()
    {
        using var spans = new SpanRecorder();
        var counter = default(Counter);

        counter.Increment();
        counter.Increment();

        Assert.Equal(2, counter.Count);
        Assert.Equal(2, counter.Peek());
        Assert.Equal(["Counter.Increment", "Counter.Increment", "Counter.Peek"], spans.StoppedNames);
    }

    [Fact]
    public void StructElementOfAnArrayIsMutatedInPlace()
    {
        using var spans = new SpanRecorder();
        var counters = new Counter[2];

        counters[1].Increment();

        Assert.Equal(0, counters[0].Count);
        Assert.Equal(1, counters[1].Count);
        Assert.Single(spans.Stopped);
    }

    [Fact]
    public void ReadonlyStructAndRecordStruct()
    {
        using var spans = new SpanRecorder();
        var point = new Point(2, 3);
        var temperature = new Temperature(100);

        Assert.Equal(5, point.Sum());
        Assert.Equal(5, new Point(1, 4).Sum());
        Assert.Equal(212, temperature.Fahrenheit());

        Assert.Equal(["Point.Sum", "Point.Sum", "Temperature.Fahrenheit"], spans.StoppedNames);
    }

    [Fact]
    public void NullConditionalOnNullMakesNoCallAndNoSpan()
    {
        using var spans = new SpanRecorder();
        var missing = Opaque<Calculator>(null);
        var present = Opaque(new Calculator());

        Assert.Null(missing?.Add(1, 2));
        Assert.Equal(3, present?.Add(1, 2));

        Assert.Equal(["Calculator.Add"], spans.StoppedNames);
    }

    [Fact]
    public void NullReceiverStillThrowsNullReferenceException()
    {
        using var spans = new SpanRecorder();
        Calculator missing = null!;

        Assert.Throws<NullReferenceException>(() => missing.Add(1, 2));
        Assert.Throws<NullReferenceException>(() => Opaque<IGreeter>(null)!.Greet("x"));

        // The method never ran: no span claims it did.
        Assert.Empty(spans.Started);
    }

    [Fact]
    public void NullReceiverOfAPrivateMethodStillThrowsNullReferenceException()
    {
        // Private methods are reached through an UnsafeAccessor, whose call does not null-check 'this' by itself.
        Assert.Throws<NullReferenceException>(() => Vault.HalveOn(null!, 4));
        using var spans = new SpanRecorder();

        Assert.Throws<NullReferenceException>(() => Vault.HalveOn(null!, 4));
        Assert.Equal(2, Vault.HalveOn(new Vault(), 4));

        Assert.Equal(["Vault.Halve"], spans.StoppedNames);
    }

    [Fact]
    public void OverloadsGetTheirOwnInterceptor()
    {
        using var spans = new SpanRecorder();
        var calculator = new Calculator();

        Assert.Equal("int:1", calculator.Describe(1));
        Assert.Equal("string:x", calculator.Describe("x"));
        Assert.Equal("double", calculator.Describe(1.5));

        Assert.Equal(["Calculator.Describe", "Calculator.Describe", "Calculator.Describe(double)"], spans.StoppedNames);
    }

    [Fact]
    public void RecursionNestsSpans()
    {
        using var spans = new SpanRecorder();

        Assert.Equal(6, Calculator.Factorial(3));

        var stopped = spans.Stopped;
        Assert.Equal(3, stopped.Count);
        Assert.All(stopped, span => Assert.Equal("Calculator.Factorial", span.DisplayName));

        // Innermost stops first.
        SpanAssert.IsChildOf(stopped[0], stopped[1]);
        SpanAssert.IsChildOf(stopped[1], stopped[2]);
        Assert.Null(stopped[2].Parent);
    }

    [Fact]
    public void NestedCallsNestSpansUnderTheCallersActivity()
    {
        using var spans = new SpanRecorder();
        using var parent = SpanRecorder.StartParent();
        var calculator = new Calculator();

        Assert.Equal(42, calculator.Outer());

        Assert.Same(parent, Activity.Current);
        var outer = spans.Single("Calculator.Outer");
        var inner = spans.Single("Calculator.Inner");
        SpanAssert.IsChildOf(outer, parent);
        SpanAssert.IsChildOf(inner, outer);
    }

    [Fact]
    public void InterfaceCallDispatchesToTheImplementation()
    {
        using var spans = new SpanRecorder();
        var greeter = Opaque<IGreeter>(new EnglishGreeter())!;

        Assert.Equal("Hello Ada", greeter.Greet("Ada"));

        SpanAssert.Succeeded(spans.Single("IGreeter.Greet"));
    }

    [Fact]
    public void AbstractAndVirtualCallsDispatchToTheOverride()
    {
        using var spans = new SpanRecorder();
        Shape shape = new Square(3);

        Assert.Equal(9, shape.Area());
        Assert.Equal("square of shape", shape.Describe());

        // base.Describe() inside the override is not wrapped: one span per wrapped call.
        Assert.Equal(["Shape.Area", "Shape.Describe"], spans.StoppedNames);
    }

    [Fact]
    public void PrivateAndProtectedMethodsCalledFromInsideTheirClass()
    {
        using var spans = new SpanRecorder();
        var vault = new Vault();

        Assert.Equal(12, vault.Open(2));
        Assert.Equal(21, Vault.OpenStatic(3));
        Assert.Equal(6, new Template().Run());
        Assert.Equal(10, new DerivedTemplate().RunFromDerived());

        Assert.Equal(["Vault.Unlock", "Vault.Hash", "Template.Step", "Template.Step"], spans.StoppedNames);
    }

    [Fact]
    public async Task PrivateMethodsOfEveryShapeThroughUnsafeAccessor()
    {
        using var spans = new SpanRecorder();
        var shapes = new PrivateShapes();

        Assert.Equal((true, 2, "took 2"), shapes.Take(1));
        Assert.Equal(9, await shapes.LaterAsync(7));
        Assert.Equal([2, 7], shapes.Drain());
        shapes.FirstSlot() = 20;

        Assert.Equal([20, 7], shapes.Log);
        Assert.Equal(["PrivateShapes.TryTake", "PrivateShapes.AddLaterAsync", "PrivateShapes.Replay", "PrivateShapes.Slot"], spans.StoppedNames);
        Assert.Equal("took 2", spans.Stopped[0].GetTagItem("app.text"));
        Assert.Equal(9, spans.Stopped[1].GetTagItem("app.result"));
    }

    [Fact]
    public void PrivateStructMethodMutatesTheReceiverInPlace()
    {
        using var spans = new SpanRecorder();
        var counter = default(PrivateCounter);

        Assert.Equal(2, counter.IncrementTwice());

        Assert.Equal(["PrivateCounter.Bump", "PrivateCounter.Bump"], spans.StoppedNames);
    }

    [Fact]
    public void NestedTypesRecordsAndPartialClasses()
    {
        using var spans = new SpanRecorder();
        var partial = new PartialService();

        Assert.Equal(3, new Outer.Nested().Value());
        Assert.Equal("deeper", Outer.Nested.DeeperStatic.Where());
        Assert.Equal(new Money(5, "EUR"), new Money(2, "EUR").Add(new Money(3, "EUR")));
        Assert.Equal("partial.first", partial.FromFirstPart());
        Assert.Equal("partial.second", partial.FromSecondPart());
        Assert.Equal("partial.declared.4", partial.Declared(4));

        Assert.Equal(
            ["Nested.Value", "DeeperStatic.Where", "Money.Add", "PartialService.FromFirstPart", "PartialService.FromSecondPart", "PartialService.Declared"],
            spans.StoppedNames);
    }

    [Fact]
    public void CallsInsideLocalFunctionsAndLambdasAreWrapped()
    {
        using var spans = new SpanRecorder();
        var calculator = new Calculator();
        int Local() => calculator.Add(1, 1);
        Func<int> lambda = () => calculator.Add(2, 2);

        Assert.Equal(2, Local());
        Assert.Equal(4, lambda());

        Assert.Equal(2, spans.Stopped.Count);
    }

    /// <summary>Hides a value from flow analysis, so that the call shape under test stays as written.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static T? Opaque<T>(T? value) => value;
}

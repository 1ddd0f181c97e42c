using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Linq.Expressions;
using System.Threading.Tasks;
using Instrumentation.IntegrationTests.Infrastructure;
using Instrumentation.IntegrationTests.Subjects;
using Xunit;

namespace Instrumentation.IntegrationTests;

[Collection(SerialTracing.Name)]
public sealed class MoreShapeTests
{
    [Fact]
    public void GenericInterfaceMethodAndDefaultInterfaceMethod()
    {
        using var spans = new SpanRecorder();
        IStore memory = new MemoryStore();
        IStore described = new DescribedStore();

        Assert.Equal("alpha", memory.Find<string>("a"));
        Assert.Equal("store", memory.Describe());
        Assert.Equal("described", described.Describe());
        var caught = Assert.Throws<KeyNotFoundException>(() => described.Find<string>("b"));

        Assert.Equal(["IStore.Find", "IStore.Describe", "IStore.Describe", "IStore.Find"], spans.StoppedNames);
        SpanAssert.Failed(spans.Stopped[3], caught, "DescribedStore.Find");
    }

    [Fact]
    public void CallerInfoArgumentsDescribeTheOriginalCallSite()
    {
        using var spans = new SpanRecorder();
        var text = "hello";

        var where = CallerInfo.Where(text.ToUpperInvariant());

        var parts = where.Split('|');
        Assert.Equal("HELLO", parts[0]);
        Assert.Equal(nameof(CallerInfoArgumentsDescribeTheOriginalCallSite), parts[1]);
        Assert.True(int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal("text.ToUpperInvariant()", parts[3]);
        Assert.Equal("HELLO", spans.Single().GetTagItem("app.message"));
    }

    [Fact]
    public void CallsInFieldInitializersConstructorsAndGettersAreWrapped()
    {
        using var spans = new SpanRecorder();

        var initialized = new Initialized();

        Assert.Equal(4, initialized.FromConstructor);
        Assert.Equal(8, initialized.FromGetter);
        Assert.Equal(3, spans.Stopped.Count);
    }

    [Fact]
    public async Task PooledValueTasksAreAwaitedOnceAndEndTheirSpan()
    {
        using var spans = new SpanRecorder();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(2 * i, await Pooled.TwiceLaterAsync(i));
            await Pooled.YieldAsync();
        }

        Assert.Equal(6, spans.Stopped.Count);
        Assert.All(spans.Stopped, SpanAssert.Succeeded);
    }

    [Fact]
    public void IteratorOfAGenericType()
    {
        using var spans = new SpanRecorder();
        var catalog = new Catalog<string>("a", "b");

        Assert.Equal(["a", "b"], catalog.All().ToList());

        SpanAssert.Succeeded(spans.Single("Catalog.All"));
    }

    [Fact]
    public void NullConditionalOnANullableStructCallsACopy()
    {
        using var spans = new SpanRecorder();
        var present = Maybe(new Counter { Count = 1 });
        var missing = Maybe(null);

        present?.Increment();
        missing?.Increment();

        Assert.Equal(1, present.GetValueOrDefault().Count);
        Assert.Equal(["Counter.Increment"], spans.StoppedNames);
    }

    [Fact]
    public void ExceptionRestoresTheCallersCurrentActivity()
    {
        using var spans = new SpanRecorder();
        using var parent = SpanRecorder.StartParent();

        Assert.Throws<InvalidOperationException>(() => Failing.ThrowNew("x"));
        Assert.Same(parent, Activity.Current);
        Assert.Throws<InvalidOperationException>(() => { _ = Failing.ThrowBeforeReturningTask(new InvalidOperationException("y")); });
        Assert.Same(parent, Activity.Current);

        Assert.All(spans.Stopped, span => SpanAssert.IsChildOf(span, parent));
    }

    [Fact]
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "'dynamic' on purpose: such calls cannot be intercepted.")]
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("AOT", "IL3050", Justification = "'dynamic' on purpose: such calls cannot be intercepted.")]
    public void DynamicCallsAndExpressionTreesProduceNoSpan()
    {
        using var spans = new SpanRecorder();
        dynamic calculator = new Calculator();
        Expression<Func<int>> expression = () => Calculator.Multiply(2, 3);

        int viaDynamic = calculator.Add(1, 2);
        var viaExpression = expression.Compile()();

        Assert.Equal(3, viaDynamic);
        Assert.Equal(6, viaExpression);
        Assert.Empty(spans.Started);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static Counter? Maybe(Counter? counter) => counter;
}

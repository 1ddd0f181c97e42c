using System;
using System.Linq;
using Instrumentation.IntegrationTests.Infrastructure;
using Instrumentation.IntegrationTests.Subjects;
using Xunit;

namespace Instrumentation.IntegrationTests;

/// <summary>Calls that cannot be intercepted behave exactly as before and produce no span (design.md §2.8).</summary>
[Collection(SerialTracing.Name)]
public sealed class UnwrappedCallTests
{
    [Fact]
    public void MethodGroupConvertedToADelegateProducesNoSpan()
    {
        using var spans = new SpanRecorder();
        Func<int, int> triple = Unwrappable.Triple;

        Assert.Equal(9, triple(3));
        int[] values = [1, 2];
        Assert.Equal([3, 6], values.Select(Unwrappable.Triple));

        Assert.Empty(spans.Started);
    }

    [Fact]
    public void BaseCallProducesNoSpan()
    {
        using var spans = new SpanRecorder();
        Shape shape = new Square(2);

        // The call through Shape is wrapped (one span); the override calls base.Describe(), which cannot be wrapped
        // (it must stay a non-virtual call) and still reaches Shape.Describe.
        Assert.Equal("square of shape", shape.Describe());

        Assert.Equal(["Shape.Describe"], spans.StoppedNames);
        Assert.Single(spans.Started);
    }

    [Fact]
    public void DirectCallNextToADelegateIsStillWrapped()
    {
        using var spans = new SpanRecorder();
        Func<int, int> triple = Unwrappable.Triple;

        Assert.Equal(triple(2), Unwrappable.Triple(2));

        Assert.Equal(["Unwrappable.Triple"], spans.StoppedNames);
    }
}

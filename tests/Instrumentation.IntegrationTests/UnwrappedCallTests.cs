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
        var square = new Square(2);

        // Square.Describe is not [Traced] itself and calls base.Describe(), which cannot be wrapped.
        Assert.Equal("square of shape", square.Describe());

        Assert.Equal(["Shape.Describe"], spans.StoppedNames);
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

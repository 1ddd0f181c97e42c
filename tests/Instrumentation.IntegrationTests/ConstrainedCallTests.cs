using Instrumentation.IntegrationTests.Infrastructure;
using Instrumentation.IntegrationTests.Subjects;
using Xunit;

namespace Instrumentation.IntegrationTests;

/// <summary>
/// Interface calls on a receiver typed by a type parameter are constrained calls: for a struct they act on the variable
/// itself. Such calls cannot be wrapped without boxing a copy, so they stay unwrapped (no span) and keep their meaning.
/// </summary>
[Collection(SerialTracing.Name)]
public sealed class ConstrainedCallTests
{
    [Fact]
    public void StructReceiverOfATypeParameterIsMutatedInPlace()
    {
        using var spans = new SpanRecorder();
        var tally = default(StructTally);

        Assert.Equal(2, Constrained.BumpTwice(ref tally));
        Assert.Equal(2, tally.Count);
        Assert.Equal(5, Constrained.BumpThrice(tally));
        Assert.Equal(2, tally.Count);
        Assert.Equal(3, Constrained.BumpIfPresent(tally));

        Assert.Empty(spans.Started);
    }

    [Fact]
    public void ClassReceiverOfAnUnconstrainedTypeParameterBehavesAsBefore()
    {
        using var spans = new SpanRecorder();
        var tally = new ClassTally();

        Assert.Equal(2, Constrained.BumpTwice(ref tally));
        Assert.Equal(5, Constrained.BumpThrice(tally));
        Assert.Equal(-1, Constrained.BumpIfPresent<ClassTally>(null));

        Assert.Equal(5, tally.Count);
        Assert.Empty(spans.Started);
    }

    [Fact]
    public void ReceiverOfAReferenceTypeConstrainedTypeParameterIsWrapped()
    {
        using var spans = new SpanRecorder();
        var tally = new ClassTally();

        Assert.Equal(1, Constrained.BumpReference(tally));

        Assert.Equal(["ITally.Bump"], spans.StoppedNames);
    }
}

using System.Diagnostics;
using System.Threading.Tasks;
using Instrumentation.IntegrationTests.Infrastructure;
using Instrumentation.IntegrationTests.Subjects;
using Xunit;
using static Instrumentation.IntegrationTests.Subjects.StaticUtilities;

namespace Instrumentation.IntegrationTests;

[Collection(SerialTracing.Name)]
public sealed class ArgumentAndOverloadTests
{
    [Fact]
    public void TracedCallsInArgumentsRunBeforeTheOuterSpanStarts()
    {
        using var spans = new SpanRecorder();
        using var parent = SpanRecorder.StartParent();
        var calculator = new Calculator();

        Assert.Equal(42, calculator.Add(calculator.Inner(), Calculator.Multiply(1, 1)));

        // Arguments are evaluated before the call, as without tracing: their spans are siblings, not children.
        Assert.Equal(["Calculator.Inner", "Calculator.Multiply", "Calculator.Add"], spans.StoppedNames);
        Assert.All(spans.Stopped, span => SpanAssert.IsChildOf(span, parent));
    }

    [Fact]
    public void ChainedCalls()
    {
        using var spans = new SpanRecorder();
        var euro = new Money(1, "EUR");

        Assert.Equal(new Money(3, "EUR"), euro.Add(euro).Add(euro));

        Assert.Equal(["Money.Add", "Money.Add"], spans.StoppedNames);
    }

    [Fact]
    public void UsingStaticCall()
    {
        using var spans = new SpanRecorder();

        Assert.Equal(10, Twice(5));

        Assert.Equal(["StaticUtilities.Twice"], spans.StoppedNames);
    }

    [Fact]
    public void NullConditionalExtensionCallOnNullMakesNoCall()
    {
        using var spans = new SpanRecorder();
        var missing = Opaque(null);
        var present = Opaque("hi");

        Assert.Null(missing?.Shout());
        Assert.Equal("HI!", present?.Shout());

        Assert.Equal(["TextExtensions.Shout"], spans.StoppedNames);
    }

    [Fact]
    public void GenericConstraintsBetweenTypeParametersAndNullableAnnotations()
    {
        using var spans = new SpanRecorder();

        Assert.Equal("s", Conversions.Widen<string, object>("s", s => s));
        Assert.Null(Conversions.OrNull<string>(null));
        Assert.Equal("x", Conversions.OrNull("x"));
        Assert.Equal([1, 2], Conversions.Pair(1, 2));

        Assert.Equal(4, spans.Stopped.Count);
    }

    [Fact]
    public async Task NullableTaggedValuesAreLeftOutWhenNull()
    {
        using var spans = new SpanRecorder();

        Assert.Null(await Conversions.FindAsync(null));
        Assert.Equal("found", await Conversions.FindAsync(3));

        var first = spans.Stopped[0];
        Assert.Null(first.GetTagItem("app.key"));
        Assert.Null(first.GetTagItem("app.found"));
        var second = spans.Stopped[1];
        Assert.Equal(3, second.GetTagItem("app.key"));
        Assert.Equal("found", second.GetTagItem("app.found"));
    }

    [Fact]
    public void GenericAndNonGenericOverloads()
    {
        using var spans = new SpanRecorder();

        Assert.Equal("int:1", Conversions.Pick(1));
        Assert.Equal("generic:x", Conversions.Pick("x"));
        Assert.Equal("generic:2", Conversions.Pick<long>(2));

        Assert.Equal(3, spans.Stopped.Count);
    }

    [Fact]
    public void GenericAndNonGenericTypesWithTheSameName()
    {
        using var spans = new SpanRecorder();

        Assert.Equal("v", new Box<string>("v").Get());
        Assert.Equal(1, new Box().Get());

        Assert.Equal(["Box.Get", "Box.Get"], spans.StoppedNames);
    }

    [Fact]
    public void TracedOnThePartialMethodImplementation()
    {
        using var spans = new SpanRecorder();

        Assert.Equal("partial.x", new PartialService().TracedOnImplementation("x"));

        Assert.Equal(["PartialService.TracedOnImplementation"], spans.StoppedNames);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static string? Opaque(string? value) => value;
}

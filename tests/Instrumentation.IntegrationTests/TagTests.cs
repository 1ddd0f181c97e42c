using System;
using System.Diagnostics;
using System.Threading.Tasks;
using Instrumentation.IntegrationTests.Infrastructure;
using Instrumentation.IntegrationTests.Subjects;
using Xunit;

namespace Instrumentation.IntegrationTests;

[Collection(SerialTracing.Name)]
public sealed class TagTests
{
    [Fact]
    public void TaggedParametersAndReturnValueAreRecordedAndOthersAreNot()
    {
        using var spans = new SpanRecorder();

        Assert.Equal(13, Tagged.Scale(5, "abc"));

        var tags = SpanAssert.Tags(spans.Single("Tagged.Scale"));
        Assert.Equal(2, tags.Count);
        Assert.Equal(5, tags["app.input"]);
        Assert.Equal(13, tags["app.result"]);
    }

    [Fact]
    public void OutParametersAreRecordedAfterTheCall()
    {
        using var spans = new SpanRecorder();

        Tagged.Split("hello", out var head, out var length);

        Assert.Equal("h", head);
        Assert.Equal(5, length);
        var tags = SpanAssert.Tags(spans.Single("Tagged.Split"));
        Assert.Equal("hello", tags["app.text"]);
        Assert.Equal("h", tags["app.head"]);
        Assert.Equal(5, tags["app.length"]);
    }

    [Fact]
    public void OutParameterOfABoolTryMethodIsRecorded()
    {
        using var spans = new SpanRecorder();

        Assert.True(RefShapes.TryDouble("21", out var doubled));

        Assert.Equal(42, doubled);
        Assert.Equal(42, spans.Single("RefShapes.TryDouble").GetTagItem("app.doubled"));
    }

    [Fact]
    public async Task TaskResultIsRecordedWhenTheTaskCompletes()
    {
        using var spans = new SpanRecorder();

        var result = await Tagged.ComputeAsync("hi");

        Assert.Equal("hi!", result);
        var tags = SpanAssert.Tags(spans.Single("Tagged.ComputeAsync"));
        Assert.Equal("hi", tags["app.input"]);
        Assert.Equal("hi!", tags["app.result"]);
    }

    [Fact]
    public async Task ValueTaskResultIsRecorded()
    {
        using var spans = new SpanRecorder();

        Assert.Equal(2, await Tagged.ComputeValueTask(1));
        Assert.Equal(3, await Tagged.ComputeValueTaskAsync(1));

        Assert.Equal(2, spans.Single("Tagged.ComputeValueTask").GetTagItem("app.result"));
        Assert.Equal(1, spans.Single("Tagged.ComputeValueTask").GetTagItem("app.input"));
        Assert.Equal(3, spans.Single("Tagged.ComputeValueTaskAsync").GetTagItem("app.result"));
    }

    [Fact]
    public async Task PropagationOnlySpansGetNoTags()
    {
        using var spans = new SpanRecorder(ActivitySamplingResult.PropagationData);

        Assert.Equal(13, Tagged.Scale(5, "abc"));
        Tagged.Split("hello", out _, out _);
        Assert.Equal("hi!", await Tagged.ComputeAsync("hi"));
        Assert.Equal(2, await Tagged.ComputeValueTask(1));
        Assert.Equal(3, await Tagged.ComputeValueTaskAsync(1));
        Assert.Throws<InvalidOperationException>(() => Tagged.Fail(1));

        Assert.Equal(6, spans.Stopped.Count);
        Assert.Equal(ActivityStatusCode.Error, spans.Single("Tagged.Fail").Status);
        foreach (var span in spans.Stopped)
        {
            Assert.False(span.IsAllDataRequested);
            Assert.Empty(span.TagObjects);
            Assert.Empty(span.Events);
        }
    }

    [Fact]
    public async Task SampledOutCallsRunUnchangedWithoutSpans()
    {
        using var spans = new SpanRecorder(ActivitySamplingResult.None);
        var thrown = new InvalidOperationException("still thrown");

        Assert.Equal(13, Tagged.Scale(5, "abc"));
        Assert.Equal("hi!", await Tagged.ComputeAsync("hi"));
        Assert.Same(Asynchronous.CachedResult, Asynchronous.Cached());
        Assert.Same(thrown, Assert.Throws<InvalidOperationException>(() => Failing.ThrowGiven(thrown)));
        Assert.Equal([1], Catalog());

        Assert.Empty(spans.Started);
        Assert.Null(Activity.Current);
    }

    private static System.Collections.Generic.List<int> Catalog() => [.. new Catalog<int>(1).All()];

    [Fact]
    public void TagsOfAFailedCallAreRecordedWithTheError()
    {
        using var spans = new SpanRecorder();

        var exception = Assert.Throws<InvalidOperationException>(() => Tagged.Fail(7));

        var span = spans.Single("Tagged.Fail");
        Assert.Equal(7, span.GetTagItem("app.input"));
        SpanAssert.Failed(span, exception, "Tagged.Fail");
    }
}

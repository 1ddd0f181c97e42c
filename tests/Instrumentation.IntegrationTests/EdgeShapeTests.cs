using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Instrumentation.IntegrationTests.Infrastructure;
using Instrumentation.IntegrationTests.Subjects;
using Xunit;

namespace Instrumentation.IntegrationTests;

/// <summary>Call shapes where a wrapper could most easily change the meaning of the call.</summary>
[Collection(SerialTracing.Name)]
public sealed class EdgeShapeTests
{
    [Fact]
    public void MutatingCallOnAReadonlyFieldMutatesACopyAsBefore()
    {
        using var spans = new SpanRecorder();
        var holder = new ReadonlyFieldHolder();

        Assert.Equal(0, holder.IncrementReadonlyField());
        Assert.Equal(0, holder.IncrementReadonlyField());
        Assert.Equal(1, holder.IncrementField());
        Assert.Equal(2, holder.IncrementField());

        Assert.Equal(4, spans.Stopped.Count);
    }

    [Fact]
    public void MutatingCallOnAnInParameterMutatesACopyAsBefore()
    {
        using var spans = new SpanRecorder();
        var counter = new Counter { Count = 3 };

        Assert.Equal(3, ReadonlyFieldHolder.IncrementIn(in counter));

        Assert.Equal(3, counter.Count);
        Assert.Single(spans.Stopped);
    }

    [Fact]
    public void MutatingCallOnATemporaryWorksOnTheTemporary()
    {
        using var spans = new SpanRecorder();

        Assert.Equal(6, ReadonlyFieldHolder.IncrementTemporary());

        Assert.Equal(["Counter.PeekAfterIncrement"], spans.StoppedNames);
    }

    [Fact]
    public void GenericStructReceiverIsMutatedInPlace()
    {
        using var spans = new SpanRecorder();
        var box = default(MutableBox<Guid>);
        var value = Guid.NewGuid();

        box.Set(value);
        box.Set(value);

        Assert.Equal(value, box.Value);
        Assert.Equal(2, box.Sets);
        Assert.Equal(["MutableBox.Set", "MutableBox.Set"], spans.StoppedNames);
    }

    [Fact]
    public void StaticMethodOfAGenericStaticClass()
    {
        using var spans = new SpanRecorder();

        Assert.Equal("k1", GenericCache<int>.GetOrAdd(1, k => "k" + k));
        Assert.Equal("k1", GenericCache<int>.GetOrAdd(1, _ => "other"));
        Assert.Equal("x", GenericCache<string>.GetOrAdd("x", k => k));

        Assert.Equal(["GenericCache.GetOrAdd", "GenericCache.GetOrAdd", "GenericCache.GetOrAdd"], spans.StoppedNames);
    }

    [Fact]
    public void GenericExtensionOnAGenericType()
    {
        using var spans = new SpanRecorder();
        List<string> names = ["a", "b"];
        List<int> empty = [];

        Assert.Equal("b", names.SecondOrDefault());
        Assert.Equal(0, empty.SecondOrDefault());
        Assert.Equal("b", ListExtensions.SecondOrDefault(names));

        Assert.Equal(3, spans.Stopped.Count);
    }

    [Fact]
    public void GenericMethodCalledWithAnAnonymousTypeAndFromAGenericContext()
    {
        using var spans = new SpanRecorder();
        var anonymous = new { Name = "x" };

        Assert.Same(anonymous, Identity.Of(anonymous));
        Assert.Equal(5, Wrap(5));
        Assert.Equal("s", Wrap("s"));

        Assert.Equal(["Identity.Of", "Identity.Of", "Identity.Of"], spans.StoppedNames);

        static T Wrap<T>(T value) => Identity.Of(value);
    }

    [Fact]
    public void RefStructParametersAndReturns()
    {
        using var spans = new SpanRecorder();
        int[] values = [1, 2, 3];

        Assert.Equal(6, Spans.Sum(1, 2, 3));
        Assert.Equal(0, Spans.Sum());
        var tail = Spans.Tail(values);
        tail[0] = 20;
        Assert.Equal(3, Spans.Length("abc"));

        Assert.Equal([1, 20, 3], values);
        Assert.Equal(["Spans.Sum", "Spans.Sum", "Spans.Tail", "Spans.Length"], spans.StoppedNames);
    }

    [Fact]
    public void RefStructReceiverIsMutatedInPlace()
    {
        using var spans = new SpanRecorder();
        var cursor = default(Cursor);

        Assert.Equal(1, cursor.Advance());
        Assert.Equal(2, cursor.Advance());

        Assert.Equal(["Cursor.Advance", "Cursor.Advance"], spans.StoppedNames);
    }

    [Fact]
    public void ExtensionOnARefStruct()
    {
        using var spans = new SpanRecorder();

        Assert.Equal(2, "abba".AsSpan().CountB());

        SpanAssert.Succeeded(spans.Single("SpanExtensions.CountB"));
    }

    [Fact]
    public void ParametersNamedLikeTheInterceptorsLocals()
    {
        using var spans = new SpanRecorder();

        Assert.Equal("e1ax", Keywords.Describe("e", 1, "a", "x"));

        Assert.Single(spans.Stopped);
    }

    [Fact]
    public void OverloadsThatDifferByRefKind()
    {
        using var spans = new SpanRecorder();
        var value = 1;

        Assert.Equal(1, Overloaded.Take(value));
        Assert.Equal(2, Overloaded.Take(ref value));

        Assert.Equal(2, value);
        Assert.Equal(2, spans.Stopped.Count);
    }

    [Fact]
    public async Task PendingTaskEndsTheSpanOnlyWhenItCompletes()
    {
        using var spans = new SpanRecorder();
        var source = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);

        var task = AsyncEdges.Pending(source);
        Assert.Single(spans.Started);
        Assert.Empty(spans.Stopped);

        source.SetResult(3);
        Assert.Equal(3, await task);

        // The caller resumes only after the span has ended, although this task runs its continuations asynchronously.
        SpanAssert.Succeeded(spans.Single("AsyncEdges.Pending"));
    }

    [Fact]
    public async Task OptionalCancellationTokenIsFilledAtTheCallSite()
    {
        using var spans = new SpanRecorder();

#pragma warning disable xUnit1051 // Leaving the optional token out is the call shape under test.
        Assert.Equal(4, await AsyncEdges.WithToken(4));
#pragma warning restore xUnit1051
        Assert.Equal(5, await AsyncEdges.WithToken(5, TestContext.Current.CancellationToken));

        Assert.Equal(2, spans.Stopped.Count);
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Instrumentation.IntegrationTests.Infrastructure;
using Instrumentation.IntegrationTests.Subjects;
using Xunit;

namespace Instrumentation.IntegrationTests;

[Collection(SerialTracing.Name)]
public sealed class IteratorTests
{
    [Fact]
    public void SpanCoversTheEnumerationOfAnIterator()
    {
        using var spans = new SpanRecorder();
        using var parent = SpanRecorder.StartParent();
        var currentInside = new List<string?>();

        var sequence = Iterators.Range(3, currentInside);
        Assert.Empty(spans.Started);

        using (var enumerator = sequence.GetEnumerator())
        {
            Assert.Single(spans.Started);
            Assert.True(enumerator.MoveNext());
            Assert.Same(parent, Activity.Current);
            Assert.Empty(spans.Stopped);
            Assert.True(enumerator.MoveNext());
            Assert.True(enumerator.MoveNext());
            Assert.False(enumerator.MoveNext());
        }

        Assert.Same(parent, Activity.Current);
        Assert.Equal(["Iterators.Range", "Iterators.Range", "Iterators.Range"], currentInside);
        var span = spans.Single("Iterators.Range");
        SpanAssert.Succeeded(span);
        SpanAssert.IsChildOf(span, parent);
        Assert.Equal(3, span.GetTagItem("app.count"));
    }

    [Fact]
    public void SpanOfAnEnumeratorIteratorStartsAtItsFirstMoveNextAndEndsWithTheEnumeration()
    {
        using var spans = new SpanRecorder();
        using var parent = SpanRecorder.StartParent();
        var currentInside = new List<string?>();

        using (var enumerator = Iterators.Count(2, currentInside))
        {
            // Calling the method runs none of its code: no span yet.
            Assert.Empty(spans.Started);
            Assert.True(enumerator.MoveNext());
            Assert.Single(spans.Started);
            Assert.Same(parent, Activity.Current);
            Assert.Equal(0, enumerator.Current);
            Assert.True(enumerator.MoveNext());
            Assert.Equal(1, enumerator.Current);
            Assert.Empty(spans.Stopped);
            Assert.False(enumerator.MoveNext());
            Assert.Single(spans.Stopped);
        }

        Assert.Same(parent, Activity.Current);
        Assert.Equal(["Iterators.Count", "Iterators.Count"], currentInside);
        var span = spans.Single("Iterators.Count");
        SpanAssert.Succeeded(span);
        SpanAssert.IsChildOf(span, parent);
        Assert.Equal(2, span.GetTagItem("app.count"));
    }

    [Fact]
    public void EnumeratorIteratorDisposedEarlyEndsItsSpanAndOneNeverMovedRecordsNone()
    {
        using var spans = new SpanRecorder();

        using (var enumerator = Iterators.Count(5, []))
        {
            Assert.True(enumerator.MoveNext());
        }

        Assert.Single(spans.Stopped);
        SpanAssert.Succeeded(spans.Stopped[0]);

        Iterators.Count(5, []).Dispose();
        Assert.Single(spans.Started);
    }

    [Fact]
    public void ExceptionInAnEnumeratorIteratorIsRecordedAndPropagates()
    {
        using var spans = new SpanRecorder();
        var thrown = new InvalidOperationException("enumeration failed");
        using var enumerator = Iterators.CountThenFail(thrown);

        Assert.True(enumerator.MoveNext());
        Assert.Same(thrown, Assert.Throws<InvalidOperationException>(() => enumerator.MoveNext()));

        SpanAssert.Failed(spans.Single("Iterators.CountThenFail"), thrown);
    }

    [Fact]
    public void ItemsAreProducedAsWritten()
    {
        using var spans = new SpanRecorder();

        Assert.Equal([0, 1, 2, 3], Iterators.Range(4, []).ToList());
        Assert.Equal([0, 1], Iterators.Range(4, []).Take(2).ToList());

        Assert.Equal(2, spans.Stopped.Count);
        Assert.All(spans.Stopped, SpanAssert.Succeeded);
    }

    [Fact]
    public void EachEnumerationHasItsOwnSpan()
    {
        using var spans = new SpanRecorder();
        var sequence = Iterators.Range(2, []);

#pragma warning disable CA1851 // Enumerating twice is the point of this test.
        Assert.Equal(1, sequence.Sum());
        Assert.Equal(1, sequence.Sum());
#pragma warning restore CA1851

        Assert.Equal(2, spans.Stopped.Count);
    }

    [Fact]
    public void ExceptionDuringEnumerationIsRecordedAndPropagates()
    {
        using var spans = new SpanRecorder();
        var thrown = new InvalidOperationException("enumeration failed");
        var produced = new List<int>();

        var caught = Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var item in Iterators.FailAfterOne(thrown))
            {
                produced.Add(item);
            }
        });

        Assert.Same(thrown, caught);
        Assert.Equal([1], produced);
        SpanAssert.Failed(spans.Single("Iterators.FailAfterOne"), thrown, "Iterators.FailAfterOne");
    }

    [Fact]
    public async Task SpanCoversTheEnumerationOfAnAsyncIterator()
    {
        using var spans = new SpanRecorder();
        using var parent = SpanRecorder.StartParent();
        var currentInside = new List<string?>();
        var produced = new List<int>();

        var sequence = Iterators.RangeAsync(3, currentInside, TestContext.Current.CancellationToken);
        Assert.Empty(spans.Started);
        await foreach (var item in sequence)
        {
            produced.Add(item);
            Assert.Same(parent, Activity.Current);
            Assert.Empty(spans.Stopped);
        }

        Assert.Same(parent, Activity.Current);
        Assert.Equal([0, 1, 2], produced);
        Assert.Equal(["Iterators.RangeAsync", "Iterators.RangeAsync", "Iterators.RangeAsync"], currentInside);
        var span = spans.Single("Iterators.RangeAsync");
        SpanAssert.Succeeded(span);
        SpanAssert.IsChildOf(span, parent);
    }

    [Fact]
    public async Task ExceptionDuringAsyncEnumerationIsRecordedAndPropagates()
    {
        using var spans = new SpanRecorder();
        var thrown = new InvalidOperationException("async enumeration failed");
        var produced = new List<int>();

        var caught = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var item in Iterators.FailAfterOneAsync(thrown))
            {
                produced.Add(item);
            }
        });

        Assert.Same(thrown, caught);
        Assert.Equal([1], produced);
        SpanAssert.Failed(spans.Single("Iterators.FailAfterOneAsync"), thrown, "Iterators.FailAfterOneAsync");
    }

    [Fact]
    public async Task CancellingAnAsyncEnumerationThroughWithCancellationIsNotAnError()
    {
        using var spans = new SpanRecorder();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var item in Iterators.RangeAsync(10, [], CancellationToken.None).WithCancellation(cancellation.Token))
            {
                if (item == 1)
                {
                    await cancellation.CancelAsync();
                }
            }
        });

        var span = spans.Single("Iterators.RangeAsync");
        Assert.True(span.IsStopped);
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Null(span.GetTagItem("error.type"));
    }

    [Fact]
    public async Task CancellingAnAsyncIteratorThroughItsOwnTokenParameterIsNotAnError()
    {
        using var spans = new SpanRecorder();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var item in Iterators.RangeAsync(10, [], cancellation.Token))
            {
                if (item == 1)
                {
                    await cancellation.CancelAsync();
                }
            }
        });

        var span = spans.Single("Iterators.RangeAsync");
        Assert.True(span.IsStopped);
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Null(span.GetTagItem("error.type"));
    }

    [Fact]
    public void CancellingAnIteratorThroughItsSecondTokenParameterIsNotAnError()
    {
        using var spans = new SpanRecorder();
        using var second = new CancellationTokenSource();

        Assert.Throws<OperationCanceledException>(() =>
        {
            foreach (var item in Iterators.UntilEither(CancellationToken.None, second.Token))
            {
                if (item == 1)
                {
                    second.Cancel();
                }
            }
        });

        var span = spans.Single("Iterators.UntilEither");
        Assert.True(span.IsStopped);
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Null(span.GetTagItem("error.type"));
    }

    [Fact]
    public async Task CancellingAnAsyncIteratorIsAnErrorWhenConfigured()
    {
        using var spans = new SpanRecorder();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var item in Iterators.RangeCancellationIsErrorAsync(10, cancellation.Token))
            {
                if (item == 1)
                {
                    await cancellation.CancelAsync();
                }
            }
        });

        var span = spans.Single("Iterators.RangeCancellationIsErrorAsync");
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(typeof(OperationCanceledException).FullName, span.GetTagItem("error.type"));
    }

    [Fact]
    public void CancellingAnIteratorThroughItsOwnTokenParameterIsNotAnError()
    {
        using var spans = new SpanRecorder();
        using var cancellation = new CancellationTokenSource();

        Assert.Throws<OperationCanceledException>(() =>
        {
            foreach (var item in Iterators.Until(cancellation.Token))
            {
                if (item == 2)
                {
                    cancellation.Cancel();
                }
            }
        });

        var span = spans.Single("Iterators.Until");
        Assert.True(span.IsStopped);
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Null(span.GetTagItem("error.type"));
    }

    [Fact]
    public async Task AbandonedAsyncEnumerationEndsTheSpanWhenDisposed()
    {
        using var spans = new SpanRecorder();

        await foreach (var item in Iterators.RangeAsync(5, [], TestContext.Current.CancellationToken))
        {
            if (item == 1)
            {
                break;
            }
        }

        SpanAssert.Succeeded(spans.Single("Iterators.RangeAsync"));
    }

    [Fact]
    public void AbandonedEnumerationEndsTheSpanWhenDisposed()
    {
        using var spans = new SpanRecorder();

        foreach (var item in Iterators.Range(5, []))
        {
            if (item == 1)
            {
                break;
            }
        }

        SpanAssert.Succeeded(spans.Single("Iterators.Range"));
    }

    [Fact]
    public void ASequenceMadeWhileNobodyListensIsTheMethodsOwnAndRecordsNothing()
    {
        var currentInside = new List<string?>();

        // No listener when the sequence is made: the method's own iterator, no wrapper (and no tag value boxed).
        var sequence = Iterators.Range(3, currentInside);
        Assert.DoesNotContain("Traced", sequence.GetType().Name, StringComparison.Ordinal);

        // A listener that starts listening afterwards sees no span for it: the choice is made when the sequence is made.
        using var spans = new SpanRecorder();
        Assert.Equal(3, sequence.Count());
        Assert.Empty(spans.Started);

        // A sequence made while someone listens is traced.
        Assert.Equal(3, Iterators.Range(3, currentInside).Count());
        Assert.Single(spans.Stopped);
    }
}

using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Instrumentation.IntegrationTests.Infrastructure;
using Instrumentation.IntegrationTests.Subjects;
using Xunit;

namespace Instrumentation.IntegrationTests;

[Collection(SerialTracing.Name)]
public sealed class ExceptionTests
{
    [Fact]
    public void TheOriginalExceptionPropagatesWithItsStackTraceAndIsRecorded()
    {
        using var spans = new SpanRecorder();
        var thrown = new InvalidOperationException("payment declined");

        var caught = Assert.Throws<InvalidOperationException>(() => Failing.ThrowGiven(thrown));

        Assert.Same(thrown, caught);
        Assert.Contains("Failing.ThrowGiven", caught.StackTrace, StringComparison.Ordinal);
        SpanAssert.Failed(spans.Single("Failing.ThrowGiven"), thrown, "Failing.ThrowGiven");
    }

    [Fact]
    public void ANewExceptionKeepsTheThrowingFrame()
    {
        using var spans = new SpanRecorder();

        var caught = Assert.Throws<InvalidOperationException>(() => Failing.ThrowNew("boom"));

        Assert.Equal("boom", caught.Message);
        Assert.StartsWith("   at Instrumentation.IntegrationTests.Subjects.Failing.ThrowNew", caught.StackTrace, StringComparison.Ordinal);
        var span = spans.Single("Failing.ThrowNew");
        SpanAssert.Failed(span, caught, "Failing.ThrowNew");
        Assert.Equal("System.InvalidOperationException", span.GetTagItem("error.type"));
    }

    [Fact]
    public void ExceptionEventCarriesTheSemanticConventionAttributes()
    {
        using var spans = new SpanRecorder();
        var thrown = new ArgumentException("bad argument", "name");

        Assert.Throws<ArgumentException>(() => Failing.ThrowGiven(thrown));

        var exceptionEvent = SpanAssert.ExceptionEvent(spans.Single());
        var tags = new System.Collections.Generic.Dictionary<string, object?>();
        foreach (var tag in exceptionEvent.Tags)
        {
            tags.Add(tag.Key, tag.Value);
        }

        Assert.Equal("System.ArgumentException", tags["exception.type"]);
        Assert.Equal(thrown.Message, tags["exception.message"]);
        Assert.Contains("Failing.ThrowGiven", (string)tags["exception.stacktrace"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void SynchronousThrowFromATaskReturningMethodPropagatesAndIsRecorded()
    {
        using var spans = new SpanRecorder();
        var thrown = new InvalidOperationException("thrown before any task exists");

        var caught = Assert.Throws<InvalidOperationException>(() => { _ = Failing.ThrowBeforeReturningTask(thrown); });

        Assert.Same(thrown, caught);
        Assert.Contains("Failing.ThrowBeforeReturningTask", caught.StackTrace, StringComparison.Ordinal);
        SpanAssert.Failed(spans.Single("Failing.ThrowBeforeReturningTask"), thrown);
        Assert.Null(Activity.Current);
    }

    [Fact]
    public async Task FaultedTaskIsRecordedAndAwaitingThrowsTheSameException()
    {
        using var spans = new SpanRecorder();
        var thrown = new InvalidOperationException("async failure");

        var caught = await Assert.ThrowsAsync<InvalidOperationException>(() => Failing.FaultAsync(thrown));

        Assert.Same(thrown, caught);
        Assert.Contains("Failing.FaultAsync", caught.StackTrace, StringComparison.Ordinal);
        SpanAssert.Failed(spans.Single("Failing.FaultAsync"), thrown, "Failing.FaultAsync");
    }

    [Fact]
    public async Task TaskReturnedAlreadyFaultedIsRecordedAndNotThrownAtTheCall()
    {
        using var spans = new SpanRecorder();
        var first = new InvalidOperationException("faulted before the first await");
        var second = new InvalidOperationException("value task faulted before the first await");

        var task = Failing.FaultBeforeAwaitAsync(first);
        var valueTask = Failing.FaultBeforeAwaitValueTaskAsync(second);

        Assert.True(task.IsFaulted);
        Assert.True(valueTask.IsFaulted);
        Assert.Same(first, await Assert.ThrowsAsync<InvalidOperationException>(() => task));
        Assert.Same(second, await Assert.ThrowsAsync<InvalidOperationException>(async () => await valueTask));
        SpanAssert.Failed(spans.Single("Failing.FaultBeforeAwaitAsync"), first, "Failing.FaultBeforeAwaitAsync");
        SpanAssert.Failed(spans.Single("Failing.FaultBeforeAwaitValueTaskAsync"), second, "Failing.FaultBeforeAwaitValueTaskAsync");
    }

    [Fact]
    public async Task FaultedTaskOfTIsRecorded()
    {
        using var spans = new SpanRecorder();
        var thrown = new TimeoutException("too slow");

        var caught = await Assert.ThrowsAsync<TimeoutException>(() => Failing.FaultOfTAsync(thrown));

        Assert.Same(thrown, caught);
        SpanAssert.Failed(spans.Single("Failing.FaultOfTAsync"), thrown, "Failing.FaultOfTAsync");
    }

    [Fact]
    public async Task FaultedValueTasksAreRecorded()
    {
        using var spans = new SpanRecorder();
        var first = new InvalidOperationException("value task failure");
        var second = new InvalidOperationException("value task of T failure");

        Assert.Same(first, await Assert.ThrowsAsync<InvalidOperationException>(async () => await Failing.FaultValueTaskAsync(first)));
        Assert.Same(second, await Assert.ThrowsAsync<InvalidOperationException>(async () => await Failing.FaultValueTaskOfTAsync(second)));

        SpanAssert.Failed(spans.Single("Failing.FaultValueTaskAsync"), first, "Failing.FaultValueTaskAsync");
        SpanAssert.Failed(spans.Single("Failing.FaultValueTaskOfTAsync"), second, "Failing.FaultValueTaskOfTAsync");
    }

    [Fact]
    public async Task CancellationRequestedThroughTheMethodsTokenIsNotAnError()
    {
        using var spans = new SpanRecorder();
        using var cancellation = new CancellationTokenSource();

        var task = Failing.WaitForCancellationAsync(cancellation.Token);
        Assert.Empty(spans.Stopped);
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);

        var span = spans.Single("Failing.WaitForCancellationAsync");
        Assert.True(span.IsStopped);
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Null(span.GetTagItem("error.type"));

        // The cancellation is still visible as an exception event (TracedAttribute.RecordCancellationAsError documents it).
        Assert.Single(span.Events, e => e.Name == "exception");
    }

    [Fact]
    public void SynchronousCancellationThroughTheMethodsTokenIsNotAnError()
    {
        using var spans = new SpanRecorder();
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.Throws<OperationCanceledException>(() => Failing.ThrowCanceledWhenRequested(cancellation.Token));

        var span = spans.Single("Failing.ThrowCanceledWhenRequested");
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Null(span.GetTagItem("error.type"));
    }

    [Fact]
    public async Task CancellationThroughAnyOfSeveralTokensIsNotAnError()
    {
        using var spans = new SpanRecorder();
        using var requestAborted = new CancellationTokenSource();
        using var stopping = new CancellationTokenSource();

        // The second token is cancelled: it used to be ignored (only the first token was consulted).
        var task = Failing.WaitForEitherCancellationAsync(requestAborted.Token, stopping.Token);
        await stopping.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        Assert.Throws<OperationCanceledException>(() => Failing.ThrowCanceledWhenEitherRequested(CancellationToken.None, cancelled.Token));

        foreach (var name in new[] { "Failing.WaitForEitherCancellationAsync", "Failing.ThrowCanceledWhenEitherRequested" })
        {
            var span = spans.Single(name);
            Assert.Equal(ActivityStatusCode.Unset, span.Status);
            Assert.Null(span.GetTagItem("error.type"));
            Assert.Single(span.Events, e => e.Name == "exception");
        }
    }

    [Fact]
    public async Task CancellationThroughNoneOfSeveralTokensIsAnError()
    {
        using var spans = new SpanRecorder();
        using var first = new CancellationTokenSource();
        using var second = new CancellationTokenSource();

        var caught = await Assert.ThrowsAsync<OperationCanceledException>(() => Failing.ThrowUnrelatedCancellationWithTokensAsync(first.Token, second.Token));

        SpanAssert.Failed(spans.Single("Failing.ThrowUnrelatedCancellationWithTokensAsync"), caught);
    }

    [Fact]
    public async Task CancellationIsAnErrorWhenConfigured()
    {
        using var spans = new SpanRecorder();
        using var cancellation = new CancellationTokenSource();

        var task = Failing.WaitForCancellationAsErrorAsync(cancellation.Token);
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);

        var span = spans.Single("Failing.WaitForCancellationAsErrorAsync");
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.NotNull(span.GetTagItem("error.type"));
        Assert.Single(span.Events, e => e.Name == "exception");
    }

    [Fact]
    public void CancellationNotRequestedByTheCallerIsAnError()
    {
        using var spans = new SpanRecorder();

        var caught = Assert.Throws<OperationCanceledException>(() => Failing.ThrowUnrelatedCancellation());

        SpanAssert.Failed(spans.Single("Failing.ThrowUnrelatedCancellation"), caught);
    }
}

using System;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Instrumentation.IntegrationTests.Subjects;

internal static class Failing
{
    // NoInlining keeps the throwing frame in the stack trace in Release builds as well.
    [Traced]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowGiven(Exception exception) => throw exception;

    [Traced]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int ThrowNew(string message) => throw new InvalidOperationException(message);

    [Traced]
    public static Task ThrowBeforeReturningTask(Exception exception) => throw exception;

    [Traced]
    public static async Task FaultAsync(Exception exception)
    {
        await Task.Yield();
        throw exception;
    }

    [Traced]
#pragma warning disable CS1998 // Throwing before any await is the shape under test: the task is returned already faulted.
    public static async Task FaultBeforeAwaitAsync(Exception exception) => throw exception;

    [Traced]
    public static async ValueTask<int> FaultBeforeAwaitValueTaskAsync(Exception exception) => throw exception;
#pragma warning restore CS1998

    [Traced]
    public static async Task<int> FaultOfTAsync(Exception exception)
    {
        await Task.Yield();
        throw exception;
    }

    [Traced]
    public static async ValueTask FaultValueTaskAsync(Exception exception)
    {
        await Task.Yield();
        throw exception;
    }

    [Traced]
    public static async ValueTask<int> FaultValueTaskOfTAsync(Exception exception)
    {
        await Task.Yield();
        throw exception;
    }

    [Traced]
    public static async Task WaitForCancellationAsync(CancellationToken cancellationToken) =>
        await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);

    [Traced(RecordCancellationAsError = true)]
    public static async Task WaitForCancellationAsErrorAsync(CancellationToken cancellationToken) =>
        await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);

    [Traced]
    public static void ThrowCanceledWhenRequested(CancellationToken cancellationToken) => cancellationToken.ThrowIfCancellationRequested();

    // Two tokens (a request's and a shutdown's): a cancellation through either is not an error.
    [Traced]
    public static async Task WaitForEitherCancellationAsync(CancellationToken requestAborted, CancellationToken stopping)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, stopping);
        await Task.Delay(Timeout.Infinite, linked.Token).ConfigureAwait(false);
    }

    [Traced]
    public static void ThrowCanceledWhenEitherRequested(CancellationToken first, CancellationToken second)
    {
        first.ThrowIfCancellationRequested();
        second.ThrowIfCancellationRequested();
    }

    [Traced]
    public static async Task ThrowUnrelatedCancellationWithTokensAsync(CancellationToken first, CancellationToken second)
    {
        await Task.Yield();
        throw new OperationCanceledException("unrelated");
    }

    // Not the method's own token: an unrelated cancellation is an error.
    [Traced]
    public static void ThrowUnrelatedCancellation() => throw new OperationCanceledException("unrelated");
}

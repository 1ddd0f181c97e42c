using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;

namespace Instrumentation.Benchmarks;

/// <summary>
/// The work every variant does: a trivial method in each benchmarked shape. The proxies wrap this interface.
/// Span names are <c>Calculator.MethodName</c> for every variant (what the generator names a [Traced] method of
/// <see cref="Calculator"/>).
/// </summary>
public interface ICalculator
{
    /// <summary>Sync shape.</summary>
    int Add(int value);

    /// <summary>A <see cref="Task{TResult}"/> that has already completed (<see cref="Task.FromResult{TResult}"/>).</summary>
    Task<int> AddCompletedAsync(int value);

    /// <summary>A truly asynchronous <see cref="Task{TResult}"/> (<c>await Task.Yield()</c> first).</summary>
    Task<int> AddYieldingAsync(int value);

    /// <summary>Exception shape: always throws <see cref="InvalidOperationException"/>.</summary>
    int Fail(int value);
}

/// <summary>
/// The plain implementation: called directly by <c>Raw</c>, wrapped by <c>HandWritten</c> and by both proxies.
/// Never inlined, so that every variant really makes the call it wraps.
/// </summary>
public sealed class Calculator : ICalculator
{
    /// <summary>The message of the exception thrown by <see cref="Fail"/>.</summary>
    public const string FailureMessage = "Calculator.Fail always fails.";

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int Add(int value) => value + 1;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public Task<int> AddCompletedAsync(int value) => Task.FromResult(value + 1);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public async Task<int> AddYieldingAsync(int value)
    {
        await Task.Yield();
        return value + 1;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int Fail(int value) => throw new InvalidOperationException(FailureMessage);
}

/// <summary>
/// The same bodies as <see cref="Calculator"/>, marked [Traced]: calls to them go through the generated interceptor.
/// A separate class because a [Traced] method is intercepted at every call site in this project, including the
/// <c>Raw</c> ones. The explicit names give the spans the same names as the other variants'.
/// </summary>
public sealed class TracedCalculator
{
    /// <summary>Sync shape.</summary>
    [Traced("Calculator.Add")]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int Add(int value) => value + 1;

    /// <summary>Completed task.</summary>
    [Traced("Calculator.AddCompletedAsync")]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public Task<int> AddCompletedAsync(int value) => Task.FromResult(value + 1);

    /// <summary>Truly asynchronous task.</summary>
    [Traced("Calculator.AddYieldingAsync")]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public async Task<int> AddYieldingAsync(int value)
    {
        await Task.Yield();
        return value + 1;
    }

    /// <summary>Exception shape.</summary>
    [Traced("Calculator.Fail")]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int Fail(int value) => throw new InvalidOperationException(Calculator.FailureMessage);
}

/// <summary>
/// The span code people write by hand around <see cref="Calculator"/>: <c>using var activity = StartActivity(...)</c>
/// and a try/catch that records the exception like the generated code (status Error, <c>exception</c> event,
/// <c>error.type</c>). Like the generated code it records in an exception filter, so the exception is not rethrown
/// (a <c>catch { ...; throw; }</c> would add a second exception dispatch to the exception shape).
/// Task methods are <c>async</c> with <c>await</c>, the usual way to keep the span open until the task completes.
/// </summary>
public sealed class HandWrittenCalculator(Calculator inner) : ICalculator
{
    /// <inheritdoc/>
    public int Add(int value)
    {
        using var activity = SpanWork.Source.StartActivity("Calculator.Add", ActivityKind.Internal);
        try
        {
            return inner.Add(value);
        }
        catch (Exception exception) when (activity is not null && SpanWork.RecordExceptionAndRethrow(activity, exception))
        {
            throw;
        }
    }

    /// <inheritdoc/>
    public async Task<int> AddCompletedAsync(int value)
    {
        using var activity = SpanWork.Source.StartActivity("Calculator.AddCompletedAsync", ActivityKind.Internal);
        try
        {
            return await inner.AddCompletedAsync(value).ConfigureAwait(false);
        }
        catch (Exception exception) when (activity is not null && SpanWork.RecordExceptionAndRethrow(activity, exception))
        {
            throw;
        }
    }

    /// <inheritdoc/>
    public async Task<int> AddYieldingAsync(int value)
    {
        using var activity = SpanWork.Source.StartActivity("Calculator.AddYieldingAsync", ActivityKind.Internal);
        try
        {
            return await inner.AddYieldingAsync(value).ConfigureAwait(false);
        }
        catch (Exception exception) when (activity is not null && SpanWork.RecordExceptionAndRethrow(activity, exception))
        {
            throw;
        }
    }

    /// <inheritdoc/>
    public int Fail(int value)
    {
        using var activity = SpanWork.Source.StartActivity("Calculator.Fail", ActivityKind.Internal);
        try
        {
            return inner.Fail(value);
        }
        catch (Exception exception) when (activity is not null && SpanWork.RecordExceptionAndRethrow(activity, exception))
        {
            throw;
        }
    }
}

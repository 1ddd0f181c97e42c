using System;
using System.Diagnostics;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Instrumentation.Benchmarks;

/// <summary>
/// The same span work around a trivial method (<c>value + 1</c>), five ways, in four shapes. Each shape is a category
/// whose baseline is <c>Raw</c>; the subclasses decide what listens (<see cref="ListenerMode"/>).
/// </summary>
/// <remarks>
/// Variants (the method name's suffix): <c>Raw</c> (no tracing), <c>HandWritten</c> (<see cref="HandWrittenCalculator"/>),
/// <c>Traced</c> (a [Traced] method: the generated interceptor), <c>CastleProxy</c> (<see cref="CastleTracingInterceptor"/>),
/// <c>DispatchProxy</c> (<see cref="TracingDispatchProxy"/>). Shapes (the category, and the method name's prefix):
/// <c>Sync</c>, <c>CompletedTask</c>, <c>YieldingTask</c>, <c>Exception</c> (the benchmark catches).
/// <see cref="FairnessCheck"/> runs in the global setup and fails the benchmark if the variants' spans differ.
/// </remarks>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public abstract class TracingBenchmarks
{
    /// <summary>The shapes (benchmark categories).</summary>
    public const string Sync = nameof(Sync);

    /// <summary>A <see cref="Task{TResult}"/> that has already completed.</summary>
    public const string CompletedTask = nameof(CompletedTask);

    /// <summary>A truly asynchronous <see cref="Task{TResult}"/> (<c>await Task.Yield()</c>).</summary>
    public const string YieldingTask = nameof(YieldingTask);

    /// <summary>A sync method that throws.</summary>
    public const string Exception = nameof(Exception);

    private readonly int _value = 20; // 21 is not a cached Task.FromResult result: every completed task is allocated.
    private readonly Calculator _raw = new();
    private readonly TracedCalculator _traced = new();
    private readonly HandWrittenCalculator _handWritten = new(new Calculator());
    private readonly ICalculator _castle = CastleTracingInterceptor.Wrap<ICalculator>(new Calculator());
    private readonly ICalculator _dispatch = TracingDispatchProxy.Wrap<ICalculator>(new Calculator());
    private ActivityListener? _listener;

    /// <summary>What listens to <see cref="SpanWork.SourceName"/> while the benchmarks run.</summary>
    public abstract ListenerMode Mode { get; }

    /// <summary>Checks that the variants do the same span work, then starts this class's listener.</summary>
    [GlobalSetup]
    public void Setup()
    {
        Console.WriteLine("// " + FairnessCheck.Run(this));
        _listener = Listeners.Start(Mode);
    }

    /// <summary>Stops the listener.</summary>
    [GlobalCleanup]
    public void Cleanup() => _listener?.Dispose();

    // ---- Sync: int Add(int) ----

    [Benchmark(Baseline = true), BenchmarkCategory(Sync)]
    public int Sync_Raw() => _raw.Add(_value);

    [Benchmark, BenchmarkCategory(Sync)]
    public int Sync_HandWritten() => _handWritten.Add(_value);

    [Benchmark, BenchmarkCategory(Sync)]
    public int Sync_Traced() => _traced.Add(_value);

    [Benchmark, BenchmarkCategory(Sync)]
    public int Sync_CastleProxy() => _castle.Add(_value);

    [Benchmark, BenchmarkCategory(Sync)]
    public int Sync_DispatchProxy() => _dispatch.Add(_value);

    // ---- CompletedTask: Task<int> AddCompletedAsync(int) => Task.FromResult(...) ----

    [Benchmark(Baseline = true), BenchmarkCategory(CompletedTask)]
    public Task<int> CompletedTask_Raw() => _raw.AddCompletedAsync(_value);

    [Benchmark, BenchmarkCategory(CompletedTask)]
    public Task<int> CompletedTask_HandWritten() => _handWritten.AddCompletedAsync(_value);

    [Benchmark, BenchmarkCategory(CompletedTask)]
    public Task<int> CompletedTask_Traced() => _traced.AddCompletedAsync(_value);

    [Benchmark, BenchmarkCategory(CompletedTask)]
    public Task<int> CompletedTask_CastleProxy() => _castle.AddCompletedAsync(_value);

    [Benchmark, BenchmarkCategory(CompletedTask)]
    public Task<int> CompletedTask_DispatchProxy() => _dispatch.AddCompletedAsync(_value);

    // ---- YieldingTask: async Task<int> AddYieldingAsync(int) { await Task.Yield(); ... } ----
    // The benchmarks await, as callers do. Every variant's task completes only once its span has ended (HandWritten: the
    // async method's own; Traced and the proxies: the task forwarded after the span-ending continuation), so no span work
    // is still running on the pool thread when the next call is measured.

    [Benchmark(Baseline = true), BenchmarkCategory(YieldingTask)]
    public async Task<int> YieldingTask_Raw() => await _raw.AddYieldingAsync(_value);

    [Benchmark, BenchmarkCategory(YieldingTask)]
    public async Task<int> YieldingTask_HandWritten() => await _handWritten.AddYieldingAsync(_value);

    [Benchmark, BenchmarkCategory(YieldingTask)]
    public async Task<int> YieldingTask_Traced() => await _traced.AddYieldingAsync(_value);

    [Benchmark, BenchmarkCategory(YieldingTask)]
    public async Task<int> YieldingTask_CastleProxy() => await _castle.AddYieldingAsync(_value);

    [Benchmark, BenchmarkCategory(YieldingTask)]
    public async Task<int> YieldingTask_DispatchProxy() => await _dispatch.AddYieldingAsync(_value);

    // ---- Exception: int Fail(int) throws; the caller catches ----

    [Benchmark(Baseline = true), BenchmarkCategory(Exception)]
    public int Exception_Raw()
    {
        try
        {
            return _raw.Fail(_value);
        }
        catch (InvalidOperationException)
        {
            return -1;
        }
    }

    [Benchmark, BenchmarkCategory(Exception)]
    public int Exception_HandWritten()
    {
        try
        {
            return _handWritten.Fail(_value);
        }
        catch (InvalidOperationException)
        {
            return -1;
        }
    }

    [Benchmark, BenchmarkCategory(Exception)]
    public int Exception_Traced()
    {
        try
        {
            return _traced.Fail(_value);
        }
        catch (InvalidOperationException)
        {
            return -1;
        }
    }

    [Benchmark, BenchmarkCategory(Exception)]
    public int Exception_CastleProxy()
    {
        try
        {
            return _castle.Fail(_value);
        }
        catch (InvalidOperationException)
        {
            return -1;
        }
    }

    [Benchmark, BenchmarkCategory(Exception)]
    public int Exception_DispatchProxy()
    {
        try
        {
            return _dispatch.Fail(_value);
        }
        catch (InvalidOperationException)
        {
            return -1;
        }
    }
}

/// <summary>Nothing listens: the production case when tracing is off or the source is not registered.</summary>
public class NoListener : TracingBenchmarks
{
    /// <inheritdoc/>
    public override ListenerMode Mode => ListenerMode.None;
}

/// <summary>A listener samples every span out (<see cref="ActivitySamplingResult.None"/>: StartActivity returns null).</summary>
public class SampledOut : TracingBenchmarks
{
    /// <inheritdoc/>
    public override ListenerMode Mode => ListenerMode.SampledOut;
}

/// <summary>A listener records every span (<see cref="ActivitySamplingResult.AllDataAndRecorded"/>, no exporter).</summary>
public class Recorded : TracingBenchmarks
{
    /// <inheritdoc/>
    public override ListenerMode Mode => ListenerMode.Recorded;
}

/// <summary>What listens to the benchmarked source.</summary>
public enum ListenerMode
{
    /// <summary>No listener: <c>HasListeners()</c> is false.</summary>
    None,

    /// <summary>A listener whose sampler returns <see cref="ActivitySamplingResult.None"/>.</summary>
    SampledOut,

    /// <summary>A listener whose sampler returns <see cref="ActivitySamplingResult.AllDataAndRecorded"/>.</summary>
    Recorded,
}

/// <summary>The benchmarks' listeners.</summary>
public static class Listeners
{
    /// <summary>
    /// Starts a listener of <see cref="SpanWork.SourceName"/> (the generated code's source and the others') for
    /// <paramref name="mode"/>, or none for <see cref="ListenerMode.None"/>. It has no callback but the sampler.
    /// </summary>
    public static ActivityListener? Start(ListenerMode mode)
    {
        if (mode == ListenerMode.None)
        {
            return null;
        }

        var listener = new ActivityListener
        {
            ShouldListenTo = static source => source.Name == SpanWork.SourceName,
            Sample = mode == ListenerMode.Recorded
                ? static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded
                : static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.None,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}

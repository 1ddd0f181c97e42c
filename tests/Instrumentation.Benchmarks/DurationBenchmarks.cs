using System;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace Instrumentation.Benchmarks;

/// <summary>
/// What <c>[Traced(RecordDuration = true)]</c> costs next to <c>[Traced]</c> and no tracing, in the sync and
/// completed-task shapes, under four listener setups (<see cref="Setup"/>): nobody listens; only a
/// <see cref="MeterListener"/> listens to the histogram (metrics on, tracing off); only an activity listener records
/// spans (tracing on, metrics off); both.
/// </summary>
[MemoryDiagnoser]
public class DurationBenchmarks
{
    private readonly int _value = 20;
    private readonly Calculator _raw = new();
    private readonly TracedCalculator _traced = new();
    private readonly MeteredCalculator _metered = new();
    private ActivityListener? _spans;
    private MeterListener? _meters;

    /// <summary>Who listens while the benchmarks run.</summary>
    public enum Listening
    {
        /// <summary>Nobody: tracing and metrics off.</summary>
        Nobody,

        /// <summary>A meter listener that receives every measurement (and does nothing with it); no span listener.</summary>
        Meter,

        /// <summary>An activity listener that records every span; nobody listens to the histogram.</summary>
        Spans,

        /// <summary>Both.</summary>
        Both,
    }

    /// <summary>The listener setup of this run.</summary>
    [Params(Listening.Nobody, Listening.Meter, Listening.Spans, Listening.Both)]
    public Listening Setup { get; set; }

    /// <summary>Starts the listeners of <see cref="Setup"/>.</summary>
    [GlobalSetup]
    public void Start()
    {
        if (Setup is Listening.Spans or Listening.Both)
        {
            _spans = Listeners.Start(ListenerMode.Recorded);
        }

        if (Setup is Listening.Meter or Listening.Both)
        {
            _meters = new MeterListener
            {
                InstrumentPublished = static (instrument, listener) =>
                {
                    if (instrument.Meter.Name == SpanWork.SourceName)
                    {
                        listener.EnableMeasurementEvents(instrument);
                    }
                },
            };
            _meters.SetMeasurementEventCallback<double>(static (_, _, _, _) => { });
            _meters.Start();
        }

        if (_metered.Add(1) != 2)
        {
            throw new InvalidOperationException("the metered calculator is broken");
        }
    }

    /// <summary>Stops the listeners.</summary>
    [GlobalCleanup]
    public void Stop()
    {
        _spans?.Dispose();
        _meters?.Dispose();
    }

    /// <summary>No tracing.</summary>
    [Benchmark(Baseline = true)]
    public int Sync_Raw() => _raw.Add(_value);

    /// <summary><c>[Traced]</c>.</summary>
    [Benchmark]
    public int Sync_Traced() => _traced.Add(_value);

    /// <summary><c>[Traced(RecordDuration = true)]</c>.</summary>
    [Benchmark]
    public int Sync_TracedWithDuration() => _metered.Add(_value);

    /// <summary>No tracing, a completed task.</summary>
    [Benchmark]
    public Task<int> CompletedTask_Raw() => _raw.AddCompletedAsync(_value);

    /// <summary><c>[Traced]</c>, a completed task.</summary>
    [Benchmark]
    public Task<int> CompletedTask_Traced() => _traced.AddCompletedAsync(_value);

    /// <summary><c>[Traced(RecordDuration = true)]</c>, a completed task.</summary>
    [Benchmark]
    public Task<int> CompletedTask_TracedWithDuration() => _metered.AddCompletedAsync(_value);
}

/// <summary><see cref="TracedCalculator"/>'s methods, also recording their duration.</summary>
public sealed class MeteredCalculator
{
    /// <summary>Sync shape.</summary>
    [Traced("Calculator.Add", RecordDuration = true)]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int Add(int value) => value + 1;

    /// <summary>Completed task.</summary>
    [Traced("Calculator.AddCompletedAsync", RecordDuration = true)]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public Task<int> AddCompletedAsync(int value) => Task.FromResult(value + 1);
}

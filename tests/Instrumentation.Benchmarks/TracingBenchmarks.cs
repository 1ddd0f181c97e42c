using System.Diagnostics;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace Instrumentation.Benchmarks;

/// <summary>Shared benchmark bodies; the subclasses decide whether anything listens.</summary>
[MemoryDiagnoser]
public abstract class TracingBenchmarks
{
    private readonly int _value = 20;

    [Benchmark(Baseline = true)]
    public int PlainCall() => Work.Plain(_value);

    [Benchmark]
    public int TracedCall() => Work.Traced(_value);

    [Benchmark]
    public int HandWrittenStartActivity() => Work.HandWritten(_value);

    [Benchmark]
    public Task<int> PlainTaskCall() => Work.PlainAsync(_value);

    [Benchmark]
    public Task<int> TracedTaskCall() => Work.TracedAsync(_value);

    [Benchmark]
    public Task<int> HandWrittenStartActivityTask() => Work.HandWrittenAsync(_value);
}

/// <summary>Nothing listens: the production case when tracing is off or the source is not registered.</summary>
public class NoListener : TracingBenchmarks
{
}

/// <summary>A listener samples and records every span (the worst case: AllDataAndRecorded, no exporter).</summary>
public class WithListener : TracingBenchmarks
{
    private ActivityListener? _listener;

    [GlobalSetup]
    public void StartListening()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = static source => source.Name.StartsWith("Instrumentation.Benchmarks", System.StringComparison.Ordinal),
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [GlobalCleanup]
    public void StopListening() => _listener?.Dispose();
}

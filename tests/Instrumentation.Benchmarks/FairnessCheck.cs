using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace Instrumentation.Benchmarks;

/// <summary>
/// Checks that the benchmarks compare like with like: calls every benchmark method once under each
/// <see cref="ListenerMode"/> and throws unless, for each shape, every variant returns the same value, leaves
/// <see cref="Activity.Current"/> as it was, asks the sampler once (<c>Raw</c>: never), and under the recording listener
/// produces exactly one span (<c>Raw</c>: none), ended by the time its task completes, with the same source, name, kind,
/// parent, status, tags and events (the exception event's stack trace is only required to be there: it names
/// different frames for each variant).
/// </summary>
/// <remarks>Called from the benchmarks' global setup, so every run checks the very methods it measures.</remarks>
public static class FairnessCheck
{
    private const string OuterSourceName = "Instrumentation.Benchmarks.FairnessCheck";
    private const string Raw = nameof(Raw);
    private static readonly ActivitySource OuterSource = new(OuterSourceName);
    private static readonly string[] Variants = [Raw, "HandWritten", "Traced", "CastleProxy", "DispatchProxy"];

    private static readonly Dictionary<string, string> CalculatorMethods = new()
    {
        [TracingBenchmarks.Sync] = nameof(ICalculator.Add),
        [TracingBenchmarks.CompletedTask] = nameof(ICalculator.AddCompletedAsync),
        [TracingBenchmarks.YieldingTask] = nameof(ICalculator.AddYieldingAsync),
        [TracingBenchmarks.Exception] = nameof(ICalculator.Fail),
    };

    /// <summary>Runs the check on <paramref name="benchmarks"/>'s methods; returns a one-line summary or throws.</summary>
    /// <exception cref="InvalidOperationException">A variant does not do the same span work as the others.</exception>
    public static string Run(TracingBenchmarks benchmarks)
    {
        ArgumentNullException.ThrowIfNull(benchmarks);
        if (SpanWork.Source.HasListeners())
        {
            throw new InvalidOperationException($"Fairness check: something already listens to {SpanWork.SourceName}; run the check before starting a listener.");
        }

        var cases = Discover(benchmarks.GetType());
        var failures = new List<string>();
        foreach (var mode in Enum.GetValues<ListenerMode>())
        {
            foreach (var benchmark in cases)
            {
                failures.AddRange(CheckAsync(benchmarks, benchmark, mode).GetAwaiter().GetResult().Select(failure => $"{mode} {benchmark.Method.Name}: {failure}"));
            }
        }

        if (failures.Count > 0)
        {
            throw new InvalidOperationException("Fairness check failed:" + Environment.NewLine + string.Join(Environment.NewLine, failures));
        }

        return $"Fairness check passed: {cases.Count} benchmarks ({CalculatorMethods.Count} shapes x {Variants.Length} variants), "
            + "no listener / sampled out / recorded: same results, same spans, Activity.Current kept.";
    }

    private sealed record BenchmarkCase(string Shape, string Variant, MethodInfo Method);

    private static List<BenchmarkCase> Discover(Type type)
    {
        var cases = type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(method => method.GetCustomAttribute<BenchmarkAttribute>() is not null)
            .Select(method =>
            {
                var shape = method.GetCustomAttribute<BenchmarkCategoryAttribute>()?.Categories.Single() ?? "";
                return new BenchmarkCase(shape, method.Name[(method.Name.IndexOf('_', StringComparison.Ordinal) + 1)..], method);
            })
            .ToList();

        var expected = CalculatorMethods.Keys.SelectMany(shape => Variants.Select(variant => $"{shape}_{variant}")).Order().ToList();
        var found = cases.Select(benchmark => $"{benchmark.Shape}_{benchmark.Variant}").Order().ToList();
        if (!expected.SequenceEqual(found) || cases.Any(benchmark => benchmark.Method.Name != $"{benchmark.Shape}_{benchmark.Variant}"))
        {
            throw new InvalidOperationException(
                "Fairness check: the benchmarks must be exactly <Shape>_<Variant> in category <Shape> for every shape and variant. Found: "
                + string.Join(", ", cases.Select(benchmark => $"{benchmark.Method.Name} [{benchmark.Shape}]")));
        }

        return cases;
    }

    private static async Task<List<string>> CheckAsync(TracingBenchmarks benchmarks, BenchmarkCase benchmark, ListenerMode mode)
    {
        var sampled = 0;
        var started = new ConcurrentQueue<Activity>();
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == OuterSourceName || (mode != ListenerMode.None && source.Name == SpanWork.SourceName),
            Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
            {
                if (options.Source.Name == OuterSourceName)
                {
                    return ActivitySamplingResult.AllDataAndRecorded;
                }

                Interlocked.Increment(ref sampled);
                return mode == ListenerMode.Recorded ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None;
            },
            ActivityStarted = activity =>
            {
                if (activity.Source.Name != OuterSourceName)
                {
                    started.Enqueue(activity);
                }
            },
            ActivityStopped = activity =>
            {
                if (activity.Source.Name != OuterSourceName)
                {
                    stopped.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        var failures = new List<string>();
        using var outer = OuterSource.StartActivity("outer") ?? throw new InvalidOperationException("Fairness check: no outer activity.");
        if (mode == ListenerMode.None && SpanWork.Source.HasListeners())
        {
            failures.Add($"{SpanWork.SourceName} has a listener");
        }

        var returned = benchmark.Method.Invoke(benchmarks, BindingFlags.DoNotWrapExceptions, binder: null, parameters: null, culture: null);
        var currentAfterCall = Activity.Current;
        int value;
        if (returned is Task<int> task)
        {
            // Await, as a caller does.
            value = await task;
        }
        else
        {
            value = returned is int result ? result : throw new InvalidOperationException($"Fairness check: {benchmark.Method.Name} returned {returned}.");
        }

        var currentAfterAwait = Activity.Current;
        var traced = benchmark.Variant != Raw;
        var expectedSpans = mode == ListenerMode.Recorded && traced ? 1 : 0;

        // No waiting here: every variant hands back a task that completes only once its span has ended (the task itself
        // when it had completed by the time the method returned, the span then ended before returning), so a span not
        // ended yet is a failure, never a timing accident.
        var stoppedWhenAwaited = stopped.ToArray();

        var expectedValue = benchmark.Shape == TracingBenchmarks.Exception ? -1 : 21;
        if (value != expectedValue)
        {
            failures.Add($"returned {value}, expected {expectedValue}");
        }

        if (currentAfterCall != outer || currentAfterAwait != outer)
        {
            failures.Add($"Activity.Current is {currentAfterCall?.DisplayName ?? "null"} after the call and {currentAfterAwait?.DisplayName ?? "null"} after awaiting, expected the caller's");
        }

        var expectedSamples = mode != ListenerMode.None && traced ? 1 : 0;
        if (sampled != expectedSamples)
        {
            failures.Add($"the sampler was asked {sampled} times, expected {expectedSamples}");
        }

        if (started.Count != expectedSpans || stoppedWhenAwaited.Length != expectedSpans)
        {
            failures.Add($"{started.Count} spans started and {stoppedWhenAwaited.Length} ended by the time the call completed, expected {expectedSpans}");
        }
        else if (expectedSpans == 1)
        {
            var actual = Describe(stoppedWhenAwaited[0], outer);
            var expected = Expected(benchmark.Shape);
            if (actual != expected)
            {
                failures.Add($"span{Environment.NewLine}  was      {actual}{Environment.NewLine}  expected {expected}");
            }
        }

        return failures;
    }

    /// <summary>The span every traced variant of <paramref name="shape"/> must produce under the recording listener.</summary>
    private static string Expected(string shape)
    {
        var name = "Calculator." + CalculatorMethods[shape];
        if (shape != TracingBenchmarks.Exception)
        {
            return $"source={SpanWork.SourceName} name={name} kind=Internal parent=caller status=Unset() tags=[] events=[]";
        }

        var type = typeof(InvalidOperationException).FullName;
        return $"source={SpanWork.SourceName} name={name} kind=Internal parent=caller status=Error({Calculator.FailureMessage}) "
            + $"tags=[error.type={type}] "
            + $"events=[exception{{exception.message={Calculator.FailureMessage}, exception.stacktrace=<{type}: {Calculator.FailureMessage} ...>, exception.type={type}}}]";
    }

    private static string Describe(Activity span, Activity caller)
    {
        var parent = span.ParentSpanId == caller.SpanId && span.TraceId == caller.TraceId ? "caller" : $"{span.ParentSpanId}";
        var tags = string.Join(", ", span.TagObjects.Select(tag => $"{tag.Key}={tag.Value}").Order(StringComparer.Ordinal));
        var events = string.Join(", ", span.Events.Select(@event =>
            @event.Name + "{" + string.Join(", ", @event.Tags.Select(Tag).Order(StringComparer.Ordinal)) + "}"));
        var stopped = span.IsStopped ? "" : " NOT-STOPPED";
        return $"source={span.Source.Name} name={span.DisplayName} kind={span.Kind} parent={parent} "
            + $"status={span.Status}({span.StatusDescription}) tags=[{tags}] events=[{events}]{stopped}";

        static string Tag(KeyValuePair<string, object?> tag) =>
            tag.Key == "exception.stacktrace" && tag.Value is string trace
                ? $"{tag.Key}=<{trace.Split(Environment.NewLine)[0]} ...>"
                : $"{tag.Key}={tag.Value}";
    }
}

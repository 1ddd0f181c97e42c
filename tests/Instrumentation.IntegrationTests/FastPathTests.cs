using System;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using Instrumentation.Generated;
using Instrumentation.IntegrationTests.Infrastructure;
using Instrumentation.IntegrationTests.Subjects;
using Xunit;

namespace Instrumentation.IntegrationTests;

/// <summary>
/// With nobody listening to the assembly's source, a traced call costs one branch and allocates nothing. Runs in the
/// serial collection so that no other test's listener is registered meanwhile.
/// </summary>
[Collection(SerialTracing.Name)]
public sealed class FastPathTests
{
    private const int Calls = 10_000;

    private static readonly Vault SharedVault = new();

    [Fact]
    public void NobodyListensToTheAssemblySourceDuringTheseTests() =>
        Assert.False(TracedActivitySources_Instrumentation_IntegrationTests.Source.HasListeners(), "a listener leaked from another test");

    [Fact]
    public void SynchronousCallAllocatesNothing() => AssertNoAllocation(static () =>
    {
        var sum = 0;
        for (var i = 0; i < Calls; i++)
        {
            sum += Calculator.Multiply(i, 2);
        }

        return sum != -1;
    });

    [Fact]
    public void StructReceiverCallAllocatesNothing() => AssertNoAllocation(static () =>
    {
        var counter = default(Counter);
        for (var i = 0; i < Calls; i++)
        {
            counter.Increment();
        }

        return counter.Count == Calls;
    });

    [Fact]
    public void CompletedTaskComesBackWithoutAllocation() => AssertNoAllocation(static () =>
    {
        var ok = true;
        for (var i = 0; i < Calls; i++)
        {
            ok &= ReferenceEquals(Asynchronous.Completed(), Task.CompletedTask);
        }

        return ok;
    });

    [Fact]
    public void CachedTaskOfTComesBackWithoutAllocation() => AssertNoAllocation(static () =>
    {
        var ok = true;
        for (var i = 0; i < Calls; i++)
        {
            ok &= ReferenceEquals(Asynchronous.Cached(), Asynchronous.CachedResult);
        }

        return ok;
    });

    [Fact]
    public void CompletedValueTaskComesBackWithoutAllocation() => AssertNoAllocation(static () =>
    {
        var ok = true;
        for (var i = 0; i < Calls; i++)
        {
            ok &= IsCompletedSuccessfully(Asynchronous.CompletedValueTask());
        }

        return ok;
    });

    [Fact]
    public void CompletedValueTaskOfTComesBackWithoutAllocation() => AssertNoAllocation(static () =>
    {
        var sum = 0;
        for (var i = 0; i < Calls; i++)
        {
            sum += ResultOf(Asynchronous.CompletedValueTaskOfT());
        }

        return sum == 7 * Calls;
    });

    [Fact]
    public void TaggedCallsAllocateNothing() => AssertNoAllocation(static () =>
    {
        var sum = 0;
        for (var i = 0; i < Calls; i++)
        {
            sum += Tagged.Scale(i, "x");
            sum += ResultOf(Tagged.ComputeValueTask(i));
        }

        return sum > 0;
    });

    [Fact]
    public void PrivateMethodReachedThroughUnsafeAccessorAllocatesNothing() => AssertNoAllocation(static () =>
    {
        var sum = 0;
        for (var i = 0; i < Calls; i++)
        {
            sum += SharedVault.Open(1) + Vault.OpenStatic(1);
        }

        return sum == 13 * Calls;
    });

    [Fact]
    public void MethodThatRecordsItsDurationAllocatesNothingWithoutSpanOrMeterListener() => AssertNoAllocation(static () =>
    {
        var sum = 0;
        for (var i = 0; i < Calls; i++)
        {
            sum += MeteredOrders.SavedAlready(1).Result + MeteredOrders.Quote(1);
        }

        return !TracedActivitySources_Instrumentation_IntegrationTests.SourceDuration.Enabled && sum == 3 * Calls;
    });

    [Fact]
    public void TheMeasurementSeesTheAllocationsOfRecordedSpans()
    {
        // Control for the tests above: the same measurement is not blind.
        using var spans = new SpanRecorder();
        var (allocated, result) = Measure(static () => Calculator.Multiply(2, 3) == 6 && Asynchronous.Cached().IsCompleted);

        Assert.True(result);
        Assert.True(allocated > 0);
        Assert.Equal(2, spans.Stopped.Count);
    }

    [Fact]
    public void WithoutListenerNoSpanIsCreatedAndTheResultIsUnchanged()
    {
        Assert.Null(System.Diagnostics.Activity.Current);

        Assert.Equal(12, Calculator.Multiply(3, 4));
        Assert.Same(Asynchronous.CachedResult, Asynchronous.Cached());

        Assert.Null(System.Diagnostics.Activity.Current);
    }

    private static bool IsCompletedSuccessfully(ValueTask valueTask) => valueTask.IsCompletedSuccessfully;

    private static int ResultOf(ValueTask<int> valueTask) => valueTask.IsCompletedSuccessfully ? valueTask.Result : -1;

    private static void AssertNoAllocation(Func<bool> calls)
    {
        Assert.False(TracedActivitySources_Instrumentation_IntegrationTests.Source.HasListeners(), "a listener leaked from another test");

        // Warm up: JIT, tiering and static constructors allocate on first use.
        for (var i = 0; i < 3; i++)
        {
            Assert.True(Measure(calls).Result);
        }

        var (allocated, result) = Measure(calls);

        Assert.True(result);
        Assert.Equal(0, allocated);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (long Allocated, bool Result) Measure(Func<bool> calls)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = calls();
        var after = GC.GetAllocatedBytesForCurrentThread();
        return (after - before, result);
    }
}

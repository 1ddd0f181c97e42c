using System.Collections.Generic;
using Instrumentation.IntegrationTests.Infrastructure;
using Instrumentation.IntegrationTests.Subjects;
using Xunit;

namespace Instrumentation.IntegrationTests;

/// <summary>The object a traced method returns reaches the caller as is (design.md §2.9).</summary>
[Collection(SerialTracing.Name)]
public sealed class ReturnedValueTests
{
    [Fact]
    public void ReturnedListIsTheSameInstance()
    {
        using var spans = new SpanRecorder();
        var resources = new Resources();

        var list = resources.GetItems();
        var asInterface = resources.GetItemsAsInterface();

        Assert.Same(resources.Items, list);
        Assert.Same(resources.Items, asInterface);
        Assert.IsType<List<int>>(asInterface);
        Assert.Equal(2, spans.Stopped.Count);
    }

    [Fact]
    public void ReturnedDisposableIsTheSameInstance()
    {
        using var spans = new SpanRecorder();
        var resource = new TrackedResource();

        using (var opened = new Resources().Open(resource))
        {
            Assert.Same(resource, opened);
        }

        Assert.True(resource.Disposed);
        Assert.Single(spans.Stopped);
    }

    [Fact]
    public void ReturnedNullAndBoxedValuesAreUnchanged()
    {
        using var spans = new SpanRecorder();
        var resources = new Resources();
        object boxed = 42;

        Assert.Null(resources.Echo(null));
        Assert.Same(boxed, resources.Echo(boxed));
        Assert.Equal(2, spans.Stopped.Count);
    }
}

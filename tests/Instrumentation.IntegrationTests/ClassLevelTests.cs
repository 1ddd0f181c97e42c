using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Instrumentation.IntegrationTests.Infrastructure;
using Instrumentation.IntegrationTests.Subjects;
using Xunit;

namespace Instrumentation.IntegrationTests;

[Collection(SerialTracing.Name)]
public class ClassLevelTests
{
    [Fact]
    public void PublicMethodsOfATracedClassGetSpansNamedAfterTheClassAttribute()
    {
        using var spans = new SpanRecorder();
        var catalog = new TracedCatalog();

        Assert.Equal(12, catalog.Find(" sku-1 "));
        Assert.Equal(2, catalog.Size());
        catalog.Refresh();
        _ = catalog + new TracedCatalog();
        Assert.Equal("x", TracedCatalog.Normalize(" x "));

        // Not traced: [NotTraced], properties, operators, internal and private methods.
        Assert.Equal(["catalog.Find", "catalog.Size", "catalog.refresh"], spans.StoppedNames);
        Assert.All(spans.Stopped.Where(s => s.DisplayName != "catalog.refresh"), s => Assert.Equal(ActivityKind.Client, s.Kind));
        Assert.Equal(ActivityKind.Client, spans.Stopped.Single(s => s.DisplayName == "catalog.refresh").Kind);
    }

    [Fact]
    public async Task AsyncMethodsAndFailuresOfATracedClassAreRecordedAsForMethodLevelTraced()
    {
        using var spans = new SpanRecorder();
        var catalog = new TracedCatalog();

        Assert.Equal(10, await catalog.FindAsync("sku-1", CancellationToken.None));
        Assert.Throws<InvalidOperationException>(() => catalog.Fail());

        Assert.Equal(["catalog.Find", "catalog.FindAsync", "catalog.Fail"], spans.StoppedNames);
        var failed = spans.Stopped.Single(s => s.DisplayName == "catalog.Fail");
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
        Assert.Equal("catalog offline", failed.StatusDescription);
    }

    [Fact]
    public void RecordsStructsGenericAndStaticClassesAreTracedLikeTheirMethodsWouldBe()
    {
        using var spans = new SpanRecorder();

        var total = new Price(1m, "EUR").Add(new Price(2m, "EUR"));
        var tally = default(Tally);
        tally.Increment();
        tally.Increment();
        var found = Shelf<string>.Create().Find(s => s.Length == 2, "a", "bb", "ccc");
        var shouted = "hi".Exclaim() + Formatting.Exclaim("yo");

        Assert.Equal(new Price(3m, "EUR"), total);
        Assert.Equal(2, tally.Count);
        Assert.Equal("bb", found);
        Assert.Equal("HI!YO!", shouted);
        Assert.Equal(["Price.Add", "Tally.Increment", "Tally.Increment", "Shelf.Create", "Shelf.Find", "Formatting.Exclaim", "Formatting.Exclaim"], spans.StoppedNames);
    }
}

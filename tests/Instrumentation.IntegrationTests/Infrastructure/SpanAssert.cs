using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Xunit;

namespace Instrumentation.IntegrationTests.Infrastructure;

internal static class SpanAssert
{
    public static void Succeeded(Activity span)
    {
        Assert.True(span.IsStopped, $"span {span.DisplayName} was not stopped");
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Null(span.StatusDescription);
        Assert.Null(span.GetTagItem("error.type"));
        Assert.DoesNotContain(span.Events, e => e.Name == "exception");
    }

    /// <summary>Status Error with the message, one <c>exception</c> event and <c>error.type</c>.</summary>
    public static void Failed(Activity span, Exception exception, string? throwingMethod = null)
    {
        Assert.True(span.IsStopped, $"span {span.DisplayName} was not stopped");
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(exception.Message, span.StatusDescription);
        Assert.Equal(exception.GetType().FullName, span.GetTagItem("error.type"));
        var exceptionEvent = ExceptionEvent(span);
        var tags = exceptionEvent.Tags.ToDictionary(t => t.Key, t => t.Value);
        Assert.Equal(exception.GetType().FullName, tags["exception.type"]);
        Assert.Equal(exception.Message, tags["exception.message"]);
        var stackTrace = Assert.IsType<string>(tags["exception.stacktrace"]);
        Assert.Contains(exception.GetType().FullName!, stackTrace, StringComparison.Ordinal);
        if (throwingMethod is not null)
        {
            Assert.Contains(throwingMethod, stackTrace, StringComparison.Ordinal);
        }
    }

    public static ActivityEvent ExceptionEvent(Activity span) => Assert.Single(span.Events, e => e.Name == "exception");

    public static void IsChildOf(Activity child, Activity parent)
    {
        Assert.Equal(parent.TraceId, child.TraceId);
        Assert.Equal(parent.SpanId, child.ParentSpanId);
        Assert.Same(parent, child.Parent);
    }

    public static IReadOnlyDictionary<string, object?> Tags(Activity span) => span.TagObjects.ToDictionary(t => t.Key, t => t.Value);
}

using System;
using System.Collections.Frozen;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;

namespace Instrumentation.Benchmarks;

/// <summary>
/// The span work of the hand-written and proxy variants, written to have the same observable effects as the generated
/// code and <c>Instrumentation.Runtime.TracedCall</c> (<see cref="FairnessCheck"/> compares the spans).
/// </summary>
public static class SpanWork
{
    /// <summary>
    /// The name of every benchmarked span's source. The generated code's source is named after the assembly; the other
    /// variants use a source of the same name, so one listener sees them all and the spans are alike.
    /// </summary>
    public const string SourceName = "Instrumentation.Benchmarks";

    /// <summary>The source of the hand-written and proxy variants.</summary>
    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>Records <paramref name="exception"/> and returns <see langword="false"/>, for use as an exception filter.</summary>
    public static bool RecordExceptionAndRethrow(Activity activity, Exception exception)
    {
        RecordException(activity, exception);
        return false;
    }

    /// <summary>
    /// What <c>TracedCall.RecordException</c> records for a non-cancellation exception: an <c>exception</c> event
    /// (<c>exception.type</c>, <c>exception.message</c>, <c>exception.stacktrace</c>) and <c>error.type</c> when all data is
    /// requested, and status Error with the message as description.
    /// </summary>
    public static void RecordException(Activity activity, Exception exception)
    {
        var typeName = exception.GetType().FullName;
        if (activity.IsAllDataRequested)
        {
            var tags = new ActivityTagsCollection
            {
                { "exception.type", typeName },
                { "exception.message", exception.Message },
                { "exception.stacktrace", exception.ToString() },
            };
            activity.AddEvent(new ActivityEvent("exception", tags: tags));
            activity.SetTag("error.type", typeName);
        }

        activity.SetStatus(ActivityStatusCode.Error, exception.Message);
    }

    /// <summary>
    /// Ends <paramref name="activity"/> when <paramref name="task"/> completes (now if it has), recording a fault: the
    /// proxies' equivalent of <c>TracedCall.EndWhenCompleted</c>. The caller keeps the very task the method returned.
    /// </summary>
    public static void EndWhenCompleted(Activity activity, Task task)
    {
        if (task.IsCompleted)
        {
            Complete(activity, task);
        }
        else
        {
            _ = task.ContinueWith(
                static (completed, state) => Complete((Activity)state!, completed),
                activity,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    private static void Complete(Activity activity, Task task)
    {
        try
        {
            if (task.IsFaulted)
            {
                var exception = task.Exception!.InnerExceptions.Count == 1 ? task.Exception.InnerException! : task.Exception;
                RecordException(activity, exception);
            }
            else if (task.IsCanceled)
            {
                RecordException(activity, new TaskCanceledException(task));
            }
        }
        finally
        {
            activity.Dispose();
        }
    }

    /// <summary>
    /// Span names of the proxied interface's methods, <c>TargetType.MethodName</c> like the generator's default, computed
    /// once: a proxy looks its span name up per call instead of building a string.
    /// </summary>
    public static FrozenDictionary<MethodInfo, string> SpanNames(Type interfaceType, Type targetType)
    {
        var map = targetType.GetInterfaceMap(interfaceType);
        return map.InterfaceMethods
            .Select((method, index) => (method, name: targetType.Name + "." + map.TargetMethods[index].Name))
            .ToFrozenDictionary(pair => pair.method, pair => pair.name);
    }
}

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
    /// The proxies' equivalent of <c>TracedCall.EndWhenCompleted</c> for a method declared to return <see cref="Task"/>:
    /// ends <paramref name="activity"/> when <paramref name="task"/> completes, recording a fault.
    /// </summary>
    /// <param name="activity">The span of the call.</param>
    /// <param name="task">The task returned by the proxied method.</param>
    /// <returns>
    /// <paramref name="task"/> itself when it had already completed (the span has ended); otherwise a task that completes
    /// as <paramref name="task"/> does (same exceptions, same cancellation) once the span has ended, so that no caller can
    /// observe completion before it.
    /// </returns>
    public static Task EndWhenCompleted(Activity activity, Task task)
    {
        if (task.IsCompleted)
        {
            Complete(activity, task);
            return task;
        }

        return task.ContinueWith(
            static (completed, state) =>
            {
                Complete((Activity)state!, completed);
                return completed;
            },
            activity,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default).Unwrap();
    }

    /// <summary>
    /// The proxies' equivalent of <c>TracedCall.EndWhenCompleted</c> for a method declared to return
    /// <see cref="Task{TResult}"/>: ends <paramref name="activity"/> when <paramref name="task"/> completes, recording a fault.
    /// </summary>
    /// <typeparam name="TResult">The task's result type.</typeparam>
    /// <param name="activity">The span of the call.</param>
    /// <param name="task">The task returned by the proxied method.</param>
    /// <returns>
    /// <paramref name="task"/> itself when it had already completed (the span has ended); otherwise a task that completes
    /// as <paramref name="task"/> does (same result, exceptions or cancellation) once the span has ended.
    /// </returns>
    public static Task<TResult> EndWhenCompleted<TResult>(Activity activity, Task<TResult> task)
    {
        if (task.IsCompleted)
        {
            Complete(activity, task);
            return task;
        }

        return task.ContinueWith(
            static (completed, state) =>
            {
                Complete((Activity)state!, completed);
                return completed;
            },
            activity,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default).Unwrap();
    }

    /// <summary>
    /// The task a proxy hands back for <paramref name="task"/>, returned by a method of a proxied interface (which
    /// <see cref="SpanNames"/> has checked declares <see cref="Task"/> or <see cref="Task{TResult}"/> of <see cref="int"/>):
    /// <see cref="EndWhenCompleted{TResult}"/> or <see cref="EndWhenCompleted(Activity, Task)"/>.
    /// </summary>
    /// <param name="activity">The span of the call.</param>
    /// <param name="task">The task returned by the proxied method.</param>
    /// <returns>A task of the method's declared type that completes once the span has ended.</returns>
    public static Task EndWhenCompletedForProxy(Activity activity, Task task) =>
        task is Task<int> typed ? EndWhenCompleted(activity, typed) : EndWhenCompleted(activity, task);

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
    /// once: a proxy looks its span name up per call instead of building a string. Also checks that every task the
    /// interface's methods return is one the proxies can hand back (<see cref="EndWhenCompletedForProxy"/>).
    /// </summary>
    /// <exception cref="NotSupportedException">
    /// A method returns a task type other than <see cref="Task"/> and <see cref="Task{TResult}"/> of <see cref="int"/>: the
    /// proxies could not hand back a task of its type (<see cref="EndWhenCompletedForProxy"/>).
    /// </exception>
    public static FrozenDictionary<MethodInfo, string> SpanNames(Type interfaceType, Type targetType)
    {
        ArgumentNullException.ThrowIfNull(interfaceType);
        ArgumentNullException.ThrowIfNull(targetType);
        var map = targetType.GetInterfaceMap(interfaceType);
        var unsupported = map.InterfaceMethods
            .Where(method => typeof(Task).IsAssignableFrom(method.ReturnType) && method.ReturnType != typeof(Task) && method.ReturnType != typeof(Task<int>))
            .Select(method => $"{method.ReturnType} {method.Name}")
            .ToList();
        if (unsupported.Count > 0)
        {
            throw new NotSupportedException($"The tracing proxies forward only Task and Task<int> results: {interfaceType.Name} declares {string.Join(", ", unsupported)}.");
        }

        return map.InterfaceMethods
            .Select((method, index) => (method, name: targetType.Name + "." + map.TargetMethods[index].Name))
            .ToFrozenDictionary(pair => pair.method, pair => pair.name);
    }
}

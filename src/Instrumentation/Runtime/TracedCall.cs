using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Instrumentation.Runtime;

/// <summary>
/// Helpers called by the code that <c>Instrumentation.Generators</c> generates for <see cref="TracedAttribute"/>
/// methods. Not meant to be called by hand; public only because generated code lives in the consumer's assembly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TracedCall
{
    /// <summary>
    /// Starts the span of a call, unless nobody listens to <paramref name="source"/> (then nothing else is done: the
    /// generated code calls the method straight through) or the sampler drops the span.
    /// </summary>
    /// <param name="source">The activity source of the traced method's assembly.</param>
    /// <param name="name">The span name.</param>
    /// <param name="kind">The span kind.</param>
    /// <param name="activity">The started span, not <see langword="null"/> when the method returns <see langword="true"/>.</param>
    /// <returns><see langword="true"/> when a span was started.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryStart(ActivitySource source, string name, ActivityKind kind, out Activity? activity)
    {
        activity = source.HasListeners() ? source.StartActivity(name, kind) : null;
        return activity is not null;
    }

    /// <summary>
    /// Starts the span of a call that returns a task, as <see cref="TryStart(ActivitySource, string, ActivityKind, out Activity?)"/>
    /// does, and reads the caller's <see cref="Activity.Current"/>, which <see cref="Leave(Activity, Activity?, bool)"/> restores.
    /// </summary>
    /// <param name="source">The activity source of the traced method's assembly.</param>
    /// <param name="name">The span name.</param>
    /// <param name="kind">The span kind.</param>
    /// <param name="activity">The started span, not <see langword="null"/> when the method returns <see langword="true"/>.</param>
    /// <param name="previous">The caller's current activity, read before the span started (only when someone listens).</param>
    /// <returns><see langword="true"/> when a span was started.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryStart(ActivitySource source, string name, ActivityKind kind, out Activity? activity, out Activity? previous)
    {
        if (!source.HasListeners())
        {
            activity = null;
            previous = null;
            return false;
        }

        previous = Activity.Current;
        activity = source.StartActivity(name, kind);
        return activity is not null;
    }

    /// <summary>
    /// Starts the span of a call of a method that records its duration, as <see cref="TryStart(ActivitySource, string, ActivityKind, out Activity?)"/>
    /// does, and starts measuring its duration when someone listens to <paramref name="histogram"/>.
    /// </summary>
    /// <param name="source">The activity source of the traced method's assembly.</param>
    /// <param name="histogram">The duration histogram of the traced method's assembly.</param>
    /// <param name="name">The span name.</param>
    /// <param name="kind">The span kind.</param>
    /// <param name="activity">The started span, or <see langword="null"/> (nobody listens, or the sampler dropped it).</param>
    /// <param name="duration">The measurement of the call.</param>
    /// <returns><see langword="true"/> when a span was started or the duration is measured.</returns>
    public static bool TryStart(ActivitySource source, Histogram<double> histogram, string name, ActivityKind kind, out Activity? activity, out TracedDuration duration)
    {
        duration = TracedDuration.Start(histogram, name);
        activity = source.HasListeners() ? source.StartActivity(name, kind) : null;
        return activity is not null || duration.IsMeasuring;
    }

    /// <summary>
    /// As <see cref="TryStart(ActivitySource, Histogram{double}, string, ActivityKind, out Activity?, out TracedDuration)"/>, for a
    /// method that returns a task: also reads the caller's <see cref="Activity.Current"/>, which
    /// <see cref="Leave(Activity?, Activity?, bool, ref TracedDuration)"/> restores.
    /// </summary>
    /// <param name="source">The activity source of the traced method's assembly.</param>
    /// <param name="histogram">The duration histogram of the traced method's assembly.</param>
    /// <param name="name">The span name.</param>
    /// <param name="kind">The span kind.</param>
    /// <param name="activity">The started span, or <see langword="null"/>.</param>
    /// <param name="previous">The caller's current activity, read before the span started.</param>
    /// <param name="duration">The measurement of the call.</param>
    /// <returns><see langword="true"/> when a span was started or the duration is measured.</returns>
    public static bool TryStart(ActivitySource source, Histogram<double> histogram, string name, ActivityKind kind, out Activity? activity, out Activity? previous, out TracedDuration duration)
    {
        previous = Activity.Current;
        return TryStart(source, histogram, name, kind, out activity, out duration);
    }

    /// <summary>
    /// Leaves the interceptor of a method that returns a task, once the method has returned it or thrown: the span stays
    /// current inside the method's own continuations but never in the caller's, so the caller's
    /// <see cref="Activity.Current"/> is restored; a method that threw ends the span here (the exception was recorded).
    /// </summary>
    /// <param name="activity">The span of the call.</param>
    /// <param name="previous">The caller's current activity, from <see cref="TryStart(ActivitySource, string, ActivityKind, out Activity?, out Activity?)"/>.</param>
    /// <param name="returned"><see langword="true"/> when the method returned its task (the span ends when the task completes).</param>
    public static void Leave(Activity activity, Activity? previous, bool returned)
    {
        if (!returned)
        {
            End(activity);
        }
        else if (ReferenceEquals(Activity.Current, activity))
        {
            // The span stays open until the task completes, but is current only inside the method; an activity the
            // method itself made current stays current, as it would untraced.
            Activity.Current = previous;
        }
    }

    /// <summary>
    /// Ends the span of a call that has returned or thrown. <see cref="Activity.Current"/> goes back to what it was
    /// before the span started, unless the method made another activity current: that one stays current, as it would
    /// untraced.
    /// </summary>
    /// <param name="activity">The span of the call.</param>
    public static void End(Activity activity)
    {
        // Ending the span resets Current to what it was when the span started, whatever Current is: undo that when the
        // method had made another activity current.
        var current = Activity.Current;
        activity.Dispose();
        if (!ReferenceEquals(current, activity))
        {
            Activity.Current = current;
        }
    }

    /// <summary>
    /// Records <paramref name="exception"/> on <paramref name="activity"/> and returns <see langword="false"/>, so that
    /// it can be used as an exception filter: the exception is never caught and keeps its original stack trace.
    /// </summary>
    /// <param name="activity">The span of the call.</param>
    /// <param name="exception">The exception leaving the traced method.</param>
    /// <param name="cancellationToken">The traced method's cancellation token, or <see langword="default"/>.</param>
    /// <param name="recordCancellationAsError">See <see cref="TracedAttribute.RecordCancellationAsError"/>.</param>
    /// <returns>Always <see langword="false"/>.</returns>
    public static bool RecordExceptionAndRethrow(Activity activity, Exception exception, bool recordCancellationAsError, CancellationToken cancellationToken)
    {
        RecordException(activity, exception, recordCancellationAsError, cancellationToken);
        return false;
    }

    /// <summary>
    /// As <see cref="Leave(Activity, Activity?, bool)"/>, for a method that records its duration: a method that threw
    /// also records its duration here.
    /// </summary>
    /// <param name="activity">The span of the call, or <see langword="null"/>.</param>
    /// <param name="previous">The caller's current activity.</param>
    /// <param name="returned"><see langword="true"/> when the method returned its task.</param>
    /// <param name="duration">The measurement of the call.</param>
    public static void Leave(Activity? activity, Activity? previous, bool returned, ref TracedDuration duration)
    {
        if (!returned)
        {
            End(activity, ref duration);
        }
        else if (activity is not null)
        {
            Leave(activity, previous, returned: true);
        }
    }

    /// <summary>
    /// Ends the call of a method that records its duration: records the duration (while the span is still current, so
    /// that an exemplar points at it), then ends the span as <see cref="End(Activity)"/> does.
    /// </summary>
    /// <param name="activity">The span of the call, or <see langword="null"/>.</param>
    /// <param name="duration">The measurement of the call.</param>
    public static void End(Activity? activity, ref TracedDuration duration)
    {
        duration.Stop();
        if (activity is not null)
        {
            End(activity);
        }
    }

    /// <summary>
    /// As <see cref="RecordExceptionAndRethrow(Activity, Exception, bool, CancellationToken)"/>, for a method that records
    /// its duration: the measurement gets the exception's type as <c>error.type</c> unless the exception is a cancellation
    /// that is not an error.
    /// </summary>
    /// <param name="activity">The span of the call, or <see langword="null"/>.</param>
    /// <param name="exception">The exception leaving the traced method.</param>
    /// <param name="recordCancellationAsError">See <see cref="TracedAttribute.RecordCancellationAsError"/>.</param>
    /// <param name="cancellationToken">The traced method's cancellation token, or <see langword="default"/>.</param>
    /// <param name="duration">The measurement of the call.</param>
    /// <returns>Always <see langword="false"/>.</returns>
    public static bool RecordExceptionAndRethrow(Activity? activity, Exception exception, bool recordCancellationAsError, CancellationToken cancellationToken, ref TracedDuration duration)
    {
        duration.Fail(RecordExceptionCore(activity, exception, recordCancellationAsError, new MethodCancellation(cancellationToken)));
        return false;
    }

    /// <summary>
    /// Records <paramref name="exception"/> on <paramref name="activity"/> following the OpenTelemetry conventions:
    /// an <c>exception</c> event (<c>exception.type</c>, <c>exception.message</c>, <c>exception.stacktrace</c>),
    /// the <c>error.type</c> attribute, and status <see cref="ActivityStatusCode.Error"/> with the message as description.
    /// A cancellation requested through <paramref name="cancellationToken"/> is not an error unless
    /// <paramref name="recordCancellationAsError"/> is set: only the event is recorded.
    /// </summary>
    /// <param name="activity">The span of the call.</param>
    /// <param name="exception">The exception leaving the traced method.</param>
    /// <param name="cancellationToken">The traced method's cancellation token, or <see langword="default"/>.</param>
    /// <param name="recordCancellationAsError">See <see cref="TracedAttribute.RecordCancellationAsError"/>.</param>
    public static void RecordException(Activity activity, Exception exception, bool recordCancellationAsError, CancellationToken cancellationToken) =>
        RecordExceptionCore(activity, exception, recordCancellationAsError, new MethodCancellation(cancellationToken));

    /// <summary>
    /// As <c>RecordException</c>, with all of the traced method's cancellation tokens; with no span, only decides.
    /// Returns the exception's type name (<c>error.type</c>) when the exception is an error, or <see langword="null"/>.
    /// </summary>
    internal static string? RecordExceptionCore(Activity? activity, Exception exception, bool recordCancellationAsError, MethodCancellation cancellation, bool readByCancellationOf = false)
    {
        var typeName = exception.GetType().FullName;
        if (!recordCancellationAsError && exception is OperationCanceledException && cancellation.IsRequested)
        {
            activity?.AddEventIfAllDataRequested(exception, typeName, readByCancellationOf);
            return null;
        }

        if (activity is null)
        {
            return typeName;
        }

        activity.AddEventIfAllDataRequested(exception, typeName, readByCancellationOf);

        // Like every other attribute, error.type is only recorded when the sampler asked for all data;
        // the status is not an attribute and is always set.
        if (activity.IsAllDataRequested)
        {
            activity.SetTag("error.type", typeName);
        }

        activity.SetStatus(ActivityStatusCode.Error, exception.Message);
        return typeName;
    }

    /// <summary>
    /// The <c>exception</c> event (<c>exception.type</c>, <c>exception.message</c>, <c>exception.stacktrace</c>), when the
    /// sampler asked for all data. An exception <see cref="CancellationOf"/> read by rethrowing it ends with that
    /// method's frame (the frame that catches is always shown): that line is not the method's and is left out.
    /// </summary>
    private static void AddEventIfAllDataRequested(this Activity activity, Exception exception, string? typeName, bool readByCancellationOf)
    {
        if (activity.IsAllDataRequested)
        {
            var text = exception.ToString();
            if (readByCancellationOf)
            {
                var lastLine = text.LastIndexOf('\n');
                if (lastLine > 0 && text.IndexOf(nameof(TracedCall) + "." + nameof(CancellationOf) + "(", lastLine, StringComparison.Ordinal) > 0)
                {
                    text = text.Substring(0, lastLine).TrimEnd('\r');
                }
            }

            var tags = new ActivityTagsCollection
            {
                { "exception.type", typeName },
                { "exception.message", exception.Message },
                { "exception.stacktrace", text },
            };
            activity.AddEvent(new ActivityEvent("exception", tags: tags));
        }
    }

    /// <summary>
    /// Ends <paramref name="activity"/> when <paramref name="task"/> completes. A fault is recorded as by
    /// <see cref="RecordException"/>.
    /// </summary>
    /// <param name="activity">The span of the call.</param>
    /// <param name="task">The task returned by the traced method.</param>
    /// <param name="cancellationToken">The traced method's cancellation token, or <see langword="default"/>.</param>
    /// <param name="recordCancellationAsError">See <see cref="TracedAttribute.RecordCancellationAsError"/>.</param>
    /// <returns>
    /// <paramref name="task"/> itself when it had already completed or was not started (the span has ended); otherwise
    /// a task that completes as <paramref name="task"/> does (same exceptions, same cancellation) once the span has
    /// ended, so no caller can observe completion before it.
    /// </returns>
    public static Task EndWhenCompleted(Activity activity, Task task, bool recordCancellationAsError, CancellationToken cancellationToken) =>
        EndWhenCompletedCore(activity, task, recordCancellationAsError, new MethodCancellation(cancellationToken), default);

    /// <summary>
    /// As the overload with one token, for a traced method with several <see cref="CancellationToken"/> parameters: a
    /// cancellation requested through any of them is not an error.
    /// </summary>
    /// <param name="activity">The span of the call.</param>
    /// <param name="task">What the traced method returned.</param>
    /// <param name="recordCancellationAsError">See <see cref="TracedAttribute.RecordCancellationAsError"/>.</param>
    /// <param name="cancellationTokens">The traced method's cancellation tokens.</param>
    /// <returns>As the overload with one token.</returns>
    public static Task EndWhenCompleted(Activity activity, Task task, bool recordCancellationAsError, CancellationToken[] cancellationTokens) =>
        EndWhenCompletedCore(activity, task, recordCancellationAsError, new MethodCancellation(cancellationTokens), default);

    private static Task EndWhenCompletedCore(Activity? activity, Task task, bool recordCancellationAsError, MethodCancellation cancellationToken, TracedDuration duration)
    {
        if (task is null)
        {
            // Awaiting a null task throws NullReferenceException at the caller, as it would have without tracing.
            End(activity, ref duration);
            return task!;
        }

        if (task.Status == TaskStatus.Created)
        {
            // Returned unstarted, for the caller to Start: a promise could not be started (and the work would never
            // run), so the task goes back as is and the span covers the call that made it.
            End(activity, ref duration);
            return task;
        }

        if (task.IsCompleted)
        {
            Complete<object>(activity, task, recordCancellationAsError, null, cancellationToken, ref duration);
            return task;
        }

        return CompleteThenForward(task, new CompletionState<object>(activity, recordCancellationAsError, null, cancellationToken, duration));
    }

    /// <summary>
    /// Ends <paramref name="activity"/> when <paramref name="task"/> completes. When <paramref name="resultTagKey"/> is
    /// not <see langword="null"/>, a successful result is recorded under that key.
    /// </summary>
    /// <typeparam name="TResult">The task's result type.</typeparam>
    /// <param name="activity">The span of the call.</param>
    /// <param name="task">The task returned by the traced method.</param>
    /// <param name="cancellationToken">The traced method's cancellation token, or <see langword="default"/>.</param>
    /// <param name="recordCancellationAsError">See <see cref="TracedAttribute.RecordCancellationAsError"/>.</param>
    /// <param name="resultTagKey">The key of <c>[return: Tag]</c>, or <see langword="null"/>.</param>
    /// <returns>
    /// <paramref name="task"/> itself when it had already completed (the span has ended); otherwise a task that
    /// completes as <paramref name="task"/> does (same result, exceptions or cancellation) once the span has ended.
    /// </returns>
    public static Task<TResult> EndWhenCompleted<TResult>(Activity activity, Task<TResult> task, bool recordCancellationAsError, string? resultTagKey, CancellationToken cancellationToken) =>
        EndWhenCompletedCore(activity, task, recordCancellationAsError, resultTagKey, new MethodCancellation(cancellationToken), default);

    /// <summary>
    /// As the overload with one token, for a traced method with several <see cref="CancellationToken"/> parameters: a
    /// cancellation requested through any of them is not an error.
    /// </summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="activity">The span of the call.</param>
    /// <param name="task">What the traced method returned.</param>
    /// <param name="recordCancellationAsError">See <see cref="TracedAttribute.RecordCancellationAsError"/>.</param>
    /// <param name="resultTagKey">The key of <c>[return: Tag]</c>, or <see langword="null"/>.</param>
    /// <param name="cancellationTokens">The traced method's cancellation tokens.</param>
    /// <returns>As the overload with one token.</returns>
    public static Task<TResult> EndWhenCompleted<TResult>(Activity activity, Task<TResult> task, bool recordCancellationAsError, string? resultTagKey, CancellationToken[] cancellationTokens) =>
        EndWhenCompletedCore(activity, task, recordCancellationAsError, resultTagKey, new MethodCancellation(cancellationTokens), default);

    private static Task<TResult> EndWhenCompletedCore<TResult>(Activity? activity, Task<TResult> task, bool recordCancellationAsError, string? resultTagKey, MethodCancellation cancellationToken, TracedDuration duration)
    {
        if (task is null)
        {
            End(activity, ref duration);
            return task!;
        }

        if (task.Status == TaskStatus.Created)
        {
            // Unstarted: see the non-generic overload.
            End(activity, ref duration);
            return task;
        }

        if (task.IsCompleted)
        {
            Complete<TResult>(activity, task, recordCancellationAsError, resultTagKey, cancellationToken, ref duration);
            return task;
        }

        return CompleteThenForward(task, new CompletionState<TResult>(activity, recordCancellationAsError, resultTagKey, cancellationToken, duration));
    }

    /// <summary>Ends <paramref name="activity"/> when <paramref name="valueTask"/> completes.</summary>
    /// <param name="activity">The span of the call.</param>
    /// <param name="valueTask">The value task returned by the traced method.</param>
    /// <param name="cancellationToken">The traced method's cancellation token, or <see langword="default"/>.</param>
    /// <param name="recordCancellationAsError">See <see cref="TracedAttribute.RecordCancellationAsError"/>.</param>
    /// <returns>
    /// A value task that completes as <paramref name="valueTask"/> does (the same one when it had already succeeded),
    /// once the span has ended.
    /// </returns>
    public static ValueTask EndWhenCompleted(Activity activity, ValueTask valueTask, bool recordCancellationAsError, CancellationToken cancellationToken) =>
        EndWhenCompletedCore(activity, valueTask, recordCancellationAsError, new MethodCancellation(cancellationToken), default);

    /// <summary>
    /// As the overload with one token, for a traced method with several <see cref="CancellationToken"/> parameters: a
    /// cancellation requested through any of them is not an error.
    /// </summary>
    /// <param name="activity">The span of the call.</param>
    /// <param name="valueTask">What the traced method returned.</param>
    /// <param name="recordCancellationAsError">See <see cref="TracedAttribute.RecordCancellationAsError"/>.</param>
    /// <param name="cancellationTokens">The traced method's cancellation tokens.</param>
    /// <returns>As the overload with one token.</returns>
    public static ValueTask EndWhenCompleted(Activity activity, ValueTask valueTask, bool recordCancellationAsError, CancellationToken[] cancellationTokens) =>
        EndWhenCompletedCore(activity, valueTask, recordCancellationAsError, new MethodCancellation(cancellationTokens), default);

    private static ValueTask EndWhenCompletedCore(Activity? activity, ValueTask valueTask, bool recordCancellationAsError, MethodCancellation cancellationToken, TracedDuration duration)
    {
        if (valueTask.IsCompletedSuccessfully)
        {
            End(activity, ref duration);
            return valueTask;
        }

        // AsTask() returns the underlying task when there is one, and otherwise consumes the value task source once,
        // exactly as the caller's single await would have.
        var task = valueTask.AsTask();
        if (task.Status == TaskStatus.Created)
        {
            // Over an unstarted task: see EndWhenCompleted(Activity, Task, ...).
            End(activity, ref duration);
            return new ValueTask(task);
        }

        if (task.IsCompleted)
        {
            Complete<object>(activity, task, recordCancellationAsError, null, cancellationToken, ref duration);
            return new ValueTask(task);
        }

        return new ValueTask(CompleteThenForward(task, new CompletionState<object>(activity, recordCancellationAsError, null, cancellationToken, duration)));
    }

    /// <summary>Ends <paramref name="activity"/> when <paramref name="valueTask"/> completes.</summary>
    /// <typeparam name="TResult">The value task's result type.</typeparam>
    /// <param name="activity">The span of the call.</param>
    /// <param name="valueTask">The value task returned by the traced method.</param>
    /// <param name="cancellationToken">The traced method's cancellation token, or <see langword="default"/>.</param>
    /// <param name="recordCancellationAsError">See <see cref="TracedAttribute.RecordCancellationAsError"/>.</param>
    /// <param name="resultTagKey">The key of <c>[return: Tag]</c>, or <see langword="null"/>.</param>
    /// <returns>
    /// A value task that completes as <paramref name="valueTask"/> does (the same one when it had already succeeded and
    /// no result is recorded), once the span has ended.
    /// </returns>
    public static ValueTask<TResult> EndWhenCompleted<TResult>(Activity activity, ValueTask<TResult> valueTask, bool recordCancellationAsError, string? resultTagKey, CancellationToken cancellationToken) =>
        EndWhenCompletedCore(activity, valueTask, recordCancellationAsError, resultTagKey, new MethodCancellation(cancellationToken), default);

    /// <summary>
    /// As the overload with one token, for a traced method with several <see cref="CancellationToken"/> parameters: a
    /// cancellation requested through any of them is not an error.
    /// </summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="activity">The span of the call.</param>
    /// <param name="valueTask">What the traced method returned.</param>
    /// <param name="recordCancellationAsError">See <see cref="TracedAttribute.RecordCancellationAsError"/>.</param>
    /// <param name="resultTagKey">The key of <c>[return: Tag]</c>, or <see langword="null"/>.</param>
    /// <param name="cancellationTokens">The traced method's cancellation tokens.</param>
    /// <returns>As the overload with one token.</returns>
    public static ValueTask<TResult> EndWhenCompleted<TResult>(Activity activity, ValueTask<TResult> valueTask, bool recordCancellationAsError, string? resultTagKey, CancellationToken[] cancellationTokens) =>
        EndWhenCompletedCore(activity, valueTask, recordCancellationAsError, resultTagKey, new MethodCancellation(cancellationTokens), default);

    private static ValueTask<TResult> EndWhenCompletedCore<TResult>(Activity? activity, ValueTask<TResult> valueTask, bool recordCancellationAsError, string? resultTagKey, MethodCancellation cancellationToken, TracedDuration duration)
    {
        if (resultTagKey is null && valueTask.IsCompletedSuccessfully)
        {
            End(activity, ref duration);
            return valueTask;
        }

        var task = valueTask.AsTask();
        if (task.Status == TaskStatus.Created)
        {
            End(activity, ref duration);
            return new ValueTask<TResult>(task);
        }

        if (task.IsCompleted)
        {
            Complete<TResult>(activity, task, recordCancellationAsError, resultTagKey, cancellationToken, ref duration);
            return new ValueTask<TResult>(task);
        }

        return new ValueTask<TResult>(CompleteThenForward(task, new CompletionState<TResult>(activity, recordCancellationAsError, resultTagKey, cancellationToken, duration)));
    }

    /// <summary>
    /// As the overload without <paramref name="duration"/>, for a method that records its duration: the duration is recorded
    /// when <paramref name="task"/> completes, with the span ended or without a span.
    /// </summary>
    /// <param name="activity">The span of the call, or <see langword="null"/> (only the duration is measured).</param>
    /// <param name="duration">The measurement of the call.</param>
    /// <param name="task">What the traced method returned.</param>
    /// <param name="recordCancellationAsError">See <see cref="TracedAttribute.RecordCancellationAsError"/>.</param>
    /// <param name="cancellationToken">The traced method's cancellation token, or <see langword="default"/>.</param>
    /// <returns>As the overload without <paramref name="duration"/>.</returns>
    public static Task EndWhenCompleted(Activity? activity, TracedDuration duration, Task task, bool recordCancellationAsError, CancellationToken cancellationToken) =>
        EndWhenCompletedCore(activity, task, recordCancellationAsError, new MethodCancellation(cancellationToken), duration);

    /// <summary>
    /// As the overload without <paramref name="duration"/>, for a method that records its duration: the duration is recorded
    /// when <paramref name="task"/> completes, with the span ended or without a span.
    /// </summary>
    /// <param name="activity">The span of the call, or <see langword="null"/> (only the duration is measured).</param>
    /// <param name="duration">The measurement of the call.</param>
    /// <param name="task">What the traced method returned.</param>
    /// <param name="recordCancellationAsError">See <see cref="TracedAttribute.RecordCancellationAsError"/>.</param>
    /// <param name="cancellationTokens">The traced method's cancellation tokens.</param>
    /// <returns>As the overload without <paramref name="duration"/>.</returns>
    public static Task EndWhenCompleted(Activity? activity, TracedDuration duration, Task task, bool recordCancellationAsError, CancellationToken[] cancellationTokens) =>
        EndWhenCompletedCore(activity, task, recordCancellationAsError, new MethodCancellation(cancellationTokens), duration);

    /// <summary>
    /// As the overload without <paramref name="duration"/>, for a method that records its duration: the duration is recorded
    /// when <paramref name="task"/> completes (and its result under <paramref name="resultTagKey"/>), with the span ended or without a span.
    /// </summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="activity">The span of the call, or <see langword="null"/> (only the duration is measured).</param>
    /// <param name="duration">The measurement of the call.</param>
    /// <param name="task">What the traced method returned.</param>
    /// <param name="recordCancellationAsError">See <see cref="TracedAttribute.RecordCancellationAsError"/>.</param>
    /// <param name="resultTagKey">The key of <c>[return: Tag]</c>, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">The traced method's cancellation token, or <see langword="default"/>.</param>
    /// <returns>As the overload without <paramref name="duration"/>.</returns>
    public static Task<TResult> EndWhenCompleted<TResult>(Activity? activity, TracedDuration duration, Task<TResult> task, bool recordCancellationAsError, string? resultTagKey, CancellationToken cancellationToken) =>
        EndWhenCompletedCore(activity, task, recordCancellationAsError, resultTagKey, new MethodCancellation(cancellationToken), duration);

    /// <summary>
    /// As the overload without <paramref name="duration"/>, for a method that records its duration: the duration is recorded
    /// when <paramref name="task"/> completes (and its result under <paramref name="resultTagKey"/>), with the span ended or without a span.
    /// </summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="activity">The span of the call, or <see langword="null"/> (only the duration is measured).</param>
    /// <param name="duration">The measurement of the call.</param>
    /// <param name="task">What the traced method returned.</param>
    /// <param name="recordCancellationAsError">See <see cref="TracedAttribute.RecordCancellationAsError"/>.</param>
    /// <param name="resultTagKey">The key of <c>[return: Tag]</c>, or <see langword="null"/>.</param>
    /// <param name="cancellationTokens">The traced method's cancellation tokens.</param>
    /// <returns>As the overload without <paramref name="duration"/>.</returns>
    public static Task<TResult> EndWhenCompleted<TResult>(Activity? activity, TracedDuration duration, Task<TResult> task, bool recordCancellationAsError, string? resultTagKey, CancellationToken[] cancellationTokens) =>
        EndWhenCompletedCore(activity, task, recordCancellationAsError, resultTagKey, new MethodCancellation(cancellationTokens), duration);

    /// <summary>
    /// As the overload without <paramref name="duration"/>, for a method that records its duration: the duration is recorded
    /// when <paramref name="valueTask"/> completes, with the span ended or without a span.
    /// </summary>
    /// <param name="activity">The span of the call, or <see langword="null"/> (only the duration is measured).</param>
    /// <param name="duration">The measurement of the call.</param>
    /// <param name="valueTask">What the traced method returned.</param>
    /// <param name="recordCancellationAsError">See <see cref="TracedAttribute.RecordCancellationAsError"/>.</param>
    /// <param name="cancellationToken">The traced method's cancellation token, or <see langword="default"/>.</param>
    /// <returns>As the overload without <paramref name="duration"/>.</returns>
    public static ValueTask EndWhenCompleted(Activity? activity, TracedDuration duration, ValueTask valueTask, bool recordCancellationAsError, CancellationToken cancellationToken) =>
        EndWhenCompletedCore(activity, valueTask, recordCancellationAsError, new MethodCancellation(cancellationToken), duration);

    /// <summary>
    /// As the overload without <paramref name="duration"/>, for a method that records its duration: the duration is recorded
    /// when <paramref name="valueTask"/> completes, with the span ended or without a span.
    /// </summary>
    /// <param name="activity">The span of the call, or <see langword="null"/> (only the duration is measured).</param>
    /// <param name="duration">The measurement of the call.</param>
    /// <param name="valueTask">What the traced method returned.</param>
    /// <param name="recordCancellationAsError">See <see cref="TracedAttribute.RecordCancellationAsError"/>.</param>
    /// <param name="cancellationTokens">The traced method's cancellation tokens.</param>
    /// <returns>As the overload without <paramref name="duration"/>.</returns>
    public static ValueTask EndWhenCompleted(Activity? activity, TracedDuration duration, ValueTask valueTask, bool recordCancellationAsError, CancellationToken[] cancellationTokens) =>
        EndWhenCompletedCore(activity, valueTask, recordCancellationAsError, new MethodCancellation(cancellationTokens), duration);

    /// <summary>
    /// As the overload without <paramref name="duration"/>, for a method that records its duration: the duration is recorded
    /// when <paramref name="valueTask"/> completes (and its result under <paramref name="resultTagKey"/>), with the span ended or without a span.
    /// </summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="activity">The span of the call, or <see langword="null"/> (only the duration is measured).</param>
    /// <param name="duration">The measurement of the call.</param>
    /// <param name="valueTask">What the traced method returned.</param>
    /// <param name="recordCancellationAsError">See <see cref="TracedAttribute.RecordCancellationAsError"/>.</param>
    /// <param name="resultTagKey">The key of <c>[return: Tag]</c>, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">The traced method's cancellation token, or <see langword="default"/>.</param>
    /// <returns>As the overload without <paramref name="duration"/>.</returns>
    public static ValueTask<TResult> EndWhenCompleted<TResult>(Activity? activity, TracedDuration duration, ValueTask<TResult> valueTask, bool recordCancellationAsError, string? resultTagKey, CancellationToken cancellationToken) =>
        EndWhenCompletedCore(activity, valueTask, recordCancellationAsError, resultTagKey, new MethodCancellation(cancellationToken), duration);

    /// <summary>
    /// As the overload without <paramref name="duration"/>, for a method that records its duration: the duration is recorded
    /// when <paramref name="valueTask"/> completes (and its result under <paramref name="resultTagKey"/>), with the span ended or without a span.
    /// </summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="activity">The span of the call, or <see langword="null"/> (only the duration is measured).</param>
    /// <param name="duration">The measurement of the call.</param>
    /// <param name="valueTask">What the traced method returned.</param>
    /// <param name="recordCancellationAsError">See <see cref="TracedAttribute.RecordCancellationAsError"/>.</param>
    /// <param name="resultTagKey">The key of <c>[return: Tag]</c>, or <see langword="null"/>.</param>
    /// <param name="cancellationTokens">The traced method's cancellation tokens.</param>
    /// <returns>As the overload without <paramref name="duration"/>.</returns>
    public static ValueTask<TResult> EndWhenCompleted<TResult>(Activity? activity, TracedDuration duration, ValueTask<TResult> valueTask, bool recordCancellationAsError, string? resultTagKey, CancellationToken[] cancellationTokens) =>
        EndWhenCompletedCore(activity, valueTask, recordCancellationAsError, resultTagKey, new MethodCancellation(cancellationTokens), duration);

    // A task still running when the method returns: the caller gets a task that completes like the original one (same
    // result, exceptions or cancellation) only after the span has ended, so code after an await or a blocking wait
    // always sees it ended. Handing back the original task instead let the span's continuation race the caller's
    // (observed even for plain async methods); as with hand-written async code, task identity is not part of the
    // contract. No listener, or a task already complete: the original task is returned.
    private static Task CompleteThenForward(Task task, CompletionState<object> state) =>
        task.ContinueWith(
            static (completed, s) =>
            {
                ((CompletionState<object>)s!).Complete(completed);
                return completed;
            },
            state,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default).Unwrap();

    private static Task<TResult> CompleteThenForward<TResult>(Task<TResult> task, CompletionState<TResult> state) =>
        task.ContinueWith(
            static (completed, s) =>
            {
                ((CompletionState<TResult>)s!).Complete(completed);
                return completed;
            },
            state,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default).Unwrap();

    /// <summary>
    /// The exception a canceled task's awaiter throws: the <see cref="OperationCanceledException"/> the method threw
    /// (its type, message and stack trace are what the span records), or a new <see cref="TaskCanceledException"/>
    /// when the task was canceled without one.
    /// </summary>
    private static Exception CancellationOf(Task task)
    {
        try
        {
            task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException exception)
        {
            return exception;
        }

        return new TaskCanceledException(task);
    }

    /// <summary>
    /// Records how <paramref name="task"/> ended on <paramref name="activity"/> (the exception, or the result under
    /// <paramref name="resultTagKey"/>), and ends the span.
    /// </summary>
    private static void Complete<TResult>(Activity? activity, Task task, bool recordCancellationAsError, string? resultTagKey, MethodCancellation cancellationToken, ref TracedDuration duration)
    {
        try
        {
            if (task.IsFaulted)
            {
                var exception = task.Exception!.InnerExceptions.Count == 1 ? task.Exception.InnerException! : task.Exception;
                duration.Fail(RecordExceptionCore(activity, exception, recordCancellationAsError, cancellationToken));
            }
            else if (task.IsCanceled)
            {
                duration.Fail(RecordExceptionCore(activity, CancellationOf(task), recordCancellationAsError, cancellationToken, readByCancellationOf: true));
            }
            else if (resultTagKey is not null && activity is not null && activity.IsAllDataRequested)
            {
                activity.SetTag(resultTagKey, ((Task<TResult>)task).Result);
            }
        }
        finally
        {
            End(activity, ref duration);
        }
    }

    /// <summary>What ending the span of a task that is still running needs: allocated only for such a task.</summary>
    private sealed class CompletionState<TResult>(Activity? activity, bool recordCancellationAsError, string? resultTagKey, MethodCancellation cancellationToken, TracedDuration duration)
    {
        private TracedDuration _duration = duration;

        public void Complete(Task task) => Complete<TResult>(activity, task, recordCancellationAsError, resultTagKey, cancellationToken, ref _duration);
    }
}

/// <summary>
/// The cancellation tokens of a traced method: one (no allocation), or several. A cancellation requested through any of
/// them, checked when the method ends, means the method was cancelled rather than failed.
/// </summary>
internal readonly struct MethodCancellation
{
    private readonly CancellationToken _token;
    private readonly CancellationToken[]? _tokens;

    public MethodCancellation(CancellationToken token)
    {
        _token = token;
        _tokens = null;
    }

    public MethodCancellation(CancellationToken[]? tokens)
    {
        _token = default;
        _tokens = tokens;
    }

    public bool IsRequested
    {
        get
        {
            if (_tokens is null)
            {
                return _token.IsCancellationRequested;
            }

            foreach (var token in _tokens)
            {
                if (token.IsCancellationRequested)
                {
                    return true;
                }
            }

            return false;
        }
    }
}

#if NET8_0_OR_GREATER
using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading;
using System.Threading.Tasks;

namespace Instrumentation.Runtime;

/// <summary>
/// Wraps the sequence returned by a <see cref="TracedAttribute"/> async iterator method so that its span covers the
/// enumeration, from <c>GetAsyncEnumerator</c> to completion, failure or disposal. Used by generated code.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class TracedAsyncEnumerable<T> : IAsyncEnumerable<T>
{
    private readonly IAsyncEnumerable<T> _inner;
    private readonly IteratorSpanTemplate _span;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The iterator's sequence.</param>
    /// <param name="source">The source to start the span from.</param>
    /// <param name="name">The span name.</param>
    /// <param name="kind">The span kind.</param>
    /// <param name="tags">Tags recorded when the span starts, or <see langword="null"/>.</param>
    /// <param name="recordCancellationAsError">See <see cref="TracedAttribute.RecordCancellationAsError"/>.</param>
    /// <param name="cancellationToken">The iterator method's own cancellation token parameter, or <see langword="default"/>.</param>
    public TracedAsyncEnumerable(IAsyncEnumerable<T> inner, ActivitySource source, string name, ActivityKind kind, KeyValuePair<string, object?>[]? tags, bool recordCancellationAsError, CancellationToken cancellationToken)
    {
        _inner = inner;
        _span = new IteratorSpanTemplate(source, null, name, kind, tags, recordCancellationAsError, new MethodCancellation(cancellationToken));
    }

    /// <summary>Wraps <paramref name="inner"/>, for an iterator method with several cancellation token parameters.</summary>
    /// <param name="inner">The iterator's sequence.</param>
    /// <param name="source">The source to start the span from.</param>
    /// <param name="name">The span name.</param>
    /// <param name="kind">The span kind.</param>
    /// <param name="tags">Tags recorded when the span starts, or <see langword="null"/>.</param>
    /// <param name="recordCancellationAsError">See <see cref="TracedAttribute.RecordCancellationAsError"/>.</param>
    /// <param name="cancellationTokens">The iterator method's cancellation token parameters: a cancellation requested through any of them is not an error.</param>
    public TracedAsyncEnumerable(IAsyncEnumerable<T> inner, ActivitySource source, string name, ActivityKind kind, KeyValuePair<string, object?>[]? tags, bool recordCancellationAsError, CancellationToken[] cancellationTokens)
    {
        _inner = inner;
        _span = new IteratorSpanTemplate(source, null, name, kind, tags, recordCancellationAsError, new MethodCancellation(cancellationTokens));
    }

    /// <summary>Wraps <paramref name="inner"/>, for an iterator method that records its duration.</summary>
    /// <param name="inner">The iterator's sequence.</param>
    /// <param name="source">The source to start the span from.</param>
    /// <param name="histogram">The duration histogram: the enumeration's duration is recorded there (<see cref="TracedAttribute.RecordDuration"/>).</param>
    /// <param name="name">The span name.</param>
    /// <param name="kind">The span kind.</param>
    /// <param name="tags">Tags recorded when the span starts, or <see langword="null"/>.</param>
    /// <param name="recordCancellationAsError">See <see cref="TracedAttribute.RecordCancellationAsError"/>.</param>
    /// <param name="cancellationToken">The iterator method's own cancellation token parameter, or <see langword="default"/>.</param>
    public TracedAsyncEnumerable(IAsyncEnumerable<T> inner, ActivitySource source, Histogram<double> histogram, string name, ActivityKind kind, KeyValuePair<string, object?>[]? tags, bool recordCancellationAsError, CancellationToken cancellationToken)
    {
        _inner = inner;
        _span = new IteratorSpanTemplate(source, histogram, name, kind, tags, recordCancellationAsError, new MethodCancellation(cancellationToken));
    }

    /// <summary>Wraps <paramref name="inner"/>, for an iterator method that records its duration and has several cancellation token parameters.</summary>
    /// <param name="inner">The iterator's sequence.</param>
    /// <param name="source">The source to start the span from.</param>
    /// <param name="histogram">The duration histogram: the enumeration's duration is recorded there (<see cref="TracedAttribute.RecordDuration"/>).</param>
    /// <param name="name">The span name.</param>
    /// <param name="kind">The span kind.</param>
    /// <param name="tags">Tags recorded when the span starts, or <see langword="null"/>.</param>
    /// <param name="recordCancellationAsError">See <see cref="TracedAttribute.RecordCancellationAsError"/>.</param>
    /// <param name="cancellationTokens">The iterator method's cancellation token parameters: a cancellation requested through any of them is not an error.</param>
    public TracedAsyncEnumerable(IAsyncEnumerable<T> inner, ActivitySource source, Histogram<double> histogram, string name, ActivityKind kind, KeyValuePair<string, object?>[]? tags, bool recordCancellationAsError, CancellationToken[] cancellationTokens)
    {
        _inner = inner;
        _span = new IteratorSpanTemplate(source, histogram, name, kind, tags, recordCancellationAsError, new MethodCancellation(cancellationTokens));
    }

    /// <inheritdoc/>
    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        var span = _span.Start(out var previous, cancellationToken);
        if (span is null)
        {
            return _inner.GetAsyncEnumerator(cancellationToken);
        }

        var created = false;
        try
        {
            var enumerator = new Enumerator(_inner.GetAsyncEnumerator(cancellationToken), span);
            created = true;
            return enumerator;
        }
        catch (Exception exception) when (span.Record(exception))
        {
            throw;
        }
        finally
        {
            if (!created)
            {
                span.End();
            }

            Activity.Current = previous;
        }
    }

    private sealed class Enumerator(IAsyncEnumerator<T> inner, IteratorSpan span) : IAsyncEnumerator<T>
    {
        public T Current => inner.Current;

        public ValueTask<bool> MoveNextAsync()
        {
            if (span.IsEnded)
            {
                return inner.MoveNextAsync();
            }

            var previous = span.Enter();
            ValueTask<bool> pending;
            var started = false;
            try
            {
                // The iterator's code runs (and captures its context) with the span current.
                pending = inner.MoveNextAsync();
                started = true;
            }
            catch (Exception exception) when (span.Record(exception))
            {
                throw;
            }
            finally
            {
                if (!started)
                {
                    span.End();
                }

                Activity.Current = previous;
            }

            if (pending.IsCompletedSuccessfully)
            {
                var hasNext = pending.Result;
                if (!hasNext)
                {
                    span.End();
                }

                return new ValueTask<bool>(hasNext);
            }

            return AwaitMoveNext(pending);
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await inner.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                span.End();
            }
        }

        private async ValueTask<bool> AwaitMoveNext(ValueTask<bool> pending)
        {
            var completed = false;
            try
            {
                var hasNext = await pending.ConfigureAwait(false);
                completed = true;
                if (!hasNext)
                {
                    span.End();
                }

                return hasNext;
            }
            catch (Exception exception) when (span.Record(exception))
            {
                throw;
            }
            finally
            {
                if (!completed)
                {
                    span.End();
                }
            }
        }
    }
}
#endif

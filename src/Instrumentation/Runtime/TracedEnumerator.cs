using System;
using System.Collections;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading;

namespace Instrumentation.Runtime;

/// <summary>
/// Wraps the enumerator returned by a <see cref="TracedAttribute"/> iterator method declared to return
/// <see cref="IEnumerator{T}"/>, so that its span covers the enumeration: the span starts at the first
/// <see cref="MoveNext"/>, is current while the iterator's code runs, and ends when the enumeration completes, fails or
/// is disposed. An enumerator disposed before its first <see cref="MoveNext"/> ran none of the method's code and records
/// no span. Used by generated code.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class TracedEnumerator<T> : IEnumerator<T>
{
    private readonly IteratorSpanTemplate _span;
    private IEnumerator<T> _inner;
    private bool _started;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The iterator's enumerator.</param>
    /// <param name="source">The source to start the span from.</param>
    /// <param name="name">The span name.</param>
    /// <param name="kind">The span kind.</param>
    /// <param name="tags">Tags recorded when the span starts, or <see langword="null"/>.</param>
    /// <param name="recordCancellationAsError">See <see cref="TracedAttribute.RecordCancellationAsError"/>.</param>
    /// <param name="cancellationToken">The iterator method's own cancellation token parameter, or <see langword="default"/>.</param>
    public TracedEnumerator(IEnumerator<T> inner, ActivitySource source, string name, ActivityKind kind, KeyValuePair<string, object?>[]? tags, bool recordCancellationAsError, CancellationToken cancellationToken)
    {
        _inner = inner;
        _span = new IteratorSpanTemplate(source, null, name, kind, tags, recordCancellationAsError, new MethodCancellation(cancellationToken));
    }

    /// <summary>Wraps <paramref name="inner"/>, for an iterator method with several cancellation token parameters.</summary>
    /// <param name="inner">The iterator's enumerator.</param>
    /// <param name="source">The source to start the span from.</param>
    /// <param name="name">The span name.</param>
    /// <param name="kind">The span kind.</param>
    /// <param name="tags">Tags recorded when the span starts, or <see langword="null"/>.</param>
    /// <param name="recordCancellationAsError">See <see cref="TracedAttribute.RecordCancellationAsError"/>.</param>
    /// <param name="cancellationTokens">The iterator method's cancellation token parameters: a cancellation requested through any of them is not an error.</param>
    public TracedEnumerator(IEnumerator<T> inner, ActivitySource source, string name, ActivityKind kind, KeyValuePair<string, object?>[]? tags, bool recordCancellationAsError, CancellationToken[] cancellationTokens)
    {
        _inner = inner;
        _span = new IteratorSpanTemplate(source, null, name, kind, tags, recordCancellationAsError, new MethodCancellation(cancellationTokens));
    }

    /// <summary>Wraps <paramref name="inner"/>, for an iterator method that records its duration.</summary>
    /// <param name="inner">The iterator's enumerator.</param>
    /// <param name="source">The source to start the span from.</param>
    /// <param name="histogram">The duration histogram: the enumeration's duration is recorded there (<see cref="TracedAttribute.RecordDuration"/>).</param>
    /// <param name="name">The span name.</param>
    /// <param name="kind">The span kind.</param>
    /// <param name="tags">Tags recorded when the span starts, or <see langword="null"/>.</param>
    /// <param name="recordCancellationAsError">See <see cref="TracedAttribute.RecordCancellationAsError"/>.</param>
    /// <param name="cancellationToken">The iterator method's own cancellation token parameter, or <see langword="default"/>.</param>
    public TracedEnumerator(IEnumerator<T> inner, ActivitySource source, Histogram<double> histogram, string name, ActivityKind kind, KeyValuePair<string, object?>[]? tags, bool recordCancellationAsError, CancellationToken cancellationToken)
    {
        _inner = inner;
        _span = new IteratorSpanTemplate(source, histogram, name, kind, tags, recordCancellationAsError, new MethodCancellation(cancellationToken));
    }

    /// <summary>Wraps <paramref name="inner"/>, for an iterator method that records its duration and has several cancellation token parameters.</summary>
    /// <param name="inner">The iterator's enumerator.</param>
    /// <param name="source">The source to start the span from.</param>
    /// <param name="histogram">The duration histogram: the enumeration's duration is recorded there (<see cref="TracedAttribute.RecordDuration"/>).</param>
    /// <param name="name">The span name.</param>
    /// <param name="kind">The span kind.</param>
    /// <param name="tags">Tags recorded when the span starts, or <see langword="null"/>.</param>
    /// <param name="recordCancellationAsError">See <see cref="TracedAttribute.RecordCancellationAsError"/>.</param>
    /// <param name="cancellationTokens">The iterator method's cancellation token parameters: a cancellation requested through any of them is not an error.</param>
    public TracedEnumerator(IEnumerator<T> inner, ActivitySource source, Histogram<double> histogram, string name, ActivityKind kind, KeyValuePair<string, object?>[]? tags, bool recordCancellationAsError, CancellationToken[] cancellationTokens)
    {
        _inner = inner;
        _span = new IteratorSpanTemplate(source, histogram, name, kind, tags, recordCancellationAsError, new MethodCancellation(cancellationTokens));
    }

    /// <inheritdoc/>
    public T Current => _inner.Current;

    /// <inheritdoc/>
    object? IEnumerator.Current => Current;

    /// <inheritdoc/>
    public bool MoveNext()
    {
        if (!_started)
        {
            _started = true;
            _inner = WithSpan(_inner);
        }

        return _inner.MoveNext();
    }

    /// <inheritdoc/>
    public void Reset() => _inner.Reset();

    /// <inheritdoc/>
    public void Dispose() => _inner.Dispose();

    // The span starts where the iterator's code first runs; with no listener, or sampled out, the enumerator is used as is.
    private IEnumerator<T> WithSpan(IEnumerator<T> inner)
    {
        var span = _span.Start(out var previous, default);
        if (span is null)
        {
            return inner;
        }

        // SpanEnumerator makes the span current around each MoveNext; until then the caller's context stays current.
        Activity.Current = previous;
        return new SpanEnumerator<T>(inner, span);
    }
}

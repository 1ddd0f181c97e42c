using System;
using System.Collections;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading;

namespace Instrumentation.Runtime;

/// <summary>
/// Wraps the sequence returned by a <see cref="TracedAttribute"/> iterator method so that its span covers the
/// enumeration: the span starts when enumeration starts, is current while the iterator's code runs, and ends when
/// the enumeration completes, fails or is disposed. Used by generated code.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class TracedEnumerable<T> : IEnumerable<T>
{
    private readonly IEnumerable<T> _inner;
    private readonly IteratorSpanTemplate _span;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The iterator's sequence.</param>
    /// <param name="source">The source to start the span from.</param>
    /// <param name="name">The span name.</param>
    /// <param name="kind">The span kind.</param>
    /// <param name="tags">Tags recorded when the span starts, or <see langword="null"/>.</param>
    /// <param name="recordCancellationAsError">See <see cref="TracedAttribute.RecordCancellationAsError"/>.</param>
    /// <param name="cancellationToken">The iterator method's own cancellation token parameter, or <see langword="default"/>.</param>
    public TracedEnumerable(IEnumerable<T> inner, ActivitySource source, string name, ActivityKind kind, KeyValuePair<string, object?>[]? tags, bool recordCancellationAsError, CancellationToken cancellationToken)
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
    public TracedEnumerable(IEnumerable<T> inner, ActivitySource source, string name, ActivityKind kind, KeyValuePair<string, object?>[]? tags, bool recordCancellationAsError, CancellationToken[] cancellationTokens)
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
    public TracedEnumerable(IEnumerable<T> inner, ActivitySource source, Histogram<double> histogram, string name, ActivityKind kind, KeyValuePair<string, object?>[]? tags, bool recordCancellationAsError, CancellationToken cancellationToken)
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
    public TracedEnumerable(IEnumerable<T> inner, ActivitySource source, Histogram<double> histogram, string name, ActivityKind kind, KeyValuePair<string, object?>[]? tags, bool recordCancellationAsError, CancellationToken[] cancellationTokens)
    {
        _inner = inner;
        _span = new IteratorSpanTemplate(source, histogram, name, kind, tags, recordCancellationAsError, new MethodCancellation(cancellationTokens));
    }

    /// <inheritdoc/>
    public IEnumerator<T> GetEnumerator()
    {
        var span = _span.Start(out var previous, default);
        if (span is null)
        {
            return _inner.GetEnumerator();
        }

        var created = false;
        try
        {
            var enumerator = new SpanEnumerator<T>(_inner.GetEnumerator(), span);
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

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

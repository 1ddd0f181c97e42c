using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;

namespace Instrumentation.Runtime;

/// <summary>
/// An iterator's enumerator with its span: current while the iterator's code runs, ended when the enumeration completes,
/// fails or is disposed. Shared by <see cref="TracedEnumerable{T}"/> and <see cref="TracedEnumerator{T}"/>.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class SpanEnumerator<T>(IEnumerator<T> inner, IteratorSpan span) : IEnumerator<T>
{
    public T Current => inner.Current;

    object? IEnumerator.Current => Current;

    public bool MoveNext()
    {
        if (span.IsEnded)
        {
            return inner.MoveNext();
        }

        var previous = span.Enter();
        var completed = false;
        try
        {
            var hasNext = inner.MoveNext();
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

            Activity.Current = previous;
        }
    }

    public void Reset() => inner.Reset();

    public void Dispose()
    {
        try
        {
            inner.Dispose();
        }
        finally
        {
            span.End();
        }
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Instrumentation.IntegrationTests.Subjects;

internal static class Iterators
{
    [Traced]
    public static IEnumerable<int> Range([Tag("app.count")] int count, List<string?> currentInside)
    {
        ArgumentNullException.ThrowIfNull(currentInside);
        for (var i = 0; i < count; i++)
        {
            currentInside.Add(Activity.Current?.DisplayName);
            yield return i;
        }
    }

    [Traced]
    public static IEnumerator<int> Count([Tag("app.count")] int count, List<string?> currentInside)
    {
        ArgumentNullException.ThrowIfNull(currentInside);
        for (var i = 0; i < count; i++)
        {
            currentInside.Add(Activity.Current?.DisplayName);
            yield return i;
        }
    }

    [Traced]
    public static IEnumerator<int> CountThenFail(Exception exception)
    {
        yield return 1;
        throw exception;
    }

    [Traced]
    public static IEnumerable<int> FailAfterOne(Exception exception)
    {
        yield return 1;
        throw exception;
    }

    [Traced]
    public static async IAsyncEnumerable<int> RangeAsync(int count, List<string?> currentInside, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(currentInside);
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            currentInside.Add(Activity.Current?.DisplayName);
            yield return i;
        }
    }

    [Traced(RecordCancellationAsError = true)]
    public static async IAsyncEnumerable<int> RangeCancellationIsErrorAsync(int count, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return i;
        }
    }

    [Traced]
    public static IEnumerable<int> Until(CancellationToken cancellationToken)
    {
        for (var i = 0; ; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return i;
        }
    }

    [Traced]
    public static IEnumerable<int> UntilEither(CancellationToken first, CancellationToken second)
    {
        for (var i = 0; ; i++)
        {
            first.ThrowIfCancellationRequested();
            second.ThrowIfCancellationRequested();
            yield return i;
        }
    }

    [Traced]
    public static async IAsyncEnumerable<int> FailAfterOneAsync(Exception exception)
    {
        await Task.Yield();
        yield return 1;
        throw exception;
    }
}

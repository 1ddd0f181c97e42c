using System;

namespace Instrumentation.IntegrationTests.Subjects;

internal ref struct Cursor
{
    private int _position;

    [Traced]
    public int Advance()
    {
        _position++;
        return _position;
    }
}

internal static class SpanExtensions
{
    [Traced]
    public static int CountB(this ReadOnlySpan<char> text) => text.Count('b');
}

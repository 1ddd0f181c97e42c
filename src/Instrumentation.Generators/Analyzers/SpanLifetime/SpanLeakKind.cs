namespace Instrumentation.Generators.Analyzers.SpanLifetime;

/// <summary>Why a span can be left running. Order is the order of preference when several apply.</summary>
internal enum SpanLeakKind
{
    None,

    /// <summary>The start's result is not kept anywhere, so nothing can end the span.</summary>
    Discarded,

    /// <summary>Control reaches the end of the method (or a <c>return</c>) with the span still running.</summary>
    OpenAtExit,

    /// <summary>The local is assigned again (or the start runs again in a loop) while the span is still running.</summary>
    Overwritten,

    /// <summary>An exception (or an abandoned iterator) leaves the method between the start and a non-finally end.</summary>
    OpenOnException,
}

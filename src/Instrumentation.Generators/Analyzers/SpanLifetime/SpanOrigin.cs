using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Instrumentation.Generators.Analyzers.SpanLifetime;

/// <summary>Where the value of a start call ends up.</summary>
internal enum SpanSinkKind
{
    /// <summary>Somewhere the analysis does not follow (tuple, collection, pattern...): treated like an escape.</summary>
    Unknown,

    /// <summary>Returned, stored in a field/property/element, passed to a method or constructor: someone else ends it.</summary>
    Escaped,

    /// <summary>Ended on the spot: <c>using (source.StartActivity(...))</c>, <c>using var</c>, <c>?.Dispose()</c>.</summary>
    Ended,

    /// <summary>Nothing keeps the span: expression statement, <c>_ =</c>, or a member access that drops it.</summary>
    Discarded,

    /// <summary>Stored in a local (declaration or simple assignment statement) whose paths must end it.</summary>
    Local,
}

/// <summary>
/// Follows the value of a start call up the operation tree, through conversions, <c>?.</c>, <c>??</c>, <c>?:</c> and
/// fluent span members (<c>SetTag</c>, <c>Start</c>...), to the place that keeps or drops it.
/// </summary>
internal readonly struct SpanOrigin
{
    private SpanOrigin(SpanSinkKind sink, bool started, IOperation? top, ILocalSymbol? local, IOperation? store)
    {
        Sink = sink;
        Started = started;
        Top = top;
        Local = local;
        Store = store;
    }

    public SpanSinkKind Sink { get; }

    /// <summary>False for a <c>CreateActivity</c> result not started on the way to its sink.</summary>
    public bool Started { get; }

    /// <summary>The outermost operation that still evaluates to the span (what a discard fix would keep).</summary>
    public IOperation? Top { get; }

    public ILocalSymbol? Local { get; }

    /// <summary>The declarator or assignment that stores the span in <see cref="Local"/>.</summary>
    public IOperation? Store { get; }

    public static SpanOrigin Trace(IInvocationOperation start, SpanStartKind kind, SpanApis apis)
    {
        var started = kind == SpanStartKind.Started;
        IOperation current = start;
        while (true)
        {
            var parent = current.Parent;
            switch (parent)
            {
                case IConversionOperation { OperatorMethod: null }:
                case ICoalesceOperation:
                case IConditionalOperation conditional when !ReferenceEquals(conditional.Condition, current):
                case IConditionalAccessOperation access when ReferenceEquals(access.WhenNotNull, current):
                    current = parent;
                    continue;

                case IConditionalAccessOperation access when ReferenceEquals(access.Operation, current):
                    // The value continues as the implicit receiver of the member accessed with ?.
                    if (FindConditionalInstance(access) is not { } instance)
                    {
                        return Stop(SpanSinkKind.Unknown);
                    }

                    current = instance;
                    continue;

                case IInvocationOperation invocation when ReferenceEquals(invocation.Instance, current):
                    if (apis.IsEnd(invocation.TargetMethod))
                    {
                        return Stop(SpanSinkKind.Ended);
                    }

                    if (apis.IsFluentSpanMember(invocation))
                    {
                        started |= SpanApis.IsStartCall(invocation.TargetMethod);
                        current = invocation;
                        continue;
                    }

                    return Stop(SpanSinkKind.Discarded);

                case IArgumentOperation argument:
                    if (SpanApis.IsTrustedExtensionReceiver(argument) && argument.Parent is IInvocationOperation extension)
                    {
                        if (apis.IsFluentSpanMember(extension))
                        {
                            current = extension;
                            continue;
                        }

                        return Stop(SpanSinkKind.Discarded);
                    }

                    return Stop(SpanSinkKind.Escaped);

                case IPropertyReferenceOperation property when ReferenceEquals(property.Instance, current):
                    return Stop(SpanSinkKind.Discarded);

                case IExpressionStatementOperation:
                    return Stop(SpanSinkKind.Discarded);

                case ISimpleAssignmentOperation assignment when ReferenceEquals(assignment.Value, current):
                    if (assignment.Target is IDiscardOperation)
                    {
                        return Stop(SpanSinkKind.Discarded);
                    }

                    if (assignment.Target is ILocalReferenceOperation { Local.RefKind: RefKind.None } target
                        && assignment.Parent is IExpressionStatementOperation)
                    {
                        return new SpanOrigin(SpanSinkKind.Local, started, current, target.Local, assignment);
                    }

                    return Stop(SpanSinkKind.Escaped);

                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    if (declarator.Parent?.Parent?.Parent is IUsingDeclarationOperation or IUsingOperation)
                    {
                        return Stop(SpanSinkKind.Ended);
                    }

                    return declarator.Symbol.RefKind == RefKind.None
                        ? new SpanOrigin(SpanSinkKind.Local, started, current, declarator.Symbol, declarator)
                        : Stop(SpanSinkKind.Escaped);

                case IUsingOperation:
                    return Stop(SpanSinkKind.Ended);

                case IReturnOperation:
                case IVariableInitializerOperation:
                case IFieldInitializerOperation:
                case IPropertyInitializerOperation:
                    return Stop(SpanSinkKind.Escaped);

                default:
                    return Stop(SpanSinkKind.Unknown);
            }

            SpanOrigin Stop(SpanSinkKind sink) => new(sink, started, current, null, null);
        }
    }

    private static IConditionalAccessInstanceOperation? FindConditionalInstance(IConditionalAccessOperation access)
    {
        foreach (var descendant in access.WhenNotNull.DescendantsAndSelf())
        {
            if (descendant is IConditionalAccessInstanceOperation instance && ReferenceEquals(OwnerOf(instance), access))
            {
                return instance;
            }
        }

        return null;
    }

    /// <summary>
    /// The access whose <c>?.</c> produced <paramref name="instance"/>: nested <c>?.</c> chains have their own instances,
    /// and the owner is the nearest conditional access whose WhenNotNull holds it.
    /// </summary>
    internal static IConditionalAccessOperation? OwnerOf(IConditionalAccessInstanceOperation instance)
    {
        IOperation child = instance;
        for (var node = instance.Parent; node is not null; child = node, node = node.Parent)
        {
            if (node is IConditionalAccessOperation access && ReferenceEquals(access.WhenNotNull, child))
            {
                return access;
            }
        }

        return null;
    }
}

using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Instrumentation.Generators.Analyzers.SpanLifetime;

/// <summary>
/// Forward "may still be running" analysis of one span stored in one local, over the control-flow graph of the
/// function that declares it. The span is running after the start assignment (or, for <c>CreateActivity</c>, after
/// <c>Start()</c>) until it is ended, handed over (escapes), overwritten, or known to be null. A running span that
/// reaches the exit, an assignment to the local, or an exception leaving the function is a leak.
/// </summary>
/// <remarks>
/// Exceptions are not edges of the graph, so they are modelled here: every await, every call other than a member of
/// a span (or of a small set of non-throwing tracing/BCL types), every non-trivial object creation, every explicit
/// throw and every <c>yield return</c> (the consumer may stop enumerating) is a point where control can leave through
/// the enclosing handlers. Catch handlers receive the state; <c>finally</c> regions are applied as summaries.
/// </remarks>
internal sealed class SpanFlowAnalysis
{
    private const byte Safe = 1;
    private const byte Live = 2;

    private readonly ControlFlowGraph _graph;
    private readonly ILocalSymbol _local;
    private readonly SyntaxNode _startAssignment;
    private readonly bool _startedLater;
    private readonly SpanApis _apis;
    private readonly SpanHelpers? _helpers;
    private readonly HashSet<CaptureId> _aliases = [];
    private readonly Dictionary<(int Region, byte State), byte> _finallySummaries = [];
    private readonly Dictionary<int, bool> _endingFinallies = [];

    private bool _openAtExit;
    private bool _overwritten;
    private bool _openOnException;
    private bool _openOnLikelyException;

    private SpanFlowAnalysis(ControlFlowGraph graph, ILocalSymbol local, SyntaxNode startAssignment, bool startedLater, SpanApis apis, SpanHelpers? helpers)
    {
        _helpers = helpers;
        _graph = graph;
        _local = local;
        _startAssignment = startAssignment;
        _startedLater = startedLater;
        _apis = apis;
    }

    /// <summary>True when the local is handed over somewhere (returned, stored, passed on...).</summary>
    public bool Escapes { get; private set; }

    /// <summary>How the span is first handed over (<c>returned</c>, <c>stored</c>, <c>passed on</c>), when it <see cref="Escapes"/>.</summary>
    public string? EscapeVerb { get; private set; }

    /// <summary>
    /// True when a call a reviewer would expect to fail (<see cref="SpanApis.IsLikelyThrowingCall"/>), an <c>await</c> or a
    /// <c>throw</c> can leave the function while the span is running and not yet handed over: the hand-over does not
    /// protect that path.
    /// </summary>
    public bool OpenOnLikelyException => _openOnLikelyException;

    /// <summary>True when the span can still be running when the function returns normally (it is not handed over on that path).</summary>
    public bool RunningAtExit => _openAtExit;

    /// <summary>
    /// True when the function itself ends the running span on some path (directly, in a <c>using</c> or
    /// <c>finally</c>, or through an ending helper): it does not leave the span running on purpose.
    /// </summary>
    public bool EndsOnSomePath { get; private set; }

    /// <summary>True when the local is assigned somewhere other than at the analysed start.</summary>
    public bool AssignedElsewhere { get; private set; }

    public SpanLeakKind Leak =>
        _openAtExit ? SpanLeakKind.OpenAtExit
        : _overwritten ? SpanLeakKind.Overwritten
        : _openOnException ? SpanLeakKind.OpenOnException
        : SpanLeakKind.None;

    /// <param name="graph">Graph of the function (method, lambda or local function) that declares the local.</param>
    /// <param name="local">The local holding the span.</param>
    /// <param name="startAssignment">Syntax of the declarator or assignment that stores the start's result.</param>
    /// <param name="startedLater">True for <c>CreateActivity</c> results: the span runs from <c>local.Start()</c> on.</param>
    /// <param name="apis">Tracing API classification.</param>
    /// <param name="helpers">Same-compilation helpers that only borrow a span passed to them; null to treat every call taking the span as a hand-over.</param>
    public static SpanFlowAnalysis Run(ControlFlowGraph graph, ILocalSymbol local, SyntaxNode startAssignment, bool startedLater, SpanApis apis, SpanHelpers? helpers = null)
    {
        var analysis = new SpanFlowAnalysis(graph, local, startAssignment, startedLater, apis, helpers);
        analysis.CollectAliases();
        var walk = new Walk(analysis, bound: null, reporting: true);
        walk.Seed(0, Safe);
        walk.Run();
        return analysis;
    }

    // Flow captures holding the local (receivers of ?., operands of ??, using resources...) are the local too.
    private void CollectAliases()
    {
        bool changed;
        do
        {
            changed = false;
            foreach (var block in _graph.Blocks)
            {
                foreach (var operation in block.Operations)
                {
                    foreach (var capture in DescendantsAndSelf<IFlowCaptureOperation>(operation))
                    {
                        if (!_aliases.Contains(capture.Id) && IsSpanReference(capture.Value))
                        {
                            _aliases.Add(capture.Id);
                            changed = true;
                        }
                    }
                }
            }
        }
        while (changed);
    }

    private static IEnumerable<T> DescendantsAndSelf<T>(IOperation root)
        where T : class, IOperation
    {
        var stack = new Stack<IOperation>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (current is T match)
            {
                yield return match;
            }

            if (current is IFlowAnonymousFunctionOperation)
            {
                continue;
            }

            foreach (var child in current.ChildOperations)
            {
                stack.Push(child);
            }
        }
    }

    /// <summary>The local itself, one of its flow captures, or either seen through conversions and fluent span calls.</summary>
    private bool IsSpanReference(IOperation? operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation { OperatorMethod: null } conversion:
                    operation = conversion.Operand;
                    continue;
                case IInvocationOperation invocation when _apis.IsFluentSpanMember(invocation):
                    operation = _apis.GetSpanReceiver(invocation);
                    continue;
                case ILocalReferenceOperation local:
                    return SymbolEqualityComparer.Default.Equals(local.Local, _local);
                case IFlowCaptureReferenceOperation capture:
                    return _aliases.Contains(capture.Id);
                default:
                    return false;
            }
        }
    }

    /// <summary>Whether some operation in <paramref name="region"/> ends the span (Dispose, Stop, End on it).</summary>
    private bool EndsSpanSomewhere(ControlFlowRegion region)
    {
        if (_endingFinallies.TryGetValue(region.FirstBlockOrdinal, out var ends))
        {
            return ends;
        }

        for (var ordinal = region.FirstBlockOrdinal; ordinal <= region.LastBlockOrdinal && !ends; ordinal++)
        {
            foreach (var operation in _graph.Blocks[ordinal].Operations)
            {
                foreach (var invocation in DescendantsAndSelf<IInvocationOperation>(operation))
                {
                    if ((_apis.IsEnd(invocation.TargetMethod) && _apis.GetSpanReceiver(invocation) is { } receiver && IsSpanReference(receiver))
                        || PassesToEndingHelper(invocation))
                    {
                        ends = true;
                        break;
                    }
                }
            }
        }

        _endingFinallies[region.FirstBlockOrdinal] = ends;
        return ends;
    }

    /// <summary>A call of a same-compilation helper that always ends this span (<c>SuppressAndDisposeActivity(activity)</c>).</summary>
    private bool PassesToEndingHelper(IInvocationOperation invocation)
    {
        if (_helpers is null)
        {
            return false;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (IsSpanReference(argument.Value) && _helpers.Ends(argument.Parameter))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsLocalItself(IOperation operation) =>
        operation is ILocalReferenceOperation local && SymbolEqualityComparer.Default.Equals(local.Local, _local);

    private byte Summarize(ControlFlowRegion finallyRegion, byte entry)
    {
        var key = (finallyRegion.FirstBlockOrdinal, entry);
        if (_finallySummaries.TryGetValue(key, out var exit))
        {
            return exit;
        }

        var walk = new Walk(this, finallyRegion, reporting: false);
        walk.Seed(finallyRegion.FirstBlockOrdinal, entry);
        walk.Run();
        exit = walk.ExitState;
        _finallySummaries[key] = exit;
        return exit;
    }

    /// <summary>Whether a branch condition tests the span for null: true when the condition is true iff the span is null.</summary>
    private bool? NullWhen(IOperation condition)
    {
        switch (condition)
        {
            case IConversionOperation { OperatorMethod: null } conversion:
                return NullWhen(conversion.Operand);
            case IIsNullOperation isNull:
                return IsSpanReference(isNull.Operand) ? true : null;
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return !NullWhen(not.Operand);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary:
                var comparesToNull =
                    (IsSpanReference(binary.LeftOperand) && IsNullConstant(binary.RightOperand))
                    || (IsSpanReference(binary.RightOperand) && IsNullConstant(binary.LeftOperand));
                return comparesToNull ? binary.OperatorKind == BinaryOperatorKind.Equals : null;
            case IIsPatternOperation pattern when IsSpanReference(pattern.Value):
                return PatternNullWhen(pattern.Pattern);
            default:
                return null;
        }
    }

    // Only patterns that test nullness and nothing else tell us anything on both branches: `is null`, `is not null`,
    // `is { }`, `is Activity`. `is { IsAllDataRequested: true }` failing does not mean the span is null.
    private static bool? PatternNullWhen(IPatternOperation pattern) => pattern switch
    {
        IConstantPatternOperation constant => IsNullConstant(constant.Value) ? true : null,
        INegatedPatternOperation negated => !PatternNullWhen(negated.Pattern),
        IRecursivePatternOperation { PropertySubpatterns.Length: 0, DeconstructionSubpatterns.Length: 0 } recursive
            when IsAlwaysOfType(recursive.InputType, recursive.MatchedType) => false,
        ITypePatternOperation type when IsAlwaysOfType(type.InputType, type.MatchedType) => false,
        IDeclarationPatternOperation { MatchesNull: false } declaration when IsAlwaysOfType(declaration.InputType, declaration.MatchedType) => false,
        _ => null,
    };

    private static bool IsAlwaysOfType(ITypeSymbol input, ITypeSymbol? matched)
    {
        if (matched is null || matched.SpecialType == SpecialType.System_Object)
        {
            return true;
        }

        for (var type = input; type is not null; type = type.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(type.WithNullableAnnotation(NullableAnnotation.None), matched.WithNullableAnnotation(NullableAnnotation.None)))
            {
                return true;
            }
        }

        foreach (var implemented in input.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(implemented, matched.WithNullableAnnotation(NullableAnnotation.None)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsNullConstant(IOperation operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation.ConstantValue is { HasValue: true, Value: null };
    }

    private static bool IsCatchAll(ControlFlowRegion handler)
    {
        if (handler.Kind != ControlFlowRegionKind.Catch)
        {
            return false;
        }

        var type = handler.ExceptionType;
        return type is null
            || type.SpecialType == SpecialType.System_Object
            || type is { Name: "Exception", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } }
            || type.TypeKind == TypeKind.Error;
    }

    /// <summary>One fixpoint computation over the whole graph, or over one finally region to summarise it.</summary>
    private sealed class Walk
    {
        private readonly SpanFlowAnalysis _owner;
        private readonly ControlFlowRegion? _bound;
        private readonly bool _reporting;
        private readonly byte[] _entryStates;
        private readonly bool[] _queued;
        private readonly Queue<int> _queue = new();
        private BasicBlock _current = null!;

        public Walk(SpanFlowAnalysis owner, ControlFlowRegion? bound, bool reporting)
        {
            _owner = owner;
            _bound = bound;
            _reporting = reporting;
            _entryStates = new byte[owner._graph.Blocks.Length];
            _queued = new bool[owner._graph.Blocks.Length];
        }

        /// <summary>State when control leaves the bounding finally region normally.</summary>
        public byte ExitState { get; private set; }

        public void Seed(int ordinal, byte state) => JoinInto(ordinal, state);

        public void Run()
        {
            while (_queue.Count > 0)
            {
                var ordinal = _queue.Dequeue();
                _queued[ordinal] = false;
                Process(_owner._graph.Blocks[ordinal], _entryStates[ordinal]);
            }
        }

        private bool IsInside(int ordinal) =>
            _bound is null || (ordinal >= _bound.FirstBlockOrdinal && ordinal <= _bound.LastBlockOrdinal);

        private void JoinInto(int ordinal, byte state)
        {
            if (state == 0 || !IsInside(ordinal))
            {
                return;
            }

            var block = _owner._graph.Blocks[ordinal];
            if (block.Kind == BasicBlockKind.Exit)
            {
                if (_reporting && (state & Live) != 0)
                {
                    _owner._openAtExit = true;
                }

                return;
            }

            var merged = (byte)(_entryStates[ordinal] | state);
            if (merged == _entryStates[ordinal])
            {
                return;
            }

            _entryStates[ordinal] = merged;
            if (!_queued[ordinal])
            {
                _queued[ordinal] = true;
                _queue.Enqueue(ordinal);
            }
        }

        private void Process(BasicBlock block, byte state)
        {
            _current = block;

            // Catch handlers are reachable from any block of their try; seed them so starts inside them are analysed.
            Propagate(Safe);

            foreach (var operation in block.Operations)
            {
                Visit(operation, ref state);
            }

            var fallThrough = block.FallThroughSuccessor;
            if (block.BranchValue is { } branchValue)
            {
                if (fallThrough?.Semantics == ControlFlowBranchSemantics.Return
                    && block.ConditionalSuccessor is null
                    && _owner.IsSpanReference(branchValue))
                {
                    MarkEscape(ref state, "returned");
                }
                else
                {
                    Visit(branchValue, ref state);
                }
            }

            var fallThroughState = state;
            if (block.ConditionalSuccessor is { } conditional)
            {
                var conditionalState = state;
                if (block.BranchValue is { } condition && _owner.NullWhen(condition) is bool nullWhen)
                {
                    var conditionalTakenWhen = block.ConditionKind == ControlFlowConditionKind.WhenTrue;
                    if (nullWhen == conditionalTakenWhen)
                    {
                        conditionalState = Safe;
                    }
                    else
                    {
                        fallThroughState = Safe;
                    }
                }

                Follow(conditional, conditionalState);
            }

            if (fallThrough is not null)
            {
                Follow(fallThrough, fallThroughState);
            }
        }

        private void Follow(ControlFlowBranch branch, byte state)
        {
            switch (branch.Semantics)
            {
                case ControlFlowBranchSemantics.Regular:
                case ControlFlowBranchSemantics.Return:
                    foreach (var finallyRegion in branch.FinallyRegions)
                    {
                        JoinInto(finallyRegion.FirstBlockOrdinal, state);
                        state = _owner.Summarize(finallyRegion, state);
                    }

                    if (branch.Destination is { } destination)
                    {
                        JoinInto(destination.Ordinal, state);
                    }

                    break;
                case ControlFlowBranchSemantics.Throw:
                case ControlFlowBranchSemantics.Rethrow:
                    Propagate(state);
                    break;
                case ControlFlowBranchSemantics.StructuredExceptionHandling:
                    if (_bound is not null && branch.Source.Ordinal == _bound.LastBlockOrdinal)
                    {
                        ExitState |= state;
                    }

                    break;
            }
        }

        /// <summary>Sends the state along the exception path from the current block: handlers, finally regions, out.</summary>
        private void Propagate(byte state, bool likely = true)
        {
            for (var region = _current.EnclosingRegion; region is not null; region = region.EnclosingRegion)
            {
                if (ReferenceEquals(region, _bound))
                {
                    return;
                }

                if (region.Kind != ControlFlowRegionKind.Try || region.EnclosingRegion is not { } parent)
                {
                    continue;
                }

                if (parent.Kind == ControlFlowRegionKind.TryAndFinally)
                {
                    var finallyRegion = parent.NestedRegions[1];
                    JoinInto(finallyRegion.FirstBlockOrdinal, state);
                    state = _owner.Summarize(finallyRegion, state);

                    // "finally { if (!handedOver) activity?.Dispose(); }": the flag is not tracked, but a finally that
                    // ends the span on some path is the hand-over idiom; only the strict (non-hand-over) check keeps it.
                    likely &= !_owner.EndsSpanSomewhere(finallyRegion);
                }
                else if (parent.Kind == ControlFlowRegionKind.TryAndCatch)
                {
                    var caughtAll = false;
                    for (var i = 1; i < parent.NestedRegions.Length; i++)
                    {
                        var handler = parent.NestedRegions[i];
                        JoinInto(handler.FirstBlockOrdinal, state);
                        caughtAll |= IsCatchAll(handler);
                    }

                    if (caughtAll)
                    {
                        return;
                    }
                }

                region = parent;
            }

            if (_reporting && (state & Live) != 0)
            {
                _owner._openOnException = true;
                _owner._openOnLikelyException |= likely;
            }
        }

        private void MayThrow(byte state, bool likely)
        {
            if ((state & Live) != 0)
            {
                Propagate(Live, likely);
            }
        }

        private void MarkEscape(ref byte state, string verb)
        {
            if (_reporting)
            {
                _owner.Escapes = true;
                _owner.EscapeVerb ??= verb;
            }

            state = Safe;
        }

        private void Visit(IOperation operation, ref byte state)
        {
            switch (operation)
            {
                case IFlowAnonymousFunctionOperation:
                    return;
                case ISimpleAssignmentOperation assignment when _owner.IsLocalItself(assignment.Target):
                    Visit(assignment.Value, ref state);
                    OnAssignment(assignment, ref state);
                    return;
            }

            foreach (var child in operation.ChildOperations)
            {
                Visit(child, ref state);
            }

            switch (operation)
            {
                case ILocalReferenceOperation or IFlowCaptureReferenceOperation when _owner.IsSpanReference(operation):
                    if (EscapingUse(operation) is { } verb)
                    {
                        MarkEscape(ref state, verb);
                    }

                    break;
                case IInvocationOperation invocation:
                    OnInvocation(invocation, ref state);
                    break;
                case IObjectCreationOperation creation when !_owner._apis.IsNonThrowingCreation(creation.Type):
                case IDynamicObjectCreationOperation:
                    MayThrow(state, likely: false);
                    break;
                case IAwaitOperation:
                case IDynamicInvocationOperation:
                case IThrowOperation:
                case IReturnOperation { Kind: OperationKind.YieldReturn }:
                    MayThrow(state, likely: true);
                    break;
            }
        }

        private void OnAssignment(ISimpleAssignmentOperation assignment, ref byte state)
        {
            var isStart = assignment.Syntax == _owner._startAssignment;
            if (!isStart && _reporting)
            {
                _owner.AssignedElsewhere = true;
            }

            if ((state & Live) != 0 && _reporting)
            {
                _owner._overwritten = true;
            }

            state = isStart && !_owner._startedLater ? Live : Safe;
        }

        private void OnInvocation(IInvocationOperation invocation, ref byte state)
        {
            var apis = _owner._apis;
            var method = invocation.TargetMethod;
            if (apis.GetSpanReceiver(invocation) is { } receiver && _owner.IsSpanReference(receiver))
            {
                if (apis.IsEnd(method))
                {
                    _owner.EndsOnSomePath |= (state & Live) != 0;
                    state = Safe;
                }
                else if (_owner._startedLater && SpanApis.IsStartCall(method) && apis.IsSpanType(method.ContainingType))
                {
                    state = Live;
                }

                return;
            }

            if (_owner.PassesToEndingHelper(invocation))
            {
                _owner.EndsOnSomePath |= (state & Live) != 0;
                state = Safe;
                return;
            }

            // Whether the call is likely to fail matters only while the span runs: decide it only then.
            if ((state & Live) != 0 && !apis.IsNonThrowingCall(method))
            {
                MayThrow(state, apis.IsLikelyThrowingCall(method) && !FeedsSpanMember(invocation) && !BorrowsSpan(invocation));
            }
        }

        /// <summary>A call of a same-compilation helper that only reads or enriches this span (<c>Inject(activity, headers)</c>).</summary>
        private bool BorrowsSpan(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (_owner.IsSpanReference(argument.Value) && _owner._helpers?.OnlyBorrows(argument.Parameter) == true)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether the call computes an argument of a member of this span (<c>activity?.SetTag("host", GetHost(request))</c>):
        /// enrichment, not work that a reviewer would guard before a hand-over.
        /// </summary>
        private bool FeedsSpanMember(IOperation call)
        {
            for (var node = call.Parent; node is not null; node = node.Parent)
            {
                if (node is IArgumentOperation { Parent: IInvocationOperation member } &&
                    _owner._apis.GetSpanReceiver(member) is { } receiver && _owner.IsSpanReference(receiver))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>How this use of the span hands it to someone else, who then owns ending it; null when it does not.</summary>
        private string? EscapingUse(IOperation reference)
        {
            var apis = _owner._apis;
            var current = reference;
            while (true)
            {
                var parent = current.Parent;
                switch (parent)
                {
                    case null:
                        return null;
                    case IConversionOperation { OperatorMethod: null }:
                        current = parent;
                        continue;
                    case IInvocationOperation invocation when ReferenceEquals(invocation.Instance, current):
                        if (apis.IsFluentSpanMember(invocation))
                        {
                            current = invocation;
                            continue;
                        }

                        return null;
                    case IArgumentOperation argument:
                        if (SpanApis.IsTrustedExtensionReceiver(argument) && argument.Parent is IInvocationOperation extension)
                        {
                            if (apis.IsFluentSpanMember(extension))
                            {
                                current = extension;
                                continue;
                            }

                            return null;
                        }

                        // A helper that only reads the span, or one that ends it (an end, not a hand-over).
                        return _owner._helpers is { } helpers && (helpers.OnlyBorrows(argument.Parameter) || helpers.Ends(argument.Parameter))
                            ? null
                            : "passed on";
                    case ISimpleAssignmentOperation assignment:
                        return ReferenceEquals(assignment.Value, current)
                            && assignment.Target is not IDiscardOperation
                            && !_owner.IsLocalItself(assignment.Target) ? "stored" : null;
                    case IFlowCaptureOperation:
                    case IPropertyReferenceOperation:
                    case IFieldReferenceOperation:
                    case IEventReferenceOperation:
                    case IIsNullOperation:
                    case IBinaryOperation:
                    case IUnaryOperation:
                    case IIsPatternOperation:
                    case IIsTypeOperation:
                    case IInterpolationOperation:
                    case IExpressionStatementOperation:
                    case INameOfOperation:
                    case ISwitchOperation:
                    case ISwitchExpressionOperation:
                    case IInvocationOperation:
                        return null;
                    case IReturnOperation:
                        return "returned";
                    default:
                        return "handed over";
                }
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Instrumentation.Generators.Analyzers.SpanLifetime;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Instrumentation.Generators.Analyzers;

/// <summary>
/// TRC201: a span (<c>Activity</c> from <c>ActivitySource.StartActivity</c> / <c>CreateActivity</c> + <c>Start</c>,
/// <c>TelemetrySpan</c> from <c>Tracer.Start*Span</c>) that can be left running: its result is discarded, or the
/// local holding it is not ended on every path out of the function, exceptions included.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SpanNotEndedAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: which code fix shape applies (absent when there is no safe automatic fix).</summary>
    internal const string FixKey = "TRC201.Fix";

    /// <summary>Diagnostic property: base name for the local a discard fix introduces.</summary>
    internal const string NameKey = "TRC201.Name";

    /// <summary>The start's local declaration becomes <c>using var</c> (or a <c>using</c> block where that is not allowed).</summary>
    internal const string FixDeclaration = "Declaration";

    /// <summary>The statement assigning the start to an existing local becomes a <c>using</c> block.</summary>
    internal const string FixAssignment = "Assignment";

    /// <summary>The discarded start becomes <c>using var activity = ...</c>.</summary>
    internal const string FixDiscard = "Discard";

    /// <summary>
    /// The start, dropped by a member access at the start of its statement, moves to a <c>using var</c> declared just
    /// before the statement (<c>tracer.StartSpan("x").SetStatus(...)</c> → <c>using var span = ...; span.SetStatus(...)</c>).
    /// </summary>
    internal const string FixHoist = "Hoist";

    /// <summary>Diagnostic property for <see cref="FixHoist"/>: how many syntax parents up from the start call the span expression is.</summary>
    internal const string DepthKey = "TRC201.Depth";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.SpanNotEnded];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            if (SpanApis.TryCreate(start.Compilation) is not { } apis)
            {
                return;
            }

            var helpers = new SpanHelpers(apis, start.Compilation);
            var handOver = new CurrentActivityHandOver();
            var severity = TestProjects.IsTestProject(start.Options) ? DiagnosticSeverity.Info : Descriptors.SpanNotEnded.DefaultSeverity;
            start.RegisterOperationAction(context => AnalyzeInvocation(context, apis, helpers, handOver, severity), OperationKind.Invocation);
        });
    }

    private static void AnalyzeInvocation(
        OperationAnalysisContext context, SpanApis apis, SpanHelpers helpers, CurrentActivityHandOver handOver, DiagnosticSeverity severity)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var kind = apis.GetStartKind(invocation.TargetMethod);
        if (kind == SpanStartKind.None)
        {
            kind = helpers.GetStartKind(invocation.TargetMethod);
        }

        if (kind == SpanStartKind.None || invocation.Syntax is not InvocationExpressionSyntax)
        {
            return;
        }

        var origin = SpanOrigin.Trace(invocation, kind, apis);
        switch (origin.Sink)
        {
            case SpanSinkKind.Discarded when origin.Started && !IsLeftCurrentForAnotherHandler(context, invocation, apis, handOver):
                Report(context, severity, invocation, SpanLeakKind.Discarded, null, null, DiscardFix(invocation, origin, apis));
                break;
            case SpanSinkKind.Local:
                AnalyzeLocal(context, severity, invocation, origin, apis, helpers, handOver);
                break;
        }
    }

    private static void AnalyzeLocal(
        OperationAnalysisContext context, DiagnosticSeverity severity, IInvocationOperation start, SpanOrigin origin, SpanApis apis, SpanHelpers helpers, CurrentActivityHandOver handOver)
    {
        var local = origin.Local!;
        var store = origin.Store!;
        var function = EnclosingFunction(start);
        if (IsUsedOutside(local, function, start))
        {
            // Captured by a lambda or local function (or declared outside this one): its lifetime is not ours to follow.
            return;
        }

        if (GetGraph(context, function) is not { } graph)
        {
            return;
        }

        var flow = SpanFlowAnalysis.Run(graph, local, store.Syntax, startedLater: !origin.Started, apis, helpers);

        // Left running on purpose as Activity.Current (never ended here, running at a normal exit), for another handler
        // of this type that ends the current span (DiagnosticListener "before"/"after" events): that handler owns it,
        // on the exception path too. A function that ends the span on some path did not mean to hand it over.
        if (flow.RunningAtExit && !flow.EndsOnSomePath && IsLeftCurrentForAnotherHandler(context, start, apis, handOver))
        {
            return;
        }

        // A span handed over anywhere (returned, stored, passed on) belongs to the receiver from then on; even when
        // other paths drop it, flagging such factory/registration code is more noise than help. What the hand-over does
        // not cover is an exception thrown before it by a call that can really fail (I/O, user code, an await): that
        // path returns nothing and the span keeps running. No fix: 'using' would end the span the caller receives.
        if (flow.Escapes)
        {
            if (flow.OpenOnLikelyException)
            {
                Report(context, severity, start, SpanLeakKind.OpenOnException, local.Name, flow.EscapeVerb ?? "handed over", null);
            }

            return;
        }

        if (flow.Leak == SpanLeakKind.None)
        {
            return;
        }

        // 'using' needs a disposable local ('object span = ...' would not compile) and, as a declaration, one that is
        // never assigned again.
        var fix = !IsDisposable(local.Type) ? null
            : store is IVariableDeclaratorOperation && !flow.AssignedElsewhere ? FixDeclaration
            : store is ISimpleAssignmentOperation { Parent.Syntax: ExpressionStatementSyntax } ? FixAssignment
            : null;

        Report(context, severity, start, flow.Leak, local.Name, null, fix is null ? null : new FixInfo(fix, null, null));
    }

    private static bool IsLeftCurrentForAnotherHandler(OperationAnalysisContext context, IInvocationOperation start, SpanApis apis, CurrentActivityHandOver handOver) =>
        apis.MakesCurrent(start.TargetMethod)
        && (context.ContainingSymbol as INamedTypeSymbol ?? context.ContainingSymbol.ContainingType) is { } type
        && handOver.EndsCurrentActivity(type);

    private static bool IsDisposable(ITypeSymbol type)
    {
        static bool IsIDisposable(ITypeSymbol candidate) =>
            candidate is { Name: "IDisposable", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

        return type.TypeKind != TypeKind.Dynamic && (IsIDisposable(type) || type.AllInterfaces.Any(IsIDisposable));
    }

    private static FixInfo? DiscardFix(IInvocationOperation start, SpanOrigin origin, SpanApis apis)
    {
        if (origin.Top is not { } top || !apis.IsSpanType(top.Type))
        {
            return null;
        }

        var name = apis.IsTelemetrySpan(top.Type) ? "span" : "activity";
        var statement = top.Parent switch
        {
            IExpressionStatementOperation expressionStatement => expressionStatement,
            ISimpleAssignmentOperation { Target: IDiscardOperation, Parent: IExpressionStatementOperation expressionStatement } => expressionStatement,
            _ => null,
        };

        if (statement is { IsImplicit: false, Syntax: ExpressionStatementSyntax })
        {
            return new FixInfo(FixDiscard, name, null);
        }

        // The span is dropped by a member access (span.SetStatus(...), activity?.Id): keep it in a using local declared
        // just before, when it is the first thing the statement evaluates.
        if (top.Syntax is not ExpressionSyntax topSyntax
            || topSyntax.FirstAncestorOrSelf<StatementSyntax>() is not { } containing
            || containing.Parent is not (BlockSyntax or GlobalStatementSyntax)
            || FirstEvaluated(containing) is not { } first
            || first.SpanStart != topSyntax.SpanStart
            || HasFunctionBetween(topSyntax, containing))
        {
            return null;
        }

        var depth = 0;
        for (SyntaxNode? node = start.Syntax; node != topSyntax; node = node.Parent)
        {
            if (node is null)
            {
                return null;
            }

            depth++;
        }

        return new FixInfo(FixHoist, name, depth);
    }

    private static ExpressionSyntax? FirstEvaluated(StatementSyntax statement) => statement switch
    {
        ExpressionStatementSyntax expression => expression.Expression,
        LocalDeclarationStatementSyntax { UsingKeyword.RawKind: 0, Declaration.Variables: { Count: 1 } variables } => variables[0].Initializer?.Value,
        ReturnStatementSyntax { Expression: { } value } => value,
        _ => null,
    };

    private static bool HasFunctionBetween(SyntaxNode node, SyntaxNode ancestor)
    {
        for (var current = node.Parent; current is not null && current != ancestor; current = current.Parent)
        {
            if (current is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
            {
                return true;
            }
        }

        return false;
    }

    private static void Report(
        OperationAnalysisContext context, DiagnosticSeverity severity, IInvocationOperation start, SpanLeakKind leak, string? localName, string? handedOverAs, FixInfo? fix)
    {
        var properties = ImmutableDictionary<string, string?>.Empty;
        if (fix is { } value)
        {
            properties = properties.Add(FixKey, value.Kind);
            if (value.Name is not null)
            {
                properties = properties.Add(NameKey, value.Name);
            }

            if (value.Depth is int depth)
            {
                properties = properties.Add(DepthKey, depth.ToString(CultureInfo.InvariantCulture));
            }
        }

        var reason = leak switch
        {
            SpanLeakKind.Discarded => "its result is discarded, so nothing ends it",
            SpanLeakKind.OpenAtExit => $"'{localName}' can still be running when the method exits",
            SpanLeakKind.Overwritten => $"'{localName}' is overwritten while the span is still running",
            _ when handedOverAs is not null => $"an exception thrown before '{localName}' is {handedOverAs} leaves it running",
            _ => $"an exception thrown before '{localName}' is ended leaves it running",
        };

        var remedy = handedOverAs is null
            ? "declare it with 'using' or end it in a 'finally' block"
            : "dispose it in a 'catch' block that rethrows, or start it after the calls that can fail";

        context.ReportDiagnostic(Diagnostic.Create(Descriptors.SpanNotEnded, start.Syntax.GetLocation(), severity, additionalLocations: null, properties, reason, remedy));
    }

    /// <summary>The lambda or local function containing the operation, or null for the member body itself.</summary>
    private static IOperation? EnclosingFunction(IOperation operation)
    {
        for (var node = operation.Parent; node is not null; node = node.Parent)
        {
            if (node is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return node;
            }
        }

        return null;
    }

    private static bool IsUsedOutside(ILocalSymbol local, IOperation? function, IOperation start)
    {
        // The local must be declared in the analysed function, not in an enclosing one.
        foreach (var reference in local.DeclaringSyntaxReferences)
        {
            if (!ReferenceEquals(EnclosingFunctionSyntax(reference.GetSyntax()), function?.Syntax))
            {
                return true;
            }
        }

        var root = start;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        foreach (var descendant in root.Descendants())
        {
            if (descendant is ILocalReferenceOperation reference
                && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                && !ReferenceEquals(EnclosingFunction(reference), function))
            {
                return true;
            }
        }

        return false;
    }

    private static SyntaxNode? EnclosingFunctionSyntax(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case AnonymousFunctionExpressionSyntax:
                case LocalFunctionStatementSyntax:
                    return current;
                case MemberDeclarationSyntax:
                case AccessorDeclarationSyntax:
                    return null;
            }
        }

        return null;
    }

    private static ControlFlowGraph? GetGraph(OperationAnalysisContext context, IOperation? function)
    {
        ControlFlowGraph graph;
        try
        {
            graph = context.GetControlFlowGraph();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            // No graph for this kind of operation block (e.g. code the compiler could not bind into a body).
            return null;
        }

        if (function is null)
        {
            return graph;
        }

        var chain = new Stack<IOperation>();
        for (var node = function; node is not null; node = EnclosingFunction(node))
        {
            chain.Push(node);
        }

        ControlFlowGraph? current = graph;
        while (chain.Count > 0 && current is not null)
        {
            current = chain.Pop() switch
            {
                ILocalFunctionOperation localFunction => current.LocalFunctions.Contains(localFunction.Symbol)
                    ? current.GetLocalFunctionControlFlowGraph(localFunction.Symbol)
                    : null,
                var lambda => FindLambda(current, lambda.Syntax) is { } flow ? current.GetAnonymousFunctionControlFlowGraph(flow) : null,
            };
        }

        return current;
    }

    private static IFlowAnonymousFunctionOperation? FindLambda(ControlFlowGraph graph, SyntaxNode syntax)
    {
        foreach (var block in graph.Blocks)
        {
            foreach (var operation in block.Operations)
            {
                if (FindLambda(operation, syntax) is { } found)
                {
                    return found;
                }
            }

            if (block.BranchValue is { } branchValue && FindLambda(branchValue, syntax) is { } inBranch)
            {
                return inBranch;
            }
        }

        return null;
    }

    private static IFlowAnonymousFunctionOperation? FindLambda(IOperation operation, SyntaxNode syntax)
    {
        foreach (var node in operation.DescendantsAndSelf())
        {
            if (node is IFlowAnonymousFunctionOperation flow && flow.Syntax == syntax)
            {
                return flow;
            }
        }

        return null;
    }

    private sealed record FixInfo(string Kind, string? Name, int? Depth);
}

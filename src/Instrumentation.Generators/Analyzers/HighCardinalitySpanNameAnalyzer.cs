using System.Collections.Immutable;
using Instrumentation.Generators.Analyzers.SpanNames;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Instrumentation.Generators.Analyzers;

/// <summary>
/// TRC101: a span name that carries per-call data (an interpolated id, a concatenated path, a formatted value)
/// or a constant that embeds an identifier. Checked at <c>ActivitySource.StartActivity</c>/<c>CreateActivity</c>,
/// <c>Tracer.StartActiveSpan</c>/<c>StartSpan</c>/<c>StartRootSpan</c>, <c>TelemetrySpan.UpdateName</c>,
/// <c>Activity.DisplayName</c> assignments and <c>[Traced("…")]</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HighCardinalitySpanNameAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.HighCardinalitySpanName];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    private static void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var apis = SpanNameApis.Create(context.Compilation);
        if (!apis.HasAny)
        {
            return;
        }

        var classifier = new SpanNameClassifier(apis);
        if (apis.ActivitySource is not null || apis.Tracer is not null || apis.TelemetrySpan is not null)
        {
            var helpers = new SpanNameHelpers(context.Compilation);
            context.RegisterOperationAction(c => AnalyzeInvocation(c, apis, helpers, classifier), OperationKind.Invocation);
        }

        if (apis.Activity is not null)
        {
            context.RegisterOperationAction(c => AnalyzeAssignment(c, apis, classifier), OperationKind.SimpleAssignment, OperationKind.CompoundAssignment);
        }

        if (apis.TracedAttribute is not null)
        {
            var tracedNames = new TracedAttributeNames(context.Compilation);
            context.RegisterSyntaxNodeAction(c => AnalyzeAttribute(c, apis, tracedNames), SyntaxKind.Attribute);
        }
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, SpanNameApis apis, SpanNameHelpers helpers, SpanNameClassifier classifier)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!apis.TryGetNameArgument(invocation, out var argument, out _) && !helpers.TryGetNameArgument(invocation, out argument))
        {
            return;
        }

        Report(context, argument.Value, classifier.Analyze(argument.Value));
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context, SpanNameApis apis, SpanNameClassifier classifier)
    {
        var assignment = (IAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation { Property: var property } || !apis.IsActivityDisplayName(property))
        {
            return;
        }

        switch (assignment)
        {
            case ISimpleAssignmentOperation:
                Report(context, assignment.Value, classifier.Analyze(assignment.Value));
                break;
            case ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add }:
                Report(context, assignment.Value, classifier.AnalyzeAppended(assignment.Value));
                break;
        }
    }

    private static void Report(OperationAnalysisContext context, IOperation name, SpanNameFinding? finding)
    {
        if (finding is null)
        {
            return;
        }

        // A richer name behind a configuration switch is an opt-in the code offers on purpose: Info, saying so.
        var diagnostic = finding.OptInSwitch is null
            ? Diagnostic.Create(Descriptors.HighCardinalitySpanName, name.Syntax.GetLocation(), finding.Reason)
            : Diagnostic.Create(
                Descriptors.HighCardinalitySpanName,
                name.Syntax.GetLocation(),
                DiagnosticSeverity.Info,
                additionalLocations: null,
                properties: null,
                finding.Reason + " (an opt-in? keep it off by default, document its cost, and suppress this there)");
        context.ReportDiagnostic(diagnostic);
    }

    // Attribute arguments are constants, so only embedded identifiers can make them high-cardinality.
    private static void AnalyzeAttribute(SyntaxNodeAnalysisContext context, SpanNameApis apis, TracedAttributeNames tracedNames)
    {
        var attribute = (AttributeSyntax)context.Node;
        if (attribute.ArgumentList is not { Arguments.Count: > 0 } arguments ||
            !tracedNames.MayBeTraced(attribute.Name) ||
            !MayReport(arguments))
        {
            return;
        }

        if (context.SemanticModel.GetSymbolInfo(attribute, context.CancellationToken).Symbol is not IMethodSymbol { ContainingType: var attributeClass } ||
            !apis.IsTracedAttribute(attributeClass))
        {
            return;
        }

        foreach (var argument in arguments.Arguments)
        {
            if (!IsNameArgument(argument))
            {
                continue;
            }

            var constant = context.SemanticModel.GetConstantValue(argument.Expression, context.CancellationToken);
            if (!constant.HasValue || constant.Value is not string name)
            {
                continue;
            }

            if (SpanNameClassifier.AnalyzeConstantText(name, argument.Expression) is { } finding)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.HighCardinalitySpanName, argument.Expression.GetLocation(), finding.Reason));
            }
        }
    }

    private static bool IsNameArgument(AttributeArgumentSyntax argument) =>
        argument.NameEquals is { Name.Identifier.ValueText: "Name" } ||
        argument.NameColon is { Name.Identifier.ValueText: "name" } ||
        (argument.NameEquals is null && argument.NameColon is null);

    // Whether binding can lead to a report. A name written as a string literal is its own constant: when every name
    // argument is one without an embedded id (the usual [Traced("orders.get")]), nothing can be reported, whatever the
    // attribute binds to. Any other name expression (a const, nameof, an interpolation, a concatenation) is bound.
    private static bool MayReport(AttributeArgumentListSyntax arguments)
    {
        foreach (var argument in arguments.Arguments)
        {
            if (!IsNameArgument(argument))
            {
                continue;
            }

            if (argument.Expression is not LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression, Token.Value: string name } ||
                SpanNameIdScanner.FindAll(name).Count > 0)
            {
                return true;
            }
        }

        return false;
    }
}

using System.Collections.Immutable;
using Instrumentation.Generators.Tracing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Instrumentation.Generators.Analyzers;

/// <summary>
/// TRC001: <c>[Traced]</c> on a target the generator cannot honor. Uses the generator's own decision
/// (<see cref="TracedTarget"/>), so the warning appears exactly when no span would be generated.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TracedTargetAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.TracedTargetNotSupported];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            if (start.Compilation.GetTypeByMetadataName(WellKnownNames.TracedAttribute) is not { } tracedAttribute)
            {
                return;
            }

            // Methods, accessors, operators and constructors are symbols; local functions and lambdas are operations.
            start.RegisterSymbolAction(c => Check((IMethodSymbol)c.Symbol, tracedAttribute, c.Compilation, c.ReportDiagnostic), SymbolKind.Method);
            start.RegisterOperationAction(
                c => Check(((ILocalFunctionOperation)c.Operation).Symbol, tracedAttribute, c.Compilation, c.ReportDiagnostic),
                OperationKind.LocalFunction);
            start.RegisterOperationAction(
                c => Check(((IAnonymousFunctionOperation)c.Operation).Symbol, tracedAttribute, c.Compilation, c.ReportDiagnostic),
                OperationKind.AnonymousFunction);
        });
    }

    private static void Check(IMethodSymbol method, INamedTypeSymbol tracedAttribute, Compilation compilation, System.Action<Diagnostic> report)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, tracedAttribute))
            {
                continue;
            }

            var target = TracedTarget.Analyze(method, attribute, compilation);
            if (!target.IsSupported)
            {
                var location = attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? method.Locations[0];
                report(Diagnostic.Create(Descriptors.TracedTargetNotSupported, location, DisplayName(method), target.UnsupportedReason));
            }

            return;
        }
    }

    private static string DisplayName(IMethodSymbol method) => method.MethodKind switch
    {
        MethodKind.AnonymousFunction => "lambda",
        MethodKind.Constructor or MethodKind.StaticConstructor => method.ContainingType.Name + " constructor",
        _ => method.ContainingType is null ? method.Name : method.ContainingType.Name + "." + method.Name,
    };
}

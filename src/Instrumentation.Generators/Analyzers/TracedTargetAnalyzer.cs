using System.Collections.Immutable;
using Instrumentation.Generators.Tracing;
using Instrumentation.Generators.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

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
            if (start.Compilation.GetBestTypeByMetadataName(WellKnownNames.TracedAttribute) is not { } tracedAttribute)
            {
                return;
            }

            // Methods, accessors, operators and constructors are symbols. Local functions and lambdas are not: they are
            // found by syntax, and only those written with attributes are bound (most have none).
            start.RegisterSymbolAction(c => Check((IMethodSymbol)c.Symbol, tracedAttribute, c.Compilation, c.ReportDiagnostic), SymbolKind.Method);
            start.RegisterSymbolAction(c => CheckType((INamedTypeSymbol)c.Symbol, tracedAttribute, c.ReportDiagnostic), SymbolKind.NamedType);
            start.RegisterSyntaxNodeAction(
                c => CheckFunction(c, tracedAttribute),
                SyntaxKind.LocalFunctionStatement,
                SyntaxKind.ParenthesizedLambdaExpression,
                SyntaxKind.SimpleLambdaExpression);
        });
    }

    private static void CheckFunction(SyntaxNodeAnalysisContext context, INamedTypeSymbol tracedAttribute)
    {
        var symbol = context.Node switch
        {
            LocalFunctionStatementSyntax { AttributeLists.Count: > 0 } local => context.SemanticModel.GetDeclaredSymbol(local, context.CancellationToken),
            LambdaExpressionSyntax { AttributeLists.Count: > 0 } lambda => context.SemanticModel.GetSymbolInfo(lambda, context.CancellationToken).Symbol,
            _ => null,
        };

        if (symbol is IMethodSymbol method)
        {
            Check(method, tracedAttribute, context.Compilation, context.ReportDiagnostic);
        }
    }

    private static void Check(IMethodSymbol method, INamedTypeSymbol tracedAttribute, Compilation compilation, System.Action<Diagnostic> report)
    {
        if (method.PartialDefinitionPart is not null)
        {
            // The implementing part of a partial method: both parts carry the same (merged) attributes, and the
            // declaring part is reported.
            return;
        }

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

    /// <summary>A type's [Traced] whose name or kind is invalid: none of its methods could be traced with it.</summary>
    private static void CheckType(INamedTypeSymbol type, INamedTypeSymbol tracedAttribute, System.Action<Diagnostic> report)
    {
        foreach (var attribute in type.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, tracedAttribute) && TracedTarget.ValidateAttribute(attribute) is { } reason)
            {
                var location = attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? type.Locations[0];
                report(Diagnostic.Create(Descriptors.TracedTargetNotSupported, location, type.Name, reason));
            }
        }
    }

    private static string DisplayName(IMethodSymbol method) => method.MethodKind switch
    {
        MethodKind.AnonymousFunction => "lambda",
        MethodKind.Constructor or MethodKind.StaticConstructor => method.ContainingType.Name + " constructor",
        _ => MethodDisplay.TypeAndName(method),
    };
}

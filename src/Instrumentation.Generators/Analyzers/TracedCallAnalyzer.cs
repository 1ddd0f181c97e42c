using System.Collections.Immutable;
using Instrumentation.Generators.Tracing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Instrumentation.Generators.Analyzers;

/// <summary>
/// TRC002: a use of a <c>[Traced]</c> method that runs it without a span — a method group (delegate conversion,
/// function pointer), a <c>base.M()</c> call, or a call inside an expression tree. Uses the generator's own rules
/// (<see cref="CallSites"/>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TracedCallAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.TracedCallNotWrapped];

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

            start.RegisterOperationAction(c => AnalyzeMethodReference(c, tracedAttribute), OperationKind.MethodReference);
            start.RegisterOperationAction(c => AnalyzeInvocation(c, tracedAttribute), OperationKind.Invocation);
        });
    }

    private static void AnalyzeMethodReference(OperationAnalysisContext context, INamedTypeSymbol tracedAttribute)
    {
        var reference = (IMethodReferenceOperation)context.Operation;
        if (IsTracedAndSupported(reference.Method, tracedAttribute, context.Compilation, out var definition))
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.TracedCallNotWrapped, NameLocation(reference.Syntax), DisplayName(definition), "method group"));
        }
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, INamedTypeSymbol tracedAttribute)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.Syntax is not InvocationExpressionSyntax syntax ||
            !IsTracedAndSupported(invocation.TargetMethod, tracedAttribute, context.Compilation, out var definition))
        {
            return;
        }

        var semanticModel = invocation.SemanticModel;
        var reason = semanticModel is null ? null : CallSites.GetNotInterceptableReason(syntax, semanticModel, context.CancellationToken);
        if (reason is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.TracedCallNotWrapped, NameLocation(syntax.Expression), DisplayName(definition), reason));
        }
    }

    // A method the generator refuses is already reported by TRC001 on its declaration; don't repeat it at every use.
    private static bool IsTracedAndSupported(IMethodSymbol method, INamedTypeSymbol tracedAttribute, Compilation compilation, out IMethodSymbol definition)
    {
        definition = Parser.GetDefinition(method);
        foreach (var attribute in definition.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, tracedAttribute))
            {
                return TracedTarget.Analyze(definition, attribute, compilation).IsSupported;
            }
        }

        return false;
    }

    private static Location NameLocation(SyntaxNode syntax) => syntax switch
    {
        MemberAccessExpressionSyntax memberAccess => memberAccess.Name.GetLocation(),
        MemberBindingExpressionSyntax memberBinding => memberBinding.Name.GetLocation(),
        PrefixUnaryExpressionSyntax addressOf => NameLocation(addressOf.Operand),
        _ => syntax.GetLocation(),
    };

    private static string DisplayName(IMethodSymbol method) => method.ContainingType.Name + "." + method.Name;
}

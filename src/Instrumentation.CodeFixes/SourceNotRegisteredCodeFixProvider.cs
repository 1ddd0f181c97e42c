using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Instrumentation.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace Instrumentation.CodeFixes;

/// <summary>
/// TRC501 fix: the tracer provider subscribes to the [Traced] sources. <c>.AddTracedSources()</c> (generated when the
/// project uses OpenTelemetry's SDK) goes right after <c>Sdk.CreateTracerProviderBuilder()</c>, or on the builder
/// parameter of the <c>WithTracing(...)</c> / <c>ConfigureOpenTelemetryTracerProvider(...)</c> lambda; where the generated
/// method is not there, <c>.AddSource("name", …)</c> with the missing names.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SourceNotRegisteredCodeFixProvider))]
[Shared]
public sealed class SourceNotRegisteredCodeFixProvider : CodeFixProvider
{
    internal const string EquivalenceKey = RuleIds.SourceNotRegistered;

    private const string RegistrationType = "OpenTelemetry.Trace.TracedSourcesTracerProviderBuilderExtensions";
    private const string TraceNamespace = "OpenTelemetry.Trace";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [RuleIds.SourceNotRegistered];

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => new DocumentFixAllProvider("Register the [Traced] sources", EquivalenceKey, ApplyAsync);

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var semanticModel = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || semanticModel is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (RegistrationCall(semanticModel.Compilation, diagnostic) is not { } call || Rewrite(root, diagnostic.Location.SourceSpan, call) is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create($"Add '.{Display(call)}'", ct => ApplyAsync(context.Document, [diagnostic], ct), EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var semanticModel = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || semanticModel is null)
        {
            return document;
        }

        // Later spans first: an edit never moves a span that is still to be fixed.
        var fixedAny = false;
        var needsImport = false;
        foreach (var diagnostic in diagnostics.OrderByDescending(d => d.Location.SourceSpan.Start))
        {
            if (RegistrationCall(semanticModel.Compilation, diagnostic) is { } call && Rewrite(root, diagnostic.Location.SourceSpan, call) is { } rewritten)
            {
                root = rewritten;
                fixedAny = true;
                // AddSource is the builder's own method; AddTracedSources is an extension in OpenTelemetry.Trace.
                needsImport |= call.Sources.Length == 0 && !ImportsTraceNamespace(semanticModel, diagnostic.Location.SourceSpan.Start);
            }
        }

        if (!fixedAny)
        {
            return document;
        }

        if (needsImport && root is CompilationUnitSyntax unit)
        {
            var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(TraceNamespace)).WithAdditionalAnnotations(Formatter.Annotation);
            root = unit.AddUsings(directive);
        }

        return document.WithSyntaxRoot(root);
    }

    /// <summary>The call to add: <c>AddTracedSources()</c> when the generated method exists, else <c>AddSource(names)</c>.</summary>
    private static (string Name, string[] Sources)? RegistrationCall(Compilation compilation, Diagnostic diagnostic)
    {
        if (compilation.GetTypeByMetadataName(RegistrationType) is { } registration && compilation.IsSymbolAccessibleWithin(registration, compilation.Assembly))
        {
            return ("AddTracedSources", []);
        }

        return diagnostic.Properties.TryGetValue(SourceNotRegisteredAnalyzer.SourcesProperty, out var sources) && !string.IsNullOrEmpty(sources)
            ? ("AddSource", sources!.Split('\n'))
            : null;
    }

    private static string Display((string Name, string[] Sources) call) =>
        $"{call.Name}({string.Join(", ", call.Sources.Select(s => SyntaxFactory.Literal(s).ToString()))})";

    private static SyntaxNode? Rewrite(SyntaxNode root, Microsoft.CodeAnalysis.Text.TextSpan span, (string Name, string[] Sources) call)
    {
        var node = root.FindNode(span, getInnermostNodeForTie: true);
        var invocation = node.FirstAncestorOrSelf<InvocationExpressionSyntax>();
        if (invocation is null)
        {
            return null;
        }

        // Sdk.CreateTracerProviderBuilder() → Sdk.CreateTracerProviderBuilder().AddTracedSources()
        if (invocation.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "CreateTracerProviderBuilder" } or IdentifierNameSyntax { Identifier.ValueText: "CreateTracerProviderBuilder" })
        {
            return root.ReplaceNode(invocation, Chain(invocation.WithoutTrailingTrivia(), call).WithTrailingTrivia(invocation.GetTrailingTrivia()));
        }

        // WithTracing() → WithTracing(tracing => tracing.AddTracedSources())
        if (invocation.ArgumentList.Arguments.Count == 0)
        {
            var parameter = SyntaxFactory.Identifier("tracing");
            var lambda = SyntaxFactory.SimpleLambdaExpression(SyntaxFactory.Parameter(parameter), Chain(SyntaxFactory.IdentifierName(parameter), call));
            return root.ReplaceNode(invocation.ArgumentList, invocation.ArgumentList.AddArguments(SyntaxFactory.Argument(lambda)));
        }

        // WithTracing(b => ...) / ConfigureOpenTelemetryTracerProvider((sp, b) => ...): the builder is the last parameter.
        var function = invocation.ArgumentList.Arguments.Select(a => a.Expression).OfType<LambdaExpressionSyntax>().LastOrDefault();
        var builder = function switch
        {
            SimpleLambdaExpressionSyntax simple => simple.Parameter.Identifier.ValueText,
            ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: > 0 } parenthesized => parenthesized.ParameterList.Parameters.Last().Identifier.ValueText,
            _ => null,
        };
        if (function is null || builder is null)
        {
            return null;
        }

        if (function.Block is { } block)
        {
            var statement = SyntaxFactory.ExpressionStatement(Chain(SyntaxFactory.IdentifierName(builder), call)).WithAdditionalAnnotations(Formatter.Annotation);
            return root.ReplaceNode(block, block.WithStatements(block.Statements.Insert(0, statement)));
        }

        // b => b.AddA().AddB(): the chain's root becomes b.AddTracedSources().
        if (function.ExpressionBody is { } body && ChainRoot(body) is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == builder)
        {
            return root.ReplaceNode(identifier, Chain(identifier.WithoutTrivia(), call).WithTriviaFrom(identifier));
        }

        return null;
    }

    /// <summary>The expression a fluent chain starts from (<c>b</c> in <c>b.AddA().AddB()</c>).</summary>
    private static ExpressionSyntax ChainRoot(ExpressionSyntax expression)
    {
        while (true)
        {
            switch (expression)
            {
                case InvocationExpressionSyntax invocation:
                    expression = invocation.Expression;
                    break;
                case MemberAccessExpressionSyntax access:
                    expression = access.Expression;
                    break;
                default:
                    return expression;
            }
        }
    }

    private static InvocationExpressionSyntax Chain(ExpressionSyntax receiver, (string Name, string[] Sources) call) =>
        SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, SyntaxFactory.IdentifierName(call.Name)),
            SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(call.Sources.Select(s => SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(s)))))));

    /// <summary>Whether <c>OpenTelemetry.Trace</c> is imported where the fix writes the call (file or global usings, or an enclosing namespace).</summary>
    private static bool ImportsTraceNamespace(SemanticModel semanticModel, int position)
    {
        foreach (var scope in semanticModel.GetImportScopes(position))
        {
            foreach (var import in scope.Imports)
            {
                if (import.NamespaceOrType is INamespaceSymbol ns && ns.ToDisplayString() == TraceNamespace)
                {
                    return true;
                }
            }
        }

        for (var ns = semanticModel.GetEnclosingSymbol(position)?.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            if (ns.ToDisplayString() == TraceNamespace)
            {
                return true;
            }
        }

        return false;
    }
}

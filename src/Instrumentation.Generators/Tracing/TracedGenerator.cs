using System.Linq;
using Microsoft.CodeAnalysis;

namespace Instrumentation.Generators.Tracing;

/// <summary>
/// Routes every call to a <c>[Traced]</c> method through a generated interceptor that wraps it in a span.
/// Pipeline: parse ([Traced] declarations, call sites, the assembly's source) → model (one file per declaring type) → emit.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class TracedGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var declaredMethods = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                WellKnownNames.TracedAttribute,
                static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax,
                Parser.ParseTracedMethod)
            .Where(static method => method is not null)
            .Select(static (method, _) => method!)
            .WithTrackingName(TrackingNames.TracedMethods);

        var callSites = context.SyntaxProvider
            .CreateSyntaxProvider(static (node, _) => Parser.IsCandidateInvocation(node), Parser.ParseCallSite)
            .Where(static site => site is not null)
            .Select(static (site, _) => site!)
            .WithTrackingName(TrackingNames.CallSites);

        var source = context.CompilationProvider
            .Select(Parser.ParseLocalSource)
            .WithTrackingName(TrackingNames.ActivitySource);

        var files = callSites.Collect()
            .Combine(declaredMethods.Collect())
            .Combine(source)
            .SelectMany(static (input, _) => InterceptorFiles.Build(input.Left.Left, input.Left.Right, input.Right))
            .WithTrackingName(TrackingNames.InterceptorFiles);

        var holder = files.Collect()
            .Combine(source)
            .Select(static (input, _) => InterceptorFiles.BuildHolder(input.Left, input.Right))
            .WithTrackingName(TrackingNames.SourceHolder);

        context.RegisterSourceOutput(files, static (output, file) => output.AddSource(file.HintName, Emitter.EmitInterceptors(file)));
        context.RegisterSourceOutput(holder, static (output, model) =>
        {
            if (model is not null)
            {
                output.AddSource("TracedActivitySources.g.cs", Emitter.EmitSourceHolder(model));
            }
        });
    }
}

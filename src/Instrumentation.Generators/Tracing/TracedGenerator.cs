using Microsoft.CodeAnalysis;

namespace Instrumentation.Generators.Tracing;

/// <summary>
/// Routes every call to a <c>[Traced]</c> method through a generated interceptor that wraps it in a span.
/// Pipeline: parse ([Traced] declarations, the names of the traced methods in reach, the calls to those names, the
/// assembly's source) → model (one file per declaring type) → emit.
/// </summary>
/// <remarks>
/// Cost is part of the contract: only invocations whose name is the name of a traced method are ever bound, and they
/// are found by syntax alone, each tree once per set of traced names; a project with no traced method in reach reads
/// no syntax and binds nothing.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class TracedGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Not ForAttributeWithMetadataName: it asks for the symbol and attributes of every [Traced] method again in each
        // new compilation (see Parser.Declarations.cs).
        var declarations = context.CompilationProvider
            .Select(Parser.FindTracedDeclarations)
            .SelectMany(static (declarations, _) => declarations)
            .WithTrackingName(TrackingNames.TracedDeclarations);

        var declaredMethods = declarations
            .Where(static declaration => declaration.Method is not null)
            .Select(static (declaration, _) => declaration.Method!)
            .WithTrackingName(TrackingNames.TracedMethods);

        var localNames = declarations
            .Select(static (declaration, _) => declaration.Name)
            .Collect()
            .Select(static (names, _) => Common.NameSet.From(names))
            .WithTrackingName(TrackingNames.LocalTracedNames);

        var referencedNames = context.CompilationProvider
            .Select(Parser.ParseReferencedNames)
            .WithTrackingName(TrackingNames.ReferencedTracedNames);

        var tracedNames = localNames
            .Combine(referencedNames)
            .Select(static (names, _) => names.Left.Union(names.Right))
            .WithTrackingName(TrackingNames.TracedNames);

        var candidates = context.CompilationProvider
            .Combine(tracedNames)
            .Select(static (input, cancellationToken) => new Common.EquatableArray<CallCandidate>(Parser.FindCallCandidates(input.Left, input.Right, cancellationToken)))
            .WithTrackingName(TrackingNames.CallCandidates);

        var callSites = candidates
            .Combine(context.CompilationProvider)
            .SelectMany(static (input, cancellationToken) => Parser.BindCallSites(input.Left, input.Right, cancellationToken))
            .WithTrackingName(TrackingNames.CallSites);

        // Read only when a traced method is in reach: it reads the assembly's attributes, which a project that traces
        // nothing should not pay for.
        var source = context.CompilationProvider
            .Combine(tracedNames)
            .Select(static (input, cancellationToken) => input.Right.IsEmpty ? null : Parser.ParseLocalSource(input.Left, cancellationToken))
            .WithTrackingName(TrackingNames.ActivitySource);

        var files = callSites.Collect()
            .Combine(declaredMethods.Collect())
            .Combine(source)
            .SelectMany(static (input, _) => input.Right is null ? [] : InterceptorFiles.Build(input.Left.Left, input.Left.Right, input.Right))
            .WithTrackingName(TrackingNames.InterceptorFiles);

        var holder = files.Collect()
            .Combine(source)
            .Select(static (input, _) => input.Right is null ? null : InterceptorFiles.BuildHolder(input.Left, input.Right))
            .WithTrackingName(TrackingNames.SourceHolder);

        var manifest = localNames
            .Combine(source)
            .Select(static (input, _) => input.Left.IsEmpty || input.Right is not { CanWriteManifest: true } ? null : new ManifestModel(input.Left.ToSortedArray()))
            .WithTrackingName(TrackingNames.Manifest);

        var registration = context.CompilationProvider
            .Combine(localNames)
            .Combine(source)
            .Select(static (input, cancellationToken) => Parser.ParseSourceRegistration(
                input.Left.Left,
                input.Left.Right.IsEmpty ? null : input.Right?.Source.SourceName,
                cancellationToken))
            .WithTrackingName(TrackingNames.SourceRegistration);

        context.RegisterSourceOutput(files, static (output, file) => output.AddSource(file.HintName, Emitter.EmitInterceptors(file)));
        context.RegisterSourceOutput(registration, static (output, model) =>
        {
            if (model is not null)
            {
                output.AddSource("TracedSourcesRegistration.g.cs", Emitter.EmitSourceRegistration(model));
            }
        });
        context.RegisterSourceOutput(holder, static (output, model) =>
        {
            if (model is not null)
            {
                output.AddSource("TracedActivitySources.g.cs", Emitter.EmitSourceHolder(model));
            }
        });
        context.RegisterSourceOutput(manifest, static (output, model) =>
        {
            if (model is not null)
            {
                output.AddSource("TracedMethodNames.g.cs", Emitter.EmitManifest(model));
            }
        });
    }
}

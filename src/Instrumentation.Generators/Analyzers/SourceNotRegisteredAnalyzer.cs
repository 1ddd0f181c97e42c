using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Instrumentation.Generators.Common;
using Instrumentation.Generators.Tracing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Instrumentation.Generators.Analyzers;

/// <summary>
/// TRC501: the project configures OpenTelemetry tracing (<c>Sdk.CreateTracerProviderBuilder()</c>,
/// <c>WithTracing(...)</c>, <c>ConfigureOpenTelemetryTracerProvider(...)</c>) but nothing in it subscribes to the
/// activity source of its <c>[Traced]</c> methods, or of the referenced libraries' ones: their spans are never
/// exported, the most common "I see no spans". Decided at the end of the compilation, over every registration in the
/// project; anything it cannot read (a name that is not a constant, a builder handed to code of another assembly)
/// silences it.
/// </summary>
[DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
public sealed class SourceNotRegisteredAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: the unregistered source names, one per line (for the code fix).</summary>
    public const string SourcesProperty = "Sources";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.SourceNotRegistered];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var compilation = start.Compilation;
            if (compilation.GetBestTypeByMetadataName(WellKnownNames.TracerProviderBuilder) is not { } builderType ||
                compilation.GetBestTypeByMetadataName(WellKnownNames.OpenTelemetrySdk) is not { } sdkType ||
                compilation.GetBestTypeByMetadataName(WellKnownNames.TracedAttribute) is not { } tracedAttribute)
            {
                return;
            }

            var registrations = new Registrations(compilation, builderType, sdkType, tracedAttribute);
            start.RegisterSymbolAction(c => registrations.NoteMethod((IMethodSymbol)c.Symbol), SymbolKind.Method);
            start.RegisterOperationAction(c => registrations.NoteInvocation((IInvocationOperation)c.Operation), OperationKind.Invocation);
            start.RegisterCompilationEndAction(registrations.Report);
        });
    }

    /// <summary>What the project configures and registers, gathered over the compilation.</summary>
    private sealed class Registrations(Compilation compilation, INamedTypeSymbol builderType, INamedTypeSymbol sdkType, INamedTypeSymbol tracedAttribute)
    {
        private readonly ConcurrentQueue<Location> _builders = new();
        private readonly ConcurrentQueue<string> _patterns = new();
        private readonly ConcurrentDictionary<IAssemblySymbol, bool> _helperAssemblies = new(SymbolEqualityComparer.Default);
        private volatile bool _declaresTracedMethods;
        private volatile bool _unknown;
        private volatile bool _addsTracedSources;

        public void NoteMethod(IMethodSymbol method)
        {
            if (_declaresTracedMethods)
            {
                return;
            }

            foreach (var attribute in method.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, tracedAttribute))
                {
                    _declaresTracedMethods = true;
                    return;
                }
            }
        }

        public void NoteInvocation(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            switch (method.Name)
            {
                case "CreateTracerProviderBuilder" when SymbolEqualityComparer.Default.Equals(method.ContainingType, sdkType):
                    _builders.Enqueue(invocation.Syntax.GetLocation());
                    return;
                case "WithTracing" or "ConfigureOpenTelemetryTracerProvider" when IsOpenTelemetry(method.ContainingAssembly):
                    _builders.Enqueue(NameLocation(invocation));
                    return;
                case "AddSource" when IsBuilder(invocation.Instance?.Type):
                    NoteSources(invocation);
                    return;
                case WellKnownNames.SourceRegistrationMethod when IsBuilder(Receiver(invocation)?.Type):
                    _addsTracedSources = true;
                    return;
            }

            // A builder handed to code this analyzer cannot read may register anything; a library's own helper
            // (AddMyLibraryInstrumentation) registers that library's source.
            if (IsOpenTelemetry(method.ContainingAssembly) || SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, compilation.Assembly))
            {
                return;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (IsBuilder(argument.Value.Type))
                {
                    if (TracedManifest.MayDeclareTracedMethods(method.ContainingAssembly) && TracedManifest.GetNames(method.ContainingAssembly) is not null)
                    {
                        _helperAssemblies.TryAdd(method.ContainingAssembly, true);
                    }
                    else
                    {
                        _unknown = true;
                    }

                    return;
                }
            }
        }

        private void NoteSources(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                var values = argument.Value is IArrayCreationOperation { Initializer: { } initializer } ? initializer.ElementValues : [argument.Value];
                foreach (var value in values)
                {
                    if (value.ConstantValue is { HasValue: true, Value: string name })
                    {
                        _patterns.Enqueue(name);
                    }
                    else
                    {
                        _unknown = true;
                    }
                }
            }
        }

        public void Report(CompilationAnalysisContext context)
        {
            if (_builders.IsEmpty || _unknown || _addsTracedSources)
            {
                return;
            }

            var ownSource = _declaresTracedMethods ? Parser.ParseActivitySource(compilation.Assembly, "Source", context.CancellationToken).SourceName : null;
            var required = Parser.TracedSourceNames(compilation, ownSource, context.CancellationToken);
            var registeredByHelpers = new HashSet<string>(
                _helperAssemblies.Keys.Select(assembly => Parser.ParseActivitySource(assembly, "Source", context.CancellationToken).SourceName),
                System.StringComparer.OrdinalIgnoreCase);
            var patterns = _patterns.ToArray();
            var missing = required.Where(name => !registeredByHelpers.Contains(name) && !patterns.Any(pattern => SourceNamePattern.Matches(pattern, name))).ToList();
            if (missing.Count == 0)
            {
                return;
            }

            var properties = ImmutableDictionary<string, string?>.Empty.Add(SourcesProperty, string.Join("\n", missing));
            var names = string.Join(", ", missing.Select(name => $"'{name}'"));
            var arguments = string.Join(", ", missing.Select(name => $"\"{name}\""));
            foreach (var location in _builders.OrderBy(l => l.SourceTree?.FilePath, System.StringComparer.Ordinal).ThenBy(l => l.SourceSpan.Start))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.SourceNotRegistered, location, properties, names, arguments));
            }
        }

        private bool IsBuilder(ITypeSymbol? type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, builderType))
                {
                    return true;
                }
            }

            return false;
        }

        private static IOperation? Receiver(IInvocationOperation invocation) =>
            invocation.Instance ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);

        private static bool IsOpenTelemetry(IAssemblySymbol? assembly) =>
            assembly is not null && (assembly.Name == "OpenTelemetry" || assembly.Name.StartsWith("OpenTelemetry.", System.StringComparison.Ordinal));

        private static Location NameLocation(IInvocationOperation invocation) => invocation.Syntax switch
        {
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } => access.Name.GetLocation(),
            _ => invocation.Syntax.GetLocation(),
        };
    }
}

using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Instrumentation.Generators.Common;
using Microsoft.CodeAnalysis;

namespace Instrumentation.Generators.Tracing;

/// <summary>Which activity sources a project must register with OpenTelemetry to see the spans of its [Traced] methods.</summary>
internal static partial class Parser
{
    /// <summary>
    /// The names of the sources whose spans this compilation's code produces: its own (<paramref name="ownSourceName"/>,
    /// given when it declares [Traced] methods), and those of the referenced assemblies that list [Traced] methods in
    /// their manifest (their spans come from their own source, whoever calls them). Shared by the generator
    /// (<c>AddTracedSources</c>) and TRC501.
    /// </summary>
    public static IReadOnlyList<string> TracedSourceNames(Compilation compilation, string? ownSourceName, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        if (ownSourceName is not null)
        {
            names.Add(ownSourceName);
        }

        var referenced = new SortedSet<string>(System.StringComparer.Ordinal);
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (TracedManifest.MayDeclareTracedMethods(assembly) && TracedManifest.GetNames(assembly) is { Count: > 0 })
            {
                referenced.Add(ParseActivitySource(assembly, "Source", cancellationToken).SourceName);
            }
        }

        names.AddRange(referenced.Where(name => !names.Contains(name)));
        return names;
    }

    /// <summary>
    /// The <c>AddTracedSources()</c> extension to generate (the source registration step), or null: when the project does
    /// not use OpenTelemetry's SDK, has no source to register, or already sees the extension of an assembly that shows
    /// it its internals (two would make every call ambiguous; that one is used). <paramref name="ownSourceName"/> is this
    /// assembly's source (from the source step: its attributes are not read again) when it declares [Traced] methods.
    /// </summary>
    public static SourceRegistrationModel? ParseSourceRegistration(Compilation compilation, string? ownSourceName, CancellationToken cancellationToken)
    {
        if (compilation.GetBestTypeByMetadataName(WellKnownNames.OpenTelemetrySdk) is null ||
            compilation.GetBestTypeByMetadataName(WellKnownNames.TracerProviderBuilder) is null)
        {
            return null;
        }

        var names = TracedSourceNames(compilation, ownSourceName, cancellationToken);
        if (names.Count == 0)
        {
            return null;
        }

#pragma warning disable RS0030 // Every copy counts here, not only the best one.
        foreach (var existing in compilation.GetTypesByMetadataName(WellKnownNames.SourceRegistrationNamespace + "." + WellKnownNames.SourceRegistrationClass))
#pragma warning restore RS0030
        {
            if (!SymbolEqualityComparer.Default.Equals(existing.ContainingAssembly, compilation.Assembly) && compilation.IsSymbolAccessibleWithin(existing, compilation.Assembly))
            {
                return null;
            }
        }

        return new SourceRegistrationModel(names.ToEquatableArray(), compilation.GetBestTypeByMetadataName(WellKnownNames.MeterProviderBuilder) is not null);
    }
}

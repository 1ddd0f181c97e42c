using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Instrumentation.Generators.Common;

namespace Instrumentation.Generators.Tracing;

/// <summary>Groups call sites by traced method, and traced methods by declaring type: one file per type.</summary>
internal static class InterceptorFiles
{
    public static ImmutableArray<InterceptorFileModel> Build(
        ImmutableArray<CallSiteModel> callSites,
        ImmutableArray<TracedMethodModel> declaredMethods,
        LocalSourceModel local)
    {
        if (callSites.IsEmpty)
        {
            return ImmutableArray<InterceptorFileModel>.Empty;
        }

        var declared = new Dictionary<string, TracedMethodModel>();
        foreach (var method in declaredMethods)
        {
            declared[method.Id] = method;
        }

        var interceptors = callSites
            .Select(site => (Method: site.ExternalMethod ?? (declared.TryGetValue(site.MethodId, out var m) ? m : null), Site: site))
            .Where(pair => pair.Method is not null)
            .GroupBy(pair => pair.Method!.Id)
            .Select(group => (
                Source: group.First().Site.ExternalSource ?? local.Source,
                Interceptor: new InterceptorModel(
                    group.First().Method!,
                    group.Select(pair => pair.Site).OrderBy(s => s.DisplayLocation, System.StringComparer.Ordinal).ThenBy(s => s.LocationData, System.StringComparer.Ordinal).ToEquatableArray())));

        // All methods of a type come from one assembly, hence one source per file.
        return interceptors
            .GroupBy(pair => pair.Interceptor.Method.ContainingTypeMetadataName)
            .OrderBy(group => group.Key, System.StringComparer.Ordinal)
            .Select(group =>
            {
                var first = group.First();
                return new InterceptorFileModel(
                    HintName: group.Key + ".Traced.g.cs",
                    ClassName: Parser.Sanitize(first.Interceptor.Method.ContainingTypeName) + "_TracedInterceptors",
                    ContainingTypeDisplay: first.Interceptor.Method.ContainingTypeDisplay,
                    Source: first.Source,
                    SourceField: $"global::{WellKnownNames.GeneratedNamespace}.{local.HolderClassName}.{first.Source.FieldName}",
                    Interceptors: group.Select(pair => pair.Interceptor).OrderBy(i => i.Method.Id, System.StringComparer.Ordinal).ToEquatableArray());
            })
            .ToImmutableArray();
    }

    /// <summary>The holder of every source the files use, or null when nothing is intercepted.</summary>
    public static SourceHolderModel? BuildHolder(ImmutableArray<InterceptorFileModel> files, LocalSourceModel local)
    {
        if (files.IsEmpty)
        {
            return null;
        }

        var sources = files.Select(f => f.Source).Distinct().OrderBy(s => s.FieldName, System.StringComparer.Ordinal).ToEquatableArray();
        return new SourceHolderModel(local.HolderClassName, sources);
    }
}

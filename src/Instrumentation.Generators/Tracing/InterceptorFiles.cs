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
        ActivitySourceModel source)
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
            .Select(group => new InterceptorModel(
                group.First().Method!,
                group.Select(pair => pair.Site).OrderBy(s => s.DisplayLocation, System.StringComparer.Ordinal).ThenBy(s => s.LocationData, System.StringComparer.Ordinal).ToEquatableArray()));

        return interceptors
            .GroupBy(interceptor => interceptor.Method.ContainingTypeMetadataName)
            .OrderBy(group => group.Key, System.StringComparer.Ordinal)
            .Select(group =>
            {
                var first = group.First().Method;
                return new InterceptorFileModel(
                    HintName: group.Key + ".Traced.g.cs",
                    ClassName: Parser.Sanitize(first.ContainingTypeName) + "_TracedInterceptors",
                    ContainingTypeDisplay: first.ContainingTypeDisplay,
                    Source: source,
                    Interceptors: group.OrderBy(i => i.Method.Id, System.StringComparer.Ordinal).ToEquatableArray());
            })
            .ToImmutableArray();
    }
}

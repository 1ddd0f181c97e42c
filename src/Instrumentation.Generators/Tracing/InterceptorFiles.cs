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

        var declared = new Dictionary<string, TracedMethodModel>(declaredMethods.Length, System.StringComparer.Ordinal);
        foreach (var method in declaredMethods)
        {
            declared[method.Id] = method;
        }

        // Runs at each keystroke in a file with traced calls, over every call site of the project: one pass into
        // per-method lists (first site's order), then a sort inside each list.
        var groups = new Dictionary<string, (TracedMethodModel Method, ActivitySourceModel Source, List<CallSiteModel> Sites)>(System.StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var site in callSites)
        {
            if (groups.TryGetValue(site.MethodId, out var group))
            {
                group.Sites.Add(site);
                continue;
            }

            var method = site.ExternalMethod ?? (declared.TryGetValue(site.MethodId, out var declaredMethod) ? declaredMethod : null);
            if (method is not null)
            {
                groups.Add(site.MethodId, (method, site.ExternalSource ?? local.Source, new List<CallSiteModel> { site }));
                order.Add(site.MethodId);
            }
        }

        var interceptors = new List<(ActivitySourceModel Source, InterceptorModel Interceptor)>(order.Count);
        foreach (var id in order)
        {
            var (method, source, sites) = groups[id];
            sites.Sort(CompareSites);
            interceptors.Add((source, new InterceptorModel(method, new EquatableArray<CallSiteModel>(sites))));
        }

        // Two assemblies whose file-name-safe names collide (Shop.Core and Shop_Core) must not share a holder field.
        var fields = interceptors.Select(pair => pair.Source).Distinct()
            .GroupBy(source => source.FieldName)
            .SelectMany(group => group
                .OrderBy(source => source.SourceName, System.StringComparer.Ordinal)
                .ThenBy(source => source.SourceVersion, System.StringComparer.Ordinal)
                .Select((source, index) => (Source: source, Unique: index == 0 ? source : source with { FieldName = source.FieldName + "_" + (index + 1) })))
            .ToDictionary(pair => pair.Source, pair => pair.Unique);
        interceptors = interceptors.Select(pair => (Source: fields[pair.Source], pair.Interceptor)).ToList();

        // One file per declaring type. A type is told apart by its display name and its assembly's source: two types
        // whose file-name-safe names collide (Cache<T>.Entry and Cache_1.Entry), or two assemblies' types of the same
        // name, get files of their own (a numbered hint name) and each its own source.
        var usedHintNames = new HashSet<string>(System.StringComparer.OrdinalIgnoreCase);
        var usedMemberPrefixes = new HashSet<string>(System.StringComparer.Ordinal);
        return interceptors
            // Where the interceptors are declared is decided per method (only some need to be inside the user's class to
            // name what is private to it): a type's methods that need it and those that do not get a file each.
            .GroupBy(pair => (pair.Interceptor.Method.ContainingTypeDisplay, pair.Source.FieldName, pair.Interceptor.Method.Host))
            .OrderBy(group => group.First().Interceptor.Method.ContainingTypeMetadataName, System.StringComparer.Ordinal)
            .ThenBy(group => group.Key.ContainingTypeDisplay, System.StringComparer.Ordinal)
            .ThenBy(group => group.Key.FieldName, System.StringComparer.Ordinal)
            .ThenBy(group => group.Key.Host is null ? 0 : 1)
            .Select(group =>
            {
                var first = group.First();
                var hintName = UniqueHintName(first.Interceptor.Method.ContainingTypeMetadataName, usedHintNames);
                var host = group.Key.Host;
                return new InterceptorFileModel(
                    HintName: hintName + ".Traced.g.cs",
                    // In a user's class, the members' names start with this one: unique per file, unlike a type's name.
                    ClassName: host is null
                        ? Parser.Sanitize(first.Interceptor.Method.ContainingTypeName) + "_TracedInterceptors"
                        : UniqueHintName("__Traced_" + Parser.Sanitize(hintName.StartsWith(host.Namespace + ".", System.StringComparison.Ordinal) ? hintName.Substring(host.Namespace.Length + 1) : hintName), usedMemberPrefixes),
                    ContainingTypeDisplay: first.Interceptor.Method.ContainingTypeDisplay,
                    Source: first.Source,
                    SourceField: $"global::{WellKnownNames.GeneratedNamespace}.{local.HolderClassName}.{first.Source.FieldName}",
                    Interceptors: group.Select(pair => pair.Interceptor).OrderBy(i => i.Method.Id, System.StringComparer.Ordinal).ToEquatableArray(),
                    Host: host);
            })
            .ToImmutableArray();
    }

    private static int CompareSites(CallSiteModel x, CallSiteModel y)
    {
        var byDisplay = string.CompareOrdinal(x.DisplayLocation, y.DisplayLocation);
        return byDisplay != 0 ? byDisplay : string.CompareOrdinal(x.LocationData, y.LocationData);
    }

    /// <summary>Hint names must be unique, ignoring case (files on case-insensitive file systems); so must member prefixes (in the set's comparison).</summary>
    private static string UniqueHintName(string name, HashSet<string> used)
    {
        var candidate = name;
        for (var i = 2; !used.Add(candidate); i++)
        {
            candidate = name + "_" + i;
        }

        return candidate;
    }

    /// <summary>The holder of every source the files use, or null when nothing is intercepted.</summary>
    public static SourceHolderModel? BuildHolder(ImmutableArray<InterceptorFileModel> files, LocalSourceModel local)
    {
        if (files.IsEmpty)
        {
            return null;
        }

        var sources = files.Select(f => f.Source).Distinct().OrderBy(s => s.FieldName, System.StringComparer.Ordinal).ToEquatableArray();
        var durationFields = files
            .Where(f => f.Interceptors.Any(i => i.Method.RecordDuration))
            .Select(f => f.Source.FieldName)
            .Distinct()
            .OrderBy(name => name, System.StringComparer.Ordinal)
            .ToEquatableArray();
        return new SourceHolderModel(local.HolderClassName, sources, durationFields, local.HasInstrumentAdvice);
    }
}

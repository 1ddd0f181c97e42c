using System;
using System.Collections.Generic;
using Instrumentation.Generators.SemanticConventions;

namespace Instrumentation.Generators.Analyzers.AttributeKeys;

/// <summary>
/// The project's own sub-namespace under the roots of the semantic conventions, named after its assembly: assembly
/// <c>Npgsql</c> owns <c>db.npgsql.*</c>, <c>MassTransit</c> owns <c>messaging.masstransit.*</c>,
/// <c>Contoso.Payments.Stripe</c> owns <c>&lt;root&gt;.contoso.*</c>, <c>&lt;root&gt;.payments.*</c> and
/// <c>&lt;root&gt;.stripe.*</c>. The conventions invite a system to define its own keys there
/// (<c>messaging.&lt;system&gt;.*</c>, <c>db.&lt;system&gt;.*</c>), and a library that documents them wrote them on purpose:
/// TRC302/TRC304 do not report them. A second segment the conventions define themselves (<c>messaging.kafka.*</c> in a
/// project called <c>Contoso.Kafka</c>) stays theirs.
/// </summary>
internal sealed class ProjectNamespace
{
    // Words of assembly names that name no system of their own.
    private static readonly HashSet<string> s_genericWords = new(StringComparer.Ordinal)
    {
        "opentelemetry", "instrumentation", "instrumentations", "microsoft", "system", "extensions", "extension",
        "exporter", "exporters", "contrib", "abstractions", "core", "common", "shared", "client", "clients", "server",
        "api", "sdk", "net", "dotnet", "internal", "diagnostics", "tracing", "telemetry", "hosting", "tests", "test",
    };

    private readonly HashSet<string> _names;

    private ProjectNamespace(HashSet<string> names, bool ownsReservedPrefix = false)
    {
        _names = names;
        OwnsReservedPrefix = ownsReservedPrefix;
    }

    public static ProjectNamespace None { get; } = new([]);

    /// <summary>
    /// The project is OpenTelemetry's own (assembly <c>OpenTelemetry</c> or <c>OpenTelemetry.*</c>: the SDK, its
    /// exporters and instrumentation libraries), for which the <c>otel.</c> prefix is reserved: its <c>otel.*</c> keys
    /// (<c>otel.exception_pointers</c>, a scratch tag between processors) are not TRC303.
    /// </summary>
    public bool OwnsReservedPrefix { get; }

    public static ProjectNamespace FromAssemblyName(string? assemblyName)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(assemblyName))
        {
            return new ProjectNamespace(names);
        }

        var openTelemetry = assemblyName == "OpenTelemetry" || assemblyName!.StartsWith("OpenTelemetry.", StringComparison.Ordinal);

        foreach (var segment in assemblyName.Split('.'))
        {
            var lower = segment.ToLowerInvariant();
            if (lower.Length > 1 && !s_genericWords.Contains(lower))
            {
                names.Add(lower);                                     // MassTransit -> masstransit
                names.Add(AttributeKeyNaming.Normalize(segment) ?? lower);  // ConfluentKafka -> confluent_kafka
            }
        }

        return new ProjectNamespace(names, openTelemetry);
    }

    /// <summary>True when the second segment of <paramref name="key"/> is one of the project's names, and the conventions do not define that sub-namespace.</summary>
    public bool Owns(string key)
    {
        if (_names.Count == 0)
        {
            return false;
        }

        var firstDot = key.IndexOf('.');
        var secondDot = firstDot < 0 ? -1 : key.IndexOf('.', firstDot + 1);
        if (secondDot < 0)
        {
            return false;
        }

        var second = key.Substring(firstDot + 1, secondDot - firstDot - 1);
        return _names.Contains(second) && !SemanticConventionRegistry.DefinesNamespace(key.Substring(0, secondDot));
    }
}

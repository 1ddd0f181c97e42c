using Microsoft.CodeAnalysis;

namespace Instrumentation.Generators.Analyzers;

/// <summary>Every diagnostic this package reports. IDs are part of the public contract (design.md §3).</summary>
internal static class Descriptors
{
    private const string HelpLinkBase = "https://github.com/instrumentation-generators/instrumentation-generators/blob/main/docs/rules/";

    internal const string UsageCategory = "Instrumentation.Usage";
    internal const string NamingCategory = "Instrumentation.Naming";
    internal const string ReliabilityCategory = "Instrumentation.Reliability";
    internal const string SemanticConventionsCategory = "Instrumentation.SemanticConventions";
    internal const string SecurityCategory = "Instrumentation.Security";

    /// <summary>TRC001: [Traced] placed on a target the generator cannot honor.</summary>
    public static readonly DiagnosticDescriptor TracedTargetNotSupported = Create(
        RuleIds.TracedTargetNotSupported,
        "[Traced] cannot be honored on this target",
        "[Traced] on '{0}' has no effect: {1}",
        UsageCategory,
        DiagnosticSeverity.Warning,
        "The generator wraps calls to [Traced] methods at compile time. Some targets cannot be wrapped (local functions, constructors, operators, inaccessible signatures...); the attribute is ignored there.");

    /// <summary>TRC002: a use of a [Traced] method that will not produce a span.</summary>
    public static readonly DiagnosticDescriptor TracedCallNotWrapped = Create(
        RuleIds.TracedCallNotWrapped,
        "This use of a [Traced] method does not produce a span",
        "'{0}' is [Traced], but this {1} is not wrapped and produces no span",
        UsageCategory,
        DiagnosticSeverity.Info,
        "Only direct calls can be wrapped at compile time. Method groups, delegate conversions and base calls run the method without a span.");

    /// <summary>TRC101: span name carries high-cardinality data.</summary>
    public static readonly DiagnosticDescriptor HighCardinalitySpanName = Create(
        RuleIds.HighCardinalitySpanName,
        "Span name has high cardinality",
        "Span name {0}; use a constant name and record the variable part as a tag",
        NamingCategory,
        DiagnosticSeverity.Warning,
        "Span names identify a class of operations. Ids, GUIDs and other per-request values in the name explode the number of distinct names that backends must index; put them in attributes instead.");

    /// <summary>TRC201: span not ended on every path.</summary>
    public static readonly DiagnosticDescriptor SpanNotEnded = Create(
        RuleIds.SpanNotEnded,
        "Span is not ended on every path",
        "The span started here is not ended on every path: {0}; {1}",
        ReliabilityCategory,
        DiagnosticSeverity.Warning,
        "A span that is never ended is never exported and leaves Activity.Current pointing at it. Dispose, stop or end it on every path, including exceptions and early returns; a span returned, stored or passed on is owned by the receiver.");

    /// <summary>TRC301: deprecated semantic-convention attribute key that has a successor.</summary>
    public static readonly DiagnosticDescriptor DeprecatedAttributeKey = Create(
        RuleIds.DeprecatedAttributeKey,
        "Attribute key is deprecated in the OpenTelemetry semantic conventions",
        "Attribute key '{0}' is deprecated since semantic conventions {1} (this project targets {2}): {3}",
        SemanticConventionsCategory,
        DiagnosticSeverity.Warning,
        "Deprecated keys are no longer understood by current backends and dashboards. Use the key that replaced it. Deprecations newer than the release the project targets (InstrumentationSemanticConventionsVersion) are not reported.");

    /// <summary>TRC302: a near miss (typo) of a key defined by the semantic conventions.</summary>
    public static readonly DiagnosticDescriptor UnknownSemanticConventionKey = Create(
        RuleIds.UnknownSemanticConventionKey,
        "Attribute key looks like a misspelled semantic-convention key",
        "Attribute key '{0}' is not defined by semantic conventions {1} in namespace '{2}'{3}",
        SemanticConventionsCategory,
        DiagnosticSeverity.Warning,
        "A key inside a namespace owned by the semantic conventions that is one or two edits away from a defined key is almost always a typo; a backend treats it as an unrelated custom attribute.");

    /// <summary>TRC303: key breaks the attribute naming rules.</summary>
    public static readonly DiagnosticDescriptor MalformedAttributeKey = Create(
        RuleIds.MalformedAttributeKey,
        "Attribute key breaks the OpenTelemetry naming rules",
        "Attribute key '{0}' {1}{2}",
        SemanticConventionsCategory,
        DiagnosticSeverity.Warning,
        "Attribute keys are lowercase, dot-separated segments of [a-z][a-z0-9_]*; the 'otel.' prefix is reserved for keys the specification defines.");

    /// <summary>TRC304: undefined key under a semantic-convention namespace that is not close to any defined key.</summary>
    public static readonly DiagnosticDescriptor UndefinedSemanticConventionKey = Create(
        RuleIds.UndefinedSemanticConventionKey,
        "Attribute key is not defined by the OpenTelemetry semantic conventions",
        "Attribute key '{0}' is in the semantic-convention namespace '{1}' but semantic conventions {2} do not define it; expected for a library's or vendor's own attributes (messaging.<system>.*), otherwise use a defined key",
        SemanticConventionsCategory,
        DiagnosticSeverity.Info,
        "Libraries and vendors deliberately record their own keys under the semantic-convention roots (messaging.masstransit.*, db.npgsql.*). Such keys are not typos, but they can collide with a later definition; this informational diagnostic lists them.");

    /// <summary>TRC305: deprecated semantic-convention attribute key that nothing replaces.</summary>
    public static readonly DiagnosticDescriptor RemovedAttributeKey = Create(
        RuleIds.RemovedAttributeKey,
        "Attribute key is deprecated with no replacement",
        "Attribute key '{0}' is deprecated since semantic conventions {1} (this project targets {2}) and nothing replaces it: {3}",
        SemanticConventionsCategory,
        DiagnosticSeverity.Info,
        "The semantic conventions deprecated this key without naming a successor. Keep it while consumers still read it, or stop recording it; there is nothing to rename it to.");

    /// <summary>TRC401: the key or the tagged parameter says the value is a secret or personal data.</summary>
    public static readonly DiagnosticDescriptor SensitiveAttribute = Create(
        RuleIds.SensitiveAttribute,
        "Likely secret or personal data recorded as a span attribute",
        "{0} looks like {1}: span attributes are exported and stored where many can read them; remove the tag, or record a safe derivative (a hash, a length, the last four characters)",
        SecurityCategory,
        DiagnosticSeverity.Warning,
        "Spans leave the process: exporters send their attributes to collectors and backends that keep them and show them to everyone with access. Credentials (passwords, tokens, API keys, authorization headers, cookies, connection strings, private keys) and personal data (card numbers, national ids, email addresses, phone numbers, dates of birth) must not be recorded. Reported on keys and on [Tag] parameters whose names say so, and on [Tag] parameters marked with a data classification attribute; counts and measures (password_length, gen_ai.usage.input_tokens) are not reported.");

    /// <summary>TRC501: the project builds a tracer provider that never subscribes to the sources of its [Traced] methods.</summary>
    public static readonly DiagnosticDescriptor SourceNotRegistered = Create(
        RuleIds.SourceNotRegistered,
        "The activity source of the [Traced] methods is never registered",
        "This tracer provider never subscribes to the activity source {0} of the [Traced] methods, so their spans are not exported; add '.AddTracedSources()' (or AddSource with {1})",
        UsageCategory,
        DiagnosticSeverity.Warning,
        "OpenTelemetry exports only the spans of the sources a TracerProviderBuilder subscribes to with AddSource. The [Traced] methods start their spans from their assembly's source; the generated AddTracedSources() subscribes to every such source the project knows. Reported when no AddSource call or registration helper in the project covers a source; a builder passed to code the analyzer cannot see, or AddSource with a name it cannot read, silences the rule.",
        WellKnownDiagnosticTags.CompilationEnd);

    private static DiagnosticDescriptor Create(string id, string title, string message, string category, DiagnosticSeverity severity, string description, params string[] customTags) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, description: description, helpLinkUri: HelpLinkBase + id + ".md", customTags: customTags);
}

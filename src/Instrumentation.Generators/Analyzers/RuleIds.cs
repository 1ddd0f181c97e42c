namespace Instrumentation.Generators.Analyzers;

/// <summary>Diagnostic IDs, one constant per rule. Find a rule's analyzer, fix, doc and tests by its ID.</summary>
internal static class RuleIds
{
    public const string TracedTargetNotSupported = "TRC001";
    public const string TracedCallNotWrapped = "TRC002";
    public const string HighCardinalitySpanName = "TRC101";
    public const string SpanNotEnded = "TRC201";
    public const string DeprecatedAttributeKey = "TRC301";
    public const string UnknownSemanticConventionKey = "TRC302";
    public const string MalformedAttributeKey = "TRC303";
    public const string UndefinedSemanticConventionKey = "TRC304";
    public const string RemovedAttributeKey = "TRC305";
    public const string SensitiveAttribute = "TRC401";
    public const string SourceNotRegistered = "TRC501";
}

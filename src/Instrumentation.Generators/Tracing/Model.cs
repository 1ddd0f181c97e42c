using Instrumentation.Generators.Common;

namespace Instrumentation.Generators.Tracing;

// Symbol-free, equatable models: the only data that flows between pipeline steps.
// They hold strings (already rendered C#), numbers and EquatableArrays; never ISymbol, SyntaxNode,
// Location or Compilation, so that unrelated edits leave the pipeline cached.

/// <summary>
/// One activity source: the source of the assembly that declares the traced methods (this one, or a referenced
/// library whose [Traced] methods this assembly calls), and the holder field that generated code reads.
/// </summary>
internal sealed record ActivitySourceModel(string FieldName, string SourceName, string? SourceVersion);

/// <summary>This compilation's own source and the name of its (assembly-unique) holder class.</summary>
/// <param name="HolderClassName">The generated class holding the activity sources.</param>
/// <param name="Source">This assembly's own source.</param>
/// <param name="CanWriteManifest">The referenced attribute library has <c>TracedMethodNamesAttribute</c>.</param>
/// <param name="HasInstrumentAdvice">The target framework has <c>InstrumentAdvice&lt;T&gt;</c> (.NET 9+): the duration histogram advises its bucket boundaries.</param>
internal sealed record LocalSourceModel(string HolderClassName, ActivitySourceModel Source, bool CanWriteManifest, bool HasInstrumentAdvice = false);

/// <summary>A <c>[Traced]</c> method declared in this compilation: its name, and its model when it can be traced.</summary>
/// <param name="Name">The method's simple name (unescaped), for the call-site name filter and the manifest.</param>
/// <param name="Method">What the emitter needs, or null when the generator cannot honor the attribute (TRC001).</param>
internal sealed record DeclaredMethodModel(string Name, TracedMethodModel? Method);

/// <summary>
/// An invocation found by syntax alone (no binding): the invoked simple name and where the invocation is. Only the
/// candidates whose name is a traced method's name are ever bound.
/// </summary>
/// <param name="Name">The invoked simple name (<c>M</c> in <c>x.M()</c>, <c>M&lt;T&gt;()</c>, <c>x?.M()</c>).</param>
/// <param name="FilePath">Path of the syntax tree.</param>
/// <param name="Start">Start of the invocation expression.</param>
/// <param name="Length">Length of the invocation expression.</param>
internal sealed record CallCandidate(string Name, string FilePath, int Start, int Length);

/// <summary>The <c>[assembly: TracedMethodNames(...)]</c> manifest this assembly publishes to the projects that reference it.</summary>
internal sealed record ManifestModel(EquatableArray<string> Names);

/// <summary>
/// The generated <c>AddTracedSources()</c> extension of OpenTelemetry's <c>TracerProviderBuilder</c>: the names of the
/// sources of this assembly's <c>[Traced]</c> methods and of the referenced libraries that have some.
/// </summary>
/// <param name="SourceNames">This assembly's source first (when it declares [Traced] methods), then the libraries' in order.</param>
/// <param name="IncludeMeters">OpenTelemetry's <c>MeterProviderBuilder</c> is referenced: <c>AddTracedMeters()</c> registers the meters of the same names (the duration histograms of <c>RecordDuration</c>).</param>
internal sealed record SourceRegistrationModel(EquatableArray<string> SourceNames, bool IncludeMeters = false);

/// <summary>The generated holder class: one static <c>ActivitySource</c> per declaring assembly that is used.</summary>
/// <param name="ClassName">The holder class.</param>
/// <param name="Sources">The sources, by field name.</param>
/// <param name="DurationFields">The field names of the sources whose methods record their duration: each also gets a <c>Meter</c> and its histogram.</param>
/// <param name="HasInstrumentAdvice">The histograms advise their bucket boundaries (<c>InstrumentAdvice&lt;T&gt;</c> exists).</param>
internal sealed record SourceHolderModel(string ClassName, EquatableArray<ActivitySourceModel> Sources, EquatableArray<string> DurationFields, bool HasInstrumentAdvice);

/// <summary>What a traced method returns, which decides when its span ends.</summary>
internal enum ReturnShape
{
    /// <summary><c>void</c>: the span ends when the call returns.</summary>
    Void,

    /// <summary>Any other synchronous return (including ref returns and custom awaitables).</summary>
    Value,

    /// <summary><c>Task</c>.</summary>
    Task,

    /// <summary><c>Task&lt;T&gt;</c>.</summary>
    TaskOfT,

    /// <summary><c>ValueTask</c>.</summary>
    ValueTask,

    /// <summary><c>ValueTask&lt;T&gt;</c>.</summary>
    ValueTaskOfT,

    /// <summary>Iterator returning <c>IEnumerable&lt;T&gt;</c>: the span covers the enumeration.</summary>
    Enumerable,

    /// <summary>Iterator returning <c>IEnumerator&lt;T&gt;</c>: the span covers the enumeration, from the first <c>MoveNext</c>.</summary>
    Enumerator,

    /// <summary>Async iterator returning <c>IAsyncEnumerable&lt;T&gt;</c>: the span covers the enumeration.</summary>
    AsyncEnumerable,
}

/// <summary>How the generated interceptor reaches the traced method.</summary>
internal enum AccessKind
{
    /// <summary>The method is accessible from generated code: a plain call.</summary>
    Direct,

    /// <summary>The method is private/protected: called through an <c>[UnsafeAccessor]</c> extern (no reflection).</summary>
    UnsafeAccessor,
}

/// <summary>
/// The user's <c>partial</c> type an interceptor is declared in when it must name what is private to that type
/// (see <c>TracedTarget.FindHost</c>).
/// </summary>
/// <param name="Namespace">The type's namespace (never the global namespace), keywords escaped.</param>
/// <param name="ClassName">The type's name (top-level, not generic), escaped.</param>
/// <param name="Keywords">How a part of it is declared (<c>static partial class</c>, <c>partial struct</c>, <c>partial record</c>…).</param>
internal sealed record HostModel(string Namespace, string ClassName, string Keywords);

/// <summary>One parameter of a traced method, rendered for the interceptor signature.</summary>
/// <param name="Attributes">Signature attributes (nullable flow analysis, <c>[UnscopedRef]</c>, <c>[DynamicallyAccessedMembers]</c>), rendered with a trailing space, or empty.</param>
/// <param name="Name">Identifier, already escaped (<c>@event</c>).</param>
/// <param name="Type">Fully qualified type with nullable annotations.</param>
/// <param name="Modifiers">Ref-kind and scoped modifiers with a trailing space (<c>"scoped ref "</c>), or empty.</param>
/// <param name="RefKind">Argument prefix at the forwarded call (<c>"ref "</c>, <c>"out "</c>, <c>"in "</c>) or empty.</param>
/// <param name="TagKey">Key of <c>[Tag]</c>, or null when the parameter is not recorded.</param>
/// <param name="IsOut">Out parameters are recorded after the call.</param>
/// <param name="IsCancellationToken">A <c>CancellationToken</c> parameter decides whether cancellation is an error.</param>
internal sealed record ParameterModel(
    string Attributes,
    string Name,
    string Type,
    string Modifiers,
    string RefKind,
    string? TagKey,
    bool IsOut,
    bool IsCancellationToken);

/// <summary>A type parameter of the interceptor: its attributes (<c>[DynamicallyAccessedMembers]</c>, with a trailing space, or empty), name and constraint clause (or null).</summary>
internal sealed record TypeParameterModel(string Attributes, string Name, string? Constraints);

/// <summary>Everything the emitter needs to write the interceptor of one traced method.</summary>
/// <param name="Id">Stable identity of the method (documentation comment id of its definition).</param>
/// <param name="ContainingTypeName">Simple name of the declaring type, for class names.</param>
/// <param name="ContainingTypeMetadataName">Full metadata name of the declaring type made file-name safe, for hint names.</param>
/// <param name="ContainingTypeDisplay">Fully qualified declaring type with its type parameters (<c>global::N.Box&lt;T&gt;</c>).</param>
/// <param name="MethodName">The method's name (escaped when it is a keyword).</param>
/// <param name="SpanName">The span name (default <c>Type.Method</c>).</param>
/// <param name="KindName">Name of the <c>ActivityKind</c> member.</param>
/// <param name="Receiver">The receiver's modifiers and type (<c>"this ref global::S"</c>), or null for static methods.</param>
/// <param name="DeclaringTypeIsStruct">The declaring type is a struct (an instance receiver is passed by reference).</param>
/// <param name="ReturnAttributes">Signature attributes of the return value (<c>[return: MaybeNull]</c>), or empty.</param>
/// <param name="ReturnType">Fully qualified return type with ref modifiers (<c>ref readonly int</c>), or <c>void</c>.</param>
/// <param name="ReturnsByRef">The method returns by reference.</param>
/// <param name="Shape">When the span ends.</param>
/// <param name="ResultType">Result type of <c>Task&lt;T&gt;</c>/<c>ValueTask&lt;T&gt;</c>/iterators, or null.</param>
/// <param name="ReturnTagKey">Key of <c>[return: Tag]</c>, or null.</param>
/// <param name="TypeParameters">Containing types' then the method's type parameters.</param>
/// <param name="OwnTypeParameterCount">How many of <paramref name="TypeParameters"/> are the method's own (the last ones).</param>
/// <param name="Parameters">The method's parameters.</param>
/// <param name="RecordCancellationAsError">From <c>[Traced(RecordCancellationAsError = true)]</c>.</param>
/// <param name="IsUnsafe">The signature has pointers: the interceptor is <c>unsafe</c>.</param>
/// <param name="Access">Direct call or unsafe accessor.</param>
/// <param name="AccessorTypeName">The runtime name of a static class whose private method is reached by an accessor (<c>UnsafeAccessorType</c>), or null.</param>
/// <param name="InterceptorAttributes">Attribute lines the interceptor carries over from the method (obsolete context, trimming and platform requirements).</param>
/// <param name="HideFromStackTrace">The target framework has <c>[StackTraceHidden]</c>: the interceptor's frame is left out of stack traces.</param>
/// <param name="SuppressedDiagnosticIds">IDs of the experimental APIs the interceptor names, suppressed in the generated file.</param>
/// <param name="ConditionalSymbols">The symbols of the method's <c>[Conditional]</c> attributes, defined in the generated file (only calls that keep their meaning are intercepted).</param>
/// <param name="Host">The class the interceptor is declared in, or null for the generator's namespace.</param>
/// <param name="ParametersCarryRequiredModifiers">An <c>in</c>/<c>ref readonly</c> parameter of a virtual, abstract, override or interface method carries <c>modreq(InAttribute)</c>, which a static interceptor cannot repeat (the compiler warns CS9154; the call is intercepted all the same).</param>
/// <param name="RecordDuration">From <c>[Traced(RecordDuration = true)]</c>, the type's <c>[Traced]</c> or <c>[assembly: TracedSource(RecordDuration = true)]</c>: calls are also measured in the source's duration histogram.</param>
internal sealed record TracedMethodModel(
    string Id,
    string ContainingTypeName,
    string ContainingTypeMetadataName,
    string ContainingTypeDisplay,
    string MethodName,
    string SpanName,
    string KindName,
    string? Receiver,
    bool DeclaringTypeIsStruct,
    string ReturnAttributes,
    string ReturnType,
    bool ReturnsByRef,
    ReturnShape Shape,
    string? ResultType,
    string? ReturnTagKey,
    EquatableArray<TypeParameterModel> TypeParameters,
    int OwnTypeParameterCount,
    EquatableArray<ParameterModel> Parameters,
    bool RecordCancellationAsError,
    bool IsUnsafe,
    AccessKind Access,
    string? AccessorTypeName,
    EquatableArray<string> InterceptorAttributes,
    bool HideFromStackTrace,
    EquatableArray<string> SuppressedDiagnosticIds,
    EquatableArray<string> ConditionalSymbols,
    HostModel? Host = null,
    bool ParametersCarryRequiredModifiers = false,
    bool RecordDuration = false);

/// <summary>One call that the compiler lets us intercept.</summary>
/// <param name="MethodId">The <see cref="TracedMethodModel.Id"/> of the called method.</param>
/// <param name="ExternalMethod">The model, when the method is declared in a referenced assembly (no declaration here).</param>
/// <param name="ExternalSource">The declaring assembly's source, for methods of a referenced assembly.</param>
/// <param name="LocationVersion">The <c>InterceptsLocation</c> version.</param>
/// <param name="LocationData">The <c>InterceptsLocation</c> data (opaque, content-based).</param>
/// <param name="DisplayLocation">File name (no folder) and (line,column) of the call, written as a comment.</param>
internal sealed record CallSiteModel(
    string MethodId,
    TracedMethodModel? ExternalMethod,
    ActivitySourceModel? ExternalSource,
    int LocationVersion,
    string LocationData,
    string DisplayLocation);

/// <summary>A traced method with all the calls to intercept: one generated method.</summary>
internal sealed record InterceptorModel(TracedMethodModel Method, EquatableArray<CallSiteModel> CallSites);

/// <summary>The content of one generated file: the interceptors of one declaring type.</summary>
/// <param name="HintName">Generated file name.</param>
/// <param name="ClassName">The file-local class holding the interceptors.</param>
/// <param name="ContainingTypeDisplay">The declaring type, for the class comment.</param>
/// <param name="Source">The declaring assembly's source.</param>
/// <param name="SourceField">Expression of the <c>ActivitySource</c> the interceptors start spans from.</param>
/// <param name="Interceptors">One interceptor per traced method of the type.</param>
/// <param name="Host">The user's class the interceptors are declared in (their names then start with <paramref name="ClassName"/>), or null.</param>
internal sealed record InterceptorFileModel(
    string HintName,
    string ClassName,
    string ContainingTypeDisplay,
    ActivitySourceModel Source,
    string SourceField,
    EquatableArray<InterceptorModel> Interceptors,
    HostModel? Host = null);

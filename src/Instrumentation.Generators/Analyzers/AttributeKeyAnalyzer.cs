using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Instrumentation.Generators.Analyzers.AttributeKeys;
using Instrumentation.Generators.Common;
using Instrumentation.Generators.SemanticConventions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Instrumentation.Generators.Analyzers;

/// <summary>
/// TRC301 (deprecated key with a successor), TRC305 (deprecated, nothing replaces it), TRC302 (near miss of a defined
/// key), TRC304 (undefined key under a semantic-convention namespace) and TRC303 (key breaks the naming rules or uses
/// the reserved <c>otel.</c> prefix), for every key that reaches a span: <c>Activity.SetTag/AddTag</c>,
/// <c>TelemetrySpan.SetAttribute</c>, <c>SpanAttributes</c>, <c>ActivityTagsCollection</c>, <c>TagList</c>,
/// <c>KeyValuePair</c> tags given to <c>StartActivity</c> / <c>CreateActivity</c> or to those collections, and
/// <c>[Tag("…")]</c>. Keys are constants, or held in <c>static readonly</c> fields and locals that keep their literal
/// initializer; one level of same-compilation wrapper (a parameter that flows into a key or tags) and of helper
/// (a method that returns the tags) is followed, and reported at the call. Deprecations are judged against the
/// semantic-conventions release the project targets (<see cref="SemanticConventionTarget"/>). <c>SetTag(key, null)</c>
/// removes a tag and is not checked. Baggage and keys computed at run time are not checked.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AttributeKeyAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: the key as written (its value).</summary>
    internal const string KeyProperty = "Key";

    /// <summary>Diagnostic property: the single key the fix writes, when there is one.</summary>
    internal const string ReplacementProperty = "Replacement";

    /// <summary>Diagnostic property (TRC302): several equally close keys, separated by <see cref="SuggestionSeparator"/>.</summary>
    internal const string SuggestionsProperty = "Suggestions";

    /// <summary>Diagnostic property: a <see cref="KeyHolder"/> name, where the literal the fix rewrites lives.</summary>
    internal const string HolderProperty = "Holder";

    internal const char SuggestionSeparator = ';';

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
    [
        Descriptors.DeprecatedAttributeKey,
        Descriptors.UnknownSemanticConventionKey,
        Descriptors.MalformedAttributeKey,
        Descriptors.UndefinedSemanticConventionKey,
        Descriptors.RemovedAttributeKey,
        Descriptors.SensitiveAttribute,
    ];

    /// <summary>Diagnostic property (TRC401): what the fix removes, a <see cref="SensitiveRemoval"/> name; absent when nothing can be removed alone.</summary>
    internal const string RemovalProperty = "Removal";

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var types = TagSinkTypes.TryCreate(start.Compilation);
            if (types is null)
            {
                return;
            }

            var analysis = new Analysis(types, new SemanticConventionTarget(start.Options.AnalyzerConfigOptionsProvider, start.Compilation), start.Compilation);
            start.RegisterOperationAction(analysis.AnalyzeInvocation, OperationKind.Invocation);
            start.RegisterOperationAction(analysis.AnalyzeObjectCreation, OperationKind.ObjectCreation);
            if (types.ActivityTagsCollection is not null)
            {
                // On assignments, far fewer than property references (every .Length, .Count, ...).
                start.RegisterOperationAction(
                    analysis.AnalyzeIndexerAssignment, OperationKind.SimpleAssignment, OperationKind.CompoundAssignment, OperationKind.CoalesceAssignment);
            }

            // From the collections that can initialize a local holding tags, far fewer than the locals themselves.
            start.RegisterOperationAction(
                analysis.AnalyzeTagsLocal, OperationKind.ArrayCreation, OperationKind.CollectionExpression, OperationKind.ObjectCreation);
            if (types.TagAttribute is not null)
            {
                start.RegisterOperationAction(analysis.AnalyzeAttribute, OperationKind.Attribute);
            }
        });
    }

    private sealed class Analysis
    {
        private readonly TagSinkTypes _types;
        private readonly SemanticConventionTarget _target;
        private readonly TagWalker _walker;
        private readonly TagForwarding _forwarding;
        private readonly ProjectNamespace _project;
        private readonly Compilation _compilation;
        private readonly ConcurrentDictionary<IFieldSymbol, bool> _tagFields = new(SymbolEqualityComparer.Default);

        // The same few keys recur across a project ([Tag("app.order_id")] on every order method): classify each once
        // per targeted release (one per project unless .editorconfig sections differ).
        private readonly ConcurrentDictionary<(SemanticConventionVersion Target, string Key), AttributeKeyVerdict> _verdicts = new();
        private readonly ConcurrentDictionary<string, string?> _sensitive = new(StringComparer.Ordinal);

        public Analysis(TagSinkTypes types, SemanticConventionTarget target, Compilation compilation)
        {
            _types = types;
            _target = target;
            _compilation = compilation;
            _forwarding = new TagForwarding(types, compilation);
            _project = ProjectNamespace.FromAssemblyName(compilation.AssemblyName);
            _walker = new TagWalker(types) { Forwarding = _forwarding };
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            var containingType = method.ContainingType?.OriginalDefinition;
            if (containingType is null)
            {
                return;
            }

            if (TagSinkTypes.Is(containingType, _types.Activity))
            {
                // SetTag(key, null) removes the tag: nothing is recorded under the key.
                if ((method.Name == "SetTag" && !RemovesTag(invocation.Arguments)) || method.Name == "AddTag")
                {
                    CheckKeyArguments(context, invocation.Arguments);
                }
            }
            else if (TagSinkTypes.Is(containingType, _types.TelemetrySpan))
            {
                if (method.Name == "SetAttribute" && !RemovesTag(invocation.Arguments))
                {
                    CheckKeyArguments(context, invocation.Arguments);
                }
            }
            else if (TagSinkTypes.Is(containingType, _types.SpanAttributes)
                || TagSinkTypes.Is(containingType, _types.ActivityTagsCollection)
                || TagSinkTypes.Is(containingType, _types.TagList))
            {
                if (method.Name is "Add" or "Insert")
                {
                    CheckKeyArguments(context, invocation.Arguments);
                    WalkTagArguments(context, invocation.Arguments);
                }
            }
            else if (TagSinkTypes.Is(containingType, _types.ActivitySource))
            {
                if (method.Name is "StartActivity" or "CreateActivity")
                {
                    WalkTagArguments(context, invocation.Arguments);
                }
            }
            else
            {
                if (CarriesKeyToSourceMethod(invocation))
                {
                    CheckForwardedArguments(context, invocation);
                }

                // var tags = BuildTags(command); ... source.StartActivity(..., tags): the helper's keys, reported at the call.
                if (IsLocalInitializer(invocation, out var declarator)
                    && _forwarding.ReturnsTags(method)
                    && !method.DeclaringSyntaxReferences.IsEmpty
                    && IsTagsLocal(declarator))
                {
                    var keys = new List<KeyUse>();
                    _walker.WalkTags(invocation, keys);
                    if (keys.Count > 0 && ReachesTagSink(declarator))
                    {
                        Report(context, keys);
                    }
                }
            }
        }

        private bool IsTagsLocalInitializer(IOperation value, out IVariableDeclaratorOperation declarator) =>
            IsLocalInitializer(value, out declarator) && IsTagsLocal(declarator);

        private static bool IsLocalInitializer(IOperation value, out IVariableDeclaratorOperation declarator)
        {
            while (value.Parent is IConversionOperation conversion)
            {
                value = conversion;
            }

            declarator = (value.Parent as IVariableInitializerOperation)?.Parent as IVariableDeclaratorOperation ?? null!;
            return declarator is not null;
        }

        private bool IsTagsLocal(IVariableDeclaratorOperation declarator) =>
            _types.IsStringKeyValuePairSequence(declarator.Symbol.Type) && !_types.IsTagCollection(declarator.Symbol.Type);

        public void AnalyzeObjectCreation(OperationAnalysisContext context)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (_types.IsTagCollection(creation.Type))
            {
                WalkTagArguments(context, creation.Arguments);
            }
        }

        public void AnalyzeAttribute(OperationAnalysisContext context)
        {
            if (((IAttributeOperation)context.Operation).Operation is IObjectCreationOperation creation
                && TagSinkTypes.Is(creation.Type, _types.TagAttribute))
            {
                CheckKeyArguments(context, creation.Arguments);

                // [Tag("app.value")] string password: the parameter's name or its data classification says what the key may not.
                if (context.Operation.Syntax.Parent?.Parent is ParameterSyntax parameterSyntax &&
                    context.Operation.SemanticModel?.GetDeclaredSymbol(parameterSyntax, context.CancellationToken) is IParameterSymbol parameter &&
                    (creation.Arguments.Length == 0 || creation.Arguments[0].Value.ConstantValue is not { HasValue: true, Value: string key } || SensitiveKey(key) is null) &&
                    (ClassificationOf(parameter) ?? SensitiveData.Classify(parameter.Name)) is { } what)
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.SensitiveAttribute,
                        context.Operation.Syntax.GetLocation(),
                        ImmutableDictionary<string, string?>.Empty.Add(RemovalProperty, nameof(SensitiveRemoval.TagAttribute)),
                        $"Parameter '{parameter.Name}'",
                        what));
                }
            }
        }

        /// <summary>A data classification attribute (Microsoft.Extensions.Compliance.Classification) on the parameter, described.</summary>
        private static string? ClassificationOf(IParameterSymbol parameter)
        {
            foreach (var attribute in parameter.GetAttributes())
            {
                for (var type = attribute.AttributeClass; type is not null; type = type.BaseType)
                {
                    if (type.Name == "DataClassificationAttribute" && type.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.Compliance.Classification")
                    {
                        return $"classified data ([{attribute.AttributeClass!.Name.Replace("Attribute", string.Empty)}])";
                    }
                }
            }

            return null;
        }

        /// <summary>
        /// What a key says its value is, unless the semantic conventions define the key (outside <c>user.*</c>, which is
        /// personal data); once per key and compilation (the same keys recur).
        /// </summary>
        private string? SensitiveKey(string key) =>
            _sensitive.GetOrAdd(key, static key =>
                SemanticConventionRegistry.IsDefined(key) && !key.StartsWith("user.", StringComparison.Ordinal) && !SemanticConventionRegistry.TryGetDeprecationRow(key, out _)
                    ? null
                    : SensitiveData.Classify(key));

        public void AnalyzeIndexerAssignment(OperationAnalysisContext context)
        {
            // tags["key"] = value (or +=, ??=) and the object initializer form new ActivityTagsCollection { ["key"] = value }.
            // tags["key"] = null removes the tag.
            var assignment = (IAssignmentOperation)context.Operation;
            if (assignment.Target is IPropertyReferenceOperation { Property.IsIndexer: true } reference
                && TagSinkTypes.Is(reference.Property.ContainingType?.OriginalDefinition, _types.ActivityTagsCollection)
                && !(assignment is ISimpleAssignmentOperation && IsNullConstant(assignment.Value)))
            {
                CheckKeyArguments(context, reference.Arguments);
            }
        }

        // var tags = new KeyValuePair<string, object?>[] { new("k", v) }; ... source.StartActivity(..., tags);
        // The collection (array, collection expression, object with an initializer) is the local's initializer, under
        // its conversions if any (C# has no initializer on the declaration itself, only on each declarator).
        public void AnalyzeTagsLocal(OperationAnalysisContext context)
        {
            var collection = context.Operation;
            if (collection is IObjectCreationOperation { Initializer: null })
            {
                return;
            }

            var reachesSink = IsTagsLocalInitializer(collection, out var declarator)
                ? ReachesTagSink(declarator)
                : TagsFieldOf(collection) is { } field && FieldReachesTagSink(field, collection.SemanticModel, context.CancellationToken);
            if (!reachesSink)
            {
                return;
            }

            var keys = new List<KeyUse>();
            _walker.WalkTags(collection, keys);
            Report(context, keys);
        }

        private bool ReachesTagSink(IVariableDeclaratorOperation declarator)
        {
            var root = (IOperation)declarator;
            while (root.Parent is not null)
            {
                root = root.Parent;
            }

            foreach (var operation in root.Descendants())
            {
                if (operation is not ILocalReferenceOperation reference
                    || !SymbolEqualityComparer.Default.Equals(reference.Local, declarator.Symbol))
                {
                    continue;
                }

                var use = reference.Parent;
                while (use is IConversionOperation or IConditionalOperation or ICoalesceOperation or ISpreadOperation or ICollectionExpressionOperation)
                {
                    use = use.Parent;
                }

                if (use is IArgumentOperation argument && IsTagsArgument(argument))
                {
                    return true;
                }
            }

            return false;
        }

        // An argument whose parameter takes tags: of a span API, or of a same-compilation wrapper that passes them on.
        private bool IsTagsArgument(IArgumentOperation argument) =>
            argument.Parameter is { } parameter
            && _types.IsStringKeyValuePairSequence(parameter.Type)
            && (_types.IsTagsSink(parameter.ContainingSymbol)
                || (argument.Parent is IInvocationOperation call && CarriesKeyToSourceMethod(call)
                    && _forwarding.Get(call.TargetMethod, call.SemanticModel).FlowOf(parameter) == ParameterFlow.Tags));

        // static readonly KeyValuePair<string, object?>[] CreationTags = [new("messaging.system", "rabbitmq"), …]: the
        // collection that initializes a static readonly field of a tags type.
        private IFieldSymbol? TagsFieldOf(IOperation collection)
        {
            var value = collection;
            while (value.Parent is IConversionOperation conversion)
            {
                value = conversion;
            }

            return value.Parent is IFieldInitializerOperation { InitializedFields.Length: 1 } initializer
                && initializer.InitializedFields[0] is { IsStatic: true, IsReadOnly: true } field
                && _types.IsStringKeyValuePairSequence(field.Type)
                && !_types.IsTagCollection(field.Type)
                ? field
                : null;
        }

        // Whether the field is passed as tags somewhere in its own type (any partial declaration): the keys it holds reach
        // a span. Uses from other types are not searched (a whole-compilation search per field would cost every build).
        private bool FieldReachesTagSink(IFieldSymbol field, SemanticModel? fieldModel, CancellationToken cancellationToken) =>
            fieldModel is not null
            && _tagFields.GetOrAdd(field, f => SearchTagUses(f, fieldModel, cancellationToken));

        private bool SearchTagUses(IFieldSymbol field, SemanticModel fieldModel, CancellationToken cancellationToken)
        {
            foreach (var reference in field.ContainingType.DeclaringSyntaxReferences)
            {
                var declaration = reference.GetSyntax(cancellationToken);
                SemanticModel? model = null;
                foreach (var node in declaration.DescendantNodes())
                {
                    if (node is not ArgumentSyntax { Expression: var expression } argumentSyntax
                        || (expression is MemberAccessExpressionSyntax access ? access.Name : expression) is not IdentifierNameSyntax { Identifier.ValueText: var name }
                        || name != field.Name)
                    {
                        continue;
                    }

                    // The type's other files too: once per static readonly tags field and compilation (cached).
                    model ??= _compilation.GetModelFor(declaration.SyntaxTree, fieldModel);
                    if (model.GetOperation(argumentSyntax, cancellationToken) is IArgumentOperation argument
                        && KeySource.Unwrap(argument.Value) is IFieldReferenceOperation { Field: var used }
                        && SymbolEqualityComparer.Default.Equals(used, field)
                        && IsTagsArgument(argument))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        // A call of a method of this compilation with an argument that can carry a key: worth reading the method once.
        private bool CarriesKeyToSourceMethod(IInvocationOperation invocation)
        {
            // Locations before DeclaringSyntaxReferences: a source method keeps its locations, and builds a new array of
            // syntax references at each call.
            if (!invocation.TargetMethod.Locations.Any(static location => location.IsInSource))
            {
                return false;
            }

            foreach (var argument in invocation.Arguments)
            {
                // The parameter's type first: answered once per type, where CanHoldKey may read a local's declaration.
                if (argument.Parameter is { } parameter
                    && argument.ArgumentKind != ArgumentKind.DefaultValue
                    && _forwarding.CanCarryKey(parameter)
                    && CanHoldKey(argument.Value))
                {
                    return true;
                }
            }

            return false;
        }

        // What a key or tags can look like at a call: a constant, a variable that may hold one, a tuple, a pair or a
        // collection being built. A computed string (interpolation, a call) cannot be checked anyway.
        private static bool CanHoldKey(IOperation value)
        {
            value = KeySource.Unwrap(value)!;
            return value.ConstantValue is { HasValue: true, Value: string }
                || value is IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: true } }
                || (value is ILocalReferenceOperation local && KeySource.HasLiteralInitializer(local.Local))
                || (value is ITupleOperation { Elements.Length: > 0 } tuple && CanHoldKey(tuple.Elements[0]))
                || value is IObjectCreationOperation or IArrayCreationOperation or ICollectionExpressionOperation
                || (value is IInvocationOperation { TargetMethod.Name: "Create" } create && create.Type is INamedTypeSymbol { Name: "KeyValuePair" });
        }

        // AddTag(activity, ("db.name", name)), SetTagIfPresent(activity, "db.name", name), StartWithTags(name, [new("k", v)]).
        private void CheckForwardedArguments(OperationAnalysisContext context, IInvocationOperation invocation)
        {
            var forwarding = _forwarding.Get(invocation.TargetMethod, invocation.SemanticModel, context.CancellationToken);
            if (forwarding.Parameters.IsEmpty)
            {
                return;
            }

            var keys = new List<KeyUse>();
            foreach (var argument in invocation.Arguments)
            {
                var first = keys.Count;
                switch (forwarding.FlowOf(argument.Parameter))
                {
                    case ParameterFlow.Key:
                        keys.Add(new KeyUse(argument.Value));
                        break;
                    case ParameterFlow.PairKey when KeySource.Unwrap(argument.Value) is ITupleOperation { Elements.Length: > 0 } tuple:
                        keys.Add(new KeyUse(tuple.Elements[0]));
                        break;
                    case ParameterFlow.PairKey:
                        _walker.AddKeyValuePair(argument.Value, keys);
                        break;
                    case ParameterFlow.Tags:
                        _walker.WalkTags(argument.Value, keys);
                        break;
                }

                // AddTag(activity, (Keys.DbSystem, Keys.DbSystemName), values) where the wrapper writes the first key only
                // under "if (emitOldAttributes)": the old key is written on purpose.
                if (forwarding.IsCompatibilityOnly(argument.Parameter))
                {
                    for (var i = first; i < keys.Count; i++)
                    {
                        keys[i] = keys[i] with { ViaCompatibilityHelper = true };
                    }
                }
            }

            Report(context, keys);
        }

        private static bool RemovesTag(ImmutableArray<IArgumentOperation> arguments)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Name == "value")
                {
                    return IsNullConstant(argument.Value);
                }
            }

            return false;
        }

        private static bool IsNullConstant(IOperation value) => value.ConstantValue is { HasValue: true, Value: null };

        private void CheckKeyArguments(OperationAnalysisContext context, ImmutableArray<IArgumentOperation> arguments)
        {
            var keys = new List<KeyUse>();
            foreach (var argument in arguments)
            {
                if (argument.Parameter is { Name: "key", Type.SpecialType: SpecialType.System_String })
                {
                    keys.Add(new KeyUse(argument.Value));
                }
                else if (argument.Parameter is { } parameter && _types.IsStringKeyValuePair(parameter.Type))
                {
                    _walker.AddKeyValuePair(argument.Value, keys);
                }
            }

            Report(context, keys);
        }

        private void WalkTagArguments(OperationAnalysisContext context, ImmutableArray<IArgumentOperation> arguments)
        {
            var keys = new List<KeyUse>();
            foreach (var argument in arguments)
            {
                if (argument.Parameter is { } parameter && _types.IsStringKeyValuePairSequence(parameter.Type))
                {
                    _walker.WalkTags(argument.Value, keys);
                }
            }

            Report(context, keys);
        }

        private void Report(OperationAnalysisContext context, List<KeyUse> keys)
        {
            foreach (var key in keys)
            {
                CheckKey(context, key);
            }
        }

        private void CheckKey(OperationAnalysisContext context, KeyUse use)
        {
            if (KeySource.Resolve(use.Key, context.CancellationToken) is not { } source)
            {
                return;
            }

            if (SensitiveKey(source.Key) is { } what)
            {
                var removal = use.ViaHelper ? null : SensitiveRemovalOf(use.Use);
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.SensitiveAttribute,
                    use.Use.Syntax.GetLocation(),
                    removal is null ? ImmutableDictionary<string, string?>.Empty : ImmutableDictionary<string, string?>.Empty.Add(RemovalProperty, removal.Value.ToString()),
                    $"Attribute key '{source.Key}'",
                    what));
            }

            var release = _target.For(use.Use.Syntax.SyntaxTree);
            var target = release.Version;
            if (!_verdicts.TryGetValue((target, source.Key), out var verdict))
            {
                verdict = _verdicts.GetOrAdd((target, source.Key), AttributeKeyVerdict.Classify(source.Key, target, _project));
            }

            if (verdict.Problem == AttributeKeyProblem.None)
            {
                return;
            }

            var holder = use.ViaHelper ? KeyHolder.Helper : source.Holder;
            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            properties.Add(KeyProperty, source.Key);
            properties.Add(HolderProperty, holder.ToString());
            Location[]? additionalLocations = null;
            var fixable = verdict.Replacement is not null || verdict.Suggestions.Length > 1;

            // Old keys written on purpose next to the new ones (an "emit old attributes" switch) stay reported, as Info
            // and without a fix: renaming them would drop what older consumers read.
            var compatibility = verdict.Problem == AttributeKeyProblem.Deprecated
                && (use.ViaCompatibilityHelper || CompatibilityEmission.IsInCompatibilityBranch(use.Use));
            if (fixable && source.Literal is not null && !compatibility)
            {
                additionalLocations = [source.Literal];
                if (verdict.Replacement is not null)
                {
                    properties.Add(ReplacementProperty, verdict.Replacement);
                }
                else
                {
                    properties.Add(SuggestionsProperty, string.Join(SuggestionSeparator.ToString(), verdict.Suggestions));
                }
            }

            var location = use.Use.Syntax.GetLocation();
            var version = release.Describe();
            context.ReportDiagnostic(verdict.Problem switch
            {
                AttributeKeyProblem.Deprecated => Diagnostic.Create(
                    Descriptors.DeprecatedAttributeKey,
                    location,
                    compatibility ? DiagnosticSeverity.Info : Descriptors.DeprecatedAttributeKey.DefaultSeverity,
                    additionalLocations,
                    properties.ToImmutable(),
                    source.Key,
                    verdict.Since.DescribeAsSince(),
                    version,
                    (verdict.Replacement is not null ? $"use '{verdict.Replacement}' instead" : verdict.Detail.TrimEnd('.'))
                        + (compatibility ? " (written in a compatibility branch: kept on purpose? suppress it there)" : string.Empty)),
                AttributeKeyProblem.DeprecatedWithoutReplacement => Diagnostic.Create(
                    Descriptors.RemovedAttributeKey, location, additionalLocations: null, properties.ToImmutable(),
                    source.Key,
                    verdict.Since.DescribeAsSince(),
                    version,
                    verdict.Detail.TrimEnd('.')),
                AttributeKeyProblem.NearMiss => Diagnostic.Create(
                    Descriptors.UnknownSemanticConventionKey, location, additionalLocations, properties.ToImmutable(),
                    source.Key,
                    version,
                    verdict.Detail,
                    DescribeSuggestions(verdict.Suggestions)),
                AttributeKeyProblem.Undefined => Diagnostic.Create(
                    Descriptors.UndefinedSemanticConventionKey, location, additionalLocations: null, properties.ToImmutable(),
                    source.Key,
                    verdict.Detail,
                    version),
                // nameof(context.RoutingKey): the key mirrors a member name on purpose (often a documented output shape)
                // and no fix can rewrite it; still reported, as Info.
                _ when KeySource.Unwrap(use.Key) is INameOfOperation => Diagnostic.Create(
                    Descriptors.MalformedAttributeKey, location, DiagnosticSeverity.Info, additionalLocations: null, properties.ToImmutable(),
                    source.Key,
                    verdict.Detail,
                    (verdict.Replacement is not null ? $"; use '{verdict.Replacement}'" : string.Empty)
                        + " (written with nameof: the key is a member name; write the key as a string if it is not part of a documented output)"),
                _ => Diagnostic.Create(
                    Descriptors.MalformedAttributeKey, location, additionalLocations, properties.ToImmutable(),
                    source.Key,
                    verdict.Detail,
                    verdict.Replacement is not null
                        ? $"; use '{verdict.Replacement}'"
                        : verdict.Problem == AttributeKeyProblem.ReservedPrefix
                            ? "; use a key in your own namespace"
                            : "; use lowercase, dot-separated segments of [a-z][a-z0-9_]*"),
            });
        }

        /// <summary>What removing the recorded value means for this key's use: a whole statement, a [Tag], or nothing alone.</summary>
        private static SensitiveRemoval? SensitiveRemovalOf(IOperation key)
        {
            if (key.Syntax.FirstAncestorOrSelf<AttributeSyntax>() is not null)
            {
                return SensitiveRemoval.TagAttribute;
            }

            // activity.SetTag(key, value); / activity?.SetTag(key, value); as a statement of its own.
            if (key.Parent is IArgumentOperation { Parent: IInvocationOperation invocation } &&
                invocation.TargetMethod.Name is "SetTag" or "AddTag" or "SetAttribute" &&
                (invocation.Parent is IExpressionStatementOperation || invocation.Parent is IConditionalAccessOperation { Parent: IExpressionStatementOperation }))
            {
                return SensitiveRemoval.Statement;
            }

            return null;
        }

        private static string DescribeSuggestions(ImmutableArray<string> suggestions)
        {
            var text = "; did you mean '" + suggestions[0] + "'";
            for (var i = 1; i < suggestions.Length; i++)
            {
                text += (i == suggestions.Length - 1 ? " or '" : ", '") + suggestions[i] + "'";
            }

            return text + "?";
        }
    }
}

/// <summary>What TRC401's fix removes.</summary>
internal enum SensitiveRemoval
{
    /// <summary>The <c>SetTag</c>/<c>AddTag</c>/<c>SetAttribute</c> statement.</summary>
    Statement,

    /// <summary>The <c>[Tag]</c> attribute.</summary>
    TagAttribute,
}

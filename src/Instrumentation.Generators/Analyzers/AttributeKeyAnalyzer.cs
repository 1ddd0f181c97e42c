using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading;
using Instrumentation.Generators.Analyzers.AttributeKeys;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Instrumentation.Generators.Analyzers;

/// <summary>
/// TRC301 (deprecated key), TRC302 (unknown key in a namespace of the semantic conventions) and TRC303 (key breaks
/// the naming rules or uses the reserved <c>otel.</c> prefix), for every constant key that reaches a span:
/// <c>Activity.SetTag/AddTag</c>, <c>TelemetrySpan.SetAttribute</c>, <c>SpanAttributes</c>,
/// <c>ActivityTagsCollection</c>, <c>TagList</c>, <c>KeyValuePair</c> tags given to <c>StartActivity</c> /
/// <c>CreateActivity</c> or to those collections, and <c>[Tag("…")]</c>. Keys held in <c>const</c> fields or locals are
/// reported where they are used. Baggage and non-constant keys are not checked.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AttributeKeyAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: the key as written (its constant value).</summary>
    internal const string KeyProperty = "Key";

    /// <summary>Diagnostic property: the single key the fix writes, when there is one.</summary>
    internal const string ReplacementProperty = "Replacement";

    /// <summary>Diagnostic property (TRC302): several equally close keys, separated by <see cref="SuggestionSeparator"/>.</summary>
    internal const string SuggestionsProperty = "Suggestions";

    internal const char SuggestionSeparator = ';';

    // How many const-to-const hops are followed to find the literal a fix rewrites.
    private const int MaxConstantDepth = 3;

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
    [
        Descriptors.DeprecatedAttributeKey,
        Descriptors.UnknownSemanticConventionKey,
        Descriptors.MalformedAttributeKey,
    ];

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

            var analysis = new Analysis(types);
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

    private sealed class Analysis(TagSinkTypes types)
    {
        // The same few keys recur across a project ([Tag("app.order_id")] on every order method): classify each once.
        private readonly ConcurrentDictionary<string, AttributeKeyVerdict> _verdicts = new(StringComparer.Ordinal);

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            var containingType = method.ContainingType?.OriginalDefinition;
            if (containingType is null)
            {
                return;
            }

            if (TagSinkTypes.Is(containingType, types.Activity))
            {
                if (method.Name is "SetTag" or "AddTag")
                {
                    CheckKeyArguments(context, invocation.Arguments);
                }
            }
            else if (TagSinkTypes.Is(containingType, types.TelemetrySpan))
            {
                if (method.Name == "SetAttribute")
                {
                    CheckKeyArguments(context, invocation.Arguments);
                }
            }
            else if (TagSinkTypes.Is(containingType, types.SpanAttributes)
                || TagSinkTypes.Is(containingType, types.ActivityTagsCollection)
                || TagSinkTypes.Is(containingType, types.TagList))
            {
                if (method.Name is "Add" or "Insert")
                {
                    CheckKeyArguments(context, invocation.Arguments);
                    WalkTagArguments(context, invocation.Arguments);
                }
            }
            else if (TagSinkTypes.Is(containingType, types.ActivitySource))
            {
                if (method.Name is "StartActivity" or "CreateActivity")
                {
                    WalkTagArguments(context, invocation.Arguments);
                }
            }
        }

        public void AnalyzeObjectCreation(OperationAnalysisContext context)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (types.IsTagCollection(creation.Type))
            {
                WalkTagArguments(context, creation.Arguments);
            }
        }

        public void AnalyzeAttribute(OperationAnalysisContext context)
        {
            if (((IAttributeOperation)context.Operation).Operation is IObjectCreationOperation creation
                && TagSinkTypes.Is(creation.Type, types.TagAttribute))
            {
                CheckKeyArguments(context, creation.Arguments);
            }
        }

        public void AnalyzeIndexerAssignment(OperationAnalysisContext context)
        {
            // tags["key"] = value (or +=, ??=) and the object initializer form new ActivityTagsCollection { ["key"] = value }.
            if (((IAssignmentOperation)context.Operation).Target is IPropertyReferenceOperation { Property.IsIndexer: true } reference
                && TagSinkTypes.Is(reference.Property.ContainingType?.OriginalDefinition, types.ActivityTagsCollection))
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

            var value = collection;
            while (value.Parent is IConversionOperation conversion)
            {
                value = conversion;
            }

            if (value.Parent is not IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }
                || !types.IsStringKeyValuePairSequence(declarator.Symbol.Type)
                || types.IsTagCollection(declarator.Symbol.Type)
                || !ReachesTagSink(declarator))
            {
                return;
            }

            WalkTags(context, value);
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

                if (use is IArgumentOperation { Parameter: { } parameter }
                    && types.IsStringKeyValuePairSequence(parameter.Type)
                    && IsTagSink(parameter.ContainingSymbol))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsTagSink(ISymbol member) =>
            member is IMethodSymbol method
            && (method.MethodKind == MethodKind.Constructor
                ? types.IsTagCollection(method.ContainingType)
                : TagSinkTypes.Is(method.ContainingType?.OriginalDefinition, types.ActivitySource) && method.Name is "StartActivity" or "CreateActivity");

        private void CheckKeyArguments(OperationAnalysisContext context, ImmutableArray<IArgumentOperation> arguments)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter is { Name: "key", Type.SpecialType: SpecialType.System_String })
                {
                    CheckKey(context, argument.Value);
                }
                else if (argument.Parameter is { } parameter && types.IsStringKeyValuePair(parameter.Type))
                {
                    CheckKeyValuePair(context, argument.Value);
                }
            }
        }

        private void WalkTagArguments(OperationAnalysisContext context, ImmutableArray<IArgumentOperation> arguments)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter is { } parameter && types.IsStringKeyValuePairSequence(parameter.Type))
                {
                    WalkTags(context, argument.Value);
                }
            }
        }

        // Finds the KeyValuePairs written in a tags value: arrays, collection expressions, collection and dictionary
        // initializers. A local holding tags is handled from the collection that initializes it (AnalyzeTagsLocal), not
        // from its uses, so that every diagnostic lies inside the operation being analyzed, which span-based analysis in
        // the IDE relies on.
        private void WalkTags(OperationAnalysisContext context, IOperation? value)
        {
            value = Unwrap(value);
            switch (value)
            {
                case IArrayCreationOperation array when array.Initializer is not null:
                    foreach (var element in array.Initializer.ElementValues)
                    {
                        CheckKeyValuePair(context, element);
                    }

                    break;

                case ICollectionExpressionOperation collection:
                    foreach (var element in collection.Elements)
                    {
                        if (element is ISpreadOperation spread)
                        {
                            WalkTags(context, spread.Operand);
                        }
                        else
                        {
                            CheckKeyValuePair(context, element);
                        }
                    }

                    break;

                case IObjectCreationOperation creation
                    when !types.IsTagCollection(creation.Type) && creation.Initializer is not null && types.IsStringKeyValuePairSequence(creation.Type):
                    foreach (var initializer in creation.Initializer.Initializers)
                    {
                        WalkInitializer(context, initializer);
                    }

                    break;

                case IConditionalOperation conditional:
                    WalkTags(context, conditional.WhenTrue);
                    WalkTags(context, conditional.WhenFalse);
                    break;

                case ICoalesceOperation coalesce:
                    WalkTags(context, coalesce.Value);
                    WalkTags(context, coalesce.WhenNull);
                    break;
            }
        }

        // new List<KeyValuePair<string, object?>> { new("k", v) } and new Dictionary<string, object?> { { "k", v }, ["k"] = v }.
        private void WalkInitializer(OperationAnalysisContext context, IOperation initializer)
        {
            if (initializer is IInvocationOperation add)
            {
                if (add.Arguments.Length == 1)
                {
                    CheckKeyValuePair(context, add.Arguments[0].Value);
                }
                else if (add.Arguments.Length == 2 && add.Arguments[0].Parameter?.Type.SpecialType == SpecialType.System_String)
                {
                    CheckKey(context, add.Arguments[0].Value);
                }
            }
            else if (initializer is IAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer }
                && indexer.Arguments[0].Parameter?.Type.SpecialType == SpecialType.System_String)
            {
                CheckKey(context, indexer.Arguments[0].Value);
            }
        }

        private void CheckKeyValuePair(OperationAnalysisContext context, IOperation? element)
        {
            element = Unwrap(element);
            if (element is IObjectCreationOperation creation && types.IsStringKeyValuePair(creation.Type))
            {
                CheckFirstArgument(context, creation.Arguments);
            }
            else if (element is IInvocationOperation { TargetMethod.Name: "Create" } invocation
                && TagSinkTypes.Is(invocation.TargetMethod.ContainingType, types.KeyValuePairFactory)
                && types.IsStringKeyValuePair(invocation.Type))
            {
                CheckFirstArgument(context, invocation.Arguments);
            }
        }

        private void CheckFirstArgument(OperationAnalysisContext context, ImmutableArray<IArgumentOperation> arguments)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Ordinal == 0)
                {
                    CheckKey(context, argument.Value);
                }
            }
        }

        private void CheckKey(OperationAnalysisContext context, IOperation keyOperation)
        {
            if (keyOperation.ConstantValue is not { HasValue: true, Value: string key })
            {
                return;
            }

            if (!_verdicts.TryGetValue(key, out var verdict))
            {
                verdict = AttributeKeyVerdict.Classify(key);
                _verdicts.TryAdd(key, verdict);
            }

            if (verdict.Problem == AttributeKeyProblem.None)
            {
                return;
            }

            var location = keyOperation.Syntax.GetLocation();
            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            properties.Add(KeyProperty, key);
            Location[]? additionalLocations = null;
            if ((verdict.Replacement is not null || verdict.Suggestions.Length > 1)
                && FindRewritableLiteral(keyOperation, context.CancellationToken) is { } literal)
            {
                additionalLocations = [literal];
                if (verdict.Replacement is not null)
                {
                    properties.Add(ReplacementProperty, verdict.Replacement);
                }
                else
                {
                    properties.Add(SuggestionsProperty, string.Join(SuggestionSeparator.ToString(), verdict.Suggestions));
                }
            }

            context.ReportDiagnostic(verdict.Problem switch
            {
                AttributeKeyProblem.Deprecated => Diagnostic.Create(
                    Descriptors.DeprecatedAttributeKey, location, additionalLocations, properties.ToImmutable(),
                    key,
                    verdict.Replacement is not null ? $"use '{verdict.Replacement}' instead" : verdict.Detail.TrimEnd('.')),
                AttributeKeyProblem.Unknown => Diagnostic.Create(
                    Descriptors.UnknownSemanticConventionKey, location, additionalLocations, properties.ToImmutable(),
                    key,
                    verdict.Detail,
                    DescribeSuggestions(verdict.Suggestions)),
                _ => Diagnostic.Create(
                    Descriptors.MalformedAttributeKey, location, additionalLocations, properties.ToImmutable(),
                    key,
                    verdict.Detail,
                    verdict.Replacement is not null
                        ? $"; use '{verdict.Replacement}'"
                        : verdict.Problem == AttributeKeyProblem.ReservedPrefix
                            ? "; use a key in your own namespace"
                            : "; use lowercase, dot-separated segments of [a-z][a-z0-9_]*"),
            });
        }

        private static string DescribeSuggestions(ImmutableArray<string> suggestions)
        {
            if (suggestions.IsEmpty)
            {
                return "; use a defined key, or record custom data under your own namespace";
            }

            var text = "; did you mean '" + suggestions[0] + "'";
            for (var i = 1; i < suggestions.Length; i++)
            {
                text += (i == suggestions.Length - 1 ? " or '" : ", '") + suggestions[i] + "'";
            }

            return text + "?";
        }

        // The string literal a fix can rewrite: the key itself, or the initializer of the const field or local that
        // holds it (followed through const-to-const references in the same file).
        private static Location? FindRewritableLiteral(IOperation keyOperation, CancellationToken cancellationToken)
        {
            var operation = Unwrap(keyOperation);
            if (operation is ILiteralOperation && operation.Syntax is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression))
            {
                return literal.GetLocation();
            }

            var symbol = operation switch
            {
                IFieldReferenceOperation { Field.IsConst: true } field => (ISymbol)field.Field,
                ILocalReferenceOperation { Local.IsConst: true } local => local.Local,
                _ => null,
            };

            var model = operation?.SemanticModel;
            for (var depth = 0; symbol is not null && model is not null && depth < MaxConstantDepth; depth++)
            {
                var initializer = FindInitializerSyntax(symbol, cancellationToken);
                switch (initializer)
                {
                    case LiteralExpressionSyntax constant when constant.IsKind(SyntaxKind.StringLiteralExpression):
                        return constant.GetLocation();
                    case IdentifierNameSyntax or MemberAccessExpressionSyntax when initializer.SyntaxTree == model.SyntaxTree:
                        symbol = model.GetSymbolInfo(initializer, cancellationToken).Symbol is { } next
                            && next is IFieldSymbol { IsConst: true } or ILocalSymbol { IsConst: true }
                            ? next
                            : null;
                        break;
                    default:
                        return null;
                }
            }

            return null;
        }

        private static ExpressionSyntax? FindInitializerSyntax(ISymbol symbol, CancellationToken cancellationToken)
        {
            var references = symbol.DeclaringSyntaxReferences;
            return references.Length == 1
                && references[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: var value }
                    ? value
                    : null;
        }

        private static IOperation? Unwrap(IOperation? operation)
        {
            while (operation is IConversionOperation conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }
    }
}

using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Instrumentation.Generators.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Instrumentation.Generators.Analyzers.AttributeKeys;

/// <summary>How a method's parameter reaches a span.</summary>
internal enum ParameterFlow
{
    None,

    /// <summary>Used as the key of a span API: <c>activity.SetTag(key, value)</c>.</summary>
    Key,

    /// <summary>The first element of a tuple or the <c>Key</c> of a pair is used as a key: <c>activity.SetTag(tag.Key, tag.Value)</c>.</summary>
    PairKey,

    /// <summary>Passed as the tags of a span API: <c>source.StartActivity(name, kind, default(ActivityContext), tags)</c>.</summary>
    Tags,
}

/// <summary>
/// What one same-compilation method forwards to a span: parameters used as keys or tags, and the keys of the tags it
/// returns. <paramref name="CompatibilityOnly"/>: per parameter, whether every use that reaches a span sits in a
/// compatibility branch of the method (<c>if (this.options.EmitOldAttributes) activity.AddTag(attributes.Old, …)</c>).
/// </summary>
internal sealed record MethodForwarding(ImmutableArray<ParameterFlow> Parameters, ImmutableArray<IOperation> ReturnedKeys, ImmutableArray<bool> CompatibilityOnly)
{
    public static MethodForwarding None { get; } = new(ImmutableArray<ParameterFlow>.Empty, ImmutableArray<IOperation>.Empty, ImmutableArray<bool>.Empty);

    public ParameterFlow FlowOf(IParameterSymbol? parameter) =>
        parameter is not null && parameter.Ordinal < Parameters.Length ? Parameters[parameter.Ordinal] : ParameterFlow.None;

    /// <summary>The parameter reaches a span only inside compatibility branches: its keys are old ones written on purpose.</summary>
    public bool IsCompatibilityOnly(IParameterSymbol? parameter) =>
        parameter is not null && parameter.Ordinal < CompatibilityOnly.Length && CompatibilityOnly[parameter.Ordinal];
}

/// <summary>
/// One level of indirection through methods of the compilation: wrappers whose parameters flow into a span API
/// (<c>AddTag(activity, (key, value))</c>, <c>StartActivityWithTags(name, tags)</c>) and helpers that build and
/// return the tags given to <c>StartActivity</c>. Each method is read once per compilation, and only when a call to it
/// can carry a key; diagnostics stay at the call, where the analyzed operation is.
/// </summary>
internal sealed class TagForwarding(TagSinkTypes types, Compilation compilation)
{
    // Follows no helper itself: one level of indirection, and no recursion through a helper that calls itself.
    private readonly TagWalker _walker = new(types);

    private static readonly ImmutableHashSet<string> SinkNames =
        ["SetTag", "AddTag", "SetAttribute", "StartActivity", "CreateActivity", "Add", "Insert"];

    private readonly ConcurrentDictionary<IMethodSymbol, MethodForwarding> _cache = new(SymbolEqualityComparer.Default);

    /// <summary>A parameter of a type that can carry a key or tags: worth reading the method for.</summary>
    public bool CanCarryKey(IParameterSymbol parameter) =>
        parameter.Type.SpecialType == SpecialType.System_String
        || types.IsStringKeyValuePair(parameter.Type)
        || (parameter.Type is INamedTypeSymbol { IsTupleType: true } tuple && tuple.TupleElements.Length > 0 && tuple.TupleElements[0].Type.SpecialType == SpecialType.System_String)
        || types.IsStringKeyValuePairSequence(parameter.Type);

    public MethodForwarding Get(IMethodSymbol method, SemanticModel? callerModel, CancellationToken cancellationToken = default)
    {
        method = method.OriginalDefinition;
        if (callerModel is null || types.IsSink(method))
        {
            return MethodForwarding.None;
        }

        // Cached first: DeclaringSyntaxReferences builds a new array at each call.
        if (_cache.TryGetValue(method, out var known))
        {
            return known;
        }

        return method.DeclaringSyntaxReferences.Length != 1
            ? _cache.GetOrAdd(method, MethodForwarding.None)
            : _cache.GetOrAdd(method, m => Compute(m, callerModel, cancellationToken));
    }

    private MethodForwarding Compute(IMethodSymbol method, SemanticModel callerModel, CancellationToken cancellationToken)
    {
        var syntax = method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
        if (syntax is not (MethodDeclarationSyntax or LocalFunctionStatementSyntax))
        {
            return MethodForwarding.None;
        }

        var returnsTags = ReturnsTags(method);
        var forwardsParameters = method.Parameters.Any(CanCarryKey) && MayForwardParameter(method, syntax);
        if (!returnsTags && !forwardsParameters)
        {
            return MethodForwarding.None;
        }

        // The method may live in another file: one declaration per method, read once per compilation and cached.
        var model = compilation.GetModelFor(syntax.SyntaxTree, callerModel);
        if (model.GetOperation(syntax, cancellationToken) is not { } body)
        {
            return MethodForwarding.None;
        }

        var (flows, compatibilityOnly) = forwardsParameters ? ReadParameterFlows(method, body) : (ImmutableArray<ParameterFlow>.Empty, ImmutableArray<bool>.Empty);
        var returnedKeys = returnsTags ? ReadReturnedKeys(body) : ImmutableArray<IOperation>.Empty;
        return flows.IsEmpty && returnedKeys.IsEmpty ? MethodForwarding.None : new MethodForwarding(flows, returnedKeys, compatibilityOnly);
    }

    /// <summary>A method of the compilation that returns tags it builds (not a tag collection, which is checked where it is filled).</summary>
    public bool ReturnsTags(IMethodSymbol method) =>
        types.IsStringKeyValuePairSequence(method.ReturnType) && !types.IsTagCollection(method.ReturnType);

    // Syntax only, before anything is bound: a call named like a span API (SetTag, StartActivity, Add...) that passes
    // one of the method's parameters as is, or its .Key / .Item1 / named first element. Most methods have none.
    private static bool MayForwardParameter(IMethodSymbol method, SyntaxNode syntax)
    {
        foreach (var node in syntax.DescendantNodes())
        {
            if (node is not InvocationExpressionSyntax invocation)
            {
                continue;
            }

            var name = invocation.Expression switch
            {
                MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
                SimpleNameSyntax simple => simple.Identifier.ValueText,
                _ => null,
            };
            if (name is null || !SinkNames.Contains(name))
            {
                continue;
            }

            foreach (var argument in invocation.ArgumentList.Arguments)
            {
                var expression = argument.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax owner } ? owner : argument.Expression;
                if (expression is IdentifierNameSyntax identifier && method.Parameters.Any(p => p.Name == identifier.Identifier.ValueText))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private (ImmutableArray<ParameterFlow> Flows, ImmutableArray<bool> CompatibilityOnly) ReadParameterFlows(IMethodSymbol method, IOperation body)
    {
        var flows = new ParameterFlow[method.Parameters.Length];
        var compatibilityOnly = new bool[method.Parameters.Length];
        var outsideCompatibility = new bool[method.Parameters.Length];
        var any = false;
        foreach (var operation in body.Descendants())
        {
            if (operation is not IParameterReferenceOperation reference
                || !SymbolEqualityComparer.Default.Equals(reference.Parameter.ContainingSymbol, method)
                || IsReassigned(reference))
            {
                continue;
            }

            var flow = FlowOf(reference);
            if (flow == ParameterFlow.None)
            {
                continue;
            }

            var ordinal = reference.Parameter.Ordinal;
            if (flows[ordinal] == ParameterFlow.None)
            {
                flows[ordinal] = flow;
                any = true;
            }

            if (CompatibilityEmission.IsInCompatibilityBranch(reference))
            {
                compatibilityOnly[ordinal] = !outsideCompatibility[ordinal];
            }
            else
            {
                outsideCompatibility[ordinal] = true;
                compatibilityOnly[ordinal] = false;
            }
        }

        return any ? ([.. flows], [.. compatibilityOnly]) : (ImmutableArray<ParameterFlow>.Empty, ImmutableArray<bool>.Empty);
    }

    private static bool IsReassigned(IParameterReferenceOperation reference) =>
        reference.Parent is IAssignmentOperation assignment && assignment.Target == reference;

    private ParameterFlow FlowOf(IParameterReferenceOperation reference)
    {
        var use = Parent(reference);
        if (use is IArgumentOperation argument)
        {
            if (types.IsKeyArgument(argument))
            {
                return ParameterFlow.Key;
            }

            return argument.Parameter is { } parameter && types.IsStringKeyValuePairSequence(parameter.Type) && types.IsTagsSink(parameter.ContainingSymbol)
                ? ParameterFlow.Tags
                : ParameterFlow.None;
        }

        // tag.Key, tag.Item1 or a named first tuple element, used as a key.
        var isFirstElement = use switch
        {
            IFieldReferenceOperation { Field.CorrespondingTupleField: { } tupleField } => tupleField.Name == "Item1",
            IPropertyReferenceOperation { Property.Name: "Key" } property => types.IsStringKeyValuePair(property.Property.ContainingType),
            _ => false,
        };
        return isFirstElement && Parent(use!) is IArgumentOperation keyArgument && types.IsKeyArgument(keyArgument)
            ? ParameterFlow.PairKey
            : ParameterFlow.None;
    }

    private static IOperation? Parent(IOperation operation)
    {
        var parent = operation.Parent;
        while (parent is IConversionOperation)
        {
            parent = parent.Parent;
        }

        return parent;
    }

    // return new List<KeyValuePair<string, object?>> { ... }; or var tags = new List<...>(); tags.Add(new("k", v)); return tags;
    private ImmutableArray<IOperation> ReadReturnedKeys(IOperation body)
    {
        var keys = new List<KeyUse>();
        var returnedLocals = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        foreach (var operation in body.Descendants())
        {
            if (operation is IReturnOperation { ReturnedValue: { } value } && !IsInNestedFunction(operation, body))
            {
                if (KeySource.Unwrap(value) is ILocalReferenceOperation local)
                {
                    returnedLocals.Add(local.Local);
                }
                else
                {
                    _walker.WalkTags(value, keys);
                }
            }
        }

        if (returnedLocals.Count > 0)
        {
            foreach (var operation in body.Descendants())
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation { Initializer.Value: { } initializer } declarator when returnedLocals.Contains(declarator.Symbol):
                        _walker.WalkTags(initializer, keys);
                        break;
                    case IInvocationOperation { Instance: ILocalReferenceOperation target, TargetMethod.Name: "Add" or "Insert" or "TryAdd" } add
                        when returnedLocals.Contains(target.Local):
                        _walker.AddCallArguments(add.Arguments, keys);
                        break;
                    case IAssignmentOperation { Target: IPropertyReferenceOperation { Instance: ILocalReferenceOperation target } } assignment
                        when returnedLocals.Contains(target.Local):
                        _walker.AddInitializer(assignment, keys);
                        break;
                }
            }
        }

        return [.. keys.Select(k => k.Key)];
    }

    private static bool IsInNestedFunction(IOperation operation, IOperation body)
    {
        for (var parent = operation.Parent; parent is not null && parent != body; parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }
}

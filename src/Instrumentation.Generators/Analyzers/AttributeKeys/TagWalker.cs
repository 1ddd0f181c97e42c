using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Instrumentation.Generators.Analyzers.AttributeKeys;

/// <summary>
/// A key operation and the operation where its diagnostic is reported (the key itself, or the helper call that returns
/// it). <paramref name="ViaCompatibilityHelper"/>: the key is passed to a wrapper that records it only inside a
/// compatibility branch (<c>if (emitOldAttributes) activity.SetTag(keys.Old, …)</c>).
/// </summary>
internal readonly record struct KeyUse(IOperation Key, IOperation Use, bool ViaCompatibilityHelper = false)
{
    public KeyUse(IOperation key)
        : this(key, key)
    {
    }

    public bool ViaHelper => !ReferenceEquals(Key, Use);
}

/// <summary>
/// Finds the key operations written in a tags value: <c>KeyValuePair</c>s in arrays, collection expressions,
/// collection and dictionary initializers, under conditionals and coalescing. Collects; the caller reports.
/// </summary>
internal sealed class TagWalker(TagSinkTypes types)
{
    /// <summary>Set once the forwarding summaries exist: tags built by a helper method are followed into it.</summary>
    public TagForwarding? Forwarding { get; set; }

    public void WalkTags(IOperation? value, List<KeyUse> keys)
    {
        value = KeySource.Unwrap(value);
        switch (value)
        {
            case IArrayCreationOperation array when array.Initializer is not null:
                foreach (var element in array.Initializer.ElementValues)
                {
                    AddKeyValuePair(element, keys);
                }

                break;

            case ICollectionExpressionOperation collection:
                foreach (var element in collection.Elements)
                {
                    if (element is ISpreadOperation spread)
                    {
                        WalkTags(spread.Operand, keys);
                    }
                    else
                    {
                        AddKeyValuePair(element, keys);
                    }
                }

                break;

            case IObjectCreationOperation creation
                when !types.IsTagCollection(creation.Type) && creation.Initializer is not null && types.IsStringKeyValuePairSequence(creation.Type):
                foreach (var initializer in creation.Initializer.Initializers)
                {
                    AddInitializer(initializer, keys);
                }

                break;

            case IConditionalOperation conditional:
                WalkTags(conditional.WhenTrue, keys);
                WalkTags(conditional.WhenFalse, keys);
                break;

            case ICoalesceOperation coalesce:
                WalkTags(coalesce.Value, keys);
                WalkTags(coalesce.WhenNull, keys);
                break;

            // source.StartActivity(name, kind, parent, tags: BuildTags(command)): the keys the helper returns, reported here.
            case IInvocationOperation call when Forwarding is not null:
                foreach (var key in Forwarding.Get(call.TargetMethod, call.SemanticModel).ReturnedKeys)
                {
                    keys.Add(new KeyUse(key, call));
                }

                break;
        }
    }

    // new List<KeyValuePair<string, object?>> { new("k", v) } and new Dictionary<string, object?> { { "k", v }, ["k"] = v },
    // and the same calls made later on a list or dictionary (list.Add(new("k", v)), dictionary["k"] = v).
    public void AddInitializer(IOperation initializer, List<KeyUse> keys)
    {
        if (initializer is IInvocationOperation add)
        {
            AddCallArguments(add.Arguments, keys);
        }
        else if (initializer is IAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer }
            && indexer.Arguments[0].Parameter?.Type.SpecialType == SpecialType.System_String)
        {
            keys.Add(new KeyUse(indexer.Arguments[0].Value));
        }
    }

    public void AddCallArguments(ImmutableArray<IArgumentOperation> arguments, List<KeyUse> keys)
    {
        if (arguments.Length == 1)
        {
            AddKeyValuePair(arguments[0].Value, keys);
        }
        else if (arguments.Length == 2 && arguments[0].Parameter?.Type.SpecialType == SpecialType.System_String)
        {
            keys.Add(new KeyUse(arguments[0].Value));
        }
        else if (arguments.Length == 2 && arguments[0].Parameter?.Name == "index")
        {
            AddKeyValuePair(arguments[1].Value, keys);
        }
    }

    public void AddKeyValuePair(IOperation? element, List<KeyUse> keys)
    {
        element = KeySource.Unwrap(element);
        if (element is IObjectCreationOperation creation && types.IsStringKeyValuePair(creation.Type))
        {
            AddFirstArgument(creation.Arguments, keys);
        }
        else if (element is IInvocationOperation { TargetMethod.Name: "Create" } invocation
            && TagSinkTypes.Is(invocation.TargetMethod.ContainingType, types.KeyValuePairFactory)
            && types.IsStringKeyValuePair(invocation.Type))
        {
            AddFirstArgument(invocation.Arguments, keys);
        }
    }

    private static void AddFirstArgument(ImmutableArray<IArgumentOperation> arguments, List<KeyUse> keys)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Ordinal == 0)
            {
                keys.Add(new KeyUse(argument.Value));
            }
        }
    }
}

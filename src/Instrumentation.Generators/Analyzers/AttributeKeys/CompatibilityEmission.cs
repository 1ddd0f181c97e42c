using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Instrumentation.Generators.Analyzers.AttributeKeys;

/// <summary>
/// Recognizes old keys written on purpose: inside a branch (<c>if</c>, <c>?:</c>) whose condition reads a boolean
/// compatibility switch (<c>EmitOldAttributes</c>, <c>_useLegacyConventions</c>, <c>options.SemConvCompat</c>,
/// <c>ShouldEmitOld()</c>); a non-boolean value whose name happens to say "old" (<c>oldValue != null</c>) is not one.
/// Such keys are still reported as deprecated, but no fix is offered: renaming them would emit the new key twice and
/// drop the old one that consumers still read.
/// </summary>
internal static class CompatibilityEmission
{
    private static readonly string[] SwitchWords = ["legacy", "old", "compat", "compatibility", "deprecated", "obsolete", "previous"];

    public static bool IsInCompatibilityBranch(IOperation use)
    {
        var child = use;
        for (var parent = use.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            if (parent is IConditionalOperation conditional && child != conditional.Condition && ReadsSwitch(conditional.Condition))
            {
                return true;
            }

            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation or IMethodBodyOperation)
            {
                return false;
            }
        }

        return false;
    }

    private static bool ReadsSwitch(IOperation condition)
    {
        foreach (var operation in condition.DescendantsAndSelf())
        {
            var name = operation switch
            {
                IFieldReferenceOperation field => field.Field.Name,
                IPropertyReferenceOperation property => property.Property.Name,
                ILocalReferenceOperation local => local.Local.Name,
                IParameterReferenceOperation parameter => parameter.Parameter.Name,
                IInvocationOperation invocation => invocation.TargetMethod.Name,
                _ => null,
            };
            if (name is not null && operation.Type?.SpecialType == SpecialType.System_Boolean && HasSwitchWord(name))
            {
                return true;
            }
        }

        return false;
    }

    // Splits EmitOldAttributes / _useLegacy / SEMCONV_COMPAT into words and looks for one of the switch words.
    private static bool HasSwitchWord(string identifier)
    {
        var start = 0;
        for (var i = 1; i <= identifier.Length; i++)
        {
            var boundary = i == identifier.Length
                || identifier[i] == '_'
                || (char.IsUpper(identifier[i]) && !char.IsUpper(identifier[i - 1]));
            if (!boundary)
            {
                continue;
            }

            var word = identifier.Substring(start, i - start).Trim('_');
            foreach (var switchWord in SwitchWords)
            {
                if (string.Equals(word, switchWord, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            start = i;
        }

        return false;
    }
}

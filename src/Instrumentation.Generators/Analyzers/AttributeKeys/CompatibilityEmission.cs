using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Instrumentation.Generators.Analyzers.AttributeKeys;

/// <summary>
/// Recognizes old keys written on purpose: inside a branch (<c>if</c>, <c>?:</c>) whose condition reads a boolean
/// compatibility switch (<c>EmitOldAttributes</c>, <c>_useLegacyConventions</c>, <c>options.SemConvCompat</c>,
/// <c>ShouldEmitOld()</c>), or tests a semantic-conventions mode: a value or member of an enum whose name says it
/// selects conventions (<c>conventionsKinds.HasFlag(MySqlConnectorSemanticConventionsKinds.Experimental)</c>,
/// <c>mode == SemConvMode.Old</c>) — a deprecated key there belongs to the older conventions the mode still emits. A
/// non-boolean value whose name happens to say "old" (<c>oldValue != null</c>) is not one. Such keys are still reported
/// as deprecated, but no fix is offered: renaming them would emit the new key twice and drop the old one that
/// consumers still read.
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

            if (operation is IFieldReferenceOperation or IPropertyReferenceOperation or ILocalReferenceOperation or IParameterReferenceOperation
                && IsConventionsMode(operation.Type))
            {
                return true;
            }
        }

        return false;
    }

    // An enum (flags or not) named for the conventions it selects: SemanticConventionsKinds, SemConvMode, DbConventions.
    private static bool IsConventionsMode(ITypeSymbol? type)
    {
        if (type is INamedTypeSymbol { IsGenericType: true, Name: "Nullable" } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        return type is { TypeKind: TypeKind.Enum } enumType
            && (enumType.Name.IndexOf("Convention", StringComparison.OrdinalIgnoreCase) >= 0
                || enumType.Name.IndexOf("SemConv", StringComparison.OrdinalIgnoreCase) >= 0);
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

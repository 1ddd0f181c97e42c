using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Instrumentation.Generators.Tracing;

/// <summary>
/// Reads the <c>[assembly: TracedMethodNames(...)]</c> manifest that the generator writes into every assembly
/// declaring <c>[Traced]</c> methods. Shared by the generator (which binds only calls whose name is listed) and by the
/// TRC002 analyzer (which reports calls to a library built without it), so the two never disagree.
/// </summary>
internal static class TracedManifest
{
    /// <summary>The simple name of the assembly that holds the attributes; only assemblies referencing it can have [Traced] methods.</summary>
    private const string AttributeAssemblyName = "Instrumentation";

    /// <summary>The names an assembly lists, or null when it has no manifest.</summary>
    public static IReadOnlyList<string>? GetNames(IAssemblySymbol assembly)
    {
        foreach (var attribute in assembly.GetAttributes())
        {
            if (attribute.AttributeClass is { } attributeClass &&
                TracedTarget.IsNamed(attributeClass, WellKnownNames.TracedMethodNamesAttribute) &&
                attribute.ConstructorArguments.Length == 1 &&
                attribute.ConstructorArguments[0] is { Kind: TypedConstantKind.Array, IsNull: false } argument)
            {
                var names = new List<string>(argument.Values.Length);
                foreach (var value in argument.Values)
                {
                    if (value.Value is string name)
                    {
                        names.Add(name);
                    }
                }

                return names;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether an assembly may declare [Traced] methods at all: it references the attribute library. A cheap check on
    /// the assembly's reference list that spares reading the attributes of every framework assembly.
    /// </summary>
    public static bool MayDeclareTracedMethods(IAssemblySymbol assembly)
    {
        if (assembly.Name == AttributeAssemblyName)
        {
            return false;
        }

        foreach (var module in assembly.Modules)
        {
            foreach (var reference in module.ReferencedAssemblies)
            {
                if (reference.Name == AttributeAssemblyName)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether calls to <paramref name="definition"/>, declared in a referenced assembly, can be found by name.</summary>
    public static bool Lists(IMethodSymbol definition)
    {
        var names = GetNames(definition.ContainingAssembly);
        if (names is null)
        {
            return false;
        }

        foreach (var name in names)
        {
            if (name == definition.Name)
            {
                return true;
            }
        }

        return false;
    }
}

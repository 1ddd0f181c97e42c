using Microsoft.CodeAnalysis;

namespace Instrumentation.Generators.Common;

/// <summary>Looking up well-known types in a way that survives duplicate definitions.</summary>
internal static class CompilationExtensions
{
    /// <summary>
    /// The type of that metadata name the compilation's own code binds to, or null when there is none or the name is
    /// ambiguous (then the compiler would reject generated code naming it too). The compilation's own definition wins;
    /// definitions its code cannot see (a library's internal polyfill of a framework attribute) are ignored. One place
    /// decides, whatever the compiler version's <c>GetTypeByMetadataName</c> does with duplicates.
    /// </summary>
    public static INamedTypeSymbol? GetBestTypeByMetadataName(this Compilation compilation, string fullyQualifiedMetadataName)
    {
        INamedTypeSymbol? best = null;
#pragma warning disable RS0030 // The one place that may call the raw lookup.
        foreach (var type in compilation.GetTypesByMetadataName(fullyQualifiedMetadataName))
#pragma warning restore RS0030
        {
            if (SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, compilation.Assembly))
            {
                return type;
            }

            if (!compilation.IsSymbolAccessibleWithin(type, compilation.Assembly))
            {
                continue;
            }

            if (best is not null)
            {
                return null;
            }

            best = type;
        }

        return best;
    }

    /// <summary>
    /// A semantic model for <paramref name="tree"/>: <paramref name="known"/> when it is that tree's, else the
    /// compilation's (shared with the compiler's driver). For analyzers that read one same-compilation declaration in
    /// another file, once per declaration and compilation (callers cache what they derive from it).
    /// </summary>
    public static SemanticModel GetModelFor(this Compilation compilation, SyntaxTree tree, SemanticModel known)
    {
        if (known.SyntaxTree == tree)
        {
            return known;
        }

#pragma warning disable RS1030 // The one place analyzers reach another file's model; every caller caches its result.
        return compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
    }
}

using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Instrumentation.Generators.Analyzers.SpanNames;

/// <summary>
/// Tells from syntax alone whether an attribute can be <c>[Traced]</c>, so that only those are bound: binding every
/// attribute with arguments (every <c>[Tag("…")]</c>, <c>[Obsolete("…")]</c>, …) was most of TRC101's cost.
/// </summary>
/// <remarks>
/// An attribute binds to <c>Instrumentation.TracedAttribute</c> only through a name whose last identifier is
/// <c>Traced</c> or <c>TracedAttribute</c> (<c>Traced</c>, <c>Instrumentation.Traced</c>, <c>global::Instrumentation.TracedAttribute</c>),
/// or through a using alias (<c>using T = Instrumentation.TracedAttribute;</c>, global or not, possibly naming another
/// alias), which a simple name <c>X</c> reaches as <c>X</c> or <c>XAttribute</c>. The names of all using aliases of the
/// compilation are collected once, whatever they point to; a simple name that is one of them is bound too.
/// The answer errs on the side of binding: the semantic check that follows decides.
/// </remarks>
internal sealed class TracedAttributeNames
{
    private const string Traced = "Traced";
    private const string TracedAttribute = "TracedAttribute";
    private const string AttributeSuffix = "Attribute";

    private readonly Lazy<HashSet<string>> _aliases;

    public TracedAttributeNames(Compilation compilation) =>
        _aliases = new Lazy<HashSet<string>>(() => CollectAliasNames(compilation), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>False when an attribute written with <paramref name="name"/> cannot bind to <c>TracedAttribute</c>.</summary>
    public bool MayBeTraced(NameSyntax name) => name switch
    {
        IdentifierNameSyntax identifier => IsTracedName(identifier.Identifier.ValueText) || IsAlias(identifier.Identifier.ValueText),
        QualifiedNameSyntax qualified => IsTracedName(qualified.Right.Identifier.ValueText),
        AliasQualifiedNameSyntax aliasQualified => IsTracedName(aliasQualified.Name.Identifier.ValueText),
        GenericNameSyntax generic => IsTracedName(generic.Identifier.ValueText),
        _ => true,
    };

    private static bool IsTracedName(string name) => name is Traced or TracedAttribute;

    private bool IsAlias(string name)
    {
        var aliases = _aliases.Value;
        return aliases.Count > 0 && (aliases.Contains(name) || aliases.Contains(name + AttributeSuffix));
    }

    // Using directives appear only at the top of a file and of namespace declarations (nested ones included).
    private static HashSet<string> CollectAliasNames(Compilation compilation)
    {
        var aliases = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (tree.GetRoot() is CompilationUnitSyntax root)
            {
                Add(aliases, root.Usings);
                AddFromMembers(aliases, root.Members);
            }
        }

        return aliases;
    }

    private static void AddFromMembers(HashSet<string> aliases, SyntaxList<MemberDeclarationSyntax> members)
    {
        foreach (var member in members)
        {
            if (member is BaseNamespaceDeclarationSyntax ns)
            {
                Add(aliases, ns.Usings);
                AddFromMembers(aliases, ns.Members);
            }
        }
    }

    private static void Add(HashSet<string> aliases, SyntaxList<UsingDirectiveSyntax> usings)
    {
        foreach (var directive in usings)
        {
            if (directive.Alias is { } alias)
            {
                aliases.Add(alias.Name.Identifier.ValueText);
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Instrumentation.Generators.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Instrumentation.Generators.Tracing;

/// <summary>
/// Finding the <c>[Traced]</c> declarations, cheaply on every keystroke. The compiler's
/// <c>ForAttributeWithMetadataName</c> finds attributed nodes per tree, but then asks for the symbol and the attributes
/// of every one of them again in each new compilation: in a project with 5,000 <c>[Traced]</c> methods, that was most of
/// the generator's time after any edit, even of a file with nothing traced. Here each tree is read once (by syntax), and
/// a declaration's symbol is only asked for when its tree changed or a name it mentions changed meaning.
/// </summary>
internal static partial class Parser
{
    private static readonly string[] TracedAttributeNames = ["Traced", "TracedAttribute"];

    /// <summary>
    /// The <c>[Traced]</c> methods declared in the compilation (the declarations step): every method declaration with
    /// an attribute that can be <c>Instrumentation.TracedAttribute</c> by its written name (<c>Traced</c>,
    /// <c>Instrumentation.TracedAttribute</c>, or an alias of it), confirmed by binding that attribute.
    /// </summary>
    public static EquatableArray<DeclaredMethodModel> FindTracedDeclarations(Compilation compilation, CancellationToken cancellationToken)
    {
        if (compilation.GetBestTypeByMetadataName(WellKnownNames.TracedAttribute) is null)
        {
            return EquatableArray<DeclaredMethodModel>.Empty;
        }

        var names = WithTracedTypeNames(compilation, AttributeNames(compilation, cancellationToken), cancellationToken);
        var work = new List<ImmutableArray<MethodDeclarationSyntax>>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (s_treeDeclarations.GetValue(tree, static _ => new NamedTreeResult<MethodDeclarationSyntax>()).Get(tree, names, FindDeclarations, cancellationToken) is { IsEmpty: false } nodes)
            {
                work.Add(nodes);
            }
        }

        var perTree = new List<DeclaredMethodModel>[work.Count];
        void ParseTree(int index)
        {
            var models = new List<DeclaredMethodModel>();
            SemanticModel? semanticModel = null;
            foreach (var node in work[index])
            {
                if (ParseTracedMethod(node, compilation, ref semanticModel, cancellationToken) is { } declaration)
                {
                    models.Add(declaration);
                }
            }

            perTree[index] = models;
        }

        ForEachTree(compilation, work.Count, ParseTree, cancellationToken);
        return perTree.SelectMany(models => models).ToEquatableArray();
    }

    /// <summary>
    /// The names an attribute can be written with to mean <c>TracedAttribute</c>: its own two, and every alias of a name
    /// ending in one of them (<c>using T = Instrumentation.TracedAttribute;</c>, local or global), from any tree.
    /// </summary>
    private static NameSet AttributeNames(Compilation compilation, CancellationToken cancellationToken)
    {
        var names = new List<string>(TracedAttributeNames);
        foreach (var tree in compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            names.AddRange(s_treeAliases.GetValue(tree, static t => FindTracedAliases(t)));
        }

        return NameSet.From(names);
    }

    private static readonly ConditionalWeakTable<SyntaxTree, string[]> s_treeAliases = new();

    /// <summary>Marks a type name in the set of names a tree's declarations are searched with (never an identifier).</summary>
    private const string TypeNamePrefix = "type:";

    /// <summary>
    /// The attribute names plus the names of the types written with one of them (class-level <c>[Traced]</c>), from
    /// any tree: a partial type's methods in one file are traced by the attribute written on its part in another.
    /// </summary>
    private static NameSet WithTracedTypeNames(Compilation compilation, NameSet attributeNames, CancellationToken cancellationToken)
    {
        List<string>? typeNames = null;
        foreach (var tree in compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var name in s_treeTracedTypes.GetValue(tree, static _ => new NamedTreeResult<string>()).Get(tree, attributeNames, FindTracedTypeNames, cancellationToken))
            {
                (typeNames ??= new List<string>()).Add(TypeNamePrefix + name);
            }
        }

        if (typeNames is null)
        {
            return attributeNames;
        }

        // The bare prefix marks that there are type names at all: most methods are then ruled out without building a string.
        typeNames.Add(TypeNamePrefix);
        return attributeNames.Union(NameSet.From(typeNames));
    }

    private static readonly ConditionalWeakTable<SyntaxTree, NamedTreeResult<string>> s_treeTracedTypes = new();

    private static ImmutableArray<string> FindTracedTypeNames(SyntaxTree tree, NameSet names, CancellationToken cancellationToken)
    {
        var found = ImmutableArray.CreateBuilder<string>();
        foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
        {
            if (node is ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax && HasAttributeNamed(((TypeDeclarationSyntax)node).AttributeLists, names))
            {
                found.Add(((TypeDeclarationSyntax)node).Identifier.ValueText);
            }
        }

        return found.ToImmutable();
    }

    private static string[] FindTracedAliases(SyntaxTree tree)
    {
        List<string>? aliases = null;
        foreach (var node in tree.GetRoot().DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax))
        {
            if (node is UsingDirectiveSyntax { Alias: { } alias, Name: { } target } && Array.IndexOf(TracedAttributeNames, RightmostName(target)) >= 0)
            {
                (aliases ??= new List<string>()).Add(alias.Name.Identifier.ValueText);
            }
        }

        return aliases?.ToArray() ?? [];
    }

    private static string RightmostName(NameSyntax name) => name switch
    {
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax aliased => aliased.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => string.Empty,
    };

    private static readonly ConditionalWeakTable<SyntaxTree, NamedTreeResult<MethodDeclarationSyntax>> s_treeDeclarations = new();

    /// <summary>The method declarations of <paramref name="tree"/> with an attribute written as one of <paramref name="names"/>.</summary>
    private static ImmutableArray<MethodDeclarationSyntax> FindDeclarations(SyntaxTree tree, NameSet names, CancellationToken cancellationToken)
    {
        var found = ImmutableArray.CreateBuilder<MethodDeclarationSyntax>();
        // Attributes of methods are never inside a body: bodies (most of a file's nodes) are not walked.
        foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
        {
            if (node is MethodDeclarationSyntax method &&
                ((method.AttributeLists.Count > 0 && HasAttributeNamed(method.AttributeLists, names)) || IsPublicInTracedType(method, names)))
            {
                found.Add(method);
            }
        }

        return found.ToImmutable();
    }

    /// <summary>A public method of a type whose name is that of a type written with <c>[Traced]</c> (confirmed by binding).</summary>
    private static bool IsPublicInTracedType(MethodDeclarationSyntax method, NameSet names) =>
        method.Parent is ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax &&
        names.Contains(TypeNamePrefix) &&
        method.Modifiers.Any(Microsoft.CodeAnalysis.CSharp.SyntaxKind.PublicKeyword) &&
        names.Contains(TypeNamePrefix + ((TypeDeclarationSyntax)method.Parent).Identifier.ValueText);

    private static bool HasAttributeNamed(SyntaxList<AttributeListSyntax> attributeLists, NameSet names)
    {
        foreach (var list in attributeLists)
        {
            // [return: Traced] is not on the method: the compiler rejects it (the attribute targets methods).
            if (list.Target is not null && !list.Target.Identifier.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.MethodKeyword))
            {
                continue;
            }

            foreach (var attribute in list.Attributes)
            {
                if (names.Contains(RightmostName(attribute.Name)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// A method declaration whose attribute may be <c>[Traced]</c>: its model, reused from an earlier compilation when
    /// the declaration's tree did not change and no name the tree mentions changed meaning; otherwise the attribute is
    /// bound to confirm it is <c>Instrumentation.TracedAttribute</c> and the model is built.
    /// </summary>
    private static DeclaredMethodModel? ParseTracedMethod(MethodDeclarationSyntax node, Compilation compilation, ref SemanticModel? semanticModel, CancellationToken cancellationToken)
    {
        // The shape is computed only when there is an earlier model to compare with, so a command-line build (every
        // declaration new) never pays for it.
        var cache = s_declaredMethods.GetValue(node, static _ => new StrongBox<ShapedValue<DeclaredMethodModel?>?>());
        DeclarationShape? shape = null;
        if (cache.Value is { } last)
        {
            shape = DeclarationShape.Of(compilation, cancellationToken);
            if (shape.KeepsMeaningOf(node.SyntaxTree, last.Shape))
            {
                return last.Value;
            }
        }

        semanticModel ??= compilation.GetSemanticModel(node.SyntaxTree);
        DeclaredMethodModel? model = null;
        if (semanticModel.GetDeclaredSymbol(node, cancellationToken) is IMethodSymbol method)
        {
            if (FindTracedAttribute(method, node) is { } traced)
            {
                model = new DeclaredMethodModel(method.Name, BuildMethodModel(method, traced, compilation));
            }
            else if (method.PartialImplementationPart is null &&
                     TracedTarget.TracedAttributeOf(method, out _, out var fromType) is { } typeTraced && fromType &&
                     BuildMethodModel(method, typeTraced, compilation) is { } classLevel)
            {
                // Traced by its type's attribute: only what can be traced is (the others are left alone, silently).
                model = new DeclaredMethodModel(method.Name, classLevel);
            }
        }

        cache.Value = new ShapedValue<DeclaredMethodModel?>(shape, model);
        return model;
    }

    // Keyed by the declaration node: an unchanged tree keeps its nodes from one compilation to the next.
    private static readonly ConditionalWeakTable<SyntaxNode, StrongBox<ShapedValue<DeclaredMethodModel?>?>> s_declaredMethods = new();

    /// <summary>The <c>[Traced]</c> attribute written on this declaration (a partial method's other part has its own).</summary>
    private static AttributeData? FindTracedAttribute(IMethodSymbol method, MethodDeclarationSyntax node)
    {
        foreach (var attribute in method.GetAttributes())
        {
            // By name, as everywhere else: another assembly's copy of the attribute counts too.
            if (attribute.AttributeClass is { } attributeClass && TracedTarget.IsNamed(attributeClass, WellKnownNames.TracedAttribute) &&
                attribute.ApplicationSyntaxReference is { } reference &&
                reference.SyntaxTree == node.SyntaxTree &&
                node.Span.Contains(reference.Span))
            {
                return attribute;
            }
        }

        return null;
    }
}

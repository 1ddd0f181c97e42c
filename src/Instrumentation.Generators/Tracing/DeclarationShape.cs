using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Instrumentation.Generators.Tracing;

/// <summary>
/// Everything of a compilation that decides which method a call binds to, except the bodies of methods, accessors and
/// local functions: the declaration-level text of every tree (types, members, signatures, attributes, usings, field
/// initializers, top-level statements), the trees' order and parse options, the compilation options and the
/// references. Two compilations with equal shapes bind every call of a tree they share to the same methods; a body can
/// only change the binding of the calls inside it, and those are in its own (changed) tree.
/// </summary>
/// <remarks>
/// Typing inside a method body, by far the most frequent edit, keeps the shape: the calls of every other tree need not
/// be bound again. Anything else (a new member, a changed signature, a new reference) rebinds everything.
/// </remarks>
internal sealed class DeclarationShape : IEquatable<DeclarationShape>
{
    private static readonly ConditionalWeakTable<Compilation, DeclarationShape> s_shapes = new();
    private static readonly ConditionalWeakTable<SyntaxTree, TreeShape> s_treeShapes = new();

    private readonly CompilationOptions _options;
    private readonly List<MetadataReference> _references;
    private readonly List<TreeShape> _trees;

    private DeclarationShape(Compilation compilation, CancellationToken cancellationToken)
    {
        _options = compilation.Options;
        _references = new List<MetadataReference>(compilation.References);
        _trees = new List<TreeShape>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _trees.Add(s_treeShapes.GetValue(tree, static t => new TreeShape(t)));
        }
    }

    /// <summary>The shape of <paramref name="compilation"/>, computed once per compilation (each tree's once per tree).</summary>
    public static DeclarationShape Of(Compilation compilation, CancellationToken cancellationToken)
    {
        if (s_shapes.TryGetValue(compilation, out var shape))
        {
            return shape;
        }

        shape = new DeclarationShape(compilation, cancellationToken);
        return s_shapes.GetValue(compilation, _ => shape);
    }

    public bool Equals(DeclarationShape? other)
    {
        if (other is null)
        {
            return false;
        }

        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (!_options.Equals(other._options) || _references.Count != other._references.Count || _trees.Count != other._trees.Count)
        {
            return false;
        }

        for (var i = 0; i < _references.Count; i++)
        {
            // The compiler reuses reference objects between compilations; a new object may hold new metadata.
            if (!ReferenceEquals(_references[i], other._references[i]))
            {
                return false;
            }
        }

        for (var i = 0; i < _trees.Count; i++)
        {
            if (!_trees[i].Equals(other._trees[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as DeclarationShape);

    public override int GetHashCode() => _trees.Count;

    /// <summary>One tree's declaration-level text (hashed), path and parse options.</summary>
    private sealed class TreeShape : IEquatable<TreeShape>
    {
        private readonly string _path;
        private readonly ParseOptions _options;
        private readonly byte[] _hash;

        public TreeShape(SyntaxTree tree)
        {
            _path = tree.FilePath;
            _options = tree.Options;
            var text = new StringBuilder();
            foreach (var token in tree.GetRoot().DescendantTokens(static node => !IsBody(node)))
            {
                // Kind and text of every token outside bodies; a separator keeps "a b" and "ab" apart.
                text.Append((int)token.RawKind).Append(':').Append(token.Text).Append('\n');
            }

            using var sha = SHA256.Create();
            _hash = sha.ComputeHash(Encoding.UTF8.GetBytes(text.ToString()));
        }

        public bool Equals(TreeShape? other) =>
            other is not null && _path == other._path && _options.Equals(other._options) && AreEqual(_hash, other._hash);

        public override bool Equals(object? obj) => Equals(obj as TreeShape);

        public override int GetHashCode() => BitConverter.ToInt32(_hash, 0);

        private static bool AreEqual(byte[] left, byte[] right)
        {
            if (left.Length != right.Length)
            {
                return false;
            }

            for (var i = 0; i < left.Length; i++)
            {
                if (left[i] != right[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Bodies whose content cannot change what a call elsewhere binds to (their types are declared).</summary>
        private static bool IsBody(SyntaxNode node) => node switch
        {
            BlockSyntax { Parent: BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax } => true,
            ArrowExpressionClauseSyntax { Parent: BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or PropertyDeclarationSyntax or IndexerDeclarationSyntax } => true,
            _ => false,
        };
    }
}

/// <summary>
/// A value computed under a declaration shape. Immutable, so that a cache slot holding one is replaced atomically when
/// compilations are analyzed concurrently (the IDE runs generators for several compilations that share trees).
/// </summary>
internal sealed class ShapedValue<T>(DeclarationShape shape, T value)
{
    public DeclarationShape Shape { get; } = shape;

    public T Value { get; } = value;
}

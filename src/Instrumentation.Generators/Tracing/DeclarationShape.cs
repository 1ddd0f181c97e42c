using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
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
        private readonly ShapeHash _hash;

        public TreeShape(SyntaxTree tree)
        {
            _path = tree.FilePath;
            _options = tree.Options;
            var hash = ShapeHash.Start;
            foreach (var token in tree.GetRoot().DescendantTokens(static node => !IsBody(node)))
            {
                // Kind and text of every token outside bodies; the kind separates "a b" from "ab".
                hash = hash.Add(token.RawKind).Add(token.Text);
            }

            _hash = hash;
        }

        public bool Equals(TreeShape? other) =>
            other is not null && _path == other._path && _options.Equals(other._options) && _hash.Equals(other._hash);

        public override bool Equals(object? obj) => Equals(obj as TreeShape);

        public override int GetHashCode() => _hash.GetHashCode();

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
/// A 128-bit hash of a token stream, streamed without building the text: two 64-bit FNV-1a lanes with different
/// offsets and primes. Not cryptographic: nobody chooses a file's text to collide with its own earlier version, and an
/// accidental collision of both lanes between two versions of a tree's declarations is negligible. It replaced a SHA-256
/// of the concatenated tokens: building that text was most of the shape's cost, and the crypto provider started up in
/// every process that computed one.
/// </summary>
internal readonly struct ShapeHash : IEquatable<ShapeHash>
{
    private const ulong Prime1 = 0x100000001B3UL;
    private const ulong Prime2 = 0x10000000233UL;

    private readonly ulong _lane1;
    private readonly ulong _lane2;

    private ShapeHash(ulong lane1, ulong lane2)
    {
        _lane1 = lane1;
        _lane2 = lane2;
    }

    public static ShapeHash Start { get; } = new(0xCBF29CE484222325UL, 0x84222325CBF29CE4UL);

    public ShapeHash Add(int value)
    {
        var lane1 = _lane1;
        var lane2 = _lane2;
        for (var i = 0; i < 4; i++)
        {
            var octet = (byte)(value >> (i * 8));
            lane1 = (lane1 ^ octet) * Prime1;
            lane2 = (lane2 ^ octet) * Prime2;
        }

        return new ShapeHash(lane1, lane2);
    }

    public ShapeHash Add(string text)
    {
        var lane1 = _lane1;
        var lane2 = _lane2;
        foreach (var c in text)
        {
            lane1 = ((lane1 ^ (byte)c) * Prime1 ^ (byte)(c >> 8)) * Prime1;
            lane2 = ((lane2 ^ (byte)c) * Prime2 ^ (byte)(c >> 8)) * Prime2;
        }

        // The length ends the string: "ab" + "c" and "a" + "bc" differ.
        return new ShapeHash(lane1, lane2).Add(text.Length);
    }

    public bool Equals(ShapeHash other) => _lane1 == other._lane1 && _lane2 == other._lane2;

    public override bool Equals(object? obj) => obj is ShapeHash other && Equals(other);

    public override int GetHashCode() => unchecked((int)_lane1);
}

/// <summary>
/// A value computed under a declaration shape. Immutable, so that a cache slot holding one is replaced atomically when
/// compilations are analyzed concurrently (the IDE runs generators for several compilations that share trees).
/// </summary>
/// <param name="shape">
/// The shape of the compilation the value was computed in, or <see langword="null"/> when it was not computed (the first
/// run over a tree has nothing to compare with): such a value is never reused, and the next run records the shape.
/// </param>
/// <param name="value">The value.</param>
internal sealed class ShapedValue<T>(DeclarationShape? shape, T value)
{
    public DeclarationShape? Shape { get; } = shape;

    public T Value { get; } = value;
}

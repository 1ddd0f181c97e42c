using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Instrumentation.Generators.Tracing;

/// <summary>
/// Everything of a compilation that decides which method a call binds to, except the bodies of methods, accessors and
/// local functions: the options, the references, and each tree's declarations (types, members, signatures,
/// attributes, usings, field initializers), kept per declaration with the names it declares and the names it mentions.
/// Comparing two shapes tells which names changed meaning (<see cref="ChangesSince"/>), and so which unchanged trees
/// may bind differently: only those that mention such a name.
/// </summary>
/// <remarks>
/// <para>
/// Typing inside a method body, by far the most frequent edit, changes no declaration: the calls of every other tree
/// need not be bound again. Adding a member or changing a signature changes the meaning of that member's name only;
/// a tree that never mentions it binds exactly as before.
/// </para>
/// <para>
/// Why a name is enough: in C#, the type of every expression in a body comes from literals, predefined types, and
/// names written in that body, whose declarations in turn name their types. A declaration whose own text did not
/// change can still change meaning when a name it mentions does (a return type <c>T</c> that now resolves to a new
/// nested <c>T</c>), so the changed names are closed over "declaration mentions a changed name". What a call can reach
/// without writing a name (operators, conversions, indexers, and the members the compiler calls by pattern:
/// <c>GetAwaiter</c>, <c>GetEnumerator</c>, <c>Deconstruct</c>, <c>Add</c>, query operators…) is treated as
/// changing everything, as are options, references, global usings and assembly attributes.
/// </para>
/// </remarks>
internal sealed class DeclarationShape
{
    private static readonly ConditionalWeakTable<Compilation, DeclarationShape> s_shapes = new();
    private static readonly ConditionalWeakTable<SyntaxTree, TreeShape> s_treeShapes = new();

    /// <summary>
    /// Members the compiler calls without their name being written at the call (patterns), and the keys of
    /// operators, conversions and indexers: a change to one may change any call.
    /// </summary>
    private static readonly HashSet<string> s_patternNames =
    [
        TreeShape.OperatorKey, TreeShape.IndexerKey, TreeShape.UnknownKey,
        "GetAwaiter", "GetResult", "IsCompleted", "OnCompleted", "UnsafeOnCompleted",
        "GetEnumerator", "GetAsyncEnumerator", "MoveNext", "MoveNextAsync", "Current", "Dispose", "DisposeAsync",
        "Deconstruct", "Add", "Create", "Slice", "Length", "Count", "GetPinnableReference", "Invoke", "EnterScope",
        "AppendLiteral", "AppendFormatted", "Item",
        "Select", "SelectMany", "Where", "Join", "GroupJoin", "OrderBy", "OrderByDescending", "ThenBy",
        "ThenByDescending", "GroupBy", "Cast",
    ];

    private readonly CompilationOptions _options;
    private readonly List<MetadataReference> _references;
    private readonly List<TreeShape> _trees;
    private readonly ConditionalWeakTable<DeclarationShape, ShapeChange> _changes = new();

    private DeclarationShape(Compilation compilation, CancellationToken cancellationToken)
    {
        _options = compilation.Options;
        _references = new List<MetadataReference>(compilation.References);
        _trees = new List<TreeShape>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _trees.Add(ShapeOf(tree));
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

    /// <summary>
    /// Whether a value computed from <paramref name="tree"/> (unchanged since) in a compilation of shape
    /// <paramref name="earlier"/> still holds in this one: no name the tree mentions changed meaning in between.
    /// </summary>
    public bool KeepsMeaningOf(SyntaxTree tree, DeclarationShape? earlier)
    {
        if (earlier is null)
        {
            return false;
        }

        var change = ChangesSince(earlier);
        return !change.Everything && !ShapeOf(tree).MentionsAny(change.Names);
    }

    /// <summary>What changed meaning between <paramref name="earlier"/> and this shape (computed once per pair).</summary>
    public ShapeChange ChangesSince(DeclarationShape earlier) =>
        ReferenceEquals(earlier, this) ? ShapeChange.None : _changes.GetValue(earlier, Compare);

    private static TreeShape ShapeOf(SyntaxTree tree) => s_treeShapes.GetValue(tree, static t => new TreeShape(t));

    private ShapeChange Compare(DeclarationShape earlier)
    {
        if (!_options.Equals(earlier._options) || !_references.SequenceEqual(earlier._references, ByReference.Instance))
        {
            // The compiler reuses reference objects between compilations; a new object may hold new metadata.
            return ShapeChange.All;
        }

        // Only trees that are not the very same object on both sides can differ.
        var before = new HashSet<TreeShape>(earlier._trees, ByReference.Instance);
        var after = new HashSet<TreeShape>(_trees, ByReference.Instance);
        var removed = earlier._trees.Where(t => !after.Contains(t)).ToList();
        var added = _trees.Where(t => !before.Contains(t)).ToList();
        if (removed.Count == 0 && added.Count == 0)
        {
            return ShapeChange.None;
        }

        // Parse options (language version, preprocessor symbols) and global declarations change any binding.
        if (!SameSet(earlier._trees.Select(t => t.Options), _trees.Select(t => t.Options)) ||
            !SameMultiset(removed.Select(t => t.Global), added.Select(t => t.Global)))
        {
            return ShapeChange.All;
        }

        // A declaration is (name, hash of its text and of the headers around it): the names whose multiset of
        // declarations differs changed meaning. A member moved between parts of a type keeps its meaning.
        var net = new Dictionary<(string Name, ShapeHash Hash), int>();
        foreach (var entry in removed.SelectMany(t => t.Declarations))
        {
            net[entry] = (net.TryGetValue(entry, out var count) ? count : 0) - 1;
        }

        foreach (var entry in added.SelectMany(t => t.Declarations))
        {
            net[entry] = (net.TryGetValue(entry, out var count) ? count : 0) + 1;
        }

        var changed = new HashSet<string>(net.Where(pair => pair.Value != 0).Select(pair => pair.Key.Name));

        // A namespace that comes into existence (or goes) changes what its name means where it is written.
        var namespacesBefore = new HashSet<string>(earlier._trees.SelectMany(t => t.Namespaces));
        var namespacesAfter = new HashSet<string>(_trees.SelectMany(t => t.Namespaces));
        changed.UnionWith(namespacesBefore.Except(namespacesAfter).Concat(namespacesAfter.Except(namespacesBefore)));
        var pending = new Stack<string>(changed);
        while (pending.Count > 0)
        {
            var name = pending.Pop();
            if (s_patternNames.Contains(name))
            {
                return ShapeChange.All;
            }

            // Declarations that mention a changed name may mean something else now, under the same text.
            foreach (var tree in _trees)
            {
                if (tree.MentionedBy.TryGetValue(name, out var declaring))
                {
                    foreach (var declared in declaring)
                    {
                        if (changed.Add(declared))
                        {
                            pending.Push(declared);
                        }
                    }
                }
            }
        }

        return new ShapeChange(false, changed);
    }

    private static bool SameSet(IEnumerable<ParseOptions> left, IEnumerable<ParseOptions> right) =>
        new HashSet<ParseOptions>(left).SetEquals(right);

    private static bool SameMultiset(IEnumerable<ShapeHash> left, IEnumerable<ShapeHash> right) =>
        left.OrderBy(h => h).SequenceEqual(right.OrderBy(h => h));

    /// <summary>One tree's declarations: what each declares and mentions, hashed; and every name the tree mentions.</summary>
    private sealed class TreeShape
    {
        public const string OperatorKey = "operator";
        public const string IndexerKey = "this[]";
        public const string UnknownKey = "<unknown>";
        private const string AttributeSuffix = "Attribute";

        private readonly HashSet<string> _identifiers = new();

        public TreeShape(SyntaxTree tree)
        {
            Options = tree.Options;
            var root = tree.GetRoot();
            foreach (var token in root.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken))
                {
                    _identifiers.Add(token.ValueText);
                }
            }

            var global = ShapeHash.Start;
            if (root is CompilationUnitSyntax unit)
            {
                // Global usings and assembly attributes apply to every tree; the file's own usings to its declarations.
                var seed = ShapeHash.Start;
                foreach (var directive in unit.Usings)
                {
                    if (directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword))
                    {
                        global = AddTokens(global, directive);
                    }
                    else
                    {
                        seed = AddTokens(seed, directive);
                    }
                }

                foreach (var attributes in unit.AttributeLists)
                {
                    global = AddTokens(global, attributes);
                }

                foreach (var alias in unit.Externs)
                {
                    seed = AddTokens(seed, alias);
                }

                AddMembers(unit.Members, seed);
            }
            else
            {
                Add(UnknownKey, AddTokens(ShapeHash.Start, root), []);
            }

            Global = global;
        }

        public ParseOptions Options { get; }

        /// <summary>Hash of the tree's global usings and assembly/module attributes.</summary>
        public ShapeHash Global { get; }

        /// <summary>One entry per declared name (a field declaration with two variables declares two names).</summary>
        public List<(string Name, ShapeHash Hash)> Declarations { get; } = new();

        /// <summary>The names of the namespaces the tree declares (each part of a dotted name).</summary>
        public HashSet<string> Namespaces { get; } = new();

        /// <summary>For each name mentioned by a declaration, the names that declaration declares.</summary>
        public Dictionary<string, List<string>> MentionedBy { get; } = new();

        public bool MentionsAny(HashSet<string> names) =>
            names.Count < _identifiers.Count ? names.Any(_identifiers.Contains) : _identifiers.Overlaps(names);

        private void AddMembers(SyntaxList<MemberDeclarationSyntax> members, ShapeHash seed)
        {
            foreach (var member in members)
            {
                AddMember(member, seed);
            }
        }

        private void AddMember(MemberDeclarationSyntax member, ShapeHash seed)
        {
            switch (member)
            {
                case BaseNamespaceDeclarationSyntax ns:
                {
                    var inner = AddTokens(seed, ns.Name);
                    foreach (var directive in ns.Usings)
                    {
                        inner = AddTokens(inner, directive);
                    }

                    foreach (var alias in ns.Externs)
                    {
                        inner = AddTokens(inner, alias);
                    }

                    foreach (var part in ns.Name.DescendantTokens())
                    {
                        if (part.IsKind(SyntaxKind.IdentifierToken))
                        {
                            Namespaces.Add(part.ValueText);
                        }
                    }

                    AddMembers(ns.Members, inner);
                    break;
                }

                case BaseTypeDeclarationSyntax type:
                {
                    // The header (attributes, modifiers, name, type parameters, primary constructor, bases, constraints)
                    // is part of every member's hash: a new base type changes what each member's name means.
                    var header = ShapeHash.Start;
                    var mentions = new HashSet<string>();
                    foreach (var child in type.ChildNodesAndTokens())
                    {
                        if (child.IsNode && child.AsNode() is MemberDeclarationSyntax or EnumMemberDeclarationSyntax)
                        {
                            continue;
                        }

                        header = child.IsNode ? AddTokens(header, child.AsNode()!, mentions) : AddToken(header, child.AsToken(), mentions);
                    }

                    var inner = seed.Add(header);
                    var name = type.Identifier.ValueText;
                    AddType(name, inner, mentions);
                    if (type is TypeDeclarationSyntax withMembers)
                    {
                        AddMembers(withMembers.Members, inner);
                    }
                    else if (type is EnumDeclarationSyntax enumeration)
                    {
                        foreach (var value in enumeration.Members)
                        {
                            var valueMentions = new HashSet<string>();
                            Add(value.Identifier.ValueText, AddTokens(inner, value, valueMentions), valueMentions);
                        }
                    }

                    break;
                }

                case DelegateDeclarationSyntax @delegate:
                {
                    var mentions = new HashSet<string>();
                    AddType(@delegate.Identifier.ValueText, AddTokens(seed, @delegate, mentions), mentions);
                    break;
                }

                case BaseFieldDeclarationSyntax field:
                {
                    var mentions = new HashSet<string>();
                    var hash = AddTokens(seed, field, mentions);
                    foreach (var variable in field.Declaration.Variables)
                    {
                        Add(variable.Identifier.ValueText, hash, mentions);
                    }

                    break;
                }

                case IncompleteMemberSyntax:
                    // A member being typed declares nothing yet (the compiler makes no symbol of it); treating it as an
                    // unknown change would rebind everything at each keystroke of a new member.
                    break;

                case GlobalStatementSyntax:
                    // Top-level statements are a body: other trees see only that a Program class exists.
                    Add("Program", seed, []);
                    break;

                default:
                {
                    var mentions = new HashSet<string>();
                    Add(MemberKey(member), AddTokens(seed, member, mentions), mentions);
                    break;
                }
            }
        }

        private void AddType(string name, ShapeHash hash, HashSet<string> mentions)
        {
            // A type named FooAttribute is written [Foo].
            Add(name, hash, mentions);
            if (name.Length > AttributeSuffix.Length && name.EndsWith(AttributeSuffix, System.StringComparison.Ordinal))
            {
                Add(name.Substring(0, name.Length - AttributeSuffix.Length), hash, mentions);
            }
        }

        private void Add(string name, ShapeHash hash, IEnumerable<string> mentions)
        {
            Declarations.Add((name, hash));
            foreach (var mention in mentions)
            {
                if (!MentionedBy.TryGetValue(mention, out var declaring))
                {
                    declaring = new List<string>();
                    MentionedBy.Add(mention, declaring);
                }

                declaring.Add(name);
            }
        }

        private static string MemberKey(MemberDeclarationSyntax member) => member switch
        {
            MethodDeclarationSyntax method => method.Identifier.ValueText,
            PropertyDeclarationSyntax property => property.Identifier.ValueText,
            EventDeclarationSyntax @event => @event.Identifier.ValueText,
            ConstructorDeclarationSyntax constructor => constructor.Identifier.ValueText,
            DestructorDeclarationSyntax destructor => destructor.Identifier.ValueText,
            IndexerDeclarationSyntax => IndexerKey,
            OperatorDeclarationSyntax or ConversionOperatorDeclarationSyntax => OperatorKey,
            _ => UnknownKey,
        };

        private static ShapeHash AddTokens(ShapeHash hash, SyntaxNode node, HashSet<string>? mentions = null)
        {
            foreach (var token in node.DescendantTokens(static n => !IsBody(n)))
            {
                hash = AddToken(hash, token, mentions);
            }

            return hash;
        }

        private static ShapeHash AddToken(ShapeHash hash, SyntaxToken token, HashSet<string>? mentions)
        {
            // Strings in declarations count as mentions too: attributes name members by string
            // ([CollectionBuilder(typeof(B), "Of")], [InterpolatedStringHandlerArgument("x")]), and the compiler then
            // calls that member at call sites that never write its name.
            if (mentions is not null && token.IsKind(SyntaxKind.IdentifierToken) || token.IsKind(SyntaxKind.StringLiteralToken))
            {
                mentions?.Add(token.ValueText);
            }

            // Kind and text of every token outside bodies; the kind separates "a b" from "ab".
            return hash.Add(token.RawKind).Add(token.Text);
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

/// <summary>Identity comparison (netstandard2.0 has no ReferenceEqualityComparer).</summary>
internal sealed class ByReference : IEqualityComparer<object>
{
    public static ByReference Instance { get; } = new();

    public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);

    public int GetHashCode(object obj) => RuntimeHelpers.GetHashCode(obj);
}

/// <summary>What changed meaning between two declaration shapes.</summary>
/// <param name="Everything">Options, references, global declarations or a pattern member changed: any call may bind differently.</param>
/// <param name="Names">Otherwise, the names whose meaning changed (closed over declarations that mention them).</param>
internal sealed record ShapeChange(bool Everything, HashSet<string> Names)
{
    public static ShapeChange None { get; } = new(false, []);

    public static ShapeChange All { get; } = new(true, []);
}

/// <summary>
/// A 128-bit hash of a token stream, streamed without building the text: two 64-bit FNV-1a lanes with different
/// offsets and primes. Not cryptographic: nobody chooses a file's text to collide with its own earlier version, and an
/// accidental collision of both lanes between two versions of a tree's declarations is negligible. It replaced a SHA-256
/// of the concatenated tokens: building that text was most of the shape's cost, and the crypto provider started up in
/// every process that computed one.
/// </summary>
internal readonly struct ShapeHash : System.IEquatable<ShapeHash>, System.IComparable<ShapeHash>
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

    /// <summary>Chains another hash (a header into the hashes of the members under it).</summary>
    public ShapeHash Add(ShapeHash other) => Add(unchecked((int)other._lane1)).Add(unchecked((int)(other._lane1 >> 32))).Add(unchecked((int)other._lane2)).Add(unchecked((int)(other._lane2 >> 32)));

    public bool Equals(ShapeHash other) => _lane1 == other._lane1 && _lane2 == other._lane2;

    public override bool Equals(object? obj) => obj is ShapeHash other && Equals(other);

    public override int GetHashCode() => unchecked((int)_lane1);

    public int CompareTo(ShapeHash other) => _lane1 != other._lane1 ? _lane1.CompareTo(other._lane1) : _lane2.CompareTo(other._lane2);
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

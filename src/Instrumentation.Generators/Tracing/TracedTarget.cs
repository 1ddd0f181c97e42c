using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using Instrumentation.Generators.Common;
using Microsoft.CodeAnalysis;

namespace Instrumentation.Generators.Tracing;

/// <summary>
/// Decides whether the generator can honor <c>[Traced]</c> on a method, and how. Shared by the generator's parser
/// (which skips what it cannot wrap) and by the TRC001 analyzer (which says why), so the two never disagree.
/// </summary>
internal readonly struct TracedTarget
{
    private TracedTarget(string? unsupportedReason, ReturnShape shape, AccessKind access, ITypeSymbol? resultType, INamedTypeSymbol? host = null)
    {
        UnsupportedReason = unsupportedReason;
        Shape = shape;
        Access = access;
        ResultType = resultType;
        Host = host;
    }

    /// <summary>Why the method cannot be traced, or null when it can.</summary>
    public string? UnsupportedReason { get; }

    public ReturnShape Shape { get; }

    public AccessKind Access { get; }

    /// <summary>T of Task&lt;T&gt;, ValueTask&lt;T&gt;, IEnumerable&lt;T&gt;, IAsyncEnumerable&lt;T&gt;.</summary>
    public ITypeSymbol? ResultType { get; }

    public bool IsSupported => UnsupportedReason is null;

    /// <summary>
    /// The user's <c>partial</c> type the interceptor is declared in, or null for the generator's own namespace: set when
    /// the method, its type or a type of its signature is private to that type (a private nested type), which only code
    /// inside the type can name. See <see cref="FindHost"/>.
    /// </summary>
    public INamedTypeSymbol? Host { get; }

    private static TracedTarget Unsupported(string reason) => new(reason, ReturnShape.Void, AccessKind.Direct, null);

    /// <summary>Analyzes <paramref name="method"/> (a definition, not a constructed or reduced method).</summary>
    public static TracedTarget Analyze(IMethodSymbol method, AttributeData tracedAttribute, Compilation compilation)
    {
        var kindReason = method.MethodKind switch
        {
            MethodKind.Ordinary => null,
            MethodKind.LocalFunction => "local functions cannot be intercepted; move the code to a method",
            MethodKind.AnonymousFunction => "lambdas cannot be intercepted; move the code to a method",
            MethodKind.Constructor or MethodKind.StaticConstructor => "constructor calls cannot be intercepted; trace a factory method or the work the constructor calls",
            MethodKind.Destructor => "finalizers are never called by code",
            MethodKind.UserDefinedOperator or MethodKind.Conversion => "operators cannot be intercepted; trace a named method they call",
            MethodKind.PropertyGet or MethodKind.PropertySet or MethodKind.EventAdd or MethodKind.EventRemove or MethodKind.EventRaise
                => "property and event accessors cannot be intercepted; trace a method",
            MethodKind.ExplicitInterfaceImplementation => "calls bind to the interface member, never to an explicit implementation; put [Traced] on the interface member",
            _ => "only ordinary methods can be intercepted",
        };
        if (kindReason is not null)
        {
            return Unsupported(kindReason);
        }

        if (method.DeclaringSyntaxReferences.FirstOrDefault()?.SyntaxTree.Options is Microsoft.CodeAnalysis.CSharp.CSharpParseOptions { LanguageVersion: < CallSites.MinimumLanguageVersion } options)
        {
            return Unsupported($"this project compiles as C# {Microsoft.CodeAnalysis.CSharp.LanguageVersionFacts.ToDisplayString(options.LanguageVersion)}; the generated interceptors need C# 11 or later (set <LangVersion>latest</LangVersion>)");
        }

        if (method.IsVararg)
        {
            return Unsupported("__arglist methods cannot be intercepted");
        }

        if (method.IsStatic && (method.IsAbstract || method.IsVirtual) && method.ContainingType.TypeKind == TypeKind.Interface)
        {
            return Unsupported("static abstract and static virtual interface members are called through type parameters and cannot be intercepted");
        }

        if ((method.PartialImplementationPart ?? method).IsAsync && method.ReturnsVoid)
        {
            return Unsupported("an 'async void' method cannot be awaited, so its span could not cover its work; return Task");
        }

        var nameReason = ValidateAttribute(tracedAttribute);
        if (nameReason is not null)
        {
            return Unsupported(nameReason);
        }

        var containingType = method.ContainingType;
        if (containingType.TypeKind is not (TypeKind.Class or TypeKind.Struct or TypeKind.Interface))
        {
            // C# 14 extension blocks (TypeKind.Extension, unknown to the Roslyn version this generator builds against):
            // generated code can neither name the block nor forward the call the way the compiler lowers it.
            return Unsupported("members of C# 14 extension blocks cannot be intercepted yet; declare a classic extension method (a static method with a 'this' parameter)");
        }

        if (containingType.IsFileLocal)
        {
            return Unsupported($"'{containingType.Name}' is a file-local type, which generated code cannot name");
        }

        var perCompilation = PerCompilation.Of(compilation);
        INamedTypeSymbol? host = null;
        if (NameabilityReason(method, perCompilation.IsAccessibleFunc, IsStaticMemberReachableByName(method, compilation, perCompilation)) is { } nameabilityReason)
        {
            // What generated code cannot name from its own namespace, it may name from inside the partial type that
            // declares it (a private nested type).
            host = FindHost(method, compilation, out var hostAdvice);
            if (host is null)
            {
                return Unsupported(nameabilityReason + hostAdvice);
            }

            // What is left is private to a type inside the host: say that, not what the host already solves.
            if (NameabilityReason(method, type => compilation.IsSymbolAccessibleWithin(type, host), staticMemberReachableByName: false) is { } hostReason)
            {
                return Unsupported(hostReason);
            }
        }

        if (method.TypeParameters.Length > 0)
        {
            var methodTypeParameterNames = new HashSet<string>(method.TypeParameters.Select(t => t.Name));
            for (var type = containingType; type is not null; type = type.ContainingType)
            {
                if (type.TypeParameters.Any(t => methodTypeParameterNames.Contains(t.Name)))
                {
                    return Unsupported("a method type parameter has the same name as a type parameter of its containing type; rename it");
                }
            }
        }

        var (shape, resultType, shapeReason) = GetShape(method, compilation, perCompilation);
        if (shapeReason is not null)
        {
            return Unsupported(shapeReason);
        }

        var tagReason = ValidateTags(method, shape);
        if (tagReason is not null)
        {
            return Unsupported(tagReason);
        }

        var access = AccessKind.Direct;
        if (!compilation.IsSymbolAccessibleWithin(method, (ISymbol?)host ?? compilation.Assembly))
        {
            var accessorReason = GetUnsafeAccessorReason(method, compilation);
            if (accessorReason is not null)
            {
                return Unsupported(accessorReason);
            }

            access = AccessKind.UnsafeAccessor;
        }

        return new TracedTarget(null, shape, access, resultType, host);
    }

    /// <summary>
    /// Why generated code cannot name the method's type, a type of its signature or of its constraints, seen from where
    /// <paramref name="isAccessible"/> looks; null when it can.
    /// </summary>
    private static string? NameabilityReason(IMethodSymbol method, System.Func<INamedTypeSymbol, bool> isAccessible, bool staticMemberReachableByName)
    {
        var containingType = method.ContainingType;
        if (!isAccessible(containingType) && !staticMemberReachableByName)
        {
            return $"'{containingType.Name}' is not accessible from generated code; make it internal or public";
        }

        foreach (var parameter in method.Parameters)
        {
            if (!IsTypeNameable(parameter.Type, isAccessible))
            {
                return $"parameter '{parameter.Name}' has a type that generated code cannot name";
            }
        }

        if (!method.ReturnsVoid && !IsTypeNameable(method.ReturnType, isAccessible))
        {
            return "the return type is not accessible from generated code";
        }

        // The interceptor repeats every constraint of the method's and its types' type parameters.
        for (var type = containingType; type is not null; type = type.ContainingType)
        {
            if (FirstUnnameableConstraint(type.TypeParameters, isAccessible) is { } typeParameter)
            {
                return $"a constraint of type parameter '{typeParameter.Name}' names a type that generated code cannot name";
            }
        }

        if (FirstUnnameableConstraint(method.TypeParameters, isAccessible) is { } ownTypeParameter)
        {
            return $"a constraint of type parameter '{ownTypeParameter.Name}' names a type that generated code cannot name";
        }

        return null;
    }

    /// <summary>
    /// The type an interceptor can be declared in to name what is private to it: the method's outermost containing type,
    /// when it is a non-generic <c>partial</c> type of this compilation in a namespace where interceptors are enabled, and
    /// <c>static</c> when the method is an instance method (its interceptor is an extension method, which C# allows only
    /// in a top-level static class). Otherwise null, with <paramref name="advice"/> saying what would make one (or empty).
    /// </summary>
    internal static INamedTypeSymbol? FindHost(IMethodSymbol method, Compilation compilation, out string advice)
    {
        advice = string.Empty;
        var top = method.ContainingType;
        while (top.ContainingType is not null)
        {
            top = top.ContainingType;
        }

        if (!SymbolEqualityComparer.Default.Equals(top.ContainingAssembly, compilation.Assembly) ||
            top.TypeKind is not (TypeKind.Class or TypeKind.Struct) || top.IsFileLocal || top.Arity > 0 ||
            top.ContainingNamespace is not { IsGlobalNamespace: false } ns)
        {
            return null;
        }

        if (!method.IsStatic && !top.IsStatic)
        {
            return null;
        }

        foreach (var reference in top.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is not Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax declaration ||
                !declaration.Modifiers.Any(Microsoft.CodeAnalysis.CSharp.SyntaxKind.PartialKeyword))
            {
                advice = $", or declare '{top.Name}' partial";
                return null;
            }
        }

        var namespaceName = ns.ToDisplayString();
        if (top.DeclaringSyntaxReferences.FirstOrDefault()?.SyntaxTree.Options is { } options && !CallSites.AreInterceptorsEnabledIn(options, namespaceName))
        {
            advice = $", or enable interceptors in its namespace (<InterceptorsNamespaces>$(InterceptorsNamespaces);{namespaceName}</InterceptorsNamespaces>)";
            return null;
        }

        return top;
    }

    /// <summary>How a part of <paramref name="host"/> is declared: <c>static partial class</c>, <c>partial record struct</c>…</summary>
    internal static string HostDeclarationKeywords(INamedTypeSymbol host)
    {
        var kind = host.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() switch
        {
            Microsoft.CodeAnalysis.CSharp.Syntax.RecordDeclarationSyntax record =>
                record.ClassOrStructKeyword.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.StructKeyword) ? "record struct" : "record",
            Microsoft.CodeAnalysis.CSharp.Syntax.StructDeclarationSyntax => "struct",
            _ => "class",
        };
        return (host.IsStatic ? "static " : string.Empty) + "partial " + kind;
    }

    /// <summary>Why the attribute's own arguments are invalid (an empty name, a kind that is not an ActivityKind), or null.</summary>
    internal static string? ValidateAttribute(AttributeData traced)
    {
        if (traced.ConstructorArguments.Length == 1 && traced.ConstructorArguments[0].Value is string ctorName && string.IsNullOrWhiteSpace(ctorName))
        {
            return "the span name is empty";
        }

        foreach (var argument in traced.NamedArguments)
        {
            switch (argument.Key)
            {
                case "Name" when argument.Value.Value is string name && string.IsNullOrWhiteSpace(name):
                    return "the span name is empty";
                case "Kind" when argument.Value.Value is int kind && (kind < 0 || kind > 4):
                    return $"'{kind}' is not an ActivityKind";
            }
        }

        return null;
    }

    private static (ReturnShape Shape, ITypeSymbol? ResultType, string? Reason) GetShape(IMethodSymbol method, Compilation compilation, PerCompilation types)
    {
        if (method.ReturnsVoid)
        {
            return (ReturnShape.Void, null, null);
        }

        var returnType = method.ReturnType as INamedTypeSymbol;
        var definition = returnType?.OriginalDefinition;
        var isIterator = ContainsYield(method) || HasAttribute(method, WellKnownNames.IteratorStateMachineAttribute) || HasAttribute(method, WellKnownNames.AsyncIteratorStateMachineAttribute);

        if (isIterator)
        {
            if (Is(definition, types.IEnumerableOfT))
            {
                return (ReturnShape.Enumerable, returnType!.TypeArguments[0], null);
            }

            if (Is(definition, types.IEnumeratorOfT))
            {
                return !types.HasTracedEnumerator
                    ? (ReturnShape.Value, null, "iterators returning IEnumerator<T> need the TracedEnumerator<T> runtime helper, which the referenced Instrumentation assembly (older than the generator) lacks; reference the package's own version")
                    : (ReturnShape.Enumerator, returnType!.TypeArguments[0], null);
            }

            if (Is(definition, types.IAsyncEnumerableOfT))
            {
                return !PerCompilation.Of(compilation).HasTracedAsyncEnumerable
                    ? (ReturnShape.Value, null, "async iterators can be traced on .NET 8 or later only (the netstandard2.0 runtime helpers have no IAsyncEnumerable wrapper)")
                    : (ReturnShape.AsyncEnumerable, returnType!.TypeArguments[0], null);
            }

            return (ReturnShape.Value, null, "only iterators returning IEnumerable<T>, IEnumerator<T> or IAsyncEnumerable<T> can be traced; the span of other iterators would not cover their enumeration");
        }

        if (method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            return (ReturnShape.Value, null, null);
        }

        if (Is(definition, types.Task))
        {
            return (ReturnShape.Task, null, null);
        }

        if (Is(definition, types.TaskOfT))
        {
            return (ReturnShape.TaskOfT, returnType!.TypeArguments[0], null);
        }

        if (Is(definition, types.ValueTask))
        {
            return (ReturnShape.ValueTask, null, null);
        }

        if (Is(definition, types.ValueTaskOfT))
        {
            return (ReturnShape.ValueTaskOfT, returnType!.TypeArguments[0], null);
        }

        return (ReturnShape.Value, null, null);
    }

    private static bool ContainsYield(IMethodSymbol method)
    {
        // A partial method's body is in its implementing part, which may be another declaration than the attributed one.
        foreach (var reference in (method.PartialImplementationPart ?? method).DeclaringSyntaxReferences)
        {
            var body = reference.GetSyntax() switch
            {
                Microsoft.CodeAnalysis.CSharp.Syntax.BaseMethodDeclarationSyntax declaration => (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody,
                Microsoft.CodeAnalysis.CSharp.Syntax.LocalFunctionStatementSyntax local => (SyntaxNode?)local.Body ?? local.ExpressionBody,
                _ => null,
            };

            // Yields inside nested lambdas or local functions belong to them, not to this method.
            if (body is not null && MayContainYieldKeyword(body) && body
                .DescendantNodes(static n => n is not (Microsoft.CodeAnalysis.CSharp.Syntax.AnonymousFunctionExpressionSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.LocalFunctionStatementSyntax))
                .Any(static n => n is Microsoft.CodeAnalysis.CSharp.Syntax.YieldStatementSyntax))
            {
                return true;
            }
        }

        return false;
    }

    [System.ThreadStatic]
    private static char[]? s_textBuffer;

    /// <summary>
    /// False when the source text of <paramref name="body"/> cannot hold a <c>yield</c> statement, so that the syntax walk
    /// (the costly part) is skipped: every such statement starts with the keyword as written, and the compiler never
    /// reads a Unicode escape (<c>yi\u0065ld</c>) as that keyword. Text that has "yield" elsewhere (a comment, a string,
    /// an identifier such as <c>yielded</c>) only means that the walk decides.
    /// </summary>
    private static bool MayContainYieldKeyword(SyntaxNode body)
    {
        const string Keyword = "yield";
        var text = body.SyntaxTree.GetText();
        var buffer = s_textBuffer ??= new char[4096];
        var span = body.Span;

        // Chunks overlap by the keyword's length less one, so every occurrence lies whole in one chunk.
        for (var position = span.Start; ; position += buffer.Length - (Keyword.Length - 1))
        {
            var count = System.Math.Min(buffer.Length, span.End - position);
            text.CopyTo(position, buffer, 0, count);
            for (var i = System.Array.IndexOf(buffer, 'y', 0, count); i >= 0 && i <= count - Keyword.Length; i = System.Array.IndexOf(buffer, 'y', i + 1, count - i - 1))
            {
                if (buffer[i + 1] == 'i' && buffer[i + 2] == 'e' && buffer[i + 3] == 'l' && buffer[i + 4] == 'd')
                {
                    return true;
                }
            }

            if (position + count >= span.End)
            {
                return false;
            }
        }
    }

    private static string? ValidateTags(IMethodSymbol method, ReturnShape shape)
    {
        foreach (var parameter in method.Parameters)
        {
            var tag = FindAttribute(parameter.GetAttributes(), WellKnownNames.TagAttribute);
            if (tag is null)
            {
                continue;
            }

            if (GetTagKey(tag) is null)
            {
                return $"the [Tag] key of parameter '{parameter.Name}' is empty";
            }

            if (!CanBeRecorded(parameter.Type))
            {
                return $"parameter '{parameter.Name}' cannot be recorded as a tag: {DescribeUnrecordable(parameter.Type)}";
            }
        }

        var returnTag = FindAttribute(method.GetReturnTypeAttributes(), WellKnownNames.TagAttribute);
        if (returnTag is not null)
        {
            if (GetTagKey(returnTag) is null)
            {
                return "the [return: Tag] key is empty";
            }

            if (shape is ReturnShape.Void or ReturnShape.Task or ReturnShape.ValueTask)
            {
                return "[return: Tag] needs a return value to record";
            }

            if (shape is ReturnShape.Enumerable or ReturnShape.Enumerator or ReturnShape.AsyncEnumerable)
            {
                return "[return: Tag] cannot record the items of an iterator";
            }

            if (method.ReturnsByRef || method.ReturnsByRefReadonly)
            {
                return "[return: Tag] cannot record a value returned by reference";
            }

            if (shape == ReturnShape.Value && !CanBeRecorded(method.ReturnType))
            {
                return $"the return value cannot be recorded as a tag: {DescribeUnrecordable(method.ReturnType)}";
            }
        }

        return null;
    }

    private static bool CanBeRecorded(ITypeSymbol type) =>
        !type.IsRefLikeType && type.TypeKind is not (TypeKind.Pointer or TypeKind.FunctionPointer) &&
        !(type is ITypeParameterSymbol { AllowsRefLikeType: true });

    private static string DescribeUnrecordable(ITypeSymbol type) =>
        type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer ? "pointers cannot be boxed" : "ref struct values cannot be boxed";

    private static string? GetUnsafeAccessorReason(IMethodSymbol method, Compilation compilation)
    {
        const string Advice = "make it internal or public";
        if (!PerCompilation.Of(compilation).HasUnsafeAccessor)
        {
            return $"'{method.Name}' is not accessible from generated code and this target framework has no UnsafeAccessor (.NET 8+); {Advice}";
        }

        // A method of another assembly that is not accessible here is protected (a call from a subclass compiled):
        // reached the same way, under the rules below.
        // Generic accessors (the accessor's type parameters stand for the target's) and UnsafeAccessorType (a type the
        // accessor cannot name) arrived with .NET 9 and .NET 10; the latter's attribute tells both are there.
        var modernAccessors = PerCompilation.Of(compilation).HasModernAccessors;
        if (!modernAccessors && (method.IsGenericMethod || IsInGenericType(method.ContainingType)))
        {
            return $"'{method.Name}' is generic (or in a generic type) and not accessible from generated code, which reaches such members on .NET 10 or later only; {Advice}";
        }

        if (method.IsVirtual || method.IsOverride || method.IsAbstract)
        {
            return $"'{method.Name}' is virtual and not accessible from generated code, which could only call it non-virtually; {Advice} (or protected internal)";
        }

        if (method.IsStatic && method.ContainingType.IsStatic && !modernAccessors)
        {
            return $"'{method.Name}' is a private static method of a static class, which generated code reaches on .NET 10 or later only; {Advice}";
        }

        if (method.ContainingType.IsRefLikeType)
        {
            return $"'{method.Name}' is a non-accessible member of a ref struct; {Advice}";
        }

        return null;
    }

    /// <summary>The type or one of its containing types has type parameters.</summary>
    internal static bool IsInGenericType(INamedTypeSymbol? type)
    {
        for (; type is not null; type = type.ContainingType)
        {
            if (type.TypeParameters.Length > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A static method of a class generated code cannot name (a private nested class of this assembly): the interceptor
    /// needs no receiver, and on .NET 10 the accessor names the class by its runtime name (<c>UnsafeAccessorType</c>).
    /// Instance methods cannot be intercepted there: an interceptor's receiver must be of the very type.
    /// </summary>
    private static bool IsStaticMemberReachableByName(IMethodSymbol method, Compilation compilation, PerCompilation perCompilation)
    {
        if (!method.IsStatic || !perCompilation.HasModernAccessors || !SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, compilation.Assembly))
        {
            return false;
        }

        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            // Generic classes too: the accessor names the class with its open type parameters (`Outer+Box`1[[!0]]`).
            if (type.TypeKind != TypeKind.Class || type.IsFileLocal)
            {
                return false;
            }
        }

        return true;
    }

    internal static bool IsAccessibleFromGeneratedCode(INamedTypeSymbol type, Compilation compilation) =>
        compilation.IsSymbolAccessibleWithin(type, compilation.Assembly);

    /// <summary>
    /// What <see cref="Analyze"/> asks the compilation again and again, asked once per compilation: the task and
    /// enumerable types of return shapes, and <see cref="Compilation.IsSymbolAccessibleWithin"/> from the compilation's
    /// assembly per type definition. That call first looks for the type's assembly among all the compilation's references
    /// (for a type of a referenced assembly, one by one), and the same types recur in nearly every signature (string,
    /// int, Task&lt;T&gt;, the containing type of every method).
    /// </summary>
    /// <summary>Whether interceptors can carry <c>[StackTraceHidden]</c> in this compilation.</summary>
    public static bool CanHideFromStackTrace(Compilation compilation) => PerCompilation.Of(compilation).HasStackTraceHidden;

    /// <summary><c>System.Threading.CancellationToken</c> in this compilation.</summary>
    public static INamedTypeSymbol? CancellationTokenType(Compilation compilation) => PerCompilation.Of(compilation).CancellationToken;

    private sealed class PerCompilation
    {
        private static readonly ConditionalWeakTable<Compilation, PerCompilation> s_byCompilation = new();
        private static readonly ConditionalWeakTable<Compilation, PerCompilation>.CreateValueCallback s_create = static c => new PerCompilation(c);

        private readonly Compilation _compilation;
        private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _accessible = new(SymbolEqualityComparer.Default);

        private PerCompilation(Compilation compilation)
        {
            _compilation = compilation;
            Task = compilation.GetBestTypeByMetadataName(WellKnownNames.Task);
            TaskOfT = compilation.GetBestTypeByMetadataName(WellKnownNames.TaskOfT);
            ValueTask = compilation.GetBestTypeByMetadataName(WellKnownNames.ValueTask);
            ValueTaskOfT = compilation.GetBestTypeByMetadataName(WellKnownNames.ValueTaskOfT);
            IEnumerableOfT = compilation.GetBestTypeByMetadataName(WellKnownNames.IEnumerableOfT);
            IEnumeratorOfT = compilation.GetBestTypeByMetadataName(WellKnownNames.IEnumeratorOfT);
            IAsyncEnumerableOfT = compilation.GetBestTypeByMetadataName(WellKnownNames.IAsyncEnumerableOfT);
            CancellationToken = compilation.GetBestTypeByMetadataName(WellKnownNames.CancellationToken);
            HasTracedAsyncEnumerable = compilation.GetBestTypeByMetadataName(WellKnownNames.TracedAsyncEnumerable) is not null;
            HasTracedEnumerator = compilation.GetBestTypeByMetadataName(WellKnownNames.TracedEnumerator) is not null;
            HasUnsafeAccessor = compilation.GetBestTypeByMetadataName(WellKnownNames.UnsafeAccessorAttribute) is not null;
            HasModernAccessors = compilation.GetBestTypeByMetadataName(WellKnownNames.UnsafeAccessorTypeAttribute) is not null;
            HasStackTraceHidden = compilation.GetBestTypeByMetadataName(WellKnownNames.StackTraceHiddenAttribute) is { DeclaredAccessibility: Accessibility.Public };
        }

        public INamedTypeSymbol? CancellationToken { get; }

        /// <summary>The runtime helpers wrap async iterators (their .NET 8+ build).</summary>
        public bool HasTracedAsyncEnumerable { get; }

        /// <summary>The runtime helpers wrap iterators returning <c>IEnumerator&lt;T&gt;</c>.</summary>
        public bool HasTracedEnumerator { get; }

        /// <summary><c>[UnsafeAccessor]</c> (.NET 8+).</summary>
        public bool HasUnsafeAccessor { get; }

        /// <summary>Generic accessors and <c>[UnsafeAccessorType]</c> (.NET 10+).</summary>
        public bool HasModernAccessors { get; }

        /// <summary><c>[StackTraceHidden]</c> is public (.NET 6+).</summary>
        public bool HasStackTraceHidden { get; }

        public INamedTypeSymbol? Task { get; }

        public INamedTypeSymbol? TaskOfT { get; }

        public INamedTypeSymbol? ValueTask { get; }

        public INamedTypeSymbol? ValueTaskOfT { get; }

        public INamedTypeSymbol? IEnumerableOfT { get; }

        public INamedTypeSymbol? IEnumeratorOfT { get; }

        public INamedTypeSymbol? IAsyncEnumerableOfT { get; }

        public static PerCompilation Of(Compilation compilation) => s_byCompilation.GetValue(compilation, s_create);

        /// <summary><see cref="IsAccessible"/> as a delegate, made once.</summary>
        public System.Func<INamedTypeSymbol, bool> IsAccessibleFunc => _isAccessible ??= IsAccessible;

        private System.Func<INamedTypeSymbol, bool>? _isAccessible;

        public bool IsAccessible(INamedTypeSymbol definition)
        {
            if (!_accessible.TryGetValue(definition, out var accessible))
            {
                accessible = _compilation.IsSymbolAccessibleWithin(definition, _compilation.Assembly);
                _accessible.TryAdd(definition, accessible);
            }

            return accessible;
        }
    }

    private static ITypeParameterSymbol? FirstUnnameableConstraint(ImmutableArray<ITypeParameterSymbol> typeParameters, System.Func<INamedTypeSymbol, bool> isAccessible)
    {
        foreach (var typeParameter in typeParameters)
        {
            foreach (var constraint in typeParameter.ConstraintTypes)
            {
                if (!IsTypeNameable(constraint, isAccessible))
                {
                    return typeParameter;
                }
            }
        }

        return null;
    }

    private static bool IsTypeNameable(ITypeSymbol type, System.Func<INamedTypeSymbol, bool> isAccessible)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                return IsTypeNameable(array.ElementType, isAccessible);
            case IPointerTypeSymbol pointer:
                return IsTypeNameable(pointer.PointedAtType, isAccessible);
            case IFunctionPointerTypeSymbol functionPointer:
                return functionPointer.Signature.Parameters.All(p => IsTypeNameable(p.Type, isAccessible)) &&
                       (functionPointer.Signature.ReturnsVoid || IsTypeNameable(functionPointer.Signature.ReturnType, isAccessible));
            case ITypeParameterSymbol:
            case IDynamicTypeSymbol:
                return true;
            case INamedTypeSymbol named:
                if (named.IsAnonymousType || named.IsFileLocal || !isAccessible(named.OriginalDefinition))
                {
                    return false;
                }

                foreach (var typeArgument in named.TypeArguments)
                {
                    if (!IsTypeNameable(typeArgument, isAccessible))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return type.TypeKind != TypeKind.Error;
        }
    }

    private static bool Is(INamedTypeSymbol? definition, INamedTypeSymbol? type) =>
        definition is not null && SymbolEqualityComparer.Default.Equals(definition, type);

    private static bool HasAttribute(IMethodSymbol method, string metadataName) => FindAttribute(method.GetAttributes(), metadataName) is not null;

    /// <summary>
    /// The <c>[Traced]</c> that applies to a method: its own, or else its type's when the type carries <c>[Traced]</c>
    /// and the method is one of the type's public ordinary methods without <c>[NotTraced]</c> (class-level tracing);
    /// null when none applies. <paramref name="typeAttribute"/> is the type's <c>[Traced]</c> (the defaults of its
    /// methods' attributes), or null. Shared by the generator and the analyzers, so they agree on what is traced.
    /// </summary>
    internal static AttributeData? TracedAttributeOf(IMethodSymbol method, out AttributeData? typeAttribute, out bool fromType)
    {
        fromType = false;
        typeAttribute = method.ContainingType is { TypeKind: TypeKind.Class or TypeKind.Struct } type
            ? FindAttribute(type.GetAttributes(), WellKnownNames.TracedAttribute)
            : null;
        if (FindAttribute(method.GetAttributes(), WellKnownNames.TracedAttribute) is { } own)
        {
            return own;
        }

        if (typeAttribute is null || !IsTracedByItsType(method))
        {
            return null;
        }

        fromType = true;
        return typeAttribute;
    }

    /// <summary>Whether a [Traced] type's attribute covers the method: public, ordinary, declared in source or metadata by the type, not [NotTraced].</summary>
    private static bool IsTracedByItsType(IMethodSymbol method) =>
        method is { MethodKind: MethodKind.Ordinary, DeclaredAccessibility: Accessibility.Public, IsImplicitlyDeclared: false } &&
        FindAttribute(method.GetAttributes(), WellKnownNames.NotTracedAttribute) is null;

    internal static AttributeData? FindAttribute(IEnumerable<AttributeData> attributes, string metadataName)
    {
        foreach (var attribute in attributes)
        {
            if (attribute.AttributeClass is { } attributeClass && IsNamed(attributeClass, metadataName))
            {
                return attribute;
            }
        }

        return null;
    }

    /// <summary>
    /// Compares a top-level type with a namespace-qualified metadata name (<c>Namespace.Name`1</c>) without allocating:
    /// the type's metadata name, then its namespaces, innermost first, one segment each, up to the global namespace.
    /// </summary>
    internal static bool IsNamed(INamedTypeSymbol type, string metadataName)
    {
        var lastDot = metadataName.LastIndexOf('.');
        if (!IsSegment(type.MetadataName, metadataName, lastDot + 1, metadataName.Length) || type.ContainingType is not null)
        {
            return false;
        }

        var end = lastDot;
        for (var ns = type.ContainingNamespace; ns is not null && !ns.IsGlobalNamespace; ns = ns.ContainingNamespace)
        {
            var start = metadataName.LastIndexOf('.', end - 1) + 1;
            if (!IsSegment(ns.Name, metadataName, start, end))
            {
                return false;
            }

            if (start == 0)
            {
                return ns.ContainingNamespace is { IsGlobalNamespace: true };
            }

            end = start - 1;
        }

        return false;
    }

    private static bool IsSegment(string name, string metadataName, int start, int end) =>
        name.Length == end - start && string.CompareOrdinal(name, 0, metadataName, start, name.Length) == 0;

    internal static string? GetTagKey(AttributeData tag) =>
        tag.ConstructorArguments.Length == 1 && tag.ConstructorArguments[0].Value is string key && key.Length > 0 ? key : null;
}

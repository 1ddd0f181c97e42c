using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Instrumentation.Generators.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Instrumentation.Generators.Tracing;

/// <summary>
/// Finding the calls to intercept, cheaply: invocations are first matched by name against the names of the
/// <c>[Traced]</c> methods in reach (this compilation's and those listed by referenced assemblies' manifests), by
/// syntax alone; only the matches are bound. A project that calls no traced method binds nothing.
/// </summary>
internal static partial class Parser
{
    /// <summary>Cheap syntactic filter: invocations whose target is named (<c>M()</c>, <c>x.M()</c>, <c>x?.M()</c>, <c>M&lt;T&gt;()</c>).</summary>
    public static bool IsCandidateInvocation(SyntaxNode node) =>
        node is InvocationExpressionSyntax
        {
            Expression: MemberAccessExpressionSyntax or IdentifierNameSyntax or GenericNameSyntax or MemberBindingExpressionSyntax,
        };

    /// <summary>
    /// The invocations of the compilation whose invoked name is a traced name, found by syntax alone (no binding).
    /// With no traced name in reach nothing is read at all. A tree is walked once per set of names: the compiler keeps
    /// unchanged trees between compilations, so after an edit only the edited tree is walked again.
    /// </summary>
    public static ImmutableArray<CallCandidate> FindCallCandidates(Compilation compilation, NameSet names, CancellationToken cancellationToken)
    {
        if (names.IsEmpty)
        {
            return ImmutableArray<CallCandidate>.Empty;
        }

        var candidates = ImmutableArray.CreateBuilder<CallCandidate>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var cached = s_treeCandidates.GetValue(tree, static _ => new NamedTreeResult<CallCandidate>());
            candidates.AddRange(cached.Get(tree, names, FindCandidates, cancellationToken));
        }

        return candidates.ToImmutable();
    }

    // Keyed by the tree object: what a tree's invocations are called never changes, and an entry lives as long as its tree.
    private static readonly ConditionalWeakTable<SyntaxTree, NamedTreeResult<CallCandidate>> s_treeCandidates = new();

    /// <summary>The invocations of <paramref name="tree"/> whose invoked name is one of <paramref name="names"/>.</summary>
    private static ImmutableArray<CallCandidate> FindCandidates(SyntaxTree tree, NameSet names, CancellationToken cancellationToken)
    {
        var found = ImmutableArray.CreateBuilder<CallCandidate>();
        foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
        {
            if (IsCandidateInvocation(node) && InvokedName((InvocationExpressionSyntax)node) is var name && names.Contains(name))
            {
                var span = node.Span;
                found.Add(new CallCandidate(name, tree.FilePath, span.Start, span.Length));
            }
        }

        return found.ToImmutable();
    }

    /// <summary>What one tree gives for the last set of names asked for (its candidate calls, its declarations).</summary>
    private sealed class NamedTreeResult<T>
    {
        // Replaced as a whole (a reference write is atomic): concurrent runs on compilations sharing the tree never
        // see names paired with another run's result.
        private Tuple<NameSet, ImmutableArray<T>>? _last;

        public ImmutableArray<T> Get(SyntaxTree tree, NameSet names, System.Func<SyntaxTree, NameSet, CancellationToken, ImmutableArray<T>> find, CancellationToken cancellationToken)
        {
            var last = _last;
            if (last is not null && last.Item1.Equals(names))
            {
                return last.Item2;
            }

            var result = find(tree, names, cancellationToken);
            _last = Tuple.Create(names, result);
            return result;
        }
    }

    private static string InvokedName(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        MemberAccessExpressionSyntax memberAccess => memberAccess.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax memberBinding => memberBinding.Name.Identifier.ValueText,
        SimpleNameSyntax name => name.Identifier.ValueText,
        _ => string.Empty,
    };

    /// <summary>
    /// The names listed by the manifests of the referenced assemblies (the CompilationProvider step). Only assemblies
    /// that reference the attribute library are read; the symbols of unchanged references are reused by the compiler
    /// between compilations, so this costs little per edit and its output stays cached.
    /// </summary>
    public static NameSet ParseReferencedNames(Compilation compilation, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (TracedManifest.MayDeclareTracedMethods(assembly) && TracedManifest.GetNames(assembly) is { } listed)
            {
                names.AddRange(listed);
            }
        }

        return NameSet.From(names);
    }

    /// <summary>
    /// Binds the candidates, and keeps the calls to a <c>[Traced]</c> method that can be intercepted. An unchanged tree
    /// whose candidates were bound before is not bound again unless it mentions a name whose meaning changed since (see
    /// <see cref="DeclarationShape"/>): after an edit inside a method body, only the edited tree's calls are bound; after
    /// a new member or a changed signature, also the trees that mention its name.
    /// </summary>
    public static ImmutableArray<CallSiteModel> BindCallSites(EquatableArray<CallCandidate> candidates, Compilation compilation, CancellationToken cancellationToken)
    {
        if (candidates.IsEmpty || compilation.GetBestTypeByMetadataName(WellKnownNames.TracedAttribute) is null)
        {
            return ImmutableArray<CallSiteModel>.Empty;
        }

        var byPath = new Dictionary<string, List<CallCandidate>>();
        foreach (var candidate in candidates)
        {
            if (!byPath.TryGetValue(candidate.FilePath, out var list))
            {
                list = new List<CallCandidate>();
                byPath.Add(candidate.FilePath, list);
            }

            list.Add(candidate);
        }

        var binder = new CallSiteBinder(compilation);
        var work = new List<(SyntaxTree Tree, List<CallCandidate> Candidates)>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (byPath.TryGetValue(tree.FilePath, out var treeCandidates))
            {
                work.Add((tree, treeCandidates));
            }
        }

        var perTree = new ImmutableArray<CallSiteModel>[work.Count];
        void BindTree(int index)
        {
            var (tree, treeCandidates) = work[index];
            perTree[index] = s_treeCallSites.GetValue(tree, static _ => new TreeCallSites()).Get(tree, treeCandidates, compilation, binder, cancellationToken);
        }

        ForEachTree(compilation, work.Count, BindTree, cancellationToken);

        var sites = ImmutableArray.CreateBuilder<CallSiteModel>();
        var seen = new HashSet<string>();
        foreach (var treeSites in perTree)
        {
            foreach (var site in treeSites)
            {
                // Trees that share a path share candidates; a call is intercepted once.
                if (seen.Add(site.LocationData))
                {
                    sites.Add(site);
                }
            }
        }

        return sites.ToImmutable();
    }

    /// <summary>Below this many trees to bind, threads cost more than they save.</summary>
    private const int ParallelBindingThreshold = 4;

    /// <summary>
    /// Runs <paramref name="body"/> for trees 0 to <paramref name="count"/> - 1. Binding is the generator's largest cost
    /// in a build, and nothing else runs while generators do: trees are bound on every core the compiler may use (it
    /// binds in parallel itself unless the build asked it not to). An edit in the IDE binds one tree, on the calling
    /// thread.
    /// </summary>
    private static void ForEachTree(Compilation compilation, int count, Action<int> body, CancellationToken cancellationToken)
    {
        if (compilation.Options.ConcurrentBuild && count >= ParallelBindingThreshold)
        {
            try
            {
                System.Threading.Tasks.Parallel.For(0, count, new System.Threading.Tasks.ParallelOptions { CancellationToken = cancellationToken }, body);
            }
            catch (AggregateException exception) when (exception.InnerExceptions.Count == 1)
            {
                // The driver reports the exception a tree threw, as if it had been bound on this thread.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(exception.InnerExceptions[0]).Throw();
                throw;
            }
        }
        else
        {
            for (var i = 0; i < count; i++)
            {
                body(i);
            }
        }
    }

    private static readonly ConditionalWeakTable<SyntaxTree, TreeCallSites> s_treeCallSites = new();

    /// <summary>The call sites of one tree, with the candidates and the declaration shape they were bound under.</summary>
    private sealed class TreeCallSites
    {
        // Replaced as a whole, like NamedTreeResult._last.
        private ShapedValue<Tuple<EquatableArray<CallCandidate>, ImmutableArray<CallSiteModel>>>? _last;

        public ImmutableArray<CallSiteModel> Get(SyntaxTree tree, List<CallCandidate> candidates, Compilation compilation, CallSiteBinder binder, CancellationToken cancellationToken)
        {
            var key = candidates.ToEquatableArray();
            var last = _last;
            DeclarationShape? shape = null;
            if (last is not null)
            {
                // Only a run with an earlier result for this tree computes the shape (once per compilation): a
                // command-line build binds every tree anyway and never pays for it; the IDE pays once, at the first edit.
                shape = DeclarationShape.Of(compilation, cancellationToken);
                if (last.Value.Item1.Equals(key) && shape.KeepsMeaningOf(tree, last.Shape))
                {
                    return last.Value.Item2;
                }
            }

            var sites = ImmutableArray.CreateBuilder<CallSiteModel>();
            foreach (var candidate in candidates)
            {
                if (CallSiteBinder.FindInvocation(tree, candidate, cancellationToken) is { } invocation &&
                    binder.Bind(invocation, cancellationToken) is { } site)
                {
                    sites.Add(site);
                }
            }

            var result = sites.ToImmutable();
            _last = new ShapedValue<Tuple<EquatableArray<CallCandidate>, ImmutableArray<CallSiteModel>>>(shape, Tuple.Create(key, result));
            return result;
        }
    }

    /// <summary>
    /// <c>File.cs(line,column)</c> without the folder: the comment only helps a reader find the call, and absolute paths
    /// made generated code differ between machines (and made up an eighth of its size).
    /// </summary>
    private static string FileNameOnly(string displayLocation)
    {
        var separator = displayLocation.LastIndexOfAny(['/', '\\'], displayLocation.LastIndexOf('(') is var paren and >= 0 ? paren : displayLocation.Length - 1);
        return separator < 0 ? displayLocation : displayLocation.Substring(separator + 1);
    }

    /// <summary>One binding pass: semantic models, trees and referenced methods are looked up once each.</summary>
    private sealed class CallSiteBinder(Compilation compilation)
    {
        // Trees are bound concurrently (see BindCallSites): both caches are shared by the threads.
        private readonly System.Collections.Concurrent.ConcurrentDictionary<SyntaxTree, SemanticModel> _semanticModels = new();
        private readonly System.Collections.Concurrent.ConcurrentDictionary<IMethodSymbol, (TracedMethodModel? Method, ActivitySourceModel? Source)> _external = new(SymbolEqualityComparer.Default);
        private readonly System.Collections.Concurrent.ConcurrentDictionary<IMethodSymbol, ImmutableArray<string>> _conditionals = new(SymbolEqualityComparer.Default);
        private static volatile bool s_disableNullableAnalysis = true;

        /// <summary>The invocation a candidate of <paramref name="tree"/> was found at.</summary>
        public static InvocationExpressionSyntax? FindInvocation(SyntaxTree tree, CallCandidate candidate, CancellationToken cancellationToken)
        {
            var span = new TextSpan(candidate.Start, candidate.Length);
            var root = tree.GetRoot(cancellationToken);
            return root.FullSpan.Contains(span) &&
                root.FindNode(span, getInnermostNodeForTie: true) is { } node &&
                FindInvocation(node, span) is { } invocation &&
                InvokedName(invocation) == candidate.Name
                    ? invocation
                    : null;
        }

        public CallSiteModel? Bind(InvocationExpressionSyntax invocation, CancellationToken cancellationToken)
        {
            var semanticModel = GetSemanticModel(invocation.SyntaxTree);
            if (semanticModel.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol called)
            {
                return null;
            }

            var definition = GetDefinition(called);
            var traced = TracedTarget.TracedAttributeOf(definition, out _, out _);
            if (traced is null || !CallSites.CanBeIntercepted(invocation, called, semanticModel, cancellationToken))
            {
                return null;
            }

            // The compiler drops a call to a [Conditional] method where none of its symbols is defined; such a call is
            // left alone (no body runs, no span), and the others keep their call in the generated file.
            if (_conditionals.GetOrAdd(definition, ConditionalSymbols) is { IsEmpty: false } conditional && !IsAnyDefined(invocation.SyntaxTree, conditional, cancellationToken))
            {
                return null;
            }

            var location = semanticModel.GetInterceptableLocation(invocation, cancellationToken);
            if (location is null)
            {
                return null;
            }

            TracedMethodModel? external = null;
            ActivitySourceModel? externalSource = null;
            if (!SymbolEqualityComparer.Default.Equals(definition.ContainingAssembly, compilation.Assembly))
            {
                // Spans of a library's [Traced] methods come from the library's source, wherever they are called from.
                (external, externalSource) = GetExternal(definition, traced, cancellationToken);
                if (external is null)
                {
                    return null;
                }
            }

            return new CallSiteModel(GetMethodId(definition), external, externalSource, location.Version, location.Data, FileNameOnly(location.GetDisplayLocation()));
        }

        private (TracedMethodModel? Method, ActivitySourceModel? Source) GetExternal(IMethodSymbol definition, AttributeData traced, CancellationToken cancellationToken)
        {
            if (!_external.TryGetValue(definition, out var external))
            {
                var method = BuildMethodModel(definition, traced, compilation);
                var source = method is null
                    ? null
                    : ParseActivitySource(definition.ContainingAssembly, "Source_" + Sanitize(definition.ContainingAssembly.Name), cancellationToken);
                // Two threads may build the same library method's model; both are equal, the first one stays.
                external = _external.GetOrAdd(definition, (method, source));
            }

            return external;
        }

        private SemanticModel GetSemanticModel(SyntaxTree tree)
        {
            return _semanticModels.GetOrAdd(tree, CreateSemanticModel);
        }

        /// <summary>
        /// Which method a call binds to does not depend on nullability. Without nullable analysis, asking for a call's
        /// symbol binds the call's statement instead of analyzing the flow of its whole method body: several times
        /// cheaper in code with nullable reference types enabled. The option is marked experimental (RSEXPERIMENTAL001,
        /// dotnet/roslyn#70609); should a later compiler drop it, binding falls back to the default model.
        /// </summary>
        private SemanticModel CreateSemanticModel(SyntaxTree tree)
        {
            if (s_disableNullableAnalysis)
            {
                try
                {
                    return CreateWithoutNullableAnalysis(compilation, tree);
                }
                catch (System.MissingMemberException)
                {
                    s_disableNullableAnalysis = false;
                }
            }

            return compilation.GetSemanticModel(tree);
        }

#pragma warning disable RSEXPERIMENTAL001 // See CreateSemanticModel.
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private static SemanticModel CreateWithoutNullableAnalysis(Compilation compilation, SyntaxTree tree) =>
            compilation.GetSemanticModel(tree, SemanticModelOptions.DisableNullableAnalysis);
#pragma warning restore RSEXPERIMENTAL001

        /// <summary>Whether one of <paramref name="symbols"/> is defined in <paramref name="tree"/> (project-wide or by <c>#define</c>).</summary>
        private static bool IsAnyDefined(SyntaxTree tree, ImmutableArray<string> symbols, CancellationToken cancellationToken)
        {
            var defined = new HashSet<string>(tree.Options.PreprocessorSymbolNames);
            // #define and #undef come before the first token (in its leading trivia): they apply to every call of the file.
            foreach (var trivia in tree.GetRoot(cancellationToken).GetLeadingTrivia())
            {
                var directive = trivia.GetStructure();
                if (directive is DefineDirectiveTriviaSyntax { IsActive: true } define)
                {
                    defined.Add(define.Name.ValueText);
                }
                else if (directive is UndefDirectiveTriviaSyntax { IsActive: true } undefine)
                {
                    defined.Remove(undefine.Name.ValueText);
                }
            }

            return symbols.Any(defined.Contains);
        }

        private static InvocationExpressionSyntax? FindInvocation(SyntaxNode node, TextSpan span)
        {
            for (SyntaxNode? current = node; current is not null && current.Span.Contains(span); current = current.Parent)
            {
                if (current is InvocationExpressionSyntax invocation && invocation.Span == span && IsCandidateInvocation(invocation))
                {
                    return invocation;
                }
            }

            return null;
        }
    }
}

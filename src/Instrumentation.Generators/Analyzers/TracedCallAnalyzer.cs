using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Instrumentation.Generators.Tracing;
using Instrumentation.Generators.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Instrumentation.Generators.Analyzers;

/// <summary>
/// TRC002: a use of a <c>[Traced]</c> method that runs it without a span — a method group (delegate conversion,
/// function pointer), a <c>base.M()</c> call, a call inside an expression tree, or a call to a method of a referenced
/// assembly built without the generator's manifest of traced names. Uses the generator's own rules
/// (<see cref="CallSites"/>, <see cref="TracedManifest"/>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TracedCallAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.TracedCallNotWrapped];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            if (start.Compilation.GetBestTypeByMetadataName(WellKnownNames.TracedAttribute) is not { } tracedAttribute)
            {
                return;
            }

            var traced = new TracedMethods(tracedAttribute, start.Compilation);
            start.RegisterOperationAction(c => AnalyzeMethodReference(c, traced), OperationKind.MethodReference);
            start.RegisterOperationAction(c => AnalyzeInvocation(c, traced), OperationKind.Invocation);
            start.RegisterOperationAction(c => AnalyzeDynamicInvocation(c, traced), OperationKind.DynamicInvocation);
            start.RegisterOperationAction(c => AnalyzeAwait(c, traced), OperationKind.Await);
            start.RegisterOperationAction(c => AnalyzeForEach(c, traced), OperationKind.Loop);
            start.RegisterOperationAction(c => AnalyzeDeconstruction(c, traced), OperationKind.DeconstructionAssignment);
            var disposable = start.Compilation.GetSpecialType(SpecialType.System_IDisposable);
            var asyncDisposable = start.Compilation.GetBestTypeByMetadataName(WellKnownNames.IAsyncDisposable);
            start.RegisterOperationAction(c => AnalyzeUsing(c, traced, disposable, asyncDisposable), OperationKind.Using, OperationKind.UsingDeclaration);
            start.RegisterOperationAction(c => AnalyzeImplicitIndexer(c, traced), OperationKind.ImplicitIndexerReference);
            start.RegisterOperationAction(c => AnalyzeCollectionExpression(c, traced), OperationKind.CollectionExpression);
            start.RegisterSyntaxNodeAction(c => AnalyzeFixed(c, traced), SyntaxKind.FixedStatement);
            start.RegisterOperationAction(c => AnalyzePattern(c, traced), OperationKind.RecursivePattern, OperationKind.SlicePattern);
        });
    }

    // Calls the compiler writes for a piece of syntax (no invocation syntax that an interceptor could replace).

    private static void AnalyzeAwait(OperationAnalysisContext context, TracedMethods traced)
    {
        if (context.Operation.Syntax is AwaitExpressionSyntax syntax && context.Operation.SemanticModel is { } semanticModel)
        {
            var info = semanticModel.GetAwaitExpressionInfo(syntax);
            ReportImplicit(context, traced, info.GetAwaiterMethod, syntax.AwaitKeyword.GetLocation(), "'GetAwaiter' call of an await");
            ReportImplicitCall(context, traced, info.GetResultMethod, syntax.AwaitKeyword.GetLocation(), "an await");
        }
    }

    private static void AnalyzeForEach(OperationAnalysisContext context, TracedMethods traced)
    {
        if (context.Operation is IForEachLoopOperation && context.Operation.Syntax is CommonForEachStatementSyntax syntax && context.Operation.SemanticModel is { } semanticModel)
        {
            // GetEnumerator, MoveNext and Dispose (async: GetAsyncEnumerator, MoveNextAsync, DisposeAsync), bound by pattern
            // to the enumerator's own methods (ref struct and value enumerators) or through the interfaces.
            var info = semanticModel.GetForEachStatementInfo(syntax);
            var loop = info.IsAsynchronous ? "an await foreach loop" : "a foreach loop";
            var location = syntax.ForEachKeyword.GetLocation();
            var enumerator = info.GetEnumeratorMethod?.ReturnType;
            ReportImplicitCall(context, traced, info.GetEnumeratorMethod, location, loop);
            ReportImplicitCall(context, traced, Implementation(enumerator, info.MoveNextMethod), location, loop);
            ReportImplicitCall(context, traced, Implementation(enumerator, info.DisposeMethod), location, loop);
            if (syntax is ForEachVariableStatementSyntax deconstructing)
            {
                ReportImplicit(context, traced, semanticModel.GetDeconstructionInfo(deconstructing).Method, deconstructing.Variable.GetLocation(), "'Deconstruct' call of a deconstruction");
            }
        }
    }

    private static void AnalyzePattern(OperationAnalysisContext context, TracedMethods traced)
    {
        // `is (1, 2)` calls Deconstruct; a list pattern's `..rest` on a sliceable type calls Slice.
        var (method, use) = context.Operation switch
        {
            IRecursivePatternOperation recursive => (recursive.DeconstructSymbol as IMethodSymbol, "a positional pattern"),
            ISlicePatternOperation slice => (slice.SliceSymbol as IMethodSymbol, "a slice pattern"),
            _ => default,
        };
        ReportImplicitCall(context, traced, method, context.Operation.Syntax.GetLocation(), use);
    }

    private static void AnalyzeUsing(OperationAnalysisContext context, TracedMethods traced, INamedTypeSymbol disposable, INamedTypeSymbol? asyncDisposable)
    {
        var (resources, isAsynchronous, keyword, statement) = context.Operation switch
        {
            IUsingOperation { Syntax: UsingStatementSyntax syntax } @using => (@using.Resources, @using.IsAsynchronous, syntax.UsingKeyword, "using statement"),
            IUsingDeclarationOperation { Syntax: LocalDeclarationStatementSyntax syntax } declaration => ((IOperation)declaration.DeclarationGroup, declaration.IsAsynchronous, syntax.UsingKeyword, "using declaration"),
            _ => default,
        };
        if (resources is null)
        {
            return;
        }

        var use = (isAsynchronous ? "an await " : "a ") + statement;
        foreach (var type in ResourceTypes(resources))
        {
            ReportImplicitCall(context, traced, DisposeMethod(type, isAsynchronous ? asyncDisposable : disposable, isAsynchronous ? "DisposeAsync" : "Dispose"), keyword.GetLocation(), use);
        }
    }

    private static IEnumerable<ITypeSymbol> ResourceTypes(IOperation resources)
    {
        if (resources is IVariableDeclarationGroupOperation group)
        {
            foreach (var declaration in group.Declarations)
            {
                foreach (var declarator in declaration.Declarators)
                {
                    yield return declarator.Symbol.Type;
                }
            }
        }
        else if ((resources is IConversionOperation { IsImplicit: true } conversion ? conversion.Operand.Type : resources.Type) is { } type)
        {
            yield return type;
        }
    }

    /// <summary>The method a using statement runs for a resource of this type: the implementation of the interface's, or the pattern's.</summary>
    private static IMethodSymbol? DisposeMethod(ITypeSymbol type, INamedTypeSymbol? disposableInterface, string name)
    {
        if (type is ITypeParameterSymbol)
        {
            return null;
        }

        if (disposableInterface is not null && type.AllInterfaces.Contains(disposableInterface, SymbolEqualityComparer.Default))
        {
            return disposableInterface.GetMembers(name).FirstOrDefault() is IMethodSymbol interfaceMethod
                ? type.FindImplementationForInterfaceMember(interfaceMethod) as IMethodSymbol
                : null;
        }

        // Pattern-based disposal (ref structs; any type for await using).
        return PatternMethod(type, name);
    }

    /// <summary>The instance method named <paramref name="name"/> that the compiler calls by pattern, callable without arguments.</summary>
    private static IMethodSymbol? PatternMethod(ITypeSymbol type, string name)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers(name))
            {
                if (member is IMethodSymbol { IsStatic: false, MethodKind: MethodKind.Ordinary } method && method.Parameters.All(p => p.IsOptional || p.IsParams))
                {
                    return method;
                }
            }
        }

        return null;
    }

    private static void AnalyzeImplicitIndexer(OperationAnalysisContext context, TracedMethods traced)
    {
        // `x[1..3]` on a type with Length and Slice(int, int) calls Slice (an index `x[^1]` calls an indexer: no method).
        var indexer = (IImplicitIndexerReferenceOperation)context.Operation;
        ReportImplicitCall(context, traced, indexer.IndexerSymbol as IMethodSymbol, indexer.Syntax.GetLocation(), "a range indexer");
    }

    private static void AnalyzeCollectionExpression(OperationAnalysisContext context, TracedMethods traced)
    {
        // `[a, b]`: a [CollectionBuilder] type's Create method, or the constructor and then Add for each element.
        var collection = (ICollectionExpressionOperation)context.Operation;
        var location = collection.Syntax.GetLocation();
        if (collection.ConstructMethod is { MethodKind: MethodKind.Ordinary } create)
        {
            ReportImplicitCall(context, traced, create, location, "a collection expression");
            return;
        }

        if (collection is not { ConstructMethod.MethodKind: MethodKind.Constructor, Type: { } type, SemanticModel: { } semanticModel } ||
            !HasTracedMember(type, "Add", traced))
        {
            return;
        }

        // Which Add overload an element goes to is not in the operation tree: bind `default(T).Add(element)` there instead.
        var typeName = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        foreach (var element in collection.Elements)
        {
            var argument = element is ISpreadOperation spread
                ? spread.ElementType is { } elementType ? $"default({elementType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)})" : null
                : element.Syntax.ToString();
            if (argument is not null)
            {
                var call = SyntaxFactory.ParseExpression($"default({typeName}).Add({argument})");
                var add = semanticModel.GetSpeculativeSymbolInfo(element.Syntax.SpanStart, call, SpeculativeBindingOption.BindAsExpression).Symbol as IMethodSymbol;
                ReportImplicitCall(context, traced, add, element.Syntax.GetLocation(), "a collection expression");
            }
        }
    }

    private static bool HasTracedMember(ITypeSymbol type, string name, TracedMethods traced)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers(name))
            {
                if (member is IMethodSymbol method && traced.IsTracedAndSupported(method, out _))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static void AnalyzeFixed(SyntaxNodeAnalysisContext context, TracedMethods traced)
    {
        // `fixed (int* p = value)` on a type with GetPinnableReference() calls it.
        foreach (var variable in ((FixedStatementSyntax)context.Node).Declaration.Variables)
        {
            if (variable.Initializer?.Value is { } value &&
                context.SemanticModel.GetTypeInfo(value, context.CancellationToken).Type is INamedTypeSymbol type &&
                PatternMethod(type, "GetPinnableReference") is { } method)
            {
                var name = method.Name;
                if (traced.IsTracedAndSupported(method, out var definition))
                {
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.TracedCallNotWrapped, value.GetLocation(), DisplayName(definition), $"'{name}' call of a fixed statement"));
                }
            }
        }
    }

    /// <summary>A call of an interface member on a value of a known class or struct runs that type's implementation.</summary>
    private static IMethodSymbol? Implementation(ITypeSymbol? type, IMethodSymbol? method) =>
        method is { ContainingType.TypeKind: TypeKind.Interface } && type is { TypeKind: not TypeKind.Interface and not TypeKind.TypeParameter }
            ? type.FindImplementationForInterfaceMember(method) as IMethodSymbol ?? method
            : method;

    private static void ReportImplicitCall(OperationAnalysisContext context, TracedMethods traced, IMethodSymbol? method, Location location, string of)
    {
        if (method is not null)
        {
            ReportImplicit(context, traced, method, location, $"'{method.Name}' call of {of}");
        }
    }

    private static void AnalyzeDeconstruction(OperationAnalysisContext context, TracedMethods traced)
    {
        if (context.Operation.Syntax is AssignmentExpressionSyntax syntax && context.Operation.SemanticModel is { } semanticModel)
        {
            ReportImplicit(context, traced, semanticModel.GetDeconstructionInfo(syntax).Method, syntax.Left.GetLocation(), "'Deconstruct' call of a deconstruction");
        }
    }

    private static void ReportImplicit(OperationAnalysisContext context, TracedMethods traced, IMethodSymbol? method, Location location, string use)
    {
        if (method is not null && traced.IsTracedAndSupported(method, out var definition))
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.TracedCallNotWrapped, location, DisplayName(definition), use));
        }
    }

    private static void AnalyzeMethodReference(OperationAnalysisContext context, TracedMethods traced)
    {
        var reference = (IMethodReferenceOperation)context.Operation;
        if (traced.IsTracedAndSupported(reference.Method, out var definition))
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.TracedCallNotWrapped, NameLocation(reference.Syntax), DisplayName(definition), "method group"));
        }
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, TracedMethods traced)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!traced.IsTracedAndSupported(invocation.TargetMethod, out var definition))
        {
            return;
        }

        if (invocation.Syntax is not InvocationExpressionSyntax syntax)
        {
            // A call the compiler writes for other syntax: a collection initializer's Add, a query clause's Select/Where…
            var use = invocation.Syntax.Parent is InitializerExpressionSyntax ? "'Add' call of a collection initializer"
                : invocation.Syntax is QueryClauseSyntax or SelectOrGroupClauseSyntax or QueryContinuationSyntax || invocation.Syntax.Parent is QueryBodySyntax ? "call written for a query clause"
                : "call written by the compiler";
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.TracedCallNotWrapped, invocation.Syntax.GetLocation(), DisplayName(definition), use));
            return;
        }

        var semanticModel = invocation.SemanticModel;
        var reason = semanticModel is null ? null : CallSites.GetNotInterceptableReason(syntax, invocation.TargetMethod, semanticModel, context.CancellationToken);
        reason ??= traced.GetUnlistedReason(definition) ?? traced.GetExternalUnsupportedReason(definition);
        if (reason is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.TracedCallNotWrapped, NameLocation(syntax.Expression), DisplayName(definition), reason));
        }
    }

    private static void AnalyzeDynamicInvocation(OperationAnalysisContext context, TracedMethods traced)
    {
        // With a dynamic argument the call is bound at run time, after interception had its chance.
        var invocation = (IDynamicInvocationOperation)context.Operation;
        if (invocation.Operation is not IDynamicMemberReferenceOperation member || invocation.Syntax is not InvocationExpressionSyntax syntax)
        {
            return;
        }

        var type = member.Instance?.Type ?? member.ContainingType;
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var candidate in current.GetMembers(member.MemberName))
            {
                if (candidate is IMethodSymbol method && traced.IsTracedAndSupported(method, out var definition))
                {
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.TracedCallNotWrapped, NameLocation(syntax.Expression), DisplayName(definition), "dynamically bound call"));
                    return;
                }
            }
        }
    }

    /// <summary>
    /// Whether a method is [Traced] and supported, decided once per method and compilation: a method called from many
    /// places is analyzed once. A method the generator refuses is already reported by TRC001 on its declaration, so
    /// its uses are not reported again.
    /// </summary>
    private sealed class TracedMethods(INamedTypeSymbol tracedAttribute, Compilation compilation)
    {
        private readonly ConcurrentDictionary<IMethodSymbol, (bool Check, string? ExternalReason)> _verdicts = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, bool> _listed = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IAssemblySymbol, bool> _mayDeclareTraced = new(SymbolEqualityComparer.Default);

        /// <summary>
        /// Why a call to a referenced assembly's method is not intercepted although it could be: the generator finds calls
        /// by the names that assembly's manifest lists, and the assembly has none (built by an older package).
        /// </summary>
        public string? GetUnlistedReason(IMethodSymbol definition)
        {
            if (SymbolEqualityComparer.Default.Equals(definition.ContainingAssembly, compilation.Assembly) ||
                _listed.GetOrAdd(definition, TracedManifest.Lists))
            {
                return null;
            }

            return $"'{definition.ContainingAssembly.Name}' was built without the list of its [Traced] methods that this version of Instrumentation.Generators writes; rebuild it with this version of the package";
        }

        /// <summary>
        /// Whether a use of the method should be checked: it is [Traced], and either supported, or declared in another
        /// assembly (where TRC001 may have had nothing to say: this project is what cannot trace it).
        /// </summary>
        public bool IsTracedAndSupported(IMethodSymbol method, out IMethodSymbol definition)
        {
            definition = Parser.GetDefinition(method);
            // Every call of the project comes here: most are to methods that cannot be [Traced] (their assembly does not
            // reference the attribute's), or that have no attribute at all; only [Traced] ones are decided and cached.
            return MayBeTraced(definition) && _verdicts.GetOrAdd(definition, Decide).Check;
        }

        private bool MayBeTraced(IMethodSymbol definition)
        {
            var assembly = definition.ContainingAssembly;
            if (assembly is null
                || (!SymbolEqualityComparer.Default.Equals(assembly, compilation.Assembly) && !_mayDeclareTraced.GetOrAdd(assembly, ReferencesAttributeAssembly)))
            {
                return false;
            }

            return TracedTarget.TracedAttributeOf(definition, out _, out _) is { AttributeClass: { } attributeClass } && SymbolEqualityComparer.Default.Equals(attributeClass, tracedAttribute);
        }

        private bool ReferencesAttributeAssembly(IAssemblySymbol assembly)
        {
            var attributeAssembly = tracedAttribute.ContainingAssembly;
            if (SymbolEqualityComparer.Default.Equals(assembly, attributeAssembly))
            {
                return true;
            }

            foreach (var module in assembly.Modules)
            {
                foreach (var reference in module.ReferencedAssemblies)
                {
                    if (reference.Name == attributeAssembly.Name)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>Why this project cannot trace a referenced assembly's [Traced] method (e.g. a protected virtual one), or null.</summary>
        public string? GetExternalUnsupportedReason(IMethodSymbol definition) =>
            _verdicts.GetOrAdd(definition, Decide).ExternalReason;

        private (bool Check, string? ExternalReason) Decide(IMethodSymbol definition)
        {
            if (TracedTarget.TracedAttributeOf(definition, out _, out var fromType) is not { } attribute ||
                !SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, tracedAttribute))
            {
                return (false, null);
            }

            var target = TracedTarget.Analyze(definition, attribute, compilation);
            if (target.IsSupported)
            {
                return (true, null);
            }

            // Declared here, the method is reported once by TRC001, not at each use; a [Traced] type's methods that
            // cannot be traced are simply not traced (nothing asked for them one by one).
            var external = !SymbolEqualityComparer.Default.Equals(definition.ContainingAssembly, compilation.Assembly);
            return external && !fromType ? (true, target.UnsupportedReason) : (false, null);
        }
    }

    private static Location NameLocation(SyntaxNode syntax) => syntax switch
    {
        MemberAccessExpressionSyntax memberAccess => memberAccess.Name.GetLocation(),
        MemberBindingExpressionSyntax memberBinding => memberBinding.Name.GetLocation(),
        PrefixUnaryExpressionSyntax addressOf => NameLocation(addressOf.Operand),
        _ => syntax.GetLocation(),
    };

    private static string DisplayName(IMethodSymbol method) => MethodDisplay.TypeAndName(method);
}

using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Instrumentation.Generators.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Instrumentation.Generators.Tracing;

/// <summary>
/// The attributes an interceptor carries over from the method it stands for, so that calling the method from generated
/// code raises no diagnostic the user's own call did not (an obsolete or experimental method, a method that requires
/// unreferenced code, a platform-specific one) and the trimmer sees the same requirements on both.
/// </summary>
internal static partial class Parser
{
    private const string CodeAnalysisNamespace = "System.Diagnostics.CodeAnalysis";
    private const string VersioningNamespace = "System.Runtime.Versioning";

    /// <summary>
    /// Attributes of parameters and return values that are part of the signature the compiler compares between
    /// interceptor and intercepted method (nullable flow analysis, <c>[UnscopedRef]</c>), or that the trimming analyzer
    /// matches between a forwarded value and its target (<c>[DynamicallyAccessedMembers]</c>).
    /// </summary>
    private static readonly HashSet<string> SignatureAttributeNames =
    [
        "AllowNullAttribute", "DisallowNullAttribute", "MaybeNullAttribute", "NotNullAttribute", "MaybeNullWhenAttribute",
        "NotNullWhenAttribute", "NotNullIfNotNullAttribute", "DoesNotReturnIfAttribute", "UnscopedRefAttribute",
        "DynamicallyAccessedMembersAttribute",
    ];

    /// <summary>
    /// Attributes of the method (or of its declaring types) that make calling it a requirement of the calling context:
    /// copied onto the interceptor, the context is the same and the call inside it is not reported again.
    /// </summary>
    private static readonly Dictionary<string, string> RequirementAttributeNames = new()
    {
        ["RequiresUnreferencedCodeAttribute"] = CodeAnalysisNamespace,
        ["RequiresDynamicCodeAttribute"] = CodeAnalysisNamespace,
        ["RequiresAssemblyFilesAttribute"] = CodeAnalysisNamespace,
        ["SupportedOSPlatformAttribute"] = VersioningNamespace,
        ["UnsupportedOSPlatformAttribute"] = VersioningNamespace,
        ["ObsoletedOSPlatformAttribute"] = VersioningNamespace,
        ["RequiresPreviewFeaturesAttribute"] = VersioningNamespace,
    };

    /// <summary>The signature attributes of a parameter, type parameter or return value, each with a trailing space.</summary>
    private static string SignatureAttributes(ImmutableArray<AttributeData> attributes, string target = "")
    {
        var builder = new StringBuilder();
        foreach (var attribute in attributes)
        {
            if (attribute.AttributeClass is { } attributeClass &&
                SignatureAttributeNames.Contains(attributeClass.Name) &&
                attributeClass.ContainingNamespace?.ToDisplayString() == CodeAnalysisNamespace)
            {
                builder.Append(RenderAttribute(attribute, target)).Append(' ');
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// The lines of attributes to put on the interceptor: <c>[Obsolete]</c> when the method, a declaring type or a type
    /// of its signature is obsolete (an obsolete context reports no use of obsolete members, <c>error: true</c> ones
    /// included), and the requirement attributes of the method and of its declaring types. A type's trimming
    /// requirements (<c>[RequiresUnreferencedCode]</c>…) apply to its static members only, as the trimmer reads them.
    /// </summary>
    private static EquatableArray<string> InterceptorAttributes(IMethodSymbol method)
    {
        var lines = new List<string>();
        if (IsObsoleteContext(method))
        {
            lines.Add("[global::System.Obsolete(\"Calls an obsolete member.\")]");
        }

        var seen = new HashSet<string>();
        AddRequirements(method.GetAttributes(), includeTrimming: true);
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            AddRequirements(type.GetAttributes(), includeTrimming: method.IsStatic || method.MethodKind == MethodKind.Constructor);
        }

        return lines.ToEquatableArray();

        void AddRequirements(ImmutableArray<AttributeData> attributes, bool includeTrimming)
        {
            foreach (var attribute in attributes)
            {
                if (attribute.AttributeClass is not { } attributeClass ||
                    !RequirementAttributeNames.TryGetValue(attributeClass.Name, out var ns) ||
                    attributeClass.ContainingNamespace?.ToDisplayString() != ns ||
                    (!includeTrimming && ns == CodeAnalysisNamespace))
                {
                    continue;
                }

                // The innermost declaration wins, as for the analyzers: a method's own message over its type's.
                var allowsMultiple = ns == VersioningNamespace && attributeClass.Name != "RequiresPreviewFeaturesAttribute";
                if (allowsMultiple || seen.Add(attributeClass.Name))
                {
                    var line = RenderAttribute(attribute, string.Empty);
                    if (!lines.Contains(line))
                    {
                        lines.Add(line);
                    }
                }
            }
        }
    }

    /// <summary>
    /// The diagnostic IDs of the experimental APIs the interceptor names (the method, its declaring types, module and
    /// assembly, and the types of its signature): the user's call already reported them, so the generated file
    /// suppresses them.
    /// </summary>
    private static EquatableArray<string> ExperimentalDiagnosticIds(IMethodSymbol method)
    {
        var ids = new SortedSet<string>(System.StringComparer.Ordinal);
        AddIds(method);
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            AddIds(type);
        }

        AddIds(method.ContainingModule);
        AddIds(method.ContainingAssembly);
        foreach (var type in SignatureTypes(method))
        {
            AddIds(type);
            AddIds(type.ContainingModule);
            AddIds(type.ContainingAssembly);
        }

        return ids.ToEquatableArray();

        void AddIds(ISymbol? symbol)
        {
            if (symbol is null)
            {
                return;
            }

            foreach (var attribute in symbol.GetAttributes())
            {
                if (attribute.AttributeClass is { Name: "ExperimentalAttribute" } attributeClass &&
                    attributeClass.ContainingNamespace?.ToDisplayString() == CodeAnalysisNamespace &&
                    attribute.ConstructorArguments.Length == 1 &&
                    attribute.ConstructorArguments[0].Value is string id &&
                    IsDiagnosticId(id))
                {
                    ids.Add(id);
                }
            }
        }
    }

    /// <summary>The preprocessor symbols of the method's <c>[Conditional]</c> attributes (its own or the overridden method's).</summary>
    public static ImmutableArray<string> ConditionalSymbols(IMethodSymbol method)
    {
        for (IMethodSymbol? current = method; current is not null; current = current.OverriddenMethod)
        {
            var symbols = current.GetAttributes()
                .Where(a => a.AttributeClass is { Name: "ConditionalAttribute" } c && c.ContainingNamespace?.ToDisplayString() == "System.Diagnostics")
                .Select(a => a.ConstructorArguments.Length == 1 ? a.ConstructorArguments[0].Value as string : null)
                .Where(s => s is not null)
                .Select(s => s!)
                .ToImmutableArray();
            if (!symbols.IsEmpty)
            {
                return symbols;
            }
        }

        return ImmutableArray<string>.Empty;
    }

    private static bool IsObsoleteContext(IMethodSymbol method)
    {
        if (IsObsolete(method))
        {
            return true;
        }

        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (IsObsolete(type))
            {
                return true;
            }
        }

        return SignatureTypes(method).Any(IsObsolete);
    }

    private static bool IsObsolete(ISymbol symbol) =>
        symbol.GetAttributes().Any(a => a.AttributeClass is { Name: "ObsoleteAttribute" } c && c.ContainingNamespace?.ToDisplayString() == "System");

    /// <summary>Every named type the interceptor's signature names: return, parameter and constraint types, and their type arguments.</summary>
    private static IEnumerable<INamedTypeSymbol> SignatureTypes(IMethodSymbol method)
    {
        var seen = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        var pending = new Stack<ITypeSymbol>();
        pending.Push(method.ReturnType);
        foreach (var parameter in method.Parameters)
        {
            pending.Push(parameter.Type);
        }

        foreach (var typeParameter in method.TypeParameters)
        {
            foreach (var constraint in typeParameter.ConstraintTypes)
            {
                pending.Push(constraint);
            }
        }

        while (pending.Count > 0)
        {
            var type = pending.Pop();
            if (!seen.Add(type))
            {
                continue;
            }

            switch (type)
            {
                case IArrayTypeSymbol array:
                    pending.Push(array.ElementType);
                    break;
                case IPointerTypeSymbol pointer:
                    pending.Push(pointer.PointedAtType);
                    break;
                case INamedTypeSymbol named:
                    yield return named;
                    foreach (var argument in named.TypeArguments)
                    {
                        pending.Push(argument);
                    }

                    for (var container = named.ContainingType; container is not null; container = container.ContainingType)
                    {
                        pending.Push(container);
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// An attribute argument as C#, with every type fully qualified (<c>global::</c>): generated code lives in a namespace
    /// of its own, where a user's type could otherwise shadow the one meant.
    /// </summary>
    private static string Constant(TypedConstant constant) => constant.Kind switch
    {
        _ when constant.IsNull => "null",
        TypedConstantKind.Enum when constant.Type!.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, constant.Value)) is { } member =>
            $"{constant.Type.ToDisplayString(TypeFormat)}.{EscapeIdentifier(member.Name)}",
        TypedConstantKind.Enum => $"({constant.Type!.ToDisplayString(TypeFormat)})({SymbolDisplay.FormatPrimitive(constant.Value!, quoteStrings: true, useHexadecimalNumbers: false)})",
        TypedConstantKind.Type => $"typeof({((ITypeSymbol)constant.Value!).ToDisplayString(TypeFormat)})",
        TypedConstantKind.Array => $"new {constant.Type!.ToDisplayString(TypeFormat)} {{ {string.Join(", ", constant.Values.Select(Constant))} }}",
        _ => constant.ToCSharpString(),
    };

    /// <summary>An ID that can follow <c>#pragma warning disable</c>: letters, digits and underscores.</summary>
    private static bool IsDiagnosticId(string id) => id.Length > 0 && id.All(c => char.IsLetterOrDigit(c) || c == '_');

    /// <summary><c>[global::N.NameAttribute(args, Named = value)]</c>, with an optional target (<c>return: </c>).</summary>
    private static string RenderAttribute(AttributeData attribute, string target)
    {
        var builder = new StringBuilder();
        builder.Append('[').Append(target).Append(attribute.AttributeClass!.ToDisplayString(TypeFormat));
        var arguments = attribute.ConstructorArguments.Select(Constant)
            .Concat(attribute.NamedArguments.Select(a => EscapeIdentifier(a.Key) + " = " + Constant(a.Value)))
            .ToList();
        if (arguments.Count > 0)
        {
            builder.Append('(').Append(string.Join(", ", arguments)).Append(')');
        }

        return builder.Append(']').ToString();
    }
}

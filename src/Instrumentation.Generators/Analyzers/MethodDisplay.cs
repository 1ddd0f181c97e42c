using Microsoft.CodeAnalysis;

namespace Instrumentation.Generators.Analyzers;

/// <summary>How the analyzers name a method in their messages: <c>Type.Method</c>.</summary>
internal static class MethodDisplay
{
    /// <summary>
    /// <c>Type.Method</c>; a member of a C# 14 <c>extension(...)</c> block is named after the static class that declares
    /// the block (the block itself has no name).
    /// </summary>
    public static string TypeAndName(IMethodSymbol method)
    {
        var type = method.ContainingType;
        while (type is { Name.Length: 0 })
        {
            type = type.ContainingType;
        }

        return type is null ? method.Name : type.Name + "." + method.Name;
    }
}

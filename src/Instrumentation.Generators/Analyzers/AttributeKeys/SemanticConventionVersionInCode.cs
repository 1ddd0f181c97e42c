using System;
using Instrumentation.Generators.SemanticConventions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Instrumentation.Generators.Analyzers.AttributeKeys;

/// <summary>
/// The semantic-conventions release instrumentation code names itself, for a project that does not declare one:
/// a field or property whose name says so (<c>SemanticConventionsVersion</c>, <c>SemConvVersion</c>, <c>SchemaUrl</c>,
/// <c>TelemetrySchemaUrl</c>…) initialised with a schema URL (<c>"https://opentelemetry.io/schemas/1.23.0"</c>), a
/// version string (<c>"1.42.0"</c>) or a <c>System.Version</c> (<c>new Version(1, 42, 0)</c>, <c>new(1, 42)</c>,
/// <c>Version.Parse("1.42")</c>). When several are found (a source per signal, an old and a new one side by side),
/// the newest wins: the project knows that release, and deprecations up to it concern code that still writes the old
/// keys.
/// </summary>
/// <remarks>
/// Cheap: the compiler's declaration table answers which members have such a name (no syntax tree is walked), and
/// only their initializers are read, syntactically. Run once per compilation, when the first key is judged.
/// </remarks>
internal static class SemanticConventionVersionInCode
{
    private const string SchemaUrlPrefix = "opentelemetry.io/schemas/";

    public static (SemanticConventionVersion Version, string Origin)? Find(Compilation compilation)
    {
        (SemanticConventionVersion Version, string Origin)? newest = null;
        foreach (var symbol in compilation.GetSymbolsWithName(IsVersionName, SymbolFilter.Member))
        {
            if (symbol is not (IFieldSymbol or IPropertySymbol))
            {
                continue;
            }

            foreach (var reference in symbol.DeclaringSyntaxReferences)
            {
                var value = reference.GetSyntax() switch
                {
                    VariableDeclaratorSyntax declarator => declarator.Initializer?.Value,
                    PropertyDeclarationSyntax property => property.Initializer?.Value ?? property.ExpressionBody?.Expression,
                    _ => null,
                };

                if (TryRead(value, out var version) && (newest is null || version > newest.Value.Version))
                {
                    newest = (version, symbol.ContainingType is { } type ? type.Name + "." + symbol.Name : symbol.Name);
                }
            }
        }

        return newest;
    }

    internal static bool IsVersionName(string name) =>
        name.IndexOf("SemanticConvention", StringComparison.OrdinalIgnoreCase) >= 0
        || name.IndexOf("SemConv", StringComparison.OrdinalIgnoreCase) >= 0
        || name.IndexOf("SchemaUrl", StringComparison.OrdinalIgnoreCase) >= 0
        || name.IndexOf("SchemaVersion", StringComparison.OrdinalIgnoreCase) >= 0;

    internal static bool TryRead(ExpressionSyntax? value, out SemanticConventionVersion version)
    {
        version = default;
        switch (value)
        {
            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                return TryReadText(literal.Token.ValueText, out version);

            case BaseObjectCreationExpressionSyntax { ArgumentList.Arguments: var arguments }
                when value is ImplicitObjectCreationExpressionSyntax
                    || (value is ObjectCreationExpressionSyntax creation && IsVersionType(creation.Type)):
                return TryReadArguments(arguments, out version);

            // Version.Parse("1.42.0")
            case InvocationExpressionSyntax
            {
                Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Parse" } access,
                ArgumentList.Arguments: { Count: 1 } parseArguments,
            } when IsVersionType(access.Expression) && parseArguments[0].Expression is LiteralExpressionSyntax text
                && text.IsKind(SyntaxKind.StringLiteralExpression):
                return TryReadText(text.Token.ValueText, out version);

            default:
                return false;
        }
    }

    private static bool IsVersionType(ExpressionSyntax type) =>
        type switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText == "Version",
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText == "Version",
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText == "Version",
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText == "Version",
            _ => false,
        };

    private static bool TryReadArguments(SeparatedSyntaxList<ArgumentSyntax> arguments, out SemanticConventionVersion version)
    {
        version = default;
        if (arguments.Count == 1 && arguments[0].Expression is LiteralExpressionSyntax text && text.IsKind(SyntaxKind.StringLiteralExpression))
        {
            return TryReadText(text.Token.ValueText, out version);
        }

        if (arguments.Count is < 2 or > 4
            || arguments[0].Expression is not LiteralExpressionSyntax { Token.Value: int major }
            || arguments[1].Expression is not LiteralExpressionSyntax { Token.Value: int minor })
        {
            return false;
        }

        return IsPlausible(version = new SemanticConventionVersion(major, minor));
    }

    private static bool TryReadText(string text, out SemanticConventionVersion version)
    {
        var schema = text.IndexOf(SchemaUrlPrefix, StringComparison.OrdinalIgnoreCase);
        if (schema >= 0)
        {
            text = text.Substring(schema + SchemaUrlPrefix.Length).TrimEnd('/');
        }

        return SemanticConventionVersion.TryParse(text, out version) && IsPlausible(version);
    }

    // Semantic conventions are 1.x; the oldest releases never had the keys the table knows about.
    private static bool IsPlausible(SemanticConventionVersion version) =>
        version.Major == 1 && version.Minor >= 4 && version.Minor < 1000;
}

using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Instrumentation.Generators.Analyzers.AttributeKeys;

/// <summary>Where the text of a key is written, which is what a fix rewrites.</summary>
internal enum KeyHolder
{
    /// <summary>A string literal at the use.</summary>
    Literal,

    /// <summary>The initializer of a <c>const</c> field or local, a <c>static readonly</c> field or a local that is never reassigned.</summary>
    Variable,

    /// <summary>A literal inside a helper method that builds the tags passed at the use.</summary>
    Helper,
}

/// <summary>A key's text and the literal that holds it (null when it cannot be rewritten, e.g. a const from metadata).</summary>
internal readonly record struct KeySource(string Key, Location? Literal, KeyHolder Holder)
{
    // How many const-to-const hops are followed to find the literal a fix rewrites.
    private const int MaxConstantDepth = 3;

    /// <summary>
    /// The key an operation evaluates to: a constant, or the literal initializer of a <c>static readonly</c> string
    /// field (never assigned in a static constructor) or of a string local that is never reassigned. Null otherwise.
    /// </summary>
    public static KeySource? Resolve(IOperation keyOperation, CancellationToken cancellationToken)
    {
        var operation = Unwrap(keyOperation);
        if (keyOperation.ConstantValue is { HasValue: true, Value: string constant })
        {
            return operation is ILiteralOperation && operation.Syntax is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression)
                ? new KeySource(constant, literal.GetLocation(), KeyHolder.Literal)
                : new KeySource(constant, FindConstantLiteral(operation, cancellationToken), KeyHolder.Variable);
        }

        return operation switch
        {
            IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: true, IsConst: false, Type.SpecialType: SpecialType.System_String } field }
                => ResolveReadonlyField(field, cancellationToken),
            ILocalReferenceOperation { Local: { IsConst: false, RefKind: RefKind.None, Type.SpecialType: SpecialType.System_String } local }
                => ResolveLocal(local, operation.SemanticModel, cancellationToken),
            _ => null,
        };
    }

    /// <summary>A local declared with a string literal initializer (whether it keeps it is checked by <see cref="Resolve"/>).</summary>
    public static bool HasLiteralInitializer(ILocalSymbol local)
    {
        if (local.Type.SpecialType != SpecialType.System_String)
        {
            return false;
        }

        var references = local.DeclaringSyntaxReferences; // a new array at each call: read once
        return references.Length == 1
            && references[0].GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: LiteralExpressionSyntax literal }
            && literal.IsKind(SyntaxKind.StringLiteralExpression);
    }

    public static IOperation? Unwrap(IOperation? operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    private static KeySource? ResolveReadonlyField(IFieldSymbol field, CancellationToken cancellationToken)
    {
        if (field.DeclaringSyntaxReferences.Length != 1
            || field.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: LiteralExpressionSyntax literal }
            || !literal.IsKind(SyntaxKind.StringLiteralExpression)
            || IsAssignedInStaticConstructor(field, cancellationToken))
        {
            return null;
        }

        return new KeySource(literal.Token.ValueText, literal.GetLocation(), KeyHolder.Variable);
    }

    // A static readonly field can only be written by its initializer and the static constructor.
    private static bool IsAssignedInStaticConstructor(IFieldSymbol field, CancellationToken cancellationToken)
    {
        foreach (var constructor in field.ContainingType.StaticConstructors)
        {
            foreach (var reference in constructor.DeclaringSyntaxReferences)
            {
                foreach (var node in reference.GetSyntax(cancellationToken).DescendantNodes())
                {
                    if (node is AssignmentExpressionSyntax assignment && NamesField(assignment.Left, field.Name))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static bool NamesField(ExpressionSyntax target, string name) => target switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText == name,
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText == name,
        _ => false,
    };

    // string key = "http.method"; ... activity.SetTag(key, v): the local must keep its initializer everywhere it is
    // visible (no assignment, no ref/out use), which is checked in the one member that declares it.
    private static KeySource? ResolveLocal(ILocalSymbol local, SemanticModel? model, CancellationToken cancellationToken)
    {
        if (model is null
            || local.DeclaringSyntaxReferences.Length != 1
            || local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: LiteralExpressionSyntax literal } declarator
            || !literal.IsKind(SyntaxKind.StringLiteralExpression)
            || declarator.SyntaxTree != model.SyntaxTree)
        {
            return null;
        }

        var scope = declarator.Ancestors().FirstOrDefault(a => a is MemberDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax);
        if (scope is null)
        {
            return null;
        }

        foreach (var node in scope.DescendantNodes())
        {
            var written = node switch
            {
                AssignmentExpressionSyntax assignment => assignment.Left as IdentifierNameSyntax,
                ArgumentSyntax { RefKindKeyword.RawKind: not 0 } argument => argument.Expression as IdentifierNameSyntax,
                _ => null,
            };
            if (written is not null
                && written.Identifier.ValueText == local.Name
                && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(written, cancellationToken).Symbol, local))
            {
                return null;
            }
        }

        return new KeySource(literal.Token.ValueText, literal.GetLocation(), KeyHolder.Variable);
    }

    // The literal initializer of the const field or local a key names (through const-to-const references in the same file).
    private static Location? FindConstantLiteral(IOperation? operation, CancellationToken cancellationToken)
    {
        var symbol = operation switch
        {
            IFieldReferenceOperation { Field.IsConst: true } field => (ISymbol)field.Field,
            ILocalReferenceOperation { Local.IsConst: true } local => local.Local,
            _ => null,
        };

        var model = operation?.SemanticModel;
        for (var depth = 0; symbol is not null && model is not null && depth < MaxConstantDepth; depth++)
        {
            var references = symbol.DeclaringSyntaxReferences;
            var initializer = references.Length == 1 && references[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: var value }
                ? value
                : null;
            switch (initializer)
            {
                case LiteralExpressionSyntax constant when constant.IsKind(SyntaxKind.StringLiteralExpression):
                    return constant.GetLocation();
                case IdentifierNameSyntax or MemberAccessExpressionSyntax when initializer.SyntaxTree == model.SyntaxTree:
                    symbol = model.GetSymbolInfo(initializer, cancellationToken).Symbol is { } next
                        && next is IFieldSymbol { IsConst: true } or ILocalSymbol { IsConst: true }
                        ? next
                        : null;
                    break;
                default:
                    return null;
            }
        }

        return null;
    }
}

using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Instrumentation.CodeFixes.SpanNames;

/// <summary>
/// Names derived from the expression a span name interpolated: <c>{userId}</c> in the template and the tag key. The key
/// is the semantic-convention attribute when the value clearly is one (<c>databaseName</c> → <c>db.namespace</c>,
/// <c>userId</c> → <c>enduser.id</c>, <c>requestPath</c> → <c>url.path</c>); otherwise one snake_case segment
/// (<c>[a-z][a-z0-9_]*</c>), valid under the OpenTelemetry attribute naming rules and never inside a namespace owned by
/// the semantic conventions.
/// </summary>
internal static class TagNaming
{
    private const string Fallback = "value";

    // Placeholder words (lowercase, trailing "name" kept) → the semantic-convention key they clearly are. Only
    // unambiguous shapes: "method" alone may be a CLR method, "operation" a database or a gen_ai operation.
    private static readonly Dictionary<string, string> SemanticKeys = new(StringComparer.Ordinal)
    {
        ["database"] = "db.namespace",
        ["database name"] = "db.namespace",
        ["db"] = "db.namespace",
        ["db name"] = "db.namespace",
        ["catalog"] = "db.namespace",
        ["keyspace"] = "db.namespace",
        ["table"] = "db.collection.name",
        ["table name"] = "db.collection.name",
        ["collection"] = "db.collection.name",
        ["collection name"] = "db.collection.name",
        ["sql"] = "db.query.text",
        ["command text"] = "db.query.text",
        ["query text"] = "db.query.text",
        ["user id"] = "enduser.id",
        ["end user id"] = "enduser.id",
        ["enduser id"] = "enduser.id",
        ["http method"] = "http.request.method",
        ["request method"] = "http.request.method",
        ["route"] = "http.route",
        ["route template"] = "http.route",
        ["http route"] = "http.route",
        ["url"] = "url.full",
        ["uri"] = "url.full",
        ["request url"] = "url.full",
        ["request uri"] = "url.full",
        ["path"] = "url.path",
        ["url path"] = "url.path",
        ["request path"] = "url.path",
        ["query string"] = "url.query",
        ["topic"] = "messaging.destination.name",
        ["topic name"] = "messaging.destination.name",
        ["queue"] = "messaging.destination.name",
        ["queue name"] = "messaging.destination.name",
        ["destination"] = "messaging.destination.name",
        ["destination name"] = "messaging.destination.name",
        ["exchange"] = "messaging.destination.name",
        ["exchange name"] = "messaging.destination.name",
        ["message id"] = "messaging.message.id",
        ["model"] = "gen_ai.request.model",
        ["model name"] = "gen_ai.request.model",
        ["model id"] = "gen_ai.request.model",
        ["host"] = "server.address",
        ["host name"] = "server.address",
        ["hostname"] = "server.address",
        ["server address"] = "server.address",
        ["port"] = "server.port",
        ["server port"] = "server.port",
        ["session id"] = "session.id",
    };

    /// <summary>The key for a placeholder: a semantic-convention key where one fits, else its snake_case.</summary>
    public static string TagKeyFor(string placeholder)
    {
        var snake = KeyFor(placeholder);
        return SemanticKeys.TryGetValue(snake.Replace('_', ' '), out var semantic) ? semantic : snake;
    }

    // Members that say little on their own: "order.Id" reads better as orderId than as id.
    private static readonly HashSet<string> VagueMembers = new(StringComparer.OrdinalIgnoreCase)
    {
        "Id", "Name", "Key", "Code", "Number", "No", "Value", "Path", "Type", "Count", "Index", "Status", "Kind", "Title", "Slug",
    };

    private static readonly HashSet<string> TextConversions = new(StringComparer.Ordinal)
    {
        "ToString", "ToLower", "ToLowerInvariant", "ToUpper", "ToUpperInvariant", "Trim", "TrimStart", "TrimEnd",
    };

    /// <summary>
    /// A camelCase placeholder name for a value written as <paramref name="expression"/>: its identifier or member
    /// name, else the first name it uses (<c>attempt + 1</c> → <c>attempt</c>); null when it names nothing.
    /// </summary>
    public static string? PlaceholderFor(ExpressionSyntax expression)
    {
        var parts = new List<string>();
        Collect(expression, parts);
        if (parts.Count == 0)
        {
            foreach (var identifier in expression.DescendantNodes())
            {
                if (identifier is IdentifierNameSyntax { Parent: not InvocationExpressionSyntax } firstName)
                {
                    parts.Add(firstName.Identifier.ValueText);
                    break;
                }
            }
        }

        for (var i = 0; i < parts.Count; i++)
        {
            parts[i] = Clean(parts[i]);
        }

        parts.RemoveAll(p => p.Length == 0);
        if (parts.Count == 0)
        {
            return null;
        }

        var last = parts[parts.Count - 1];
        string name;
        if (parts.Count >= 2 && VagueMembers.Contains(last))
        {
            var owner = parts[parts.Count - 2];
            name = last.StartsWith(owner, StringComparison.OrdinalIgnoreCase)
                ? Camel(last)
                : Camel(owner) + char.ToUpperInvariant(last[0]) + last.Substring(1);
        }
        else
        {
            name = Camel(last);
        }

        return name.Length == 0 || !IsAsciiLetter(name[0]) ? null : name;
    }

    /// <summary>The tag key for a placeholder: <c>userId</c> → <c>user_id</c>, <c>orderID</c> → <c>order_id</c>.</summary>
    public static string KeyFor(string placeholder)
    {
        var builder = new StringBuilder(placeholder.Length + 4);
        for (var i = 0; i < placeholder.Length; i++)
        {
            var c = placeholder[i];
            if (!IsAsciiLetter(c) && !IsAsciiDigit(c))
            {
                AppendSeparator(builder);
                continue;
            }

            if (IsAsciiUpper(c) && i > 0)
            {
                var previous = placeholder[i - 1];
                var nextIsLower = i + 1 < placeholder.Length && IsAsciiLower(placeholder[i + 1]);
                if (IsAsciiLower(previous) || IsAsciiDigit(previous) || (IsAsciiUpper(previous) && nextIsLower))
                {
                    AppendSeparator(builder);
                }
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        var key = builder.ToString().Trim('_');
        if (key.Length == 0)
        {
            return Fallback;
        }

        return IsAsciiLetter(key[0]) ? key : Fallback + "_" + key;
    }

    private static void AppendSeparator(StringBuilder builder)
    {
        if (builder.Length > 0 && builder[builder.Length - 1] != '_')
        {
            builder.Append('_');
        }
    }

    private static void Collect(ExpressionSyntax expression, List<string> parts)
    {
        switch (expression)
        {
            case IdentifierNameSyntax identifier:
                parts.Add(identifier.Identifier.ValueText);
                break;
            case GenericNameSyntax generic:
                parts.Add(generic.Identifier.ValueText);
                break;
            case MemberAccessExpressionSyntax memberAccess:
                if (memberAccess.Expression is not (ThisExpressionSyntax or BaseExpressionSyntax or PredefinedTypeSyntax))
                {
                    Collect(memberAccess.Expression, parts);
                }

                parts.Add(memberAccess.Name.Identifier.ValueText);
                break;
            case MemberBindingExpressionSyntax memberBinding:
                parts.Add(memberBinding.Name.Identifier.ValueText);
                break;
            case ConditionalAccessExpressionSyntax conditionalAccess:
                Collect(conditionalAccess.Expression, parts);
                Collect(conditionalAccess.WhenNotNull, parts);
                break;
            case InvocationExpressionSyntax invocation:
                CollectInvocation(invocation, parts);
                break;
            case ElementAccessExpressionSyntax elementAccess:
                Collect(elementAccess.Expression, parts);
                break;
            case CastExpressionSyntax cast:
                Collect(cast.Expression, parts);
                break;
            case ParenthesizedExpressionSyntax parenthesized:
                Collect(parenthesized.Expression, parts);
                break;
            case PostfixUnaryExpressionSyntax postfix:
                Collect(postfix.Operand, parts);
                break;
            case AwaitExpressionSyntax awaitExpression:
                Collect(awaitExpression.Expression, parts);
                break;
        }
    }

    private static void CollectInvocation(InvocationExpressionSyntax invocation, List<string> parts)
    {
        var (receiver, methodName) = invocation.Expression switch
        {
            MemberAccessExpressionSyntax access => (access.Expression is ThisExpressionSyntax or BaseExpressionSyntax or PredefinedTypeSyntax ? null : access.Expression, access.Name.Identifier.ValueText),
            MemberBindingExpressionSyntax binding => ((ExpressionSyntax?)null, binding.Name.Identifier.ValueText),
            SimpleNameSyntax simple => (null, simple.Identifier.ValueText),
            _ => (null, string.Empty),
        };

        if (TextConversions.Contains(methodName))
        {
            if (receiver is not null)
            {
                Collect(receiver, parts);
            }

            return;
        }

        if (receiver is not null)
        {
            Collect(receiver, parts);
        }

        // GetUserId() → UserId
        if (methodName.Length > 3 && methodName.StartsWith("Get", StringComparison.Ordinal) && char.IsUpper(methodName[3]))
        {
            methodName = methodName.Substring(3);
        }

        parts.Add(methodName);
    }

    private static string Clean(string identifier)
    {
        var start = 0;
        if (identifier.Length > 2 && identifier[1] == '_' && identifier[0] is 'm' or 's' or 't')
        {
            start = 2;
        }

        var builder = new StringBuilder(identifier.Length);
        for (var i = start; i < identifier.Length; i++)
        {
            var c = identifier[i];
            if (IsAsciiLetter(c) || (IsAsciiDigit(c) && builder.Length > 0))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static string Camel(string name)
    {
        var upper = 0;
        while (upper < name.Length && IsAsciiUpper(name[upper]))
        {
            upper++;
        }

        if (upper == 0)
        {
            return name;
        }

        // "URLPath" → "urlPath", "ID" → "id", "UserId" → "userId"
        var lowered = upper == 1 || upper == name.Length || !IsAsciiLower(name[upper]) ? upper : upper - 1;
        return name.Substring(0, lowered).ToLowerInvariant() + name.Substring(lowered);
    }

    private static bool IsAsciiLetter(char c) => IsAsciiLower(c) || IsAsciiUpper(c);

    private static bool IsAsciiLower(char c) => c is >= 'a' and <= 'z';

    private static bool IsAsciiUpper(char c) => c is >= 'A' and <= 'Z';

    private static bool IsAsciiDigit(char c) => c is >= '0' and <= '9';
}

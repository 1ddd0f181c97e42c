using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Instrumentation.Generators.Analyzers.SpanNames;

/// <summary>How many distinct values a piece of a span name can take, judged by where the value comes from.</summary>
internal enum HoleCardinality
{
    /// <summary>Fixed by the program or its deployment: constants, enums, code metadata, configuration.</summary>
    Bounded,

    /// <summary>Nothing says either way (a string parameter, a call): per-call data as far as the name is concerned.</summary>
    Unknown,

    /// <summary>Known to change per call: ids, GUIDs, timestamps, counters, loop indices, paths, user input.</summary>
    High,
}

/// <summary>What a span-name hole is, and why, in a few words for the message (<c>a loop index</c>).</summary>
internal readonly record struct HoleVerdict(HoleCardinality Cardinality, string? Why = null)
{
    public static HoleVerdict Bounded { get; } = new(HoleCardinality.Bounded);

    public static HoleVerdict Unknown { get; } = new(HoleCardinality.Unknown);

    public bool IsBounded => Cardinality == HoleCardinality.Bounded;

    public static HoleVerdict Worst(HoleVerdict a, HoleVerdict b) => b.Cardinality > a.Cardinality ? b : a;
}

/// <summary>
/// Decides the cardinality of a value interpolated or concatenated into a span name from its <em>source</em>: the
/// symbol it reads (a readonly field or get-only property of the instrumented type, an options object, a database
/// connection's <c>Database</c>, reflection metadata, a <c>[CallerMemberName]</c> parameter…), what a local was set
/// to (one step), its type (GUID, timestamp) and, last, the words of its name (<c>databaseName</c> vs <c>requestId</c>).
/// </summary>
/// <remarks>Runs only on the holes of a name given to a span API: no per-compilation or per-tree work.</remarks>
internal sealed class HoleSources
{
    // Last word of a name (ignoring a trailing "name") that denotes something a deployment fixes or the semantic
    // conventions put in span names on purpose ({db.operation.name} {db.namespace}, {messaging.operation.name} {destination},
    // {gen_ai.operation.name} {gen_ai.request.model}, {http.request.method} {http.route}).
    private static readonly HashSet<string> BoundedWords = new(StringComparer.Ordinal)
    {
        "database", "db", "schema", "catalog", "keyspace", "namespace", "server", "host", "hostname", "service",
        "queue", "topic", "exchange", "destination", "channel", "stream", "subject", "table", "collection", "bucket",
        "container", "operation", "method", "verb", "procedure", "model", "provider", "system", "region", "environment",
        "env", "route", "template", "controller", "action", "handler", "consumer", "producer", "job", "workflow", "kind",
        "type", "category", "mode", "level", "protocol", "scheme", "feature", "application", "app", "cluster", "instance",
        "activity", "span", "source", "tracer", "meter", "prefix", "suffix", "component", "module", "step", "stage", "phase",
        "command", "pipeline", "store", "engine", "vendor", "client", "peer", "pattern", "endpoint", "target", "area",
        "summary",
    };

    // The last word of a name in this set marks a per-call value; so does any of them when the last word says nothing.
    private static readonly HashSet<string> HighWords = new(StringComparer.Ordinal)
    {
        "id", "ids", "guid", "uuid", "key", "token", "url", "uri", "path", "query", "sql", "statement", "text", "body",
        "payload", "email", "user", "username", "customer", "account", "order", "session", "request", "correlation",
        "trace", "timestamp", "time", "date", "count", "counter", "sequence", "seq", "offset", "number", "num", "hash",
        "etag", "ip", "address", "phone", "input", "file", "filename", "nonce", "i", "j", "k", "idx", "tenant", "message",
        "conversation", "prompt", "headers", "header",
    };

    // Words that carry no meaning on their own: "userName" is about the user, "databaseName" about the database.
    private static readonly HashSet<string> NeutralTrailingWords = new(StringComparer.Ordinal) { "name", "value", "string", "str" };

    // What a connection is connected to, and as whom: configuration, one value per deployment (the login name included).
    private static readonly HashSet<string> ConnectionMembers = new(StringComparer.Ordinal)
    {
        "Database", "DataSource", "InitialCatalog", "Host", "Server", "ServerVersion", "Port", "Keyspace", "DatabaseName",
        "UserName", "Username", "User", "UserId", "UserID", "InferredUserName", "Login",
    };

    // Attribute keys whose values the semantic conventions build span names from ({db.operation.name} {db.collection.name},
    // {messaging.operation.name} {messaging.destination.name}, {rpc.method}, {http.route}…): a value the same code
    // records under one of them is low-cardinality by the conventions' own definition.
    private static readonly HashSet<string> SpanNameKeys = new(StringComparer.Ordinal)
    {
        "db.operation.name", "db.collection.name", "db.namespace", "db.query.summary", "db.stored_procedure.name",
        "db.system.name", "db.system", "db.name", "db.operation", "db.sql.table", "db.mongodb.collection",
        "db.cassandra.table", "db.cosmosdb.container", "messaging.operation.name", "messaging.operation.type",
        "messaging.operation", "messaging.destination.name", "messaging.destination.template", "messaging.system",
        "rpc.method", "rpc.service", "rpc.system", "rpc.system.name", "http.route", "http.request.method", "http.method",
        "url.template", "gen_ai.operation.name", "gen_ai.request.model", "gen_ai.agent.name", "gen_ai.tool.name",
        "server.address", "code.function.name", "code.function", "code.namespace", "faas.name", "graphql.operation.name",
        "graphql.operation.type",
    };

    private readonly SpanNameApis _apis;

    public HoleSources(SpanNameApis apis)
    {
        _apis = apis;
    }

    /// <summary>Classifies one hole; <paramref name="followLocals"/> is false one step away from the name.</summary>
    public HoleVerdict Classify(IOperation operation, bool followLocals = true)
    {
        var verdict = ClassifySource(operation, followLocals);

        // Checked last, and only for a hole that would be reported: it reads the function around the name.
        return !verdict.IsBounded && followLocals && IsRecordedUnderSpanNameKey(Unwrap(operation)) ? HoleVerdict.Bounded : verdict;
    }

    private HoleVerdict ClassifySource(IOperation operation, bool followLocals)
    {
        var value = Unwrap(operation);
        if (value.ConstantValue.HasValue)
        {
            return HoleVerdict.Bounded;
        }

        if (ClassifyType(value.Type) is { } byType)
        {
            return byType;
        }

        switch (value)
        {
            case ITypeOfOperation or INameOfOperation:
                return HoleVerdict.Bounded;

            case IIncrementOrDecrementOperation:
                return new HoleVerdict(HoleCardinality.High, "a counter");

            case IPropertyReferenceOperation { Property: var property } reference:
                return ClassifyMember(property, reference.Instance, property.IsReadOnly || property.SetMethod is { IsInitOnly: true });

            case IFieldReferenceOperation { Field: var field } reference:
                return ClassifyMember(field, reference.Instance, field.IsReadOnly || field.IsConst);

            case IParameterReferenceOperation { Parameter: var parameter }:
                return ClassifyParameter(parameter);

            case ILocalReferenceOperation { Local: var local } reference:
                return ClassifyLocal(local, reference, followLocals);

            case IInvocationOperation invocation:
                return ClassifyInvocation(invocation, followLocals);

            case IConditionalAccessOperation conditionalAccess:
                return Classify(conditionalAccess.WhenNotNull, followLocals);

            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                return HoleVerdict.Worst(Classify(conditional.WhenTrue, followLocals), Classify(whenFalse, followLocals));

            case ICoalesceOperation coalesce:
                return HoleVerdict.Worst(Classify(coalesce.Value, followLocals), Classify(coalesce.WhenNull, followLocals));

            case ISwitchExpressionOperation { Arms.Length: > 0 } switchExpression:
                var worst = HoleVerdict.Bounded;
                foreach (var arm in switchExpression.Arms)
                {
                    worst = HoleVerdict.Worst(worst, Classify(arm.Value, followLocals));
                }

                return worst;

            case IInterpolatedStringOperation interpolated:
                var holes = HoleVerdict.Bounded;
                foreach (var part in interpolated.Parts)
                {
                    if (part is IInterpolationOperation hole)
                    {
                        holes = HoleVerdict.Worst(holes, Classify(hole.Expression, followLocals));
                    }
                }

                return holes;

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary when binary.Type?.SpecialType == SpecialType.System_String:
                return HoleVerdict.Worst(Classify(binary.LeftOperand, followLocals), Classify(binary.RightOperand, followLocals));

            case IAwaitOperation awaited:
                return Classify(awaited.Operation, followLocals);

            default:
                return HoleVerdict.Unknown;
        }
    }

    /// <summary>
    /// The variable, parameter, field or property read by <paramref name="value"/> is also recorded, in the same member (type),
    /// under a key the conventions build span names from: <c>activity.SetTag("db.operation.name", operation)</c>,
    /// <c>tags.Add(SemanticConventions.AttributeMessagingDestinationName, queue)</c>. Reads the syntax of that one member
    /// (of the type part that declares the name, for a field or property).
    /// </summary>
    internal static bool IsRecordedUnderSpanNameKey(IOperation value)
    {
        var symbol = value switch
        {
            ILocalReferenceOperation local => (ISymbol)local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            IFieldReferenceOperation field => field.Field,
            IPropertyReferenceOperation property => property.Property,
            _ => null,
        };
        var model = value.SemanticModel;

        // A local or parameter is recorded in its function; a field or property of the type anywhere in the type
        // (StartActivity in one method, the tags in an Enrich method next to it).
        var member = symbol is IFieldSymbol or IPropertySymbol
            ? value.Syntax.FirstAncestorOrSelf<SyntaxNode>(static n => n is TypeDeclarationSyntax)
            : value.Syntax.FirstAncestorOrSelf<SyntaxNode>(static n => n is MemberDeclarationSyntax or LocalFunctionStatementSyntax);
        if (symbol is null || model is null || member is null || !ReferenceEquals(model.SyntaxTree, member.SyntaxTree))
        {
            return false;
        }

        var name = symbol.Name;
        foreach (var node in member.DescendantNodes())
        {
            // SetTag(key, v) / tags.Add(key, v), { key, v } in a collection initializer, new KeyValuePair<…>(key, v) / new(key, v).
            var (keyExpression, valueExpression) = node switch
            {
                InvocationExpressionSyntax { ArgumentList.Arguments: { Count: >= 2 } arguments } invocation when IsTagCall(invocation.Expression)
                    => (arguments[0].Expression, arguments[1].Expression),
                InitializerExpressionSyntax { RawKind: (int)SyntaxKind.ComplexElementInitializerExpression, Expressions: { Count: 2 } pair }
                    => (pair[0], pair[1]),
                BaseObjectCreationExpressionSyntax { ArgumentList.Arguments: { Count: 2 } arguments }
                    => (arguments[0].Expression, arguments[1].Expression),
                _ => (null, null),
            };

            if (keyExpression is null
                || valueExpression is null
                || !Mentions(valueExpression, name)
                || model.GetConstantValue(keyExpression) is not { HasValue: true, Value: string key }
                || !SpanNameKeys.Contains(key))
            {
                continue;
            }

            if (model.GetOperation(valueExpression) is { } recorded && SymbolEqualityComparer.Default.Equals(ReadSymbol(Unwrap(recorded)), symbol))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsTagCall(ExpressionSyntax expression) =>
        (expression switch
        {
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            _ => null,
        }) is "SetTag" or "AddTag" or "SetAttribute" or "Add";

    // Cheap syntactic pre-check before binding: the value's text names the symbol.
    private static bool Mentions(ExpressionSyntax expression, string name)
    {
        foreach (var token in expression.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == name)
            {
                return true;
            }
        }

        return false;
    }

    private static ISymbol? ReadSymbol(IOperation operation) =>
        operation switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            IFieldReferenceOperation field => field.Field,
            IPropertyReferenceOperation property => property.Property,
            IInvocationOperation { TargetMethod.Name: "ToString", Instance: { } instance } => ReadSymbol(Unwrap(instance)),
            _ => null,
        };

    private HoleVerdict? ClassifyType(ITypeSymbol? type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, TypeArguments.Length: 1 } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        if (type is null)
        {
            return null;
        }

        if (type.TypeKind == TypeKind.Enum || type.SpecialType == SpecialType.System_Boolean || _apis.IsSystemType(type))
        {
            return HoleVerdict.Bounded;
        }

        if (type.SpecialType == SpecialType.System_DateTime)
        {
            return new HoleVerdict(HoleCardinality.High, "a timestamp");
        }

        if (type is INamedTypeSymbol { ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } named)
        {
            switch (named.Name)
            {
                case "Guid":
                    return new HoleVerdict(HoleCardinality.High, "a GUID");
                case "DateTimeOffset" or "DateOnly" or "TimeOnly":
                    return new HoleVerdict(HoleCardinality.High, "a timestamp");
                case "TimeSpan":
                    return new HoleVerdict(HoleCardinality.High, "a duration");
            }
        }

        return null;
    }

    private HoleVerdict ClassifyMember(ISymbol member, IOperation? instance, bool setOnce)
    {
        var receiver = instance is null ? null : Unwrap(instance);

        // The span's own name, already checked where it was given.
        if (member is IPropertySymbol property && _apis.IsActivityName(property))
        {
            return HoleVerdict.Bounded;
        }

        // Code metadata: method, type, parameter and assembly names.
        if (member.Name is "Name" or "FullName" or "Namespace" or "AssemblyQualifiedName" && IsReflectionType(member.ContainingType))
        {
            return HoleVerdict.Bounded;
        }

        if (member.IsStatic && member.ContainingType is { } owner && IsEnvironment(owner) && member.Name is "MachineName" or "ProcessId" or "UserName" or "OSVersion")
        {
            return HoleVerdict.Bounded;
        }

        // Configuration: options/settings objects, IConfiguration, a database connection or connection-string builder.
        if (receiver?.Type is { } receiverType && IsConfiguration(receiverType))
        {
            return HoleVerdict.Bounded;
        }

        if (member.ContainingType is { } containing && IsConfiguration(containing))
        {
            return HoleVerdict.Bounded;
        }

        if (ConnectionMembers.Contains(member.Name) && receiver?.Type is { } connectionType && IsConnection(connectionType))
        {
            return HoleVerdict.Bounded;
        }

        // A value the instrumented type sets once (a readonly field, a get-only property; any static readonly field): per
        // deployment, not per call, unless its name says it is an id, a path… (a message type's get-only MessageId).
        var byName = ByName(member.Name);
        var ownMember = receiver is IInstanceReferenceOperation || (receiver is null && IsInSource(member));
        if (setOnce && byName.Cardinality != HoleCardinality.High && (ownMember || (member.IsStatic && member is IFieldSymbol)))
        {
            return HoleVerdict.Bounded;
        }

        return byName;
    }

    private static HoleVerdict ClassifyParameter(IParameterSymbol parameter)
    {
        foreach (var attribute in parameter.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "CallerMemberNameAttribute" or "CallerFilePathAttribute" or "CallerLineNumberAttribute" or "CallerArgumentExpressionAttribute" })
            {
                return HoleVerdict.Bounded;
            }
        }

        return ByName(parameter.Name);
    }

    private HoleVerdict ClassifyLocal(ILocalSymbol local, IOperation reference, bool followLocals)
    {
        if (local.IsConst)
        {
            return HoleVerdict.Bounded;
        }

        if (!followLocals || local.DeclaringSyntaxReferences.Length != 1)
        {
            return ByName(local.Name);
        }

        var declaration = local.DeclaringSyntaxReferences[0].GetSyntax();
        switch (declaration)
        {
            case VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: ForStatementSyntax } }:
                return new HoleVerdict(HoleCardinality.High, "a loop index");

            case ForEachStatementSyntax forEach when reference.SemanticModel?.GetOperation(forEach.Expression) is { } collection:
                // Iterating configured queues or tables is bounded; iterating a batch of messages is not.
                var source = Classify(collection, followLocals: false);
                return source.IsBounded ? source : HoleVerdict.Worst(new HoleVerdict(HoleCardinality.Unknown, "a loop variable"), ByName(local.Name));

            case VariableDeclaratorSyntax { Initializer.Value: var initializer } declarator
                when IsAssignedOnce(declarator) && reference.SemanticModel?.GetOperation(initializer) is { } initialValue:
                var fromSource = Classify(initialValue, followLocals: false);
                return fromSource.Cardinality == HoleCardinality.Unknown ? HoleVerdict.Worst(fromSource, ByName(local.Name)) : fromSource;

            default:
                return ByName(local.Name);
        }
    }

    private HoleVerdict ClassifyInvocation(IInvocationOperation invocation, bool followLocals)
    {
        var method = invocation.TargetMethod;
        if (!method.IsStatic && invocation.Instance is { } instance &&
            method.Name is "ToString" or "ToLower" or "ToLowerInvariant" or "ToUpper" or "ToUpperInvariant" or "Trim" or "TrimStart" or "TrimEnd" or "GetName")
        {
            return Classify(instance, followLocals);
        }

        var type = method.ContainingType;
        if (type is { Name: "Guid" } && method.Name == "NewGuid")
        {
            return new HoleVerdict(HoleCardinality.High, "a new GUID");
        }

        if (type is { Name: "Interlocked" })
        {
            return new HoleVerdict(HoleCardinality.High, "a counter");
        }

        if (method.Name is "GetCurrentMethod" or "GetExecutingAssembly" or "GetCallingAssembly" or "GetEntryAssembly" && IsReflectionType(type))
        {
            return HoleVerdict.Bounded;
        }

        return ByName(method.Name.StartsWith("Get", StringComparison.Ordinal) ? method.Name.Substring(3) : method.Name);
    }

    /// <summary>The words of a name decide when its source does not: <c>databaseName</c> is bounded, <c>requestId</c> is not.</summary>
    internal static HoleVerdict ByName(string name)
    {
        var words = Words(name);
        if (words.Count == 0)
        {
            return HoleVerdict.Unknown;
        }

        // The last word names what the value is ("messageType" is a type, "userName" a user); earlier words qualify it.
        var last = words.Count - 1;
        while (last > 0 && NeutralTrailingWords.Contains(words[last]))
        {
            last--;
        }

        if (HighWords.Contains(words[last]))
        {
            return new HoleVerdict(HoleCardinality.High);
        }

        if (BoundedWords.Contains(words[last]))
        {
            return HoleVerdict.Bounded;
        }

        foreach (var word in words)
        {
            if (HighWords.Contains(word))
            {
                return new HoleVerdict(HoleCardinality.High);
            }
        }

        return HoleVerdict.Unknown;
    }

    /// <summary><c>_requestId</c> → request, id; <c>HTTPMethod</c> → http, method; <c>s_db_name</c> → db, name.</summary>
    internal static List<string> Words(string identifier)
    {
        var start = 0;
        if (identifier.Length > 2 && identifier[1] == '_' && identifier[0] is 'm' or 's' or 't')
        {
            start = 2;
        }

        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = start; i < identifier.Length; i++)
        {
            var c = identifier[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush();
                continue;
            }

            if (char.IsUpper(c) && current.Length > 0)
            {
                var previous = identifier[i - 1];
                var nextIsLower = i + 1 < identifier.Length && char.IsLower(identifier[i + 1]);
                if (char.IsLower(previous) || char.IsDigit(previous) || (char.IsUpper(previous) && nextIsLower))
                {
                    Flush();
                }
            }

            current.Append(char.ToLowerInvariant(c));
        }

        Flush();
        return words;

        void Flush()
        {
            if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
    }

    // A local is followed only when its initializer is its only value: no assignment, ++/--, ref or out elsewhere in
    // the function that declares it.
    internal static bool IsAssignedOnce(VariableDeclaratorSyntax declarator)
    {
        var name = declarator.Identifier.ValueText;
        SyntaxNode? scope = declarator.FirstAncestorOrSelf<SyntaxNode>(static n => n is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or GlobalStatementSyntax);
        if (scope is null)
        {
            return false;
        }

        foreach (var node in scope.DescendantNodes())
        {
            switch (node)
            {
                case AssignmentExpressionSyntax { Left: IdentifierNameSyntax target } when target.Identifier.ValueText == name:
                case PrefixUnaryExpressionSyntax { Operand: IdentifierNameSyntax operand } prefix
                    when operand.Identifier.ValueText == name && prefix.Kind() is SyntaxKind.PreIncrementExpression or SyntaxKind.PreDecrementExpression:
                case PostfixUnaryExpressionSyntax { Operand: IdentifierNameSyntax postfixOperand } postfix
                    when postfixOperand.Identifier.ValueText == name && postfix.Kind() is SyntaxKind.PostIncrementExpression or SyntaxKind.PostDecrementExpression:
                case ArgumentSyntax { RefKindKeyword.RawKind: not 0, Expression: IdentifierNameSyntax byRef } when byRef.Identifier.ValueText == name:
                    return false;
            }
        }

        return true;
    }

    private static bool IsInSource(ISymbol symbol)
    {
        foreach (var location in symbol.Locations)
        {
            if (location.IsInSource)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsReflectionType(INamedTypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.ContainingNamespace is { Name: "Reflection", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } ||
                current is { Name: "Type", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } })
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsEnvironment(INamedTypeSymbol type) =>
        type is { Name: "Environment", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

    // Options, settings and configuration objects: bound once from configuration, one value per deployment.
    private static bool IsConfiguration(ITypeSymbol type)
    {
        var name = type.Name;
        if (name.EndsWith("Options", StringComparison.Ordinal) || name.EndsWith("Settings", StringComparison.Ordinal) ||
            name.EndsWith("Configuration", StringComparison.Ordinal) || name.EndsWith("Config", StringComparison.Ordinal) ||
            name.EndsWith("ConfigurationSection", StringComparison.Ordinal) || name.EndsWith("ConnectionStringBuilder", StringComparison.Ordinal))
        {
            return true;
        }

        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.Name == "DbConnectionStringBuilder")
            {
                return true;
            }
        }

        return false;
    }

    // A database connection (or a driver's connector): what it is connected to, and as whom, is configuration
    // (DbConnection.Database, DataSource, a connector's user name).
    private static bool IsConnection(ITypeSymbol type)
    {
        if (type.Name.EndsWith("Connection", StringComparison.Ordinal) || type.Name.EndsWith("DataSource", StringComparison.Ordinal) ||
            type.Name.EndsWith("Connector", StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (implemented.Name == "IDbConnection")
            {
                return true;
            }
        }

        return false;
    }

    internal static IOperation Unwrap(IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation { OperatorMethod: null } conversion:
                    operation = conversion.Operand;
                    continue;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    continue;
                case IConditionalAccessInstanceOperation instance when SpanLifetime.SpanOrigin.OwnerOf(instance) is { } access:
                    operation = access.Operation;
                    continue;
                default:
                    return operation;
            }
        }
    }
}

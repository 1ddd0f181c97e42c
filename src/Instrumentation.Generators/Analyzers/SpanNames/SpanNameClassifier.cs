using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Instrumentation.Generators.Analyzers.SpanNames;

/// <summary>
/// Decides whether a span-name expression carries per-call data (TRC101) and splits it into pieces the code fix
/// can rewrite. Shared by the analyzer and the code fix so both always agree.
/// </summary>
internal sealed class SpanNameClassifier
{
    private const int MaxShownLength = 40;

    private readonly HoleSources _holes;

    public SpanNameClassifier(SpanNameApis apis)
    {
        _holes = new HoleSources(apis);
    }

    /// <summary>Analyzes the whole name given to a span. Null when the name is fine.</summary>
    public SpanNameFinding? Analyze(IOperation name)
    {
        var value = Unwrap(name);
        if (value.ConstantValue.HasValue)
        {
            return value.ConstantValue.Value is string constant ? AnalyzeConstant(value, constant) : null;
        }

        switch (value)
        {
            case IInterpolatedStringOperation interpolated:
                if (TryGetSingleStringHole(interpolated, out var inner))
                {
                    return Analyze(inner);
                }

                var fromInterpolation = new Builder(this);
                fromInterpolation.AddInterpolation(interpolated);
                return fromInterpolation.Finish();

            case IBinaryOperation binary when IsStringConcatenation(binary):
                var fromConcatenation = new Builder(this);
                fromConcatenation.AddConcatenationOperand(binary, "concatenates");
                return fromConcatenation.Finish();

            case IInvocationOperation invocation:
                return AnalyzeInvocation(invocation);

            case IConditionalOperation conditional:
                return AnalyzeConditional(conditional);

            case ICoalesceOperation coalesce:
                return WithoutRewrite(Analyze(coalesce.Value) ?? Analyze(coalesce.WhenNull));

            case ISwitchExpressionOperation switchExpression:
                foreach (var arm in switchExpression.Arms)
                {
                    if (Analyze(arm.Value) is { } armFinding)
                    {
                        return WithoutRewrite(armFinding);
                    }
                }

                return null;

            default:
                return AnalyzeBare(value);
        }
    }

    // A name that is a single value. A local is followed one step to the name it was built into; anything else is
    // reported only when its source marks it as per-call data (an id, a path, a GUID…): a bare parameter or call such as
    // StartActivity(operationName) cannot be judged here. Never rewritable: the template would be only a placeholder.
    private SpanNameFinding? AnalyzeBare(IOperation value)
    {
        if (value is ILocalReferenceOperation { Local: { IsConst: false, DeclaringSyntaxReferences.Length: 1 } local } &&
            local.DeclaringSyntaxReferences[0].GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: var initializer } declarator &&
            HoleSources.IsAssignedOnce(declarator) &&
            value.SemanticModel?.GetOperation(initializer) is { } initialValue &&
            Unwrap(initialValue) is IInterpolatedStringOperation or IBinaryOperation or IInvocationOperation &&
            Analyze(initialValue) is { } built)
        {
            return new SpanNameFinding(built.Reason + " (through '" + local.Name + "')", default);
        }

        var verdict = _holes.Classify(value);
        return verdict.Cardinality == HoleCardinality.High
            ? new SpanNameFinding("is " + Describe(value.Syntax, verdict), default)
            : null;
    }

    private static string Describe(SyntaxNode syntax, HoleVerdict verdict) =>
        "'" + Show(syntax) + "'" + (verdict.Why is { } why ? " (" + why + ")" : string.Empty);

    /// <summary>Analyzes a value appended to an existing name (<c>activity.DisplayName += …</c>).</summary>
    public SpanNameFinding? AnalyzeAppended(IOperation appended)
    {
        var builder = new Builder(this);
        builder.AddConcatenationOperand(appended, "appends");
        return WithoutRewrite(builder.Finish());
    }

    /// <summary>Analyzes a constant known only by its value (an attribute argument).</summary>
    public static SpanNameFinding? AnalyzeConstantText(string constant, ExpressionSyntax? literalSyntax)
    {
        var ids = SpanNameIdScanner.FindAll(constant);
        if (ids.Count == 0)
        {
            return null;
        }

        var parts = literalSyntax is LiteralExpressionSyntax
            ? ImmutableArray.Create(SpanNamePart.ForText(constant))
            : default;
        return new SpanNameFinding(DescribeId(constant, ids[0]), parts);
    }

    private SpanNameFinding? AnalyzeConstant(IOperation value, string constant)
    {
        var ids = SpanNameIdScanner.FindAll(constant);
        if (ids.Count == 0)
        {
            return null;
        }

        var reason = DescribeId(constant, ids[0]);
        var builder = new Builder(this);
        switch (value)
        {
            case ILiteralOperation:
                builder.AddText(constant);
                break;
            case IInterpolatedStringOperation interpolated:
                builder.AddInterpolation(interpolated);
                break;
            case IBinaryOperation binary when IsStringConcatenation(binary):
                builder.AddConcatenationOperand(binary, "concatenates");
                break;
            default:
                // A const field or local: its value is fixed where it is declared, not here.
                return new SpanNameFinding(reason, default);
        }

        return new SpanNameFinding(reason, builder.Rewritable ? builder.Parts.ToImmutable() : default);
    }

    private SpanNameFinding? AnalyzeInvocation(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (method.ContainingType?.SpecialType == SpecialType.System_String && method.IsStatic)
        {
            if (method.Name == "Format")
            {
                var builder = new Builder(this);
                builder.AddFormat(invocation);
                return builder.Finish();
            }

            if (method.Name == "Concat")
            {
                var builder = new Builder(this);
                builder.AddConcatArguments(invocation);
                return builder.Finish();
            }

            return null;
        }

        if (method.Name == "ToString" && !method.IsStatic && invocation.Instance is { } instance)
        {
            var receiver = Unwrap(instance);
            var verdict = _holes.Classify(invocation);
            if (receiver.Type?.SpecialType == SpecialType.System_String || verdict.IsBounded)
            {
                return null;
            }

            return new SpanNameFinding("is built from " + Describe(invocation.Syntax, verdict), default);
        }

        return AnalyzeBare(invocation);
    }

    // $"{name}" with nothing around a string hole is the variable itself.
    private static bool TryGetSingleStringHole(IInterpolatedStringOperation interpolated, out IOperation inner)
    {
        inner = null!;
        IInterpolationOperation? hole = null;
        foreach (var part in interpolated.Parts)
        {
            switch (part)
            {
                case IInterpolatedStringTextOperation text when text.Text.ConstantValue.Value is string { Length: 0 }:
                    continue;
                case IInterpolationOperation interpolation when hole is null:
                    hole = interpolation;
                    continue;
                default:
                    return false;
            }
        }

        if (hole is { Alignment: null, FormatString: null } && Unwrap(hole.Expression).Type?.SpecialType == SpecialType.System_String)
        {
            inner = hole.Expression;
            return true;
        }

        return false;
    }

    private static bool IsStringConcatenation(IBinaryOperation binary) =>
        binary.OperatorKind == BinaryOperatorKind.Add && binary.Type?.SpecialType == SpecialType.System_String;

    private static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    // Both branches are names. When only the branch a configuration switch selects carries per-call data and the other
    // is a fine name, the richer name is an opt-in the code offers on purpose (RabbitMQ's UseRoutingKeyAsOperationName):
    // still reported, as Info, naming the switch.
    private SpanNameFinding? AnalyzeConditional(IConditionalOperation conditional)
    {
        var whenTrue = Analyze(conditional.WhenTrue);
        var whenFalse = conditional.WhenFalse is { } falseBranch ? Analyze(falseBranch) : null;
        if ((whenTrue is null) != (whenFalse is null)
            && ConfigurationSwitch.Read(conditional.Condition) is { } configuration
            && configuration.OnSelectsWhenTrue == (whenTrue is not null))
        {
            var finding = whenTrue ?? whenFalse!;
            return new SpanNameFinding(finding.Reason + " when '" + configuration.Name + "' is on", default, configuration.Name);
        }

        return WithoutRewrite(whenTrue ?? whenFalse);
    }

    private static SpanNameFinding? WithoutRewrite(SpanNameFinding? finding) =>
        finding is null || !finding.IsRewritable ? finding : new SpanNameFinding(finding.Reason, default);

    private static string DescribeId(string text, EmbeddedId id)
    {
        var shown = text.Substring(id.Start, id.Length);
        return id.Kind switch
        {
            EmbeddedIdKind.Guid => "embeds the GUID '" + shown + "'",
            EmbeddedIdKind.LongNumber => "embeds the number '" + shown + "'",
            _ => "embeds the id '" + shown + "'",
        };
    }

    private static string Show(SyntaxNode syntax)
    {
        var text = syntax.ToString();
        var builder = new StringBuilder(text.Length);
        var lastWasSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                if (!lastWasSpace)
                {
                    builder.Append(' ');
                }

                lastWasSpace = true;
                continue;
            }

            lastWasSpace = false;
            builder.Append(c);
        }

        return builder.Length <= MaxShownLength ? builder.ToString() : builder.ToString(0, MaxShownLength - 3) + "...";
    }

    /// <summary>Collects the pieces of a composite name and remembers the first piece that carries data.</summary>
    private sealed class Builder
    {
        private readonly SpanNameClassifier _classifier;
        private string? _dataReason;
        private HoleCardinality _dataCardinality;

        public Builder(SpanNameClassifier classifier)
        {
            _classifier = classifier;
        }

        public ImmutableArray<SpanNamePart>.Builder Parts { get; } = ImmutableArray.CreateBuilder<SpanNamePart>();

        public bool Rewritable { get; private set; } = true;

        public void AddText(string text)
        {
            if (text.Length == 0)
            {
                return;
            }

            // Adjacent literals form one piece so an id split across them ("/orders/" + "42") is still seen whole.
            if (Parts.Count > 0 && Parts[Parts.Count - 1].Kind == SpanNamePartKind.Text)
            {
                text = Parts[Parts.Count - 1].Text + text;
                Parts.RemoveAt(Parts.Count - 1);
            }

            Parts.Add(SpanNamePart.ForText(text));
        }

        public void AddInterpolation(IInterpolatedStringOperation interpolated)
        {
            foreach (var part in interpolated.Parts)
            {
                switch (part)
                {
                    case IInterpolatedStringTextOperation { Text.ConstantValue.Value: string text }:
                        AddText(text);
                        break;
                    case IInterpolationOperation { Alignment: null, FormatString: null, Expression: var nested } when Unwrap(nested) is IInterpolatedStringOperation nestedString:
                        AddInterpolation(nestedString);
                        break;
                    case IInterpolationOperation hole:
                        var alignment = hole.Alignment?.Syntax.ToString();
                        var format = hole.FormatString?.ConstantValue.Value as string;
                        AddValue(hole.Expression, alignment, format, "interpolates");
                        break;
                    default:
                        Rewritable = false;
                        break;
                }
            }
        }

        public void AddConcatenationOperand(IOperation operand, string verb)
        {
            var value = Unwrap(operand);
            switch (value)
            {
                case IBinaryOperation binary when IsStringConcatenation(binary):
                    AddConcatenationOperand(binary.LeftOperand, verb);
                    AddConcatenationOperand(binary.RightOperand, verb);
                    break;
                case ILiteralOperation { ConstantValue.Value: string text }:
                    AddText(text);
                    break;
                case ILiteralOperation { ConstantValue.Value: char character }:
                    AddText(character.ToString());
                    break;
                case ILiteralOperation { ConstantValue: { HasValue: true, Value: null } }:
                    break;
                case IInterpolatedStringOperation interpolated:
                    AddInterpolation(interpolated);
                    break;
                default:
                    AddValue(value, null, null, verb);
                    break;
            }
        }

        public void AddFormat(IInvocationOperation invocation)
        {
            IOperation? format = null;
            var values = new List<IOperation>();
            var valuesKnown = true;
            foreach (var argument in invocation.Arguments)
            {
                var parameter = argument.Parameter;
                if (parameter is null)
                {
                    Rewritable = false;
                    continue;
                }

                if (parameter.Name == "format")
                {
                    format = argument.Value;
                    continue;
                }

                if (parameter.Name == "provider")
                {
                    continue;
                }

                valuesKnown &= CollectArguments(argument, values);
            }

            if (format is null || Unwrap(format).ConstantValue.Value is not string formatText || !valuesKnown ||
                !TryAddFormatItems(formatText, values))
            {
                // The exact name can't be rebuilt, but any per-call value among the arguments still lands in it.
                Rewritable = false;
                Parts.Clear();
                foreach (var value in values)
                {
                    AddValue(value, null, null, "formats");
                }
            }
        }

        public void AddConcatArguments(IInvocationOperation invocation)
        {
            var values = new List<IOperation>();
            foreach (var argument in invocation.Arguments)
            {
                if (!CollectArguments(argument, values))
                {
                    Rewritable = false;
                }
            }

            foreach (var value in values)
            {
                AddConcatenationOperand(value, "concatenates");
            }
        }

        public SpanNameFinding? Finish()
        {
            var reason = _dataReason ?? FindIdReason();
            if (reason is null)
            {
                return null;
            }

            return new SpanNameFinding(reason, Rewritable ? Parts.ToImmutable() : default);
        }

        private string? FindIdReason()
        {
            foreach (var part in Parts)
            {
                if (part.Kind != SpanNamePartKind.Data && part.Text.Length > 0)
                {
                    var ids = SpanNameIdScanner.FindAll(part.Text);
                    if (ids.Count > 0)
                    {
                        return DescribeId(part.Text, ids[0]);
                    }
                }
            }

            return null;
        }

        private void AddValue(IOperation operation, string? alignment, string? format, string verb)
        {
            var value = Unwrap(operation);
            if (alignment is null && format is null && value is ILiteralOperation { ConstantValue.Value: { } literal } && IsIntegral(literal))
            {
                // "/orders/" + 42 reads as text: an id written as a number literal is still an embedded id.
                AddText(System.Convert.ToString(literal, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
                return;
            }

            if (value.Syntax is not ExpressionSyntax expression)
            {
                Rewritable = false;
                return;
            }

            var verdict = _classifier._holes.Classify(value);
            if (verdict.IsBounded)
            {
                Parts.Add(SpanNamePart.ForKept(expression, value.Type, value.ConstantValue.Value as string, alignment, format));
                return;
            }

            // The message names the worst hole: a request id before a string parameter of unknown origin.
            if (_dataReason is null || verdict.Cardinality > _dataCardinality)
            {
                _dataReason = verb + " " + Describe(expression, verdict);
                _dataCardinality = verdict.Cardinality;
            }
            if (value.Type is null || value.Type.IsRefLikeType || value.Type.SpecialType == SpecialType.System_Void)
            {
                // A span or a void call cannot be stored as a tag value.
                Rewritable = false;
            }

            Parts.Add(SpanNamePart.ForData(expression, value.Type));
        }

        private static bool IsIntegral(object value) => value is int or long or uint or ulong or short or ushort or byte or sbyte;

        // string.Format arguments: "{index[,alignment][:format]}" items interleaved with "{{" / "}}" escaped text.
        private bool TryAddFormatItems(string format, List<IOperation> values)
        {
            var text = new StringBuilder();
            var i = 0;
            while (i < format.Length)
            {
                var c = format[i];
                if (c == '}')
                {
                    if (i + 1 < format.Length && format[i + 1] == '}')
                    {
                        text.Append('}');
                        i += 2;
                        continue;
                    }

                    return false;
                }

                if (c != '{')
                {
                    text.Append(c);
                    i++;
                    continue;
                }

                if (i + 1 < format.Length && format[i + 1] == '{')
                {
                    text.Append('{');
                    i += 2;
                    continue;
                }

                var close = format.IndexOf('}', i + 1);
                if (close < 0)
                {
                    return false;
                }

                var item = format.Substring(i + 1, close - i - 1);
                var colon = item.IndexOf(':');
                var itemFormat = colon >= 0 ? item.Substring(colon + 1) : null;
                var head = colon >= 0 ? item.Substring(0, colon) : item;
                var comma = head.IndexOf(',');
                var alignment = comma >= 0 ? head.Substring(comma + 1).Trim() : null;
                var indexText = (comma >= 0 ? head.Substring(0, comma) : head).Trim();
                if (!int.TryParse(indexText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) ||
                    index >= values.Count ||
                    (alignment is not null && !int.TryParse(alignment, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _)))
                {
                    return false;
                }

                AddText(text.ToString());
                text.Clear();
                var value = Unwrap(values[index]);
                if (alignment is null && itemFormat is null && value is ILiteralOperation { ConstantValue.Value: string literal })
                {
                    AddText(literal);
                }
                else
                {
                    AddValue(values[index], alignment, itemFormat, "formats");
                }

                i = close + 1;
            }

            AddText(text.ToString());
            return true;
        }

        // params arrays and collections are flattened; an array passed as a whole hides its elements.
        private static bool CollectArguments(IArgumentOperation argument, List<IOperation> values)
        {
            var value = Unwrap(argument.Value);
            switch (value)
            {
                case IArrayCreationOperation { Initializer: { } initializer }:
                    values.AddRange(initializer.ElementValues);
                    return true;
                case ICollectionExpressionOperation collection:
                    foreach (var element in collection.Elements)
                    {
                        if (element is ISpreadOperation)
                        {
                            return false;
                        }

                        values.Add(element);
                    }

                    return true;
                case IArrayCreationOperation:
                    return false;
                default:
                    if (value.Type is IArrayTypeSymbol ||
                        value.Type is INamedTypeSymbol { IsGenericType: true, Name: "IEnumerable" } ||
                        (value.Type is INamedTypeSymbol { Name: "ReadOnlySpan", TypeArguments.Length: 1 } span && span.TypeArguments[0].SpecialType != SpecialType.System_Char))
                    {
                        return false;
                    }

                    values.Add(value);
                    return true;
            }
        }
    }
}

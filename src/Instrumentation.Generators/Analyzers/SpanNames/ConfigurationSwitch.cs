using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Instrumentation.Generators.Analyzers.SpanNames;

/// <summary>
/// A condition that reads a boolean configuration switch: a <c>bool</c> field or property of the type itself or of
/// static state (<c>UseRoutingKeyAsOperationName</c>, <c>_options.IncludeRouteInName</c>,
/// <c>Settings.Default.VerboseNames</c>), possibly negated. Not a parameter, a local or a call, which carry the call's
/// own data (<c>request.IsRetry</c>, <c>ShouldName(order)</c>).
/// </summary>
/// <param name="Name">The switch's member name.</param>
/// <param name="OnSelectsWhenTrue">True when the switch being on selects the conditional's true branch (not negated).</param>
internal sealed record ConfigurationSwitch(string Name, bool OnSelectsWhenTrue)
{
    public static ConfigurationSwitch? Read(IOperation condition)
    {
        var on = true;
        while (true)
        {
            switch (condition)
            {
                case IConversionOperation { OperatorMethod: null } conversion:
                    condition = conversion.Operand;
                    continue;
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    on = !on;
                    condition = not.Operand;
                    continue;
            }

            break;
        }

        if (condition.Type?.SpecialType != SpecialType.System_Boolean)
        {
            return null;
        }

        return condition switch
        {
            IPropertyReferenceOperation { Arguments.Length: 0 } property when IsConfiguration(property.Instance) => new(property.Property.Name, on),
            IFieldReferenceOperation field when IsConfiguration(field.Instance) => new(field.Field.Name, on),
            _ => null,
        };
    }

    // Static state, this instance, or members reached from them (an options field of this instance).
    private static bool IsConfiguration(IOperation? receiver) =>
        receiver switch
        {
            null => true,
            IInstanceReferenceOperation => true,
            IConversionOperation { OperatorMethod: null } conversion => IsConfiguration(conversion.Operand),
            IPropertyReferenceOperation { Arguments.Length: 0 } property => IsConfiguration(property.Instance),
            IFieldReferenceOperation field => IsConfiguration(field.Instance),
            _ => false,
        };
}

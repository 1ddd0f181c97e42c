namespace Instrumentation.IntegrationTests.Subjects;

internal sealed partial class PartialService
{
    [Traced]
    public string FromSecondPart() => _name + ".second";

    [Traced]
    public partial string TracedOnImplementation(string value) => _name + "." + value;

    public partial string Declared(int value) => _name + ".declared." + value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

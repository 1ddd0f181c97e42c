namespace Instrumentation.IntegrationTests.Subjects;

internal sealed partial class PartialService
{
    [Traced]
    public string FromSecondPart() => _name + ".second";

    public partial string Declared(int value) => _name + ".declared." + value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

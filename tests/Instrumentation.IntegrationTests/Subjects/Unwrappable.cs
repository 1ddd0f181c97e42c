namespace Instrumentation.IntegrationTests.Subjects;

internal static class Unwrappable
{
    [Traced]
    public static int Triple(int value) => value * 3;
}

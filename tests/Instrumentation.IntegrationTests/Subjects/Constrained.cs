namespace Instrumentation.IntegrationTests.Subjects;

internal interface ITally
{
    [Traced]
    int Bump();
}

internal struct StructTally : ITally
{
    public int Count;

    public int Bump() => ++Count;
}

internal sealed class ClassTally : ITally
{
    public int Count { get; private set; }

    public int Bump() => ++Count;
}

internal static class Constrained
{
    // A call on a type parameter receiver: for a struct T it is a constrained call on the variable itself.
    public static int BumpTwice<T>(ref T tally)
        where T : ITally
    {
        tally.Bump();
        return tally.Bump();
    }

    public static int BumpThrice<T>(T tally)
        where T : ITally
    {
        tally.Bump();
        tally.Bump();
        return tally.Bump();
    }

    public static int BumpIfPresent<T>(T? tally)
        where T : ITally => tally?.Bump() ?? -1;

    // Constrained to reference types: no copy is possible, so the call is wrapped.
    public static int BumpReference<T>(T tally)
        where T : class, ITally => tally.Bump();
}

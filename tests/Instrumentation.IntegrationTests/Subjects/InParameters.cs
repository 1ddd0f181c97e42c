namespace Instrumentation.IntegrationTests.Subjects;

/// <summary>
/// 'in' and 'ref readonly' parameters of interface, virtual, abstract and override methods: the compiler marks them
/// with a required modifier the interceptor cannot repeat (CS9154 in generated code, found on Polly).
/// </summary>
internal interface IReadsIn
{
    [Traced]
    int Read(in int value);
}

internal abstract class ReadsInBase
{
    [Traced]
    public abstract int Abstract(in int value);

    [Traced]
    public virtual int Virtual(in int value) => value + 1;

    [Traced]
    public virtual int ReadOnlyRef(ref readonly int value) => value + 2;
}

internal sealed class ReadsIn : ReadsInBase, IReadsIn
{
    [Traced]
    public int Read(in int value) => value;

    [Traced]
    public override int Abstract(in int value) => value + 3;

    [Traced]
    public override int Virtual(in int value) => value + 4;

    public static int Run() => Run(new ReadsIn(), new ReadsIn(), new ReadsIn());

#pragma warning disable CA1859 // The calls go through the interface and the base class on purpose.
    private static int Run(IReadsIn reader, ReadsInBase based, ReadsIn derived)
    {
        var value = 10;
        return reader.Read(in value) + based.Abstract(in value) + based.Virtual(in value) + based.ReadOnlyRef(in value) + derived.Virtual(in value);
    }
#pragma warning restore CA1859
}

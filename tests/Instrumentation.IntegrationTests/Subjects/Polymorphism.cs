namespace Instrumentation.IntegrationTests.Subjects;

internal interface IGreeter
{
    [Traced]
    string Greet(string name);
}

internal sealed class EnglishGreeter : IGreeter
{
    private readonly string _greeting = "Hello ";

    public string Greet(string name) => _greeting + name;
}

internal abstract class Shape
{
    [Traced]
    public abstract double Area();

    [Traced]
    public virtual string Describe() => "shape";
}

internal sealed class Square : Shape
{
    private readonly double _side;

    public Square(double side)
    {
        _side = side;
    }

    public override double Area() => _side * _side;

    // base.Describe() cannot be wrapped: it must stay a non-virtual call, so it produces no span.
    public override string Describe() => "square of " + base.Describe();
}

internal sealed class Vault
{
    private readonly int _secret = 6;

    public int Open(int factor) => Unlock(factor);

    public static int OpenStatic(int value) => Hash(value);

    [Traced]
    private int Unlock(int factor) => _secret * factor;

    [Traced]
    private static int Hash(int value) => value * 7;

    public static int HalveOn(Vault vault, int value) => vault.Halve(value);

    [Traced]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "An instance method that never touches 'this' shows whether a null receiver is still rejected.")]
    private int Halve(int value) => value / 2;
}

internal class Template
{
    private readonly int _step = 5;

    public int Run() => Step() + 1;

    [Traced]
    protected int Step() => _step;
}

internal sealed class DerivedTemplate : Template
{
    public int RunFromDerived() => Step() * 2;
}

internal struct PrivateCounter
{
    private int _count;

    public int IncrementTwice()
    {
        Bump();
        Bump();
        return _count;
    }

    [Traced]
    private void Bump() => _count++;
}

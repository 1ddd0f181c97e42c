using System.Collections.Generic;
using System.Threading.Tasks;

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

internal sealed class PrivateShapes
{
    private readonly List<int> _log = [];

    public IReadOnlyList<int> Log => _log;

    public (bool Taken, int Value, string Text) Take(int value)
    {
        var taken = TryTake(ref value, out var text);
        return (taken, value, text);
    }

    public Task<int> LaterAsync(int value) => AddLaterAsync(value);

    public List<int> Drain() => [.. Replay()];

    public ref int FirstSlot() => ref Slot();

    [Traced]
    private bool TryTake(ref int value, [Tag("app.text")] out string text)
    {
        value++;
        text = "took " + value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _log.Add(value);
        return true;
    }

    [Traced]
    [return: Tag("app.result")]
    private async Task<int> AddLaterAsync(int value)
    {
        await Task.Yield();
        _log.Add(value);
        return value + _log.Count;
    }

    [Traced]
    private IEnumerable<int> Replay()
    {
        foreach (var value in _log)
        {
            yield return value;
        }
    }

    [Traced]
    private ref int Slot() => ref System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_log)[0];
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

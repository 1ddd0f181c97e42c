using System;
using System.Collections.Generic;

namespace Instrumentation.IntegrationTests.Subjects;

internal static class StaticUtilities
{
    [Traced]
    public static int Twice(int value) => value * 2;
}

internal static class Outer
{
    internal sealed class Nested
    {
        private readonly int _value = 3;

        [Traced]
        public int Value() => _value;

        internal static class DeeperStatic
        {
            [Traced]
            public static string Where() => "deeper";
        }
    }
}

internal sealed record Money(decimal Amount, string Currency)
{
    [Traced]
    public Money Add(Money other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return this with { Amount = Amount + other.Amount };
    }
}

internal readonly record struct Temperature(double Celsius)
{
    [Traced]
    public double Fahrenheit() => (Celsius * 9 / 5) + 32;
}

internal sealed partial class PartialService
{
    private readonly string _name = "partial";

    [Traced]
    public string FromFirstPart() => _name + ".first";

    [Traced]
    public partial string Declared(int value);

    public partial string TracedOnImplementation(string value);
}

internal sealed class Resources
{
    private readonly List<int> _items = [1, 2, 3];

    public List<int> Items => _items;

    [Traced]
    public List<int> GetItems() => _items;

    [Traced]
    public IList<int> GetItemsAsInterface() => _items;

    [Traced]
    public IDisposable Open(IDisposable resource) => _items.Count >= 0 ? resource : throw new InvalidOperationException();

    [Traced]
    public object? Echo(object? value) => _items.Count >= 0 ? value : null;
}

internal sealed class TrackedResource : IDisposable
{
    public bool Disposed { get; private set; }

    public void Dispose() => Disposed = true;
}

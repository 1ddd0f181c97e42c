using System;
using System.Collections.Generic;
using System.Linq;

namespace Instrumentation.IntegrationTests.Subjects;

internal sealed class Calculator
{
    public int Calls { get; private set; }

    [Traced]
    public int Add(int left, int right)
    {
        Calls++;
        return left + right;
    }

    [Traced]
    public static int Multiply(int left, int right) => left * right;

    [Traced]
    public string Describe(int value)
    {
        Calls++;
        return "int:" + value;
    }

    [Traced]
    public string Describe(string value)
    {
        Calls++;
        return "string:" + value;
    }

    [Traced("Calculator.Describe(double)")]
    public string Describe(double value)
    {
        Calls++;
        return "double";
    }

    [Traced]
    public static int Factorial(int n) => n <= 1 ? 1 : n * Factorial(n - 1);

    [Traced]
    public int Outer() => Inner() + 1;

    [Traced]
    public int Inner()
    {
        Calls++;
        return 41;
    }

    [Traced]
    public static int Sum(params int[] values) => values.Sum();

    [Traced]
    public static string Join(string first, string second = "-second", string third = "-third") => first + second + third;

    [Traced]
    public static List<string> Arguments(string first, string second, string third) => [first, second, third];
}

internal static class TextExtensions
{
    [Traced]
    public static string Shout(this string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.ToUpperInvariant() + "!";
    }

    [Traced]
    public static void Bump(this ref Counter counter) => counter.Count += 10;
}

internal static class RefShapes
{
    public static int Storage;

    [Traced]
    public static void Increment(ref int value) => value++;

    [Traced]
    public static bool TryDouble(string text, [Tag("app.doubled")] out int doubled)
    {
        var ok = int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value);
        doubled = value * 2;
        return ok;
    }

    [Traced]
    public static bool IsStorageIn(in int value) => System.Runtime.CompilerServices.Unsafe.AreSame(ref System.Runtime.CompilerServices.Unsafe.AsRef(in value), ref Storage);

    [Traced]
    public static bool IsStorageRefReadonly(ref readonly int value) => System.Runtime.CompilerServices.Unsafe.AreSame(ref System.Runtime.CompilerServices.Unsafe.AsRef(in value), ref Storage);

    [Traced]
    public static ref int First(int[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return ref values[0];
    }

    [Traced]
    public static ref readonly int Stored() => ref Storage;
}

internal struct Counter
{
    public int Count;

    [Traced]
    public void Increment() => Count++;

    [Traced]
    public readonly int Peek() => Count;

    [Traced]
    public int PeekAfterIncrement()
    {
        Count++;
        return Count;
    }
}

internal readonly struct Point
{
    public Point(int x, int y)
    {
        X = x;
        Y = y;
    }

    public int X { get; }

    public int Y { get; }

    [Traced]
    public int Sum() => X + Y;
}

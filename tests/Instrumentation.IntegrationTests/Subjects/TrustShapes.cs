#define AUDIT
using System;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Threading.Tasks;

namespace Instrumentation.IntegrationTests.Subjects;

/// <summary>Private members of structs, reached through unsafe accessors.</summary>
internal struct PrivateStructMembers
{
    private int _count;

    public readonly int Count => _count;

    public int BumpTwiceAndPeek()
    {
        Bump();
        Bump();
        return Twice(Peek());
    }

    [Traced]
    private static int Twice(int value) => value * 2;

    [Traced]
    private readonly int Peek() => _count;

    [Traced]
    private void Bump() => _count++;
}

internal readonly struct ReadonlySnapshot
{
    private readonly int _value;

    public ReadonlySnapshot(int value) => _value = value;

    public int Read() => Value();

    [Traced]
    private int Value() => _value;
}

/// <summary>[Conditional] methods: the body runs (and a span is recorded) exactly where the compiler keeps the call.</summary>
internal static class Audit
{
    public static int Runs { get; set; }

    [Traced, Conditional("AUDIT")]
    public static void Record(string what) => Runs += what.Length > 0 ? 1 : 0;

    // This file defines AUDIT: the call is kept.
    public static void RecordHere() => Record("kept");
}

/// <summary>Methods that leave another activity current, as some instrumentation helpers do.</summary>
internal static class CurrentChanging
{
    public static readonly ActivitySource Own = new(Infrastructure.SpanRecorder.HarnessName);

    [Traced]
    public static Activity? StartOwn(string name) => Own.StartActivity(name);

    [Traced]
    public static Task<Activity?> StartOwnAsTask(string name) => Task.FromResult(Own.StartActivity(name));

    [Traced]
    public static void ClearCurrent() => Activity.Current = null;
}

/// <summary>Shapes whose generated code failed to compile.</summary>
internal static class Awkward
{
    [Traced]
    public static int @event(int @class) => @class + 1;

    [Traced("first line\nsecond line")]
    public static int Multiline() => 1;

    [Traced("paragraph\u2028separator")]
    public static int Separator() => 2;

    [Traced]
    public static void Throw() => throw new InvalidOperationException("from the traced method");

    [Traced, Obsolete("Use the new one.", error: true)]
    public static int Old() => 3;

    [Obsolete("Calls the old one.", error: true)]
    public static int CallOld() => Old();

    [Traced, Experimental("TRUST001")]
    public static int Preview() => 4;

    [Experimental("TRUST001")]
    public static int CallPreview() => Preview();

    [Traced, RequiresUnreferencedCode("Reads the type's members.")]
    public static int MemberCount(Type type) => type.GetMembers().Length;

    [Traced]
    public static int PublicMethodCount<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods)] T>() => typeof(T).GetMethods().Length;

    [Traced]
    public static int PublicPropertyCount([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] Type type) => type.GetProperties().Length;

    [Traced, RequiresDynamicCode("Makes an array type.")]
    public static Type ArrayOf(Type type) => type.MakeArrayType();
}

/// <summary>A partial iterator: <c>[Traced]</c> on the declaration, the <c>yield</c> in the implementing part (other file).</summary>
internal sealed partial class PartialIterators
{
    public int Produced { get; private set; }

    [Traced]
    public partial System.Collections.Generic.IEnumerable<int> Numbers(int count);
}

internal static class Cancelling
{
    [Traced]
    public static async Task GiveUpAsync(System.Threading.CancellationToken cancellationToken)
    {
        await Task.Yield();
        throw new OperationCanceledException("gave up waiting for stock", cancellationToken);
    }
}

/// <summary>Recursion as deep as the stack allows, traced and untraced (the sum keeps the calls out of tail position).</summary>
internal static class Recursion
{
#pragma warning disable CS0649 // Always 0: read volatile so that the JIT cannot fold it away.
    public static int Zero;
#pragma warning restore CS0649

    [Traced]
    public static int TracedDepth(int depth) =>
        System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack() ? TracedDepth(depth + 1) + System.Threading.Volatile.Read(ref Zero) : depth;

    public static int UntracedDepth(int depth) =>
        System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack() ? UntracedDepth(depth + 1) + System.Threading.Volatile.Read(ref Zero) : depth;
}

/// <summary>Private members reached through .NET 10 accessors: generic ones, and those of static classes.</summary>
internal sealed class GenericBag<T>
    where T : IComparable<T>
{
    private readonly System.Collections.Generic.List<T> _items = [];

    public int AddAll(params T[] items)
    {
        foreach (var item in items)
        {
            Add(item);
        }

        return CountWith("tag");
    }

    [Traced]
    private void Add(T item) => _items.Add(item);

    [Traced]
    private int CountWith<TTag>(TTag tag)
        where TTag : class => _items.Count + (tag is null ? 0 : 1);

    internal sealed class Nested<TValue>(TValue fallback)
    {
        public TValue Run(TValue? value) => Echo(value ?? fallback);

        [Traced]
        private static TValue Echo(TValue value) => value;
    }
}

internal static class GenericStaticHelpers<TKey>
    where TKey : notnull
{
    public static int Run(TKey key) => Hash(key) + Pair(key, 1).Length;

    [Traced]
    private static int Hash(TKey key) => key.ToString()!.Length;

    [Traced]
    private static string Pair<TValue>(TKey key, TValue value) => $"{key}={value}";

    internal static class Inner<TValue>
    {
        public static string Run(TKey key, TValue value) => Describe(key, value);

        [Traced]
        private static string Describe(TKey key, TValue value) => $"{key}:{value}";
    }
}

internal static class PrivateNestedGenerics
{
    public static string Run() => Box<int>.Show(3) + Box<string>.Show("x");

    private static class Box<T>
    {
        public static string Show(T value) => Format(value);

        [Traced]
        private static string Format(T value) => $"[{value}]";
    }
}

internal static class StaticHelpers
{
    public static int Run() => Twice(3) + Identity(4);

    [Traced]
    private static int Twice(int value) => 2 * value;

    [Traced]
    private static TValue Identity<TValue>(TValue value)
        where TValue : struct => value;
}

/// <summary>A generic struct: calls on 'this' are left alone (the compiler would intercept them on a copy).</summary>
internal struct GenericCounter<T>
{
    public int Count { get; private set; }

    public int BumpTwiceOnThis()
    {
#pragma warning disable TRC002 // On purpose: such calls are not traced.
        Bump();
        this.Bump();
#pragma warning restore TRC002
        return Count;
    }

    public static int BumpTwiceOnALocal()
    {
        var counter = default(GenericCounter<T>);
        counter.Bump();
        counter.Bump();
        return counter.Count;
    }

    [Traced]
    private void Bump() => Count++;
}

/// <summary>Static methods of private nested classes (.NET 10: the accessor names the class by its runtime name).</summary>
internal static class HiddenHelpers
{
    public static int Run() => Hidden.Triple(2) + Hidden.Box.Square(new Hidden.Box(3).Value);

    private static class Hidden
    {
        [Traced]
        public static int Triple(int value) => 3 * value;

        internal sealed class Box
        {
            public Box(int value) => Value = value;

            public int Value { get; }

            [Traced]
            public static int Square(int value) => value * value;
        }
    }
}

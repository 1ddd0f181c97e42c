using System;
using System.Diagnostics;

namespace Instrumentation.IntegrationTests.Subjects;

internal sealed class Naming
{
    private readonly int _value = 1;

    [Traced]
    public int Default() => _value;

    [Traced("naming.custom")]
    public int CustomName() => _value + 1;

    [Traced(Name = "naming.property")]
    public int NameProperty() => _value + 2;

    [Traced(Kind = ActivityKind.Client)]
    public int ClientKind() => _value + 3;

    [Traced("naming.producer", Kind = ActivityKind.Producer)]
    public int NameAndKind() => _value + 4;
}

internal sealed class Repository<TEntity>
    where TEntity : class, IEntity, new()
{
    private readonly string _prefix;

    public Repository(string prefix)
    {
        _prefix = prefix;
    }

    [Traced]
    public TEntity Create(string id) => new() { Id = _prefix + id };

    // Calls from inside the generic type itself: an implicit 'this' and a static call, both with open type arguments.
    public (TEntity First, string Key) CreateWithKey(string id) => (Create(id), KeyOf(id));

    [Traced]
    public static string KeyOf(string id) => typeof(TEntity).Name + ":" + id;

    [Traced]
    public TResult Project<TResult>(TEntity entity, Func<TEntity, TResult> projection)
        where TResult : struct, IComparable<TResult>
    {
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentNullException.ThrowIfNull(entity);
        return entity.Id.StartsWith(_prefix, StringComparison.Ordinal) ? projection(entity) : default;
    }
}

internal interface IEntity
{
    string Id { get; set; }
}

internal sealed class Customer : IEntity
{
    public string Id { get; set; } = string.Empty;
}

internal static class Generic
{
    [Traced]
    public static T Max<T>(T left, T right)
        where T : IComparable<T> => left.CompareTo(right) >= 0 ? left : right;

    [Traced]
    public static TValue? FirstOrNone<TValue>(TValue[] values)
        where TValue : class => values.Length == 0 ? null : values[0];
}

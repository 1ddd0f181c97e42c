using System;
using System.Collections.Generic;
using System.Linq;

namespace Instrumentation.Generators.Common;

/// <summary>
/// An immutable set of names with value equality (order-free), so that a pipeline step whose set did not change is
/// cached however the names were gathered.
/// </summary>
internal sealed class NameSet : IEquatable<NameSet>
{
    private readonly HashSet<string> _names;
    private readonly int _hashCode;

    private NameSet(HashSet<string> names)
    {
        _names = names;
        foreach (var name in names)
        {
            // XOR of the items' hashes: the same for any order.
            _hashCode ^= StringComparer.Ordinal.GetHashCode(name);
        }
    }

    public static NameSet Empty { get; } = new(new HashSet<string>(StringComparer.Ordinal));

    public int Count => _names.Count;

    public bool IsEmpty => _names.Count == 0;

    public static NameSet From(IEnumerable<string> names)
    {
        var set = new HashSet<string>(names, StringComparer.Ordinal);
        return set.Count == 0 ? Empty : new NameSet(set);
    }

    public bool Contains(string name) => _names.Contains(name);

    public NameSet Union(NameSet other)
    {
        if (other.IsEmpty || ReferenceEquals(this, other))
        {
            return this;
        }

        if (IsEmpty)
        {
            return other;
        }

        var set = new HashSet<string>(_names, StringComparer.Ordinal);
        set.UnionWith(other._names);
        return new NameSet(set);
    }

    /// <summary>The names in ordinal order (for generated code, which must be deterministic).</summary>
    public EquatableArray<string> ToSortedArray() => _names.OrderBy(n => n, StringComparer.Ordinal).ToEquatableArray();

    public bool Equals(NameSet? other) =>
        other is not null && (ReferenceEquals(this, other) || (_hashCode == other._hashCode && _names.SetEquals(other._names)));

    public override bool Equals(object? obj) => Equals(obj as NameSet);

    public override int GetHashCode() => _hashCode;
}

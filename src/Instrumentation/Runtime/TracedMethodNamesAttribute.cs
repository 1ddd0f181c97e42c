using System;
using System.ComponentModel;

namespace Instrumentation.Runtime;

/// <summary>
/// Lists the names of the <see cref="TracedAttribute"/> methods an assembly declares. Written by
/// <c>Instrumentation.Generators</c> into every assembly that declares one; not meant to be applied by hand.
/// </summary>
/// <remarks>
/// A project that references the assembly reads this list once per set of references and binds only the calls whose
/// method name is in it (or in its own <c>[Traced]</c> methods), instead of every call of the project: this is what
/// keeps the generator's cost close to nothing in code that calls no traced method. An assembly built without it (by
/// a version of the package older than the attribute) is reported by TRC002 at each call of one of its
/// <c>[Traced]</c> methods.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false, Inherited = false)]
public sealed class TracedMethodNamesAttribute : Attribute
{
    /// <summary>Records the names.</summary>
    /// <param name="names">The simple names (no type, no arity) of the assembly's <c>[Traced]</c> methods.</param>
    public TracedMethodNamesAttribute(params string[] names)
    {
        Names = names;
    }

    /// <summary>The simple names of the assembly's <c>[Traced]</c> methods.</summary>
#pragma warning disable CA1819 // An attribute argument: the array is what the metadata holds.
    public string[] Names { get; }
#pragma warning restore CA1819
}

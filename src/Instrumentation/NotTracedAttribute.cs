using System;

namespace Instrumentation;

/// <summary>
/// Leaves a public method of a type marked <see cref="TracedAttribute"/> untraced (e.g. a cheap accessor-like method
/// called in a loop, or one whose span would only repeat its caller's).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class NotTracedAttribute : Attribute
{
}

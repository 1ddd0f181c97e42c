using System;

namespace Instrumentation;

/// <summary>
/// Records a parameter (or, on <c>[return: Tag("…")]</c>, the return value) of a <see cref="TracedAttribute"/>
/// method as a span attribute with the given key. Recording is opt-in: untagged parameters are never recorded.
/// </summary>
/// <remarks>
/// Values are computed only when the span is recorded (<c>Activity.IsAllDataRequested</c>). Parameters are
/// recorded when the call starts (<c>out</c> parameters when it returns); the return value when the call
/// succeeds (for <c>Task&lt;T&gt;</c> and <c>ValueTask&lt;T&gt;</c>, when the task completes successfully).
/// Never tag secrets or personal data.
/// </remarks>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.ReturnValue, AllowMultiple = false, Inherited = false)]
public sealed class TagAttribute : Attribute
{
    /// <summary>Records the value under <paramref name="key"/>.</summary>
    /// <param name="key">The attribute key, for example <c>app.order.id</c>. Follow the OpenTelemetry naming rules.</param>
    public TagAttribute(string key)
    {
        Key = key;
    }

    /// <summary>The attribute key.</summary>
    public string Key { get; }
}

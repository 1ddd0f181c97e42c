using System;

namespace Instrumentation;

/// <summary>
/// Overrides the name (and optionally the version) of the <see cref="System.Diagnostics.ActivitySource"/> that the
/// generated code of this assembly uses. By default the source is named after the assembly and versioned with the
/// assembly's informational version.
/// </summary>
/// <example><code>[assembly: Instrumentation.TracedSource("MyCompany.Orders")]</code>
/// Register the same name with OpenTelemetry: <c>builder.AddSource("MyCompany.Orders")</c>.</example>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false, Inherited = false)]
public sealed class TracedSourceAttribute : Attribute
{
    /// <summary>Names the assembly's activity source.</summary>
    /// <param name="name">The source name to register with <c>TracerProviderBuilder.AddSource</c>.</param>
    public TracedSourceAttribute(string name)
    {
        Name = name;
    }

    /// <summary>The activity source name.</summary>
    public string Name { get; }

    /// <summary>The activity source version, or <see langword="null"/> for the assembly's informational version.</summary>
    public string? Version { get; set; }
}

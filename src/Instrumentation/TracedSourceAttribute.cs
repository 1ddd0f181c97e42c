using System;

namespace Instrumentation;

/// <summary>
/// Overrides the name (and optionally the version) of the <see cref="System.Diagnostics.ActivitySource"/> that the
/// generated code of this assembly uses. By default the source is named after the assembly and versioned with the
/// assembly's informational version. It also carries assembly-wide defaults of <see cref="TracedAttribute"/>
/// (<see cref="RecordDuration"/>).
/// </summary>
/// <example><code>[assembly: Instrumentation.TracedSource("MyCompany.Orders")]</code>
/// Register the same name with OpenTelemetry: <c>builder.AddSource("MyCompany.Orders")</c>.</example>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false, Inherited = false)]
public sealed class TracedSourceAttribute : Attribute
{
    /// <summary>
    /// Keeps the default name of the assembly's activity source (the assembly's name); use it to set
    /// <see cref="Version"/> or <see cref="RecordDuration"/> only.
    /// </summary>
    public TracedSourceAttribute()
    {
    }

    /// <summary>Names the assembly's activity source.</summary>
    /// <param name="name">The source name to register with <c>TracerProviderBuilder.AddSource</c>.</param>
    public TracedSourceAttribute(string name)
    {
        Name = name;
    }

    /// <summary>The activity source name, or <see langword="null"/> for the assembly's name.</summary>
    public string? Name { get; }

    /// <summary>The activity source version, or <see langword="null"/> for the assembly's informational version.</summary>
    public string? Version { get; set; }

    /// <summary>
    /// The default of <see cref="TracedAttribute.RecordDuration"/> for the assembly's <c>[Traced]</c> methods (a method's
    /// or its class's own setting wins). The histogram's <see cref="System.Diagnostics.Metrics.Meter"/> has the source's
    /// name and version.
    /// </summary>
    /// <example><code>[assembly: Instrumentation.TracedSource(RecordDuration = true)]</code></example>
    public bool RecordDuration { get; set; }
}

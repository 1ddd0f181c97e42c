using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Instrumentation.PackageTests;

/// <summary>Writes the project file a user would write: strict settings, one PackageReference.</summary>
public static class ConsumerProject
{
    public static string Write(string directory, string name, string outputType, string? packageVersion, IEnumerable<string>? projectReferences = null, string targetFramework = "net10.0")
    {
        Directory.CreateDirectory(directory);
        var package = packageVersion is null
            ? ""
            : $"""<PackageReference Include="{PackageFixture.PackageId}" Version="{packageVersion}" />""";
        var references = string.Concat((projectReferences ?? []).Select(r => $"""<ProjectReference Include="{r}" />"""));
        var path = Path.Combine(directory, name + ".csproj");
        File.WriteAllText(path, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>{outputType}</OutputType>
                <TargetFramework>{targetFramework}</TargetFramework>
                <LangVersion>latest</LangVersion>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <AnalysisLevel>latest-all</AnalysisLevel>
              </PropertyGroup>
              <ItemGroup>
                {package}
                {references}
              </ItemGroup>
            </Project>
            """);
        return path;
    }

    /// <summary>An <c>ActivityListener</c> that prints one line per finished span: <c>SPAN|source|name|status|description|kind|parent|tags|events</c>.</summary>
    public const string SpanPrinter = """
        namespace Consumer
        {
            using System;
            using System.Diagnostics;
            using System.Globalization;
            using System.Linq;

            internal static class SpanPrinter
            {
                public static ActivityListener Start()
                {
                    var listener = new ActivityListener
                    {
                        ShouldListenTo = static _ => true,
                        Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                        ActivityStopped = static activity => Console.WriteLine(Format(activity)),
                    };
                    ActivitySource.AddActivityListener(listener);
                    return listener;
                }

                public static void Result(string label, object? result) =>
                    Console.WriteLine("RESULT " + label + " " + Convert.ToString(result, CultureInfo.InvariantCulture));

                private static string Format(Activity activity)
                {
                    var tags = string.Join(",", activity.TagObjects.Select(t => t.Key + "=" + Convert.ToString(t.Value, CultureInfo.InvariantCulture)));
                    var events = string.Join(",", activity.Events.Select(e => e.Name));
                    var parent = activity.Parent?.DisplayName ?? "-";
                    return $"SPAN|{activity.Source.Name}|{activity.DisplayName}|{activity.Status}|{activity.StatusDescription}|{activity.Kind}|{parent}|{tags}|{events}";
                }
            }
        }
        """;
}

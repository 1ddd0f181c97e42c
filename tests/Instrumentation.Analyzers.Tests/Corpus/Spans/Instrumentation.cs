using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace Corpus.Shared;

/// <summary>The small helpers instrumentation libraries keep next to their ActivitySource.</summary>
public static class Telemetry
{
    public static readonly ActivitySource Source = new("Corpus.Shared", "1.0.0");

    public static Activity? StartActivityWithTags(string name, ActivityKind kind, IEnumerable<KeyValuePair<string, object?>> tags)
    {
        var activity = Source.StartActivity(name, kind);
        if (activity is null)
        {
            return null;
        }

        foreach (var tag in tags)
        {
            activity.SetTag(tag.Key, tag.Value);
        }

        return activity;
    }

    public static Activity? StartInternal(string name) => Source.StartActivity(name, ActivityKind.Internal);
}

/// <summary>Code that uses those helpers.</summary>
public sealed class ReportExporter
{
    private readonly string _directory;

    public ReportExporter(string directory)
    {
        _directory = directory;
    }

    public async Task ExportAsync(string reportName, string contents)
    {
        using var activity = Telemetry.StartActivityWithTags("report.export", ActivityKind.Internal, [new("app.report.name", reportName)]);
        await File.WriteAllTextAsync(Path.Combine(_directory, reportName), contents).ConfigureAwait(false);
    }

    public async Task ExportDailyAsync(string contents)
    {
        // The name goes through the helper into StartActivity: one span name per day.
        using var activity = Telemetry.StartActivityWithTags($"export {DateTime.UtcNow:yyyy-MM-dd}", ActivityKind.Internal, []); // expect: TRC101
        await File.WriteAllTextAsync(Path.Combine(_directory, "daily.txt"), contents).ConfigureAwait(false);
    }

    public async Task ExportUnsafeAsync(string reportName, string contents)
    {
        var activity = Telemetry.StartActivityWithTags("report.export", ActivityKind.Internal, []); // expect: TRC201
        await File.WriteAllTextAsync(Path.Combine(_directory, reportName), contents).ConfigureAwait(false);
        activity?.Dispose();
    }

    public void Archive(string reportName)
    {
        Telemetry.StartInternal("report.archive"); // expect: TRC201
        File.Move(Path.Combine(_directory, reportName), Path.Combine(_directory, "archive", reportName));
    }

    public void Delete(string reportName)
    {
        // The directory is configuration of this exporter; the report name is per call.
        using var activity = Telemetry.StartInternal($"delete {_directory}");
        using var perReport = Telemetry.Source.StartActivity($"delete {reportName}/{Path.GetFileName(reportName)}"); // expect: TRC101
        File.Delete(Path.Combine(_directory, reportName));
    }

    public void Rename(string fileName, string newFileName)
    {
        using var activity = Telemetry.Source.StartActivity("rename " + fileName + " to " + newFileName); // expect: TRC101
        File.Move(Path.Combine(_directory, fileName), Path.Combine(_directory, newFileName));
    }

    public void Touch(string reportName)
    {
        var activity = Telemetry.Source.StartActivity(nameof(Touch));
        try
        {
            File.SetLastWriteTimeUtc(Path.Combine(_directory, reportName), DateTime.UtcNow);
        }
        finally
        {
            activity?.Stop();
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ScottPlot;

namespace Instrumentation.Perf.Chart;

/// <summary>
/// One image per listener mode and metric: a panel per shape (its own linear scale, since shapes differ by orders of
/// magnitude), a bar per variant with its value written under its name, and (for time) the 99.9% confidence
/// half-interval as an error bar.
/// </summary>
internal static class Charts
{
    public enum Metric
    {
        Time,
        Allocated,
    }

    // Known orders; anything else follows, alphabetically.
    private static readonly string[] ShapeOrder = ["Sync", "CompletedTask", "YieldingTask", "Exception"];
    private static readonly string[] VariantOrder = ["Raw", "HandWritten", "Traced", "CastleProxy", "DispatchProxy"];

    /// <summary>Uses a sans-serif font when the machine has one (ScottPlot's own pick can be a serif font on Linux).</summary>
    public static void UseSansFont()
    {
        string[] candidates = ["DejaVu Sans", "Liberation Sans", "Noto Sans", "Open Sans", "Arial", "Helvetica", "Segoe UI"];
        if (candidates.FirstOrDefault(font => string.Equals(Fonts.GetTypeface(font, bold: false, italic: false)?.FamilyName, font, StringComparison.OrdinalIgnoreCase)) is { } sans)
        {
            Fonts.Default = sans;
        }
    }

    public static void Write(string mode, IReadOnlyList<BenchmarkResult> results, Metric metric, string path)
    {
        var shapes = results.Select(result => result.Shape).Distinct().OrderBy(shape => Rank(ShapeOrder, shape)).ThenBy(shape => shape, StringComparer.Ordinal).ToList();
        var variants = results.Select(result => result.Variant).Distinct().OrderBy(variant => Rank(VariantOrder, variant)).ThenBy(variant => variant, StringComparer.Ordinal).ToList();
        var palette = new ScottPlot.Palettes.Category10();

        var multiplot = new Multiplot();
        multiplot.AddPlots(shapes.Count);
        var columns = shapes.Count == 1 ? 1 : 2;
        var rows = (shapes.Count + columns - 1) / columns;
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(rows, columns);

        for (var s = 0; s < shapes.Count; s++)
        {
            var plot = multiplot.GetPlot(s);
            var inShape = results.Where(result => result.Shape == shapes[s]).ToDictionary(result => result.Variant);
            var values = variants.Select(v => inShape.TryGetValue(v, out var r) ? Value(r, metric) : double.NaN).ToArray();
            var errors = variants.Select(v => inShape.TryGetValue(v, out var r) && metric == Metric.Time ? r.ErrorNs : 0).ToArray();
            var (scale, unit) = metric == Metric.Time ? TimeUnit(values.Where(double.IsFinite).DefaultIfEmpty(0).Max()) : ByteUnit(values.Where(double.IsFinite).DefaultIfEmpty(0).Max());

            var bars = new List<Bar>();
            for (var v = 0; v < variants.Count; v++)
            {
                var missing = !double.IsFinite(values[v]);
                bars.Add(new Bar
                {
                    Position = v,
                    Value = missing ? 0 : values[v] / scale,
                    Error = missing ? 0 : errors[v] / scale,
                    FillColor = palette.GetColor(v),
                });
            }

            plot.Add.Bars(bars);

            plot.Title($"{mode}: {shapes[s]}", size: 16);
            plot.YLabel(metric == Metric.Time ? $"mean per call ({unit})" : $"allocated per call ({unit})", size: 13);
            // Each bar's value goes under its name, where no error bar can cross it.
            var labels = variants.Select((variant, v) => variant + "\n" + (double.IsFinite(values[v]) ? Format(values[v] / scale, metric) + " " + unit : "n/a"));
            plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, variants.Count).Select(i => (double)i)], [.. labels]);
            plot.Axes.Bottom.MajorTickStyle.Length = 0;
            plot.Axes.Bottom.TickLabelStyle.FontSize = 13;
            plot.Grid.XAxisStyle.IsVisible = false;
            // Short runs have error bars many times the mean: let them run off the top rather than flatten the bars.
            var highest = bars.Max(bar => bar.Value);
            var top = Math.Min(bars.Max(bar => bar.Value + bar.Error), highest * 1.6);
            plot.Axes.SetLimits(-0.6, variants.Count - 0.4, 0, top > 0 ? Math.Max(top * 1.05, highest * 1.2) : 1);
            if (metric == Metric.Time && bars.Any(bar => bar.Value + bar.Error > top))
            {
                plot.Title($"{mode}: {shapes[s]}  (error bars: 99.9% CI, cut at the top)", size: 16);
            }
        }

        multiplot.SavePng(path, 820 * columns, 460 * rows);
    }

    private static double Value(BenchmarkResult result, Metric metric) => metric == Metric.Time ? result.MeanNs : result.AllocatedBytes;

    private static int Rank(string[] order, string value) => Array.IndexOf(order, value) is var i and >= 0 ? i : order.Length;

    private static (double Scale, string Unit) TimeUnit(double maxNs) => maxNs switch
    {
        >= 1e7 => (1e6, "ms"),
        >= 1e4 => (1e3, "µs"),
        _ => (1, "ns"),
    };

    private static (double Scale, string Unit) ByteUnit(double maxBytes) => maxBytes >= 100 * 1024 ? (1024, "KB") : (1, "B");

    private static string Format(double value, Metric metric) => value switch
    {
        0 => "0",
        _ when metric == Metric.Allocated && value == Math.Floor(value) => value.ToString("N0", CultureInfo.InvariantCulture),
        >= 100 => value.ToString("N0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("N1", CultureInfo.InvariantCulture),
        _ => value.ToString("N2", CultureInfo.InvariantCulture),
    };
}

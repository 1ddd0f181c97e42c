// ─────────────────────────────────────────────────────────────────────────────────────────────────
// DELIBERATELY WRONG tracing code. It is never called; it exists so that `dotnet build` of this project
// shows the package's analyzer warnings (this project does not treat warnings as errors).
// Each snippet names the diagnostic it triggers and the fix the IDE (or `dotnet format analyzers`) offers.
// Do not copy these patterns; README.md beside this file and docs/rules/TRCnnn.md explain each rule.
// ─────────────────────────────────────────────────────────────────────────────────────────────────
using System.Diagnostics;
using Instrumentation;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace AnalyzerTour;

public static class AnalyzerTour
{
    private static readonly ActivitySource Source = new("AnalyzerTour.Showcase");

    // TRC101 (high-cardinality span name): every order id creates a new span name.
    // Fix: a constant name ("GET /orders/{id}") and the id as an attribute.
    public static void LoadOrder(string id)
    {
        using var activity = Source.StartActivity($"GET /orders/{id}");
    }

    // TRC201 (span not ended on every path): the started span is discarded and never ended.
    // Fix: `using var activity = Source.StartActivity("inventory.sync");`
    public static void SyncInventory()
    {
        Source.StartActivity("inventory.sync");
    }

    // TRC301 (deprecated semantic-convention key): "http.method" was replaced by "http.request.method".
    // Fix: the successor key.
    public static void TagRequest(Activity? activity)
    {
        activity?.SetTag("http.method", "GET");
    }

    // TRC302 (near miss of a key the semantic conventions define: a typo): did you mean "http.response.status_code"?
    public static void TagResponse(Activity? activity)
    {
        activity?.SetTag("http.response.status_cod", 200);
    }

    // TRC303 (key breaks the naming rules: uppercase and a hyphen). Fix: "order_id" / "app.order_id".
    public static void TagOrder(Activity? activity, string orderId)
    {
        activity?.SetTag("Order-Id", orderId);
    }

    // TRC401 (likely secret or personal data recorded): spans are exported and stored; never record a password.
    // Fix: remove the SetTag (or record a safe derivative, e.g. its length).
    public static void TagLogin(Activity? activity, string password)
    {
        activity?.SetTag("app.user.password", password);
    }

    // TRC001 ([Traced] cannot be honored): calls to a local function cannot be intercepted, so the attribute has no
    // effect. Fix: move the code to a method.
    public static int CountLines(int lines)
    {
        return Count();

        [Traced]
        int Count() => lines;
    }

    // TRC002 (Info, shown in the IDE): a method group of a [Traced] method runs it without a span.
    // Fix: call it directly, e.g. `quantity => PriceList.Total(quantity)`.
    public static System.Func<int, decimal> TotalFunction() => PriceList.Total;

    // TRC501 (the tracer provider never subscribes to the source of this project's [Traced] methods): PriceList.Total's
    // spans would never be exported. Fix: `.AddTracedSources()` on the builder.
    public static TracerProvider BuildTracing() =>
        Sdk.CreateTracerProviderBuilder()
            .AddSource("AnalyzerTour.Showcase")
            .Build();
}

public static class PriceList
{
    [Traced]
    public static decimal Total(int quantity) => quantity * 9.90m;
}

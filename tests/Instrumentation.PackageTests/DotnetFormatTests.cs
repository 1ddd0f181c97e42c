using System;
using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace Instrumentation.PackageTests;

/// <summary>
/// <c>dotnet format analyzers</c> against a project that references the packed package: the command users run to
/// apply the package's code fixes in bulk.
/// </summary>
public sealed class DotnetFormatTests(PackageFixture package)
{
    private const string CleanCode = """
        using System.Diagnostics;
        using Instrumentation;

        namespace Consumer;

        public static class Orders
        {
            private static readonly ActivitySource Source = new("Consumer.Orders");

            [Traced]
            public static int Count(int items) => items;

            public static int Place(int items)
            {
                using var activity = Source.StartActivity("orders.place");
                activity?.SetTag("app.order.items", items);
                return Count(items);
            }
        }
        """;

    [Fact]
    public async Task Dotnet_format_loads_the_package_analyzers_and_leaves_a_clean_project_alone()
    {
        var directory = package.CreateConsumerDirectory("format-clean");
        var project = ConsumerProject.Write(directory, "FormatClean", "Library", package.PackageVersion);
        var clean = Path.Combine(directory, "Orders.cs");
        File.WriteAllText(clean, CleanCode);
        // A method group of a [Traced] method is reported by TRC002 (Info, no code fix): proof that dotnet format
        // runs this package's analyzers.
        var methodGroup = Path.Combine(directory, "Handlers.cs");
        File.WriteAllText(methodGroup, """
            using System;

            namespace Consumer;

            public static class Handlers
            {
                public static Func<int, int> Counter() => Orders.Count;
            }
            """);
        var methodGroupCode = File.ReadAllText(methodGroup);
        (await package.RunConsumerAsync(directory, "restore", project)).EnsureSuccess();

        var format = await package.RunConsumerAsync(directory, "format", "analyzers", project, "--diagnostics", "TRC201", "--severity", "warn", "--no-restore");
        Assert.True(format.ExitCode == 0, format.Output);
        Assert.Equal(CleanCode, File.ReadAllText(clean));
        Assert.Equal(methodGroupCode, File.ReadAllText(methodGroup));

        var verify = await package.RunConsumerAsync(directory, "format", "analyzers", project, "--diagnostics", "TRC002", "--severity", "info", "--verify-no-changes", "--no-restore");
        Assert.Contains("TRC002", verify.Output, StringComparison.Ordinal);
        Assert.Equal(methodGroupCode, File.ReadAllText(methodGroup));
    }

    /// <summary>The command line applies the TRC201 code fix (a discarded span becomes a <c>using var</c>).</summary>
    [Fact]
    public async Task Dotnet_format_applies_the_TRC201_fix_from_the_packed_package()
    {
        var directory = package.CreateConsumerDirectory("format-trc201");
        var project = ConsumerProject.Write(directory, "FormatTrc201", "Library", package.PackageVersion);
        var file = Path.Combine(directory, "Discarded.cs");
        File.WriteAllText(file, """
            using System.Diagnostics;

            namespace Consumer;

            public static class Discarded
            {
                private static readonly ActivitySource Source = new("Consumer.Discarded");

                public static int Work(int value)
                {
                    Source.StartActivity("x");
                    return value + 1;
                }
            }
            """);
        (await package.RunConsumerAsync(directory, "restore", project)).EnsureSuccess();

        var format = await package.RunConsumerAsync(directory, "format", "analyzers", project, "--diagnostics", "TRC201", "--severity", "warn", "--no-restore");

        Assert.True(format.ExitCode == 0, format.Output);
        var fixedCode = File.ReadAllText(file);
        Assert.Contains("using var", fixedCode, StringComparison.Ordinal);
        Assert.Contains("StartActivity(\"x\")", fixedCode, StringComparison.Ordinal);
    }

    /// <summary>
    /// The first TRC101 and TRC201 diagnostics of the project have no fix (a span handed over after a failing call, a
    /// name that would be only a placeholder): dotnet format still fixes the others and never says "didn't return a
    /// Fix All action".
    /// </summary>
    [Fact]
    public async Task Dotnet_format_fixes_TRC101_and_TRC201_when_the_first_diagnostic_has_no_fix()
    {
        var directory = package.CreateConsumerDirectory("format-unfixable-first");
        var project = ConsumerProject.Write(directory, "FormatUnfixableFirst", "Library", package.PackageVersion);
        var unfixable = Path.Combine(directory, "A.cs");
        var unfixableCode = """
            using System;
            using System.Diagnostics;

            namespace Consumer;

            public static class A
            {
                private static readonly ActivitySource Source = new("Consumer.A");

                public static Activity? Start(Guid orderId)
                {
                    var activity = Source.StartActivity(orderId.ToString());
                    Send();
                    return activity;
                }

                private static void Send() => Console.WriteLine("sent");
            }
            """;
        File.WriteAllText(unfixable, unfixableCode);
        var fixable = Path.Combine(directory, "B.cs");
        File.WriteAllText(fixable, """
            using System;
            using System.Diagnostics;

            namespace Consumer;

            public static class B
            {
                private static readonly ActivitySource Source = new("Consumer.B");

                public static void Ship(Guid orderId)
                {
                    using var activity = Source.StartActivity("ship " + orderId);
                }

                public static void Fire()
                {
                    Source.StartActivity("fire");
                }
            }
            """);
        (await package.RunConsumerAsync(directory, "restore", project)).EnsureSuccess();

        var format = await package.RunConsumerAsync(directory, "format", "analyzers", project, "--diagnostics", "TRC101", "TRC201", "--severity", "warn", "--no-restore", "-v", "diag");

        Assert.True(format.ExitCode == 0, format.Output);
        Assert.DoesNotContain("Fix All action", format.Output, StringComparison.Ordinal);
        Assert.Equal(unfixableCode, File.ReadAllText(unfixable));
        var fixedCode = File.ReadAllText(fixable);
        Assert.Contains("StartActivity(\"ship {orderId}\")", fixedCode, StringComparison.Ordinal);
        Assert.Contains("SetTag(\"order_id\", orderId)", fixedCode, StringComparison.Ordinal);
        Assert.Matches(@"using var \w+ = Source\.StartActivity\(""fire""\);", fixedCode);
    }

    /// <summary>
    /// One run fixes every fixable TRC301 even when the first key found has no automatic fix and the replacements
    /// differ (dotnet format uses the first fix's equivalence key for the whole Fix All), together with TRC201.
    /// </summary>
    [Fact]
    public async Task Dotnet_format_applies_TRC201_and_every_TRC301_fix_in_one_run()
    {
        var directory = package.CreateConsumerDirectory("format-trc301");
        var project = ConsumerProject.Write(directory, "FormatTrc301", "Library", package.PackageVersion);
        var file = Path.Combine(directory, "Client.cs");
        File.WriteAllText(file, """
            using System.Diagnostics;

            namespace Consumer;

            public static class Client
            {
                private static readonly ActivitySource Source = new("Consumer.Client");

                public static void Send(string host)
                {
                    Source.StartActivity("client.send");
                    using var activity = Source.StartActivity("http.request");
                    activity?.SetTag("net.peer.name", host);
                    activity?.SetTag("http.method", "GET");
                    activity?.SetTag("http.status_code", 200);
                    activity?.SetTag("http.method", "POST");
                }
            }
            """);
        (await package.RunConsumerAsync(directory, "restore", project)).EnsureSuccess();

        var format = await package.RunConsumerAsync(directory, "format", "analyzers", project, "--diagnostics", "TRC201", "TRC301", "--severity", "warn", "--no-restore");

        Assert.True(format.ExitCode == 0, format.Output);
        var fixedCode = File.ReadAllText(file);
        Assert.Matches(@"using var \w+ = Source\.StartActivity\(""client\.send""\);", fixedCode);
        Assert.DoesNotContain("\"http.method\"", fixedCode, StringComparison.Ordinal);
        Assert.DoesNotContain("\"http.status_code\"", fixedCode, StringComparison.Ordinal);
        Assert.Contains("activity?.SetTag(\"http.request.method\", \"GET\")", fixedCode, StringComparison.Ordinal);
        Assert.Contains("activity?.SetTag(\"http.request.method\", \"POST\")", fixedCode, StringComparison.Ordinal);
        Assert.Contains("activity?.SetTag(\"http.response.status_code\", 200)", fixedCode, StringComparison.Ordinal);
        // Context-dependent replacement (server.address or client.address?): reported, never rewritten.
        Assert.Contains("activity?.SetTag(\"net.peer.name\", host)", fixedCode, StringComparison.Ordinal);
    }

    /// <summary>
    /// Only diagnostics without a fix (context-dependent successor, compatibility branch, vendor key, removed key):
    /// dotnet format changes nothing and never says a fixer "didn't return a Fix All action".
    /// </summary>
    [Fact]
    public async Task Dotnet_format_over_unfixable_attribute_keys_changes_nothing_and_reports_no_fixer_failure()
    {
        var directory = package.CreateConsumerDirectory("format-unfixable");
        var project = ConsumerProject.Write(directory, "FormatUnfixable", "Library", package.PackageVersion);
        var file = Path.Combine(directory, "Legacy.cs");
        const string code = """
            using System.Diagnostics;

            namespace Consumer;

            public static class Legacy
            {
                public static bool EmitOldAttributes { get; set; }

                public static void Record(Activity activity, string host, string path)
                {
                    activity.SetTag("net.peer.name", host);
                    activity.SetTag("http.target", path);
                    if (EmitOldAttributes)
                    {
                        activity.SetTag("http.method", "GET");
                    }

                    activity.SetTag("messaging.courier.delivery_count", 1);
                    activity.SetTag("message.type", "SENT");
                }
            }
            """;
        File.WriteAllText(file, code);
        (await package.RunConsumerAsync(directory, "restore", project)).EnsureSuccess();

        var format = await package.RunConsumerAsync(
            directory, "format", "analyzers", project, "--diagnostics", "TRC301", "TRC302", "TRC303", "--severity", "info", "--no-restore", "-v", "diag");

        Assert.True(format.ExitCode == 0, format.Output);
        Assert.DoesNotContain("Fix All", format.Output, StringComparison.Ordinal);
        Assert.Equal(code, File.ReadAllText(file));
    }
}

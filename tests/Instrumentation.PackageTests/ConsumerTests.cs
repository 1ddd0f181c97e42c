using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using Xunit;

namespace Instrumentation.PackageTests;

/// <summary>A fresh application that references the packed package from a local feed, built and run with the CLI.</summary>
public sealed class ConsumerTests(PackageFixture package)
{
    private const string Program = """
        using System;
        using System.Diagnostics;
        using System.Threading;
        using System.Threading.Tasks;
        using Consumer;
        using Instrumentation;

        using var listener = SpanPrinter.Start();
        using var meters = new System.Diagnostics.Metrics.MeterListener();
        meters.InstrumentPublished = static (instrument, subscriber) =>
        {
            if (instrument.Name == "traced.method.duration")
            {
                subscriber.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<double>(static (instrument, seconds, tags, _) =>
        {
            var text = instrument.Name + " " + instrument.Unit + " " + (seconds >= 0);
            foreach (var tag in tags)
            {
                text += " " + tag.Key + "=" + tag.Value;
            }

            SpanPrinter.Result("metric", text);
        });
        meters.Start();

        var shop = new Shop("receipt-");
        SpanPrinter.Result("sync", Shop.Add(2, 3));
        SpanPrinter.Result("async", await shop.CountItemsAsync("cart-1").ConfigureAwait(false));
        SpanPrinter.Result("tag", shop.Checkout("order-7"));
        await shop.NotifyAsync().ConfigureAwait(false);
        try
        {
            shop.Charge(-1m);
        }
        catch (InvalidOperationException exception)
        {
            SpanPrinter.Result("caught", exception.Message);
        }

        using (var cancellation = new CancellationTokenSource())
        {
            await cancellation.CancelAsync().ConfigureAwait(false);
            try
            {
                await shop.WaitAsync(cancellation.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                SpanPrinter.Result("canceled", true);
            }
        }

        SpanPrinter.Result("current", Activity.Current is null ? "null" : "set");
        SpanPrinter.Result("runtime", Environment.Version.Major);

        namespace Consumer
        {
            internal sealed class Shop(string receiptPrefix)
            {
                [Traced]
                public static int Add(int a, int b) => a + b;

                [Traced]
                public async Task<int> CountItemsAsync([Tag("app.cart.id")] string cartId)
                {
                    await Task.Yield();
                    return cartId.Length + Lookup(receiptPrefix);
                }

                [Traced("shop.checkout", Kind = ActivityKind.Client, RecordDuration = true)]
                [return: Tag("app.receipt.id")]
                public string Checkout([Tag("app.order.id")] string orderId) => receiptPrefix + orderId;

                [Traced]
                public async ValueTask NotifyAsync()
                {
                    await Task.Delay(1).ConfigureAwait(false);
                    _ = Lookup(receiptPrefix);
                }

                [Traced(RecordDuration = true)]
                public decimal Charge(decimal amount) =>
                    amount < 0 ? throw new InvalidOperationException("card declined") : amount + receiptPrefix.Length;

                [Traced]
                public async Task WaitAsync(CancellationToken cancellationToken) =>
                    await Task.Delay(receiptPrefix.Length * 1000, cancellationToken).ConfigureAwait(false);

                [Traced]
                private static int Lookup(string key) => key.Length;
            }
        }
        """;

    [Fact]
    public async Task Application_with_every_method_shape_builds_warning_free_and_produces_spans()
    {
        var directory = package.CreateConsumerDirectory("shapes");
        ConsumerProject.Write(directory, "Shapes", "Exe", package.PackageVersion);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), Program);
        File.WriteAllText(Path.Combine(directory, "SpanPrinter.cs"), ConsumerProject.SpanPrinter);

        var build = (await package.RunConsumerAsync(directory, "build", "-c", "Release", "-nodeReuse:false")).EnsureSuccess();
        Assert.Contains(" 0 Warning(s)", build.Output, StringComparison.Ordinal);

        var run = (await package.RunConsumerAsync(directory, "run", "--no-build", "-c", "Release")).EnsureSuccess();
        var lines = run.Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

        // Return values reach the caller unchanged.
        Assert.Contains("RESULT sync 5", lines);
        Assert.Contains("RESULT async 14", lines);
        Assert.Contains("RESULT tag receipt-order-7", lines);
        Assert.Contains("RESULT caught card declined", lines);
        Assert.Contains("RESULT canceled True", lines);
        Assert.Contains("RESULT current null", lines);

        // source|name|status|description|kind|parent|tags|events
        Assert.Contains("SPAN|Shapes|Shop.Add|Unset||Internal|-||", lines);
        Assert.Contains("SPAN|Shapes|Shop.CountItemsAsync|Unset||Internal|-|app.cart.id=cart-1|", lines);
        Assert.Contains("SPAN|Shapes|Shop.Lookup|Unset||Internal|Shop.CountItemsAsync||", lines);
        Assert.Contains("SPAN|Shapes|shop.checkout|Unset||Client|-|app.order.id=order-7,app.receipt.id=receipt-order-7|", lines);
        Assert.Contains("SPAN|Shapes|Shop.NotifyAsync|Unset||Internal|-||", lines);
        Assert.Contains("SPAN|Shapes|Shop.Lookup|Unset||Internal|Shop.NotifyAsync||", lines);
        Assert.Contains("SPAN|Shapes|Shop.Charge|Error|card declined|Internal|-|error.type=System.InvalidOperationException|exception", lines);

        // Cancellation requested through the method's own token is not an error by default.
        Assert.Contains(lines, l => l.StartsWith("SPAN|Shapes|Shop.WaitAsync|Unset|", StringComparison.Ordinal));

        // The async span ends after the awaited work: its child ended first.
        var child = Array.IndexOf(lines, "SPAN|Shapes|Shop.Lookup|Unset||Internal|Shop.CountItemsAsync||");
        var parent = Array.IndexOf(lines, "SPAN|Shapes|Shop.CountItemsAsync|Unset||Internal|-|app.cart.id=cart-1|");
        Assert.True(child < parent, run.Output);
        Assert.Equal(8, lines.Count(l => l.StartsWith("SPAN|", StringComparison.Ordinal)));
        Assert.Contains("RESULT metric traced.method.duration s True span.name=shop.checkout", lines);
        Assert.Contains("RESULT metric traced.method.duration s True span.name=Shop.Charge error.type=System.InvalidOperationException", lines);
    }

    /// <summary>
    /// The same application on the older runtimes the package supports. Only the .NET 10 runtime is installed here, so
    /// each is published self-contained for this machine (the runtime packs come from the package feed) and the
    /// published executable runs.
    /// </summary>
    [Theory]
    [InlineData("net8.0")]
    [InlineData("net9.0")]
    public async Task Application_on_an_older_runtime_builds_warning_free_and_produces_spans(string targetFramework)
    {
        var name = "Shapes" + targetFramework.Replace(".", string.Empty, StringComparison.Ordinal);
        var directory = package.CreateConsumerDirectory(name);
        ConsumerProject.Write(directory, name, "Exe", package.PackageVersion, targetFramework: targetFramework);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), Program);
        File.WriteAllText(Path.Combine(directory, "SpanPrinter.cs"), ConsumerProject.SpanPrinter);

        var output = Path.Combine(directory, "published");
        // The project treats warnings as errors: a warning would have failed the publish.
        var publish = (await package.RunConsumerAsync(directory, "publish", "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier, "--self-contained", "-o", output, "-nodeReuse:false")).EnsureSuccess();
        Assert.DoesNotMatch(@"warning [A-Z]+\d+", publish.Output);

        var run = (await DotNet.RunProgramAsync(Path.Combine(output, name), directory, [], null, TestContext.Current.CancellationToken)).EnsureSuccess();
        var lines = run.Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains($"RESULT runtime {targetFramework[3]}", lines);
        Assert.Contains("RESULT async 14", lines);
        Assert.Contains($"SPAN|{name}|Shop.CountItemsAsync|Unset||Internal|-|app.cart.id=cart-1|", lines);
        Assert.Contains($"SPAN|{name}|Shop.Charge|Error|card declined|Internal|-|error.type=System.InvalidOperationException|exception", lines);
        Assert.Equal(8, lines.Count(l => l.StartsWith("SPAN|", StringComparison.Ordinal)));
        Assert.Contains("RESULT metric traced.method.duration s True span.name=shop.checkout", lines);
        Assert.Contains("RESULT metric traced.method.duration s True span.name=Shop.Charge error.type=System.InvalidOperationException", lines);
    }

    /// <summary>
    /// Native AOT: the application publishes with no trimming or AOT warning from the package or the generated code,
    /// and the native executable records the same spans.
    /// </summary>
    [Fact]
    public async Task Native_AOT_application_publishes_warning_free_and_produces_spans()
    {
        const string Name = "ShapesAot";
        var directory = package.CreateConsumerDirectory("aot");
        var project = ConsumerProject.Write(directory, Name, "Exe", package.PackageVersion);
        File.WriteAllText(project, File.ReadAllText(project).Replace("<OutputType>Exe</OutputType>", "<OutputType>Exe</OutputType><PublishAot>true</PublishAot>", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(directory, "Program.cs"), Program);
        File.WriteAllText(Path.Combine(directory, "SpanPrinter.cs"), ConsumerProject.SpanPrinter);

        var output = Path.Combine(directory, "published");
        var publish = (await package.RunConsumerAsync(directory, "publish", "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier, "-o", output, "-nodeReuse:false")).EnsureSuccess();
        Assert.DoesNotMatch(@"warning (IL\d{4}|TRC\d{3})", publish.Output);

        var run = (await DotNet.RunProgramAsync(Path.Combine(output, Name), directory, [], null, TestContext.Current.CancellationToken)).EnsureSuccess();
        var lines = run.Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("RESULT async 14", lines);
        Assert.Contains("RESULT caught card declined", lines);
        Assert.Contains($"SPAN|{Name}|Shop.Lookup|Unset||Internal|Shop.CountItemsAsync||", lines);
        Assert.Contains($"SPAN|{Name}|shop.checkout|Unset||Client|-|app.order.id=order-7,app.receipt.id=receipt-order-7|", lines);
        Assert.Equal(8, lines.Count(l => l.StartsWith("SPAN|", StringComparison.Ordinal)));
        Assert.Contains("RESULT metric traced.method.duration s True span.name=shop.checkout", lines);
        Assert.Contains("RESULT metric traced.method.duration s True span.name=Shop.Charge error.type=System.InvalidOperationException", lines);
    }

    /// <summary>
    /// The package's targets enable interceptors in the project's root namespace, where the interceptors of a private
    /// nested type's members are declared (inside its static partial class); a class elsewhere is told what to add.
    /// </summary>
    [Fact]
    public async Task Members_of_private_nested_types_of_a_static_partial_class_get_spans()
    {
        var directory = package.CreateConsumerDirectory("nested");
        ConsumerProject.Write(directory, "Nested", "Exe", package.PackageVersion);
        File.WriteAllText(Path.Combine(directory, "SpanPrinter.cs"), ConsumerProject.SpanPrinter);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), """
            using Instrumentation;

            using var listener = Consumer.SpanPrinter.Start();
            Consumer.SpanPrinter.Result("total", Nested.Orders.Pricing.Run() + Elsewhere.Hidden.Run());

            namespace Nested.Orders
            {
                internal static partial class Pricing
                {
                    public static int Run()
                    {
                        var cart = new Cart();
                        cart.Add(2);
                        return cart.Count;
                    }

                    private sealed class Cart
                    {
                        public int Count { get; private set; }

                        [Traced]
                        public void Add(int items) => Count += items;
                    }
                }
            }

            namespace Elsewhere
            {
                internal static partial class Hidden
                {
                    public static int Run() => new Box(40).Get();

                    private sealed class Box(int value)
                    {
                        [Traced]
                        public int Get() => value;
                    }
                }
            }
            """);

        var build = (await package.RunConsumerAsync(directory, "build", "-c", "Release", "-nodeReuse:false", "-p:WarningsNotAsErrors=TRC001")).EnsureSuccess();
        Assert.Contains("warning TRC001: [Traced] on 'Box.Get' has no effect: 'Box' is not accessible from generated code; make it internal or public, or enable interceptors in its namespace (<InterceptorsNamespaces>$(InterceptorsNamespaces);Elsewhere</InterceptorsNamespaces>)", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("'Cart.Add' has no effect", build.Output, StringComparison.Ordinal);

        var run = (await package.RunConsumerAsync(directory, "run", "--no-build", "-c", "Release")).EnsureSuccess();
        var lines = run.Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("RESULT total 42", lines);
        Assert.Contains("SPAN|Nested|Cart.Add|Unset||Internal|-||", lines);
        Assert.Single(lines, l => l.StartsWith("SPAN|", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Application_calling_a_library_that_uses_the_package_gets_spans_without_referencing_it()
    {
        var root = package.CreateConsumerDirectory("transitive");
        var library = Path.Combine(root, "Inventory");
        var app = Path.Combine(root, "App");

        ConsumerProject.Write(library, "Inventory", "Library", package.PackageVersion);
        File.WriteAllText(Path.Combine(library, "Stock.cs"), """
            using Instrumentation;

            namespace Inventory;

            public static class Stock
            {
                [Traced]
                public static int Reserve([Tag("app.product.id")] string productId, int quantity)
                {
                    System.ArgumentNullException.ThrowIfNull(productId);
                    return Check(productId) + quantity;
                }

                [Traced]
                internal static int Check(string productId) => productId.Length;
            }
            """);

        // The application has no PackageReference of its own: the package flows through the library.
        ConsumerProject.Write(app, "App", "Exe", packageVersion: null, projectReferences: [Path.Combine("..", "Inventory", "Inventory.csproj")]);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using Consumer;

            using var listener = SpanPrinter.Start();
            SpanPrinter.Result("reserved", Inventory.Stock.Reserve("sku-1", 2));
            """);
        File.WriteAllText(Path.Combine(app, "SpanPrinter.cs"), ConsumerProject.SpanPrinter);

        (await package.RunConsumerAsync(app, "build", "-c", "Release", "-nodeReuse:false")).EnsureSuccess();
        var run = (await package.RunConsumerAsync(app, "run", "--no-build", "-c", "Release")).EnsureSuccess();
        var lines = run.Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

        Assert.Contains("RESULT reserved 7", lines);
        // The app's call is wrapped by an interceptor generated in the app, but the span comes from the source of the
        // assembly that declares the method, so every span of the library carries the library's source name.
        Assert.Contains("SPAN|Inventory|Stock.Reserve|Unset||Internal|-|app.product.id=sku-1|", lines);
        Assert.Contains("SPAN|Inventory|Stock.Check|Unset||Internal|Stock.Reserve||", lines);
    }

    /// <summary>
    /// The props surface <c>IsTestProject</c> to the analyzers: the same leaking span fails a strict build as TRC201 and
    /// is only a suggestion when the project is a test project.
    /// </summary>
    [Fact]
    public async Task TRC201_is_a_suggestion_in_a_test_project()
    {
        var directory = package.CreateConsumerDirectory("test-project");
        var project = ConsumerProject.Write(directory, "SpanTests", "Library", package.PackageVersion);
        File.WriteAllText(Path.Combine(directory, "Leaks.cs"), """
            using System.Diagnostics;

            namespace SpanTests;

            public static class Leaks
            {
                private static readonly ActivitySource Source = new("SpanTests");

                public static void StartAndForget() => Source.StartActivity("forgotten");
            }
            """);

        var strict = await package.RunConsumerAsync(directory, "build", project, "-c", "Release", "-nodeReuse:false");
        Assert.Contains("error TRC201", strict.Output, StringComparison.Ordinal);

        var asTests = await package.RunConsumerAsync(directory, "build", project, "-c", "Release", "-nodeReuse:false", "-p:IsTestProject=true");
        Assert.True(asTests.ExitCode == 0, asTests.Output);
        Assert.DoesNotContain("TRC201", asTests.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_CSharp_14_extension_block_member_is_reported_by_the_name_users_know()
    {
        // The in-process compiler of the unit tests predates extension blocks: only the SDK's compiler can show this.
        var directory = package.CreateConsumerDirectory("extension-block");
        ConsumerProject.Write(directory, "Texts", "Library", package.PackageVersion);
        File.WriteAllText(Path.Combine(directory, "Shouting.cs"), """
            using Instrumentation;

            namespace Texts;

            public static class StringExtensions
            {
                extension(string text)
                {
                    [Traced]
                    public string Shout() => text.ToUpperInvariant();
                }
            }
            """);

        // The project treats warnings as errors: the build fails on TRC001, which is the point.
        var build = await package.RunConsumerAsync(directory, "build", "-c", "Release", "-nodeReuse:false");

        Assert.Contains("TRC001: [Traced] on 'StringExtensions.Shout' has no effect: members of C# 14 extension blocks", build.Output, StringComparison.Ordinal);
    }

    /// <summary>
    /// The package's props make InstrumentationSemanticConventionsVersion visible to the analyzers: a deprecation newer
    /// than the targeted release is not reported, an older one is, and the message names the release.
    /// </summary>
    [Fact]
    public async Task The_semantic_conventions_version_property_reaches_the_analyzers()
    {
        var directory = package.CreateConsumerDirectory("semconv-version");
        ConsumerProject.Write(directory, "Rpc", "Library", package.PackageVersion);
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), """
            <Project>
              <PropertyGroup>
                <InstrumentationSemanticConventionsVersion>1.42</InstrumentationSemanticConventionsVersion>
              </PropertyGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "RpcTracing.cs"), """
            using System.Diagnostics;

            namespace Rpc;

            public static class RpcTracing
            {
                public static void Record(Activity activity)
                {
                    activity.SetTag("rpc.response.status_code", "OK");
                    activity.SetTag("rpc.system", "grpc");
                }
            }
            """);

        // Warnings are errors in the consumer project: the build fails on the one deprecation 1.42 knows.
        var build = await package.RunConsumerAsync(directory, "build", "-c", "Release", "-nodeReuse:false");

        Assert.Contains("TRC301: Attribute key 'rpc.system' is deprecated since semantic conventions 1.39 (this project targets 1.42)", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("rpc.response.status_code", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Netstandard2_0_library_using_the_package_builds_warning_free_and_traces_sync_and_async_methods()
    {
        var root = package.CreateConsumerDirectory("netstandard");
        var library = Path.Combine(root, "Catalog");
        var app = Path.Combine(root, "Store");

        // netstandard2.0 consumers get lib/netstandard2.0 and the System.Diagnostics.DiagnosticSource dependency.
        ConsumerProject.Write(library, "Catalog", "Library", package.PackageVersion, targetFramework: "netstandard2.0");
        File.WriteAllText(Path.Combine(library, "Prices.cs"), """
            using System;
            using System.Threading.Tasks;
            using Instrumentation;

            namespace Catalog;

            public static class Prices
            {
                [Traced]
                public static async Task<decimal> QuoteAsync([Tag("app.product.id")] string productId, int quantity)
                {
                    if (productId is null)
                    {
                        throw new ArgumentNullException(nameof(productId));
                    }

                    await Task.Yield();
                    return UnitPrice(productId) * quantity;
                }

                [Traced("catalog.unit_price")]
                internal static decimal UnitPrice(string productId) =>
                    productId.Length == 0 ? throw new ArgumentException("empty product id", nameof(productId)) : 2.5m;
            }
            """);

        ConsumerProject.Write(app, "Store", "Exe", packageVersion: null, projectReferences: [Path.Combine("..", "Catalog", "Catalog.csproj")]);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using Consumer;

            using var listener = SpanPrinter.Start();
            SpanPrinter.Result("quote", await Catalog.Prices.QuoteAsync("sku-1", 4).ConfigureAwait(false));
            """);
        File.WriteAllText(Path.Combine(app, "SpanPrinter.cs"), ConsumerProject.SpanPrinter);

        var build = (await package.RunConsumerAsync(app, "build", "-c", "Release", "-nodeReuse:false")).EnsureSuccess();
        Assert.Contains(" 0 Warning(s)", build.Output, StringComparison.Ordinal);
        var run = (await package.RunConsumerAsync(app, "run", "--no-build", "-c", "Release")).EnsureSuccess();
        var lines = run.Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

        Assert.Contains("RESULT quote 10.0", lines);
        // Spans come from the declaring library's source, also for the call made in the app.
        Assert.Contains("SPAN|Catalog|Prices.QuoteAsync|Unset||Internal|-|app.product.id=sku-1|", lines);
        Assert.Contains("SPAN|Catalog|catalog.unit_price|Unset||Internal|Prices.QuoteAsync||", lines);
    }
}

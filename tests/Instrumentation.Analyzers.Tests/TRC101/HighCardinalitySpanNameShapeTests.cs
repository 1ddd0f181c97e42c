using System.Threading.Tasks;
using Instrumentation.Generators.Analyzers;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = Instrumentation.Analyzers.Tests.Verifiers.AnalyzerVerifier<Instrumentation.Generators.Analyzers.HighCardinalitySpanNameAnalyzer>;

namespace Instrumentation.Analyzers.Tests.TRC101;

/// <summary>Which name expressions TRC101 reports, checked through <c>ActivitySource.StartActivity(name)</c>.</summary>
public class HighCardinalitySpanNameShapeTests
{
    // Every name below is placed in the same realistic handler; the markup marks the expected squiggle.
    private static string InHandler(string name) => """
        using System;
        using System.Diagnostics;
        using System.Globalization;

        public enum OrderKind { Standard, Express }

        public sealed class Order
        {
            public int Id { get; set; }
            public string Name { get; set; } = "";
            public Guid CustomerId { get; set; }
        }

        public sealed class OrderHandler
        {
            private const string Prefix = "orders";
            private const string OrderPath = "/orders/42";
            private const int Version = 2;
            private static readonly ActivitySource Source = new("Shop.Orders");
            private readonly string _region = "eu-west";

            public string Route { get; } = "/orders/{id}";

            private static string GetOperationName() => "orders.list";

            public void Handle(int userId, string path, Guid orderId, OrderKind kind, bool retry, long amount, decimal total,
                object payload, Order order, OrderKind? maybeKind, string[] segments, string label)
            {
                using var activity = Source.StartActivity(NAME);
            }
        }
        """.Replace("NAME", name);

    [Theory]
    // interpolated strings with a per-call hole
    [InlineData("""$"GET /users/{userId}" """)]
    [InlineData("""$"GET {path}" """)]
    [InlineData("""$"Order {order.Id}" """)]
    [InlineData("""$"Order {orderId:N}" """)]
    [InlineData("""$"Charge {total,10:F2}" """)]
    [InlineData("""$"Handle {payload}" """)]
    [InlineData("""$"Process {kind} order {order.Id}" """)]
    [InlineData("""$"Order {(retry ? "retry" : path)}" """)]
    [InlineData("""$"GET /users/{$"{userId}"}" """)]
    [InlineData("""$"{userId}" """)]
    [InlineData("""$"Charge {amount}" """)]
    [InlineData("""$"{Prefix}/{userId}" """)]
    [InlineData("""$"Order {order.Name.ToUpperInvariant()}" """)]
    // verbatim and raw interpolated strings
    [InlineData("""$@"GET /users/{userId}" """)]
    [InlineData("""@$"GET /users/{userId}" """)]
    [InlineData("\"\"\"\" $\"\"\"GET /users/{userId}\"\"\" \"\"\"\"")]
    // concatenation with a per-call value
    [InlineData("""
        "GET /users/" + userId
        """)]
    [InlineData("""
        "GET " + path
        """)]
    [InlineData("""
        path + "/items"
        """)]
    [InlineData("""
        "GET /users/" + userId + "/orders/" + orderId
        """)]
    [InlineData("""
        Prefix + "." + order.Name
        """)]
    [InlineData("""
        "Order " + kind + " " + userId
        """)]
    // string.Format and string.Concat
    [InlineData("""
        string.Format("GET /users/{0}", userId)
        """)]
    [InlineData("""
        string.Format(CultureInfo.InvariantCulture, "GET /users/{0}", userId)
        """)]
    [InlineData("""
        string.Format("{0} {1} {2} {3}", "a", "b", "c", userId)
        """)]
    [InlineData("""
        string.Format("{0} {1} {2} {3}", new object[] { "a", "b", "c", userId })
        """)]
    [InlineData("""
        String.Format("Order {0:N}", orderId)
        """)]
    [InlineData("""
        string.Format(path, userId)
        """)]
    [InlineData("""
        string.Concat("GET /users/", userId)
        """)]
    [InlineData("""
        string.Concat("GET ", path, "/", userId.ToString())
        """)]
    [InlineData("""
        string.Concat("a", "b", "c", "d", path)
        """)]
    // ToString() of a value
    [InlineData("userId.ToString()")]
    [InlineData("""orderId.ToString("N")""")]
    [InlineData("userId.ToString(CultureInfo.InvariantCulture)")]
    [InlineData("payload.ToString()")]
    // constants that embed an identifier
    [InlineData("\"GET /orders/42\"")]
    [InlineData("\"/orders/42/items\"")]
    [InlineData("\"GET /orders/7?expand=lines\"")]
    [InlineData("\"batch-20240101\"")]
    [InlineData("\"invoice 1234567 render\"")]
    [InlineData("\"order 3fa85f64-5717-4562-b3fc-2c963f66afa6\"")]
    [InlineData("\"order {3FA85F64-5717-4562-B3FC-2C963F66AFA6}\"")]
    [InlineData("\"order 3fa85f6457174562b3fc2c963f66afa6\"")]
    [InlineData("@\"GET /orders/42\"")]
    [InlineData("\"\"\"\" \"\"\"GET /orders/42\"\"\" \"\"\"\"")]
    [InlineData("OrderPath")]
    [InlineData("$\"{Prefix}/42\"")]
    [InlineData("\"/orders/\" + \"42\"")]
    [InlineData("\"/orders/\" + 42")]
    [InlineData("$\"/orders/{42}\"")]
    [InlineData("string.Format(\"/orders/{0}\", 42)")]
    [InlineData("""
        Prefix + "/12345"
        """)]
    [InlineData("""
        string.Format("GET /orders/42/{0}", kind)
        """)]
    // a per-call value in one branch of a conditional name
    [InlineData("""
        retry ? $"Retry {userId}" : "Order"
        """)]
    [InlineData("""
        path ?? $"Order {userId}"
        """)]
    [InlineData("""
        kind switch { OrderKind.Express => $"Express {userId}", _ => "Standard" }
        """)]
    // a bare value whose source marks it per-call data (a path, an id)
    [InlineData("path")]
    [InlineData("path.ToLowerInvariant()")]
    [InlineData("$\"{path}\"")]
    [InlineData("path ?? \"unknown\"")]
    public Task Reported(string name) =>
        Verify.VerifyAnalyzerAsync(InHandler("{|TRC101:" + Unquote(name) + "|}"));

    [Theory]
    // constants, const fields and nameof
    [InlineData("\"GET /users/{id}\"")]
    [InlineData("\"GET /users/{id}/orders/{orderId}\"")]
    [InlineData("\"/api/v2/orders\"")]
    [InlineData("\"OrderService.PlaceOrder\"")]
    [InlineData("\"orders.process\"")]
    [InlineData("\"HTTP/2 request\"")]
    [InlineData("\"retry 1/3\"")]
    [InlineData("\"sha256 digest\"")]
    [InlineData("\"x509 validate\"")]
    [InlineData("\"listen on port 8080\"")]
    [InlineData("\"2024 report\"")]
    [InlineData("\"GET /orders/{0}\"")]
    [InlineData("\"\"")]
    [InlineData("@\"GET /users/{id}\"")]
    [InlineData("\"\"\"\" \"\"\"SELECT orders\"\"\" \"\"\"\"")]
    [InlineData("Prefix")]
    [InlineData("nameof(Handle)")]
    [InlineData("nameof(OrderHandler) + \".\" + nameof(Handle)")]
    // interpolations of constants only
    [InlineData("$\"{Prefix}/list\"")]
    [InlineData("$\"{nameof(OrderHandler)}.{nameof(Handle)}\"")]
    [InlineData("$\"v{Version}/orders\"")]
    [InlineData("$\"{Prefix}.{Version}\"")]
    [InlineData("$\"retry {3}\"")]
    [InlineData("\"v\" + 2 + \"/orders\"")]
    // a bare variable, parameter, field, property or call of unknown source is the whole name: its values are unknown here
    [InlineData("label")]
    [InlineData("Route")]
    [InlineData("GetOperationName()")]
    [InlineData("order.Name")]
    [InlineData("label.ToLowerInvariant()")]
    [InlineData("label.ToString()")]
    [InlineData("$\"{label}\"")]
    [InlineData("label ?? \"unknown\"")]
    // a readonly field of the handler is configuration, set once per deployment
    [InlineData("_region")]
    [InlineData("$\"{_region}.process\"")]
    [InlineData("retry ? \"orders.retry\" : \"orders.first\"")]
    [InlineData("segments[0]")]
    // enum and bool holes are low-cardinality
    [InlineData("$\"Process {kind}\"")]
    [InlineData("$\"Process {maybeKind}\"")]
    [InlineData("$\"Retry {retry}\"")]
    [InlineData("$\"Process {kind} retry={retry}\"")]
    [InlineData("\"Process \" + kind")]
    [InlineData("$\"Process {kind.ToString()}\"")]
    [InlineData("kind.ToString()")]
    [InlineData("$\"Process {(retry ? \"again\" : \"first\")}\"")]
    [InlineData("$\"Process {kind switch { OrderKind.Express => \"fast\", _ => \"slow\" }}\"")]
    // type names are bounded by the program
    [InlineData("$\"Handle {typeof(Order).Name}\"")]
    [InlineData("$\"Handle {GetType().Name}\"")]
    [InlineData("$\"{GetType().FullName}.Handle\"")]
    [InlineData("GetType().Name + \".Handle\"")]
    // string.Format / string.Concat of constants and low-cardinality values only
    [InlineData("string.Format(\"{0}\", \"x\")")]
    [InlineData("string.Format(\"Process {0}\", kind)")]
    [InlineData("string.Format(\"{0}/{1}\", Prefix, Version)")]
    [InlineData("string.Format(\"{0} {1} {2} {3}\", \"a\", \"b\", \"c\", kind)")]
    [InlineData("string.Concat(\"orders\", \".list\")")]
    [InlineData("string.Concat(Prefix, \".list\")")]
    [InlineData("string.Concat(segments)")]
    [InlineData("string.Format(path, \"x\")")]
    [InlineData("string.Join(\".\", segments)")]
    public Task Not_reported(string name) => Verify.VerifyAnalyzerAsync(InHandler(Unquote(name)));

    // InlineData strings written as raw literals end with a space before the closing quotes; raw-string cases
    // are wrapped in an extra pair of raw quotes.
    private static string Unquote(string name)
    {
        name = name.Trim();
        if (name.StartsWith("\"\"\"\" ", System.StringComparison.Ordinal) && name.EndsWith(" \"\"\"\"", System.StringComparison.Ordinal))
        {
            return name.Substring(5, name.Length - 10);
        }

        return name;
    }

    [Fact]
    public Task Raw_interpolated_string_with_two_dollars_is_reported()
    {
        // Written without markup: "$$" is the test library's caret marker.
        const string Name = "$$\"\"\"GET /users/{{userId}} {literal}\"\"\"";
        var source = InHandler(Name);
        var line = source.Split('\n');
        var row = System.Array.FindIndex(line, l => l.Contains(Name, System.StringComparison.Ordinal));
        var column = line[row].IndexOf(Name, System.StringComparison.Ordinal);
        var test = new Verify.Test { TestState = { Sources = { source }, MarkupHandling = MarkupMode.None } };
        test.ExpectedDiagnostics.Add(Verify.Diagnostic(RuleIds.HighCardinalitySpanName)
            .WithSpan(row + 1, column + 1, row + 1, column + 1 + Name.Length)
            .WithArguments("interpolates 'userId'"));
        return test.RunAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public Task Message_names_the_interpolated_value() =>
        Verify.VerifyAnalyzerAsync(
            InHandler("{|#0:$\"GET /users/{userId}\"|}"),
            Verify.Diagnostic(RuleIds.HighCardinalitySpanName).WithLocation(0).WithArguments("interpolates 'userId'"));

    [Fact]
    public Task Message_names_the_concatenated_value() =>
        Verify.VerifyAnalyzerAsync(
            InHandler("{|#0:\"GET /users/\" + userId|}"),
            Verify.Diagnostic(RuleIds.HighCardinalitySpanName).WithLocation(0).WithArguments("concatenates 'userId'"));

    [Fact]
    public Task Message_names_the_formatted_value() =>
        Verify.VerifyAnalyzerAsync(
            InHandler("{|#0:string.Format(\"GET /users/{0}\", order.Id)|}"),
            Verify.Diagnostic(RuleIds.HighCardinalitySpanName).WithLocation(0).WithArguments("formats 'order.Id'"));

    [Fact]
    public Task Message_names_the_embedded_id() =>
        Verify.VerifyAnalyzerAsync(
            InHandler("{|#0:\"GET /orders/42\"|}"),
            Verify.Diagnostic(RuleIds.HighCardinalitySpanName).WithLocation(0).WithArguments("embeds the id '42'"));

    [Fact]
    public Task Message_names_the_embedded_number() =>
        Verify.VerifyAnalyzerAsync(
            InHandler("{|#0:\"invoice 1234567 render\"|}"),
            Verify.Diagnostic(RuleIds.HighCardinalitySpanName).WithLocation(0).WithArguments("embeds the number '1234567'"));

    [Fact]
    public Task Message_names_the_embedded_guid() =>
        Verify.VerifyAnalyzerAsync(
            InHandler("{|#0:\"order 3fa85f64-5717-4562-b3fc-2c963f66afa6\"|}"),
            Verify.Diagnostic(RuleIds.HighCardinalitySpanName).WithLocation(0).WithArguments("embeds the GUID '3fa85f64-5717-4562-b3fc-2c963f66afa6'"));

    [Fact]
    public Task Message_names_the_ToString_call() =>
        Verify.VerifyAnalyzerAsync(
            InHandler("{|#0:userId.ToString()|}"),
            Verify.Diagnostic(RuleIds.HighCardinalitySpanName).WithLocation(0).WithArguments("is built from 'userId.ToString()'"));

    [Fact]
    public Task Message_shortens_long_expressions() =>
        Verify.VerifyAnalyzerAsync(
            InHandler("{|#0:$\"Order {order.Name.Trim().ToUpperInvariant().Normalize().ToLowerInvariant()}\"|}"),
            Verify.Diagnostic(RuleIds.HighCardinalitySpanName).WithLocation(0).WithArguments("interpolates 'order.Name.Trim().ToUpperInvariant()....'"));
}

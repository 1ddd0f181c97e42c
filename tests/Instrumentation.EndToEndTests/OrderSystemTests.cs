using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Orders;
using Payments;
using Xunit;

namespace Instrumentation.EndToEndTests;

// One class: its tests run one after the other (the cancellation test listens to a process-wide source, the sampling
// test sets a process-wide environment variable).
public sealed class OrderSystemTests
{
    private static readonly OrderLine[] KeyboardAndMice = [new("sku-keyboard", 1, 89.90m), new("sku-mouse", 2, 24.50m)];

    [Fact]
    public async Task ASuccessfulOrderIsOneTraceAcrossBothServices()
    {
        await using var system = await TracedOrderSystem.StartAsync();

        using var response = await system.PlaceOrderAsync(new OrderRequest("customer-42", KeyboardAndMice), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var spans = await system.StopAsync();

        // Each service exported its own spans, and only those (the structure is asserted below, by ids).
        Assert.Equal(
            ["InventoryService.IsInStock", "InventoryService.IsInStock", "InventoryService.ReserveAsync", "OrderService.PlaceOrderAsync",
             "POST", "POST /orders", "PaymentsClient.ChargeAsync"],
            spans.Orders.Select(s => s.DisplayName).Order(StringComparer.Ordinal));
        Assert.Equal(["POST /charges", "PaymentProcessor.ChargeAsync"], spans.Payments.Select(s => s.DisplayName).Order(StringComparer.Ordinal));

        var ordersServer = spans.OrdersSpan("POST /orders");
        var placeOrder = spans.OrdersSpan("OrderService.PlaceOrderAsync");
        var reserve = spans.OrdersSpan("InventoryService.ReserveAsync");
        var charge = spans.OrdersSpan("PaymentsClient.ChargeAsync");
        var httpClient = spans.OrdersSpan("POST");
        var paymentsServer = spans.PaymentsSpan("POST /charges");
        var processor = spans.PaymentsSpan("PaymentProcessor.ChargeAsync");

        Assert.Equal(ActivityKind.Server, ordersServer.Kind);
        Assert.Equal(ActivityKind.Internal, placeOrder.Kind);
        Assert.Equal(ActivityKind.Client, httpClient.Kind);
        Assert.Equal(ActivityKind.Server, paymentsServer.Kind);
        Assert.Equal(ActivityKind.Internal, processor.Kind);

        // One trace; the untraced caller sent no traceparent, so "POST /orders" is its root.
        Assert.All(spans.All, span => Assert.Equal(ordersServer.TraceId, span.TraceId));
        Assert.Equal(default, ordersServer.ParentSpanId);
        AssertChild(placeOrder, ordersServer);
        AssertChild(reserve, placeOrder);
        Assert.All(spans.Orders.Where(s => s.DisplayName == "InventoryService.IsInStock"), isInStock => AssertChild(isInStock, reserve));
        AssertChild(charge, placeOrder);
        AssertChild(httpClient, charge);
        // The HTTP hop: the payments Server span's parent is the orders HttpClient span, known only through traceparent.
        Assert.Equal(httpClient.SpanId, paymentsServer.ParentSpanId);
        Assert.True(paymentsServer.HasRemoteParent);
        Assert.Null(paymentsServer.Parent);
        AssertChild(processor, paymentsServer);

        Assert.All(spans.All, span => Assert.Equal(ActivityStatusCode.Unset, span.Status));
        Assert.All(spans.All, span => Assert.DoesNotContain(span.Events, e => e.Name == "exception"));
        Assert.Equal(201, ordersServer.GetTagItem("http.response.status_code"));
        Assert.Equal(200, paymentsServer.GetTagItem("http.response.status_code"));
        Assert.Equal("/orders", ordersServer.GetTagItem("http.route"));

        // The order id is a tag on both sides of the hop, never part of a span name.
        var orderId = Assert.IsType<string>(placeOrder.GetTagItem("app.order.id"));
        Assert.StartsWith("order-", orderId, StringComparison.Ordinal);
        Assert.Equal(orderId, processor.GetTagItem("app.order.id"));
        Assert.Equal(orderId, charge.GetTagItem("app.order.id"));
        Assert.Equal(orderId, reserve.GetTagItem("app.order.id"));
        Assert.All(spans.All, span => Assert.DoesNotContain(orderId, span.DisplayName, StringComparison.Ordinal));
        Assert.Equal("customer-42", processor.GetTagItem("app.customer.id"));
        Assert.Equal(138.90m, processor.GetTagItem("app.payment.amount"));
        Assert.StartsWith("txn-", Assert.IsType<string>(processor.GetTagItem("app.payment.transaction_id")), StringComparison.Ordinal);
        Assert.Equal(processor.GetTagItem("app.payment.transaction_id"), charge.GetTagItem("app.payment.transaction_id"));
    }

    [Fact]
    public async Task ADeclinedPaymentIsAnErrorWithAnExceptionEventOnBothSidesOfTheHop()
    {
        await using var system = await TracedOrderSystem.StartAsync();

        using var response = await system.PlaceOrderAsync(new OrderRequest("customer-7", [new("sku-monitor", 2, 649m)]), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.PaymentRequired, response.StatusCode);
        var spans = await system.StopAsync();

        // payments: the [Traced] processor threw; the endpoint answered 402, which leaves a Server span's status Unset.
        var processor = spans.PaymentsSpan("PaymentProcessor.ChargeAsync");
        AssertFailed(processor, typeof(Payments.PaymentDeclinedException), "Payment declined: card limit exceeded");
        var paymentsServer = spans.PaymentsSpan("POST /charges");
        Assert.Equal(ActivityStatusCode.Unset, paymentsServer.Status);
        Assert.Equal(402, paymentsServer.GetTagItem("http.response.status_code"));

        // orders: the 402 is an error for the HttpClient span, and the exception it becomes fails every [Traced] caller.
        var httpClient = spans.OrdersSpan("POST");
        Assert.Equal(ActivityStatusCode.Error, httpClient.Status);
        Assert.Equal(402, httpClient.GetTagItem("http.response.status_code"));
        Assert.Equal(httpClient.SpanId, paymentsServer.ParentSpanId);
        AssertFailed(spans.OrdersSpan("PaymentsClient.ChargeAsync"), typeof(Orders.PaymentDeclinedException), "Payment declined: card limit exceeded");
        var placeOrder = spans.OrdersSpan("OrderService.PlaceOrderAsync");
        AssertFailed(placeOrder, typeof(Orders.PaymentDeclinedException), "Payment declined: card limit exceeded");
        AssertChild(spans.OrdersSpan("InventoryService.Release"), placeOrder);
        Assert.Equal(ActivityStatusCode.Unset, spans.OrdersSpan("InventoryService.Release").Status);
        var ordersServer = spans.OrdersSpan("POST /orders");
        Assert.Equal(ActivityStatusCode.Unset, ordersServer.Status);
        Assert.Equal(402, ordersServer.GetTagItem("http.response.status_code"));
        Assert.All(spans.All, span => Assert.Equal(ordersServer.TraceId, span.TraceId));
        Assert.Equal(placeOrder.GetTagItem("app.order.id"), processor.GetTagItem("app.order.id"));

        // Every call is also measured (RecordDuration): in each service's own meter, the failures by their error.type.
        var durations = system.Durations.Rows;
        Assert.Equal(1, durations[("payments", "PaymentProcessor.ChargeAsync", "error.type=Payments.PaymentDeclinedException")].Count);
        Assert.Equal(1, durations[("orders", "OrderService.PlaceOrderAsync", "error.type=Orders.PaymentDeclinedException")].Count);
        Assert.Equal(1, durations[("orders", "InventoryService.Release", "no error")].Count);
        Assert.DoesNotContain(durations.Keys, key => key.Service == "payments" && key.Operation != "PaymentProcessor.ChargeAsync");
        Assert.All(durations.Values, row => Assert.True(row.Sum > 0));
    }

    [Fact]
    public async Task ACancelledRequestCancelsTheWorkOnBothSidesWithoutAnError()
    {
        await using var system = await TracedOrderSystem.StartAsync();
        var paymentStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Payments",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.None,
            ActivityStarted = activity =>
            {
                if (activity.DisplayName == "PaymentProcessor.ChargeAsync")
                {
                    paymentStarted.TrySetResult();
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        // The slow customer's payment waits 30 s; the caller gives up once the payment is under way.
        var order = system.PlaceOrderAsync(new OrderRequest(PaymentProcessor.SlowCustomer, KeyboardAndMice), caller.Token);
        await paymentStarted.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        await caller.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => order);
        var spans = await system.StopAsync();

        // The aborted requests end as 499 (client closed request) on both servers: not a server error.
        var ordersServer = spans.OrdersSpan("POST /orders");
        var paymentsServer = spans.PaymentsSpan("POST /charges");
        Assert.Equal(499, ordersServer.GetTagItem("http.response.status_code"));
        Assert.Equal(499, paymentsServer.GetTagItem("http.response.status_code"));
        Assert.Equal(ActivityStatusCode.Unset, ordersServer.Status);
        Assert.Equal(ActivityStatusCode.Unset, paymentsServer.Status);
        Assert.Equal(spans.OrdersSpan("POST").SpanId, paymentsServer.ParentSpanId);

        // Each [Traced] method whose token was cancelled records the exception event and keeps status Unset.
        foreach (var span in new[] { spans.OrdersSpan("OrderService.PlaceOrderAsync"), spans.OrdersSpan("PaymentsClient.ChargeAsync"),
                                     spans.PaymentsSpan("PaymentProcessor.ChargeAsync") })
        {
            Assert.Equal(ActivityStatusCode.Unset, span.Status);
            Assert.Null(span.GetTagItem("error.type"));
            var exceptionType = Assert.IsType<string>(Tags(Assert.Single(span.Events, e => e.Name == "exception"))["exception.type"]);
            Assert.True(typeof(OperationCanceledException).IsAssignableFrom(Type.GetType(exceptionType)), exceptionType);
        }

        Assert.All(spans.All, span => Assert.Equal(ordersServer.TraceId, span.TraceId));
    }

    [Fact]
    public async Task TheSamplerIsChosenByTheStandardEnvironmentVariables()
    {
        Environment.SetEnvironmentVariable("OTEL_TRACES_SAMPLER", "always_off");
        try
        {
            await using var system = await TracedOrderSystem.StartAsync();
            using var response = await system.PlaceOrderAsync(new OrderRequest("customer-42", KeyboardAndMice), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var spans = await system.StopAsync();

            Assert.Empty(spans.All);
        }
        finally
        {
            Environment.SetEnvironmentVariable("OTEL_TRACES_SAMPLER", null);
        }
    }

    private static void AssertChild(Activity child, Activity parent)
    {
        Assert.Equal(parent.TraceId, child.TraceId);
        Assert.Equal(parent.SpanId, child.ParentSpanId);
    }

    private static void AssertFailed(Activity span, Type exceptionType, string message)
    {
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(message, span.StatusDescription);
        Assert.Equal(exceptionType.FullName, span.GetTagItem("error.type"));
        var tags = Tags(Assert.Single(span.Events, e => e.Name == "exception"));
        Assert.Equal(exceptionType.FullName, tags["exception.type"]);
        Assert.Equal(message, tags["exception.message"]);
        Assert.Contains(exceptionType.FullName!, Assert.IsType<string>(tags["exception.stacktrace"]), StringComparison.Ordinal);
    }

    private static Dictionary<string, object?> Tags(ActivityEvent activityEvent) => activityEvent.Tags.ToDictionary(t => t.Key, t => t.Value);
}

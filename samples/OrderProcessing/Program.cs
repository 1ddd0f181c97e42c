using System;
using System.Diagnostics;
using Instrumentation;
using OpenTelemetry;
using OpenTelemetry.Trace;

using var tracerProvider = Sdk.CreateTracerProviderBuilder()
    .AddSource("OrderProcessing")
    .AddConsoleExporter()
    .Build();

var service = new OrderService();
Console.WriteLine($"Order placed: {service.PlaceOrder("customer-42")}");

internal sealed class OrderService
{
    [Traced]
    public string PlaceOrder([Tag("app.customer.id")] string customerId) => $"order-for-{customerId}";
}

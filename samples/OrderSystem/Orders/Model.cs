using System;
using System.Collections.Generic;

namespace Orders;

/// <summary>One line of an order.</summary>
public sealed record OrderLine(string Sku, int Quantity, decimal UnitPrice);

/// <summary>The body of <c>POST /orders</c>.</summary>
public sealed record OrderRequest(string CustomerId, IReadOnlyList<OrderLine> Lines);

/// <summary>A placed and paid order: the answer to <c>POST /orders</c>.</summary>
public sealed record Order(string OrderId, decimal Total, string TransactionId);

/// <summary>The payments service refused the charge (HTTP 402).</summary>
public sealed class PaymentDeclinedException(string reason) : Exception($"Payment declined: {reason}")
{
    /// <summary>Why the charge was refused.</summary>
    public string Reason { get; } = reason;
}

/// <summary>An item is not available in the requested quantity.</summary>
public sealed class OutOfStockException(string sku) : Exception($"'{sku}' is out of stock")
{
    /// <summary>The missing item.</summary>
    public string Sku { get; } = sku;
}

using System;
using System.Collections.Generic;
using System.Linq;

namespace OrderProcessing;

/// <summary>One line of a shopping cart.</summary>
public sealed record CartLine(string Sku, int Quantity, decimal UnitPrice);

/// <summary>What the customer wants to buy.</summary>
public sealed record Cart(IReadOnlyList<CartLine> Lines)
{
    public decimal Total => Lines.Sum(line => line.Quantity * line.UnitPrice);
}

/// <summary>A placed and paid order.</summary>
public sealed record Receipt(string OrderId, string TransactionId, decimal Amount);

/// <summary>The payment provider refused the charge.</summary>
public sealed class PaymentDeclinedException(string reason) : Exception($"Payment declined: {reason}")
{
    public string Reason { get; } = reason;
}

/// <summary>An item is not available in the requested quantity.</summary>
public sealed class OutOfStockException(string sku) : Exception($"'{sku}' is out of stock")
{
    public string Sku { get; } = sku;
}

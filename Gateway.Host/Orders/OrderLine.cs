namespace Gateway.Host.Orders;

/// <summary>
/// One item line of an order document (ordered, shipped or invoiced), kept so lines can be compared across an order's
/// documents; a plain class with setters because LiteDB stores it inside tracking records.
/// </summary>
internal sealed class OrderLine
{
    /// <summary>The customer's PO line number when the document carries it.</summary>
    public string? LineNumber { get; set; }

    /// <summary>Our item code (the vendor's part or item number) when present, else the best other identification.</summary>
    public string? Item { get; set; }

    /// <summary>The buyer's part or item number when present.</summary>
    public string? BuyerItem { get; set; }

    /// <summary>Ordered (850, ORDERS, 940), shipped (856, DESADV, 945 W1203) or invoiced (810, INVOIC), by the document type.</summary>
    public decimal? Quantity { get; set; }

    /// <summary>What was ordered, only where the document states it besides <see cref="Quantity"/> (945 W1202, DESADV/INVOIC QTY+21).</summary>
    public decimal? QuantityOrdered { get; set; }

    /// <summary>The unit of measure as the EDI code (EA, CA, PCE...).</summary>
    public string? UnitOfMeasure { get; set; }

    /// <summary>The price of one unit, after any price basis (per hundred, per 10 KGM) is divided out.</summary>
    public decimal? UnitPrice { get; set; }
}

namespace Gateway.Host.Configuration;

/// <summary>The order journey and shipment notices (<c>Gateway:Orders</c>).</summary>
internal sealed class OrderSettings
{
    /// <summary>Days after a purchase order by which its ship notice (856/DESADV) should have gone; later, the order is stuck.</summary>
    public int ShipNoticeWithinDays { get; init; } = 3;

    /// <summary>Days after a warehouse order (940) by which the 3PL's 945 should have come; later, the order is stuck.</summary>
    public int WarehouseShipWithinDays { get; init; } = 2;

    /// <summary>How far an invoiced unit price may differ from the ordered one, in percent, before it is a discrepancy.</summary>
    public decimal PriceTolerancePercent { get; init; } = 0.5m;

    /// <summary>Our GS1 company prefix (7 to 10 digits): SSCC-18 carton ids for ship notices whose cartons came without one.</summary>
    public string? Gs1CompanyPrefix { get; init; }

    /// <summary>The ship-from address of ship notices when the 3PL's 945 names none (N1 SF).</summary>
    public ShipFromSettings? ShipFrom { get; init; }
}

/// <summary>An address as ship notices carry it (docs/backend-api.md, section 1).</summary>
internal sealed class ShipFromSettings
{
    public string? LocationId { get; init; }

    public string Name { get; init; } = "";

    public string? Address1 { get; init; }

    public string? Address2 { get; init; }

    public string? City { get; init; }

    public string? Region { get; init; }

    public string? PostalCode { get; init; }

    public string? Country { get; init; }
}

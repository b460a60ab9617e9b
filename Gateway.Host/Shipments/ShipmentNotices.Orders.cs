using System.Text.Json.Nodes;
using Gateway.Host.Pipeline;
using Gateway.Host.Tracking;
using static Gateway.Host.Shipments.FormJson;

namespace Gateway.Host.Shipments;

/// <summary>The customer's purchase order behind a shipment: who ordered, where to, when, and the lines as they were ordered.</summary>
internal sealed partial class ShipmentNotices
{
    /// <summary>What a ship notice takes from the order: its ship-to, its date, its lines.</summary>
    private sealed record ReceivedOrder(JsonObject? ShipTo, string? Date, IReadOnlyList<OrderedLine> Lines);

    /// <summary>A PO line's identifiers, which the customer expects back in the ship notice as it sent them.</summary>
    private sealed record OrderedLine(string? LineNumber, string? Sku, string? BuyerPartNumber, string? Gtin);

    private static readonly string[] OrderTypes = ["850", "ORDERS"];

    /// <summary>The newest 850 or ORDERS received with <paramref name="purchaseOrder"/> that was not refused, quarantined or a repeat.</summary>
    private DocumentRecord? FindOrder(string purchaseOrder) =>
        OrderTypes
            .SelectMany(type => store.QueryDocuments(new DocumentQuery { BusinessReference = purchaseOrder, Type = type, Direction = "inbound" }))
            .Where(d => d.PartnerId is not null && d.Status is not (DocumentStatus.Rejected or DocumentStatus.Duplicate or DocumentStatus.Quarantined))
            .MaxBy(d => d.ReceivedAt);

    /// <summary>The order's JSON form read again from the raw archive; null when its file is gone (retention) or unreadable.</summary>
    private ReceivedOrder? ReadOrder(DocumentRecord order)
    {
        JsonObject? form;
        try
        {
            form = DocumentBodies.Read(order.ReceiptId, archive.Read(order.ReceiptId), new HashSet<string>(StringComparer.Ordinal) { order.Id })
                .Select(body => body.Json())
                .FirstOrDefault();
        }
        catch (Exception exception) when (exception is IOException or FormatException)
        {
            return null;
        }
        if (form is null)
        {
            return null;
        }
        return order.Type == "850" ? FromX12(form) : FromEdifact(form);
    }

    private static ReceivedOrder FromX12(JsonObject form)
    {
        var shipTo = All(form["N1Loop"]).FirstOrDefault(loop => TextOf(First(loop["N1"])?["N101"]) == "ST");
        var lines = new List<OrderedLine>();
        foreach (var po1 in All(form["PO1Loop"]).Select(loop => First(loop["PO1"])).OfType<JsonObject>())
        {
            // Item ids come in qualifier/value pairs from PO106/PO107 on.
            string? sku = null, buyerPart = null, gtin = null;
            for (int i = 6; i < 25; i += 2)
            {
                string? value = TextOf(po1[$"PO1{i + 1:00}"]);
                switch (TextOf(po1[$"PO1{i:00}"]))
                {
                    case "VP" or "VN":
                        sku ??= value;
                        break;
                    case "BP" or "IN":
                        buyerPart ??= value;
                        break;
                    case "UP" or "EN" or "UK":
                        gtin ??= value;
                        break;
                }
            }
            lines.Add(new OrderedLine(TextOf(po1["PO101"]), sku, buyerPart, gtin));
        }
        return new ReceivedOrder(shipTo is null ? null : X12Address(shipTo), IsoDate(TextOf(First(form["BEG"])?["BEG05"])), lines);
    }

    private static ReceivedOrder FromEdifact(JsonObject form)
    {
        var parties = All(form["SG2"]).Select(group => First(group["NAD"])).OfType<JsonObject>().ToList();
        var shipTo = parties.FirstOrDefault(nad => TextOf(nad["NAD01"]) == "DP") ?? parties.FirstOrDefault(nad => TextOf(nad["NAD01"]) == "ST");
        var date = All(form["DTM"]).FirstOrDefault(dtm => Component(dtm, "DTM01") == "137");
        var lines = new List<OrderedLine>();
        // The line group is SG25 in D96A and SG28 in D01B: take whichever holds LIN segments.
        foreach (var group in All(form["SG25"]).Concat(All(form["SG28"])))
        {
            if (First(group["LIN"]) is not { } lin)
            {
                continue;
            }
            string? sku = null, buyerPart = null;
            foreach (var pia in All(group["PIA"]))
            {
                for (int i = 2; i <= 6; i++)
                {
                    string element = $"PIA{i:00}";
                    string? value = Component(pia, element);
                    switch (Component(pia, element, 2))
                    {
                        case "SA":
                            sku ??= value;
                            break;
                        case "IN" or "BP":
                            buyerPart ??= value;
                            break;
                    }
                }
            }
            string? gtin = Component(lin, "LIN03", 2) is "EN" or "SRV" or "SRS" ? Component(lin, "LIN03") : null;
            lines.Add(new OrderedLine(TextOf(lin["LIN01"]), sku, buyerPart, gtin));
        }
        return new ReceivedOrder(shipTo is null ? null : EdifactAddress(shipTo), IsoDate(Component(date, "DTM01", 2)), lines);
    }

    /// <summary>
    /// Fills what the shipment leaves out from the order: its ship-to, its date, and for each item the PO line's
    /// number and buyer part number (and our sku), found by sku, else by buyer part number, else by GTIN.
    /// </summary>
    private static void Complete(JsonObject shipment, ReceivedOrder order, JsonObject? fallbackShipTo)
    {
        if (Lacks(shipment, "shipTo") && (order.ShipTo ?? fallbackShipTo) is { } shipTo)
        {
            shipment["shipTo"] = shipTo.DeepClone();
        }
        if (Lacks(shipment, "purchaseOrderDate") && order.Date is not null)
        {
            shipment["purchaseOrderDate"] = order.Date;
        }
        foreach (var item in All(shipment["packages"]).SelectMany(package => All(package["items"])))
        {
            string? sku = TextOf(item["sku"]), buyerPart = TextOf(item["buyerPartNumber"]), gtin = TextOf(item["gtin"]);
            var line = (sku is null ? null : order.Lines.FirstOrDefault(l => l.Sku == sku))
                ?? (buyerPart is null ? null : order.Lines.FirstOrDefault(l => l.BuyerPartNumber == buyerPart))
                ?? (gtin is null ? null : order.Lines.FirstOrDefault(l => l.Gtin == gtin));
            if (line is null)
            {
                continue;
            }
            if (Lacks(item, "lineNumber"))
            {
                SetIfAny(item, "lineNumber", line.LineNumber);
            }
            if (Lacks(item, "buyerPartNumber"))
            {
                SetIfAny(item, "buyerPartNumber", line.BuyerPartNumber);
            }
            if (Lacks(item, "sku"))
            {
                SetIfAny(item, "sku", line.Sku);
            }
        }
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using Gateway.Edi;
using Gateway.Host.Pipeline;
using Gateway.Host.Tracking;
using static Gateway.Host.Shipments.FormJson;

namespace Gateway.Host.Shipments;

/// <summary>A 3PL's 945 read as the shipment confirmation event of docs/backend-api.md, section 3.2.</summary>
internal sealed partial class ShipmentNotices
{
    /// <summary>Our units (section 1) by X12 355 code: the reverse of the 856 map's lookup.</summary>
    private static readonly Dictionary<string, string> Units = new(StringComparer.Ordinal)
    {
        ["EA"] = "each",
        ["CA"] = "case",
        ["PL"] = "pallet",
        ["BX"] = "box",
        ["LB"] = "pound",
        ["KG"] = "kilogram",
    };

    /// <summary>
    /// Sends the customer the ship notice of a validated 945, keyed by the 945's id so that a resumed or reprocessed
    /// receipt never sends two; returns one line for the 945's timeline (what was queued, or why nothing was), or null
    /// when <paramref name="document"/> is not a 945.
    /// </summary>
    public string? From945(DocumentRecord document, byte[] archivedContent)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Type != "945")
        {
            return null;
        }
        JsonObject? form;
        try
        {
            form = DocumentBodies.Read(document.ReceiptId, archivedContent, new HashSet<string>(StringComparer.Ordinal) { document.Id })
                .Select(body => body.Json())
                .FirstOrDefault();
        }
        catch (EdiFormatException exception)
        {
            return $"no ship notice: the 945 cannot be read again ({exception.Message})";
        }
        if (form is null)
        {
            return $"no ship notice: document {document.Id} is not in its archived file";
        }
        var (shipment, shipTo) = FromWarehouseAdvice(form);
        var result = Submit(shipment, document.Id, shipTo);
        string order = TextOf(shipment["purchaseOrder"]) is { } po ? $" (PO {po})" : "";
        if (result.TrackingId is null)
        {
            LogNoShipNotice(document.Id, document.PartnerId ?? "(unknown)", result.Problems.Count);
            return $"no ship notice{order}: {string.Join("; ", result.Problems.Select(p => p.Field is null ? p.Message : $"{p.Field}: {p.Message}"))}";
        }
        return $"{result.DocumentType} {result.TrackingId} {(result.Repeated ? "was already queued" : "queued")} for {result.PartnerId}{order}";
    }

    /// <summary>
    /// The event of a 945: W06 (shipment, ship date, PO), W27 carrier, N9 references, N1 SF/WH, and one package per
    /// carton (MAN GM) with its W12 lines; the 945's own ship-to comes back apart, used only when the order has none.
    /// </summary>
    private static (JsonObject Shipment, JsonObject? ShipTo) FromWarehouseAdvice(JsonObject form)
    {
        var w06 = First(form["W06"]);
        var dates = All(form["G62"]).ToList();
        string? DateOf(string qualifier) => IsoDate(TextOf(dates.FirstOrDefault(g => TextOf(g["G6201"]) == qualifier)?["G6202"]));
        var references = All(form["N9"]).ToList();
        string? Reference(string qualifier) => TextOf(references.FirstOrDefault(n => TextOf(n["N901"]) == qualifier)?["N902"]);
        var parties = All(form["N1Loop"]).ToList();
        JsonObject? Party(string code) => parties.FirstOrDefault(loop => TextOf(First(loop["N1"])?["N101"]) == code) is { } loop ? X12Address(loop) : null;

        var shipment = new JsonObject();
        SetIfAny(shipment, "shipmentId", TextOf(w06?["W0604"]) ?? TextOf(w06?["W0602"]));
        SetIfAny(shipment, "shipDate", IsoDate(TextOf(w06?["W0603"])) ?? DateOf("11"));
        SetIfAny(shipment, "expectedDeliveryDate", DateOf("17"));
        SetIfAny(shipment, "purchaseOrder", TextOf(w06?["W0606"]));
        var w27 = First(form["W27"]);
        if (TextOf(w27?["W2702"]) is not null || TextOf(w27?["W2703"]) is not null)
        {
            var carrier = new JsonObject();
            SetIfAny(carrier, "scac", TextOf(w27?["W2702"]));
            SetIfAny(carrier, "name", TextOf(w27?["W2703"]));
            shipment["carrier"] = carrier;
        }
        SetIfAny(shipment, "trackingNumber", Reference("CN") ?? Reference("2I"));
        SetIfAny(shipment, "billOfLading", Reference("BM"));
        SetIfAny(shipment, "shipFrom", Party("SF") ?? Party("WH"));
        shipment["packages"] = Packages(form);
        return (shipment, Party("ST"));
    }

    /// <summary>One package per carton id; an LX loop without MAN GM is a carton of its own, its SSCC made later.</summary>
    private static JsonArray Packages(JsonObject form)
    {
        var packages = new List<JsonObject>();
        var bySscc = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var lx in All(form["LXLoop"]))
        {
            var items = All(lx["W12Loop"]).Select(Item).OfType<JsonObject>().ToList();
            if (items.Count == 0)
            {
                continue;   // nothing of this line left the dock
            }
            string? sscc = TextOf(All(lx["MAN"]).FirstOrDefault(m => TextOf(m["MAN01"]) == "GM")?["MAN02"]);
            // A 20-digit label value carries GS1 application identifier 00 in front.
            if (sscc is { Length: 20 } && sscc.StartsWith("00", StringComparison.Ordinal))
            {
                sscc = sscc[2..];
            }
            if (sscc is not null && bySscc.TryGetValue(sscc, out var same))
            {
                foreach (var item in items)
                {
                    same["items"]!.AsArray().Add(item);
                }
                continue;
            }
            var package = new JsonObject();
            SetIfAny(package, "sscc", sscc);
            package["items"] = new JsonArray(items.ToArray<JsonNode?>());
            packages.Add(package);
            if (sscc is not null)
            {
                bySscc[sscc] = package;
            }
        }
        return new JsonArray(packages.ToArray<JsonNode?>());
    }

    /// <summary>The shipped item of a W12 loop; null when nothing of it shipped.</summary>
    private static JsonObject? Item(JsonObject loop)
    {
        if (First(loop["W12"]) is not { } w12
            || !decimal.TryParse(TextOf(w12["W1203"]), NumberStyles.Number, CultureInfo.InvariantCulture, out decimal shipped)
            || shipped <= 0)
        {
            return null;
        }
        var item = new JsonObject();
        SetIfAny(item, "lineNumber", TextOf(All(loop["N9"]).FirstOrDefault(n => TextOf(n["N901"]) == "LI")?["N902"]));
        string? id = TextOf(w12["W1208"]);
        switch (TextOf(w12["W1207"]))
        {
            case "VN" or "VP":
                SetIfAny(item, "sku", id);
                break;
            case "BP" or "IN":
                SetIfAny(item, "buyerPartNumber", id);
                break;
            case "UP" or "EN" or "UK":
                SetIfAny(item, "gtin", id);
                break;
        }
        if (TextOf(w12["W1206"]) is { } upc)
        {
            item["gtin"] = upc;
        }
        item["quantity"] = shipped;
        string? unit = TextOf(w12["W1205"]);
        SetIfAny(item, "unitOfMeasure", unit is null ? null : Units.GetValueOrDefault(unit, unit));
        return item;
    }
}

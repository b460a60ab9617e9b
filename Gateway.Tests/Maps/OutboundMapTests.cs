using System.Text.Json.Nodes;
using Gateway.Tests.Support;

namespace Gateway.Tests.Maps;

/// <summary>
/// The shipped outbound maps: a back-end event (docs/backend-api.md, section 3) in, the exact EDI out, accepted by our
/// validator. Besides the golden files, the points that are easy to get wrong: the 856 hierarchy, implied decimals,
/// counts, and optional event fields that must simply vanish.
/// </summary>
public sealed class OutboundMapTests
{
    private const string WarehouseRelease = "event-warehouse-release.json";
    private const string ShipmentConfirmation = "event-shipment-confirmation.json";
    private const string Invoice = "event-invoice.json";

    [Test]
    public void A_warehouse_release_becomes_a_940() =>
        MapGolden.AssertGolden(MapGolden.Outbound("x12-940-warehouse-release", MapGolden.TestData(WarehouseRelease)), "x12-940-warehouse-release.expected.edi");

    [Test]
    public void A_shipment_confirmation_becomes_an_856() =>
        MapGolden.AssertGolden(MapGolden.Outbound("x12-856-ship-notice", MapGolden.TestData(ShipmentConfirmation)), "x12-856-ship-notice.expected.edi");

    [Test]
    public void A_shipment_confirmation_becomes_a_desadv() =>
        MapGolden.AssertGolden(MapGolden.Outbound("edifact-desadv-ship-notice", MapGolden.TestData(ShipmentConfirmation)), "edifact-desadv-ship-notice.expected.edi");

    [Test]
    public void An_invoice_becomes_an_810() =>
        MapGolden.AssertGolden(MapGolden.Outbound("x12-810-invoice", MapGolden.TestData(Invoice)), "x12-810-invoice.expected.edi");

    [Test]
    public void An_invoice_becomes_an_invoic() =>
        MapGolden.AssertGolden(MapGolden.Outbound("edifact-invoic-invoice", MapGolden.TestData(Invoice)), "edifact-invoic-invoice.expected.edi");

    [Test]
    public void The_856_hierarchy_gives_each_package_and_item_its_parent()
    {
        var segments = Segments("x12-856-ship-notice", ShipmentConfirmation);
        Assert.Multiple(() =>
        {
            Assert.That(segments.Where(s => s.StartsWith("HL*", StringComparison.Ordinal)), Is.EqualTo(new[]
            {
                "HL*1**S", "HL*2*1*O",
                "HL*3*2*P", "HL*4*3*I",
                "HL*5*2*P", "HL*6*5*I", "HL*7*5*I",
            }));
            // Each package's SSCC and each item's line follow their own HL.
            Assert.That(After(segments, "HL*3*2*P"), Is.EqualTo("MAN*GM*000123450000000010"));
            Assert.That(After(segments, "HL*5*2*P"), Is.EqualTo("MAN*GM*000123450000000027"));
            Assert.That(After(segments, "HL*7*5*I"), Is.EqualTo("LIN*3*BP*ACME-77120*VP*SKU-10003*EN*4006381333931"));
            Assert.That(segments, Does.Contain("CTT*7"));
        });
    }

    [Test]
    public void The_856_ctt_counts_the_hl_segments_for_any_shape()
    {
        var segments = Segments("x12-856-ship-notice", ShipmentConfirmation, e =>
        {
            var packages = e["packages"]!.AsArray();
            packages.Add(packages[1]!.DeepClone());
            packages[2]!["sscc"] = "000123450000000034";
        });
        Assert.Multiple(() =>
        {
            Assert.That(segments.Count(s => s.StartsWith("HL*", StringComparison.Ordinal)), Is.EqualTo(10));
            Assert.That(segments, Does.Contain("CTT*10"));
            Assert.That(segments, Does.Contain("TD1*CTN25*3"));
            Assert.That(segments.Where(s => s.StartsWith("HL*", StringComparison.Ordinal)).Skip(7), Is.EqualTo(new[] { "HL*8*2*P", "HL*9*8*I", "HL*10*8*I" }));
        });
    }

    [Test]
    public void The_810_tds_carries_the_cents_and_ctt_counts_the_lines()
    {
        var segments = Segments("x12-810-invoice", Invoice, e =>
        {
            e["totalAmount"] = 1234.56m;
            var lines = e["lines"]!.AsArray();
            lines.Add(lines[0]!.DeepClone());
            lines[2]!["lineNumber"] = "3";
            lines[2]!["quantity"] = 1.5m;
        });
        Assert.Multiple(() =>
        {
            Assert.That(segments, Does.Contain("TDS*123456"));
            Assert.That(segments, Does.Contain("CTT*3*15.5"));
            Assert.That(segments, Does.Contain("IT1*3*1.5*EA*4.25**VP*SKU-10001*UP*012345678905"));
        });
    }

    [Test]
    public void The_invoic_writes_amounts_with_two_decimals()
    {
        var segments = Segments("edifact-invoic-invoice", Invoice, e => e["totalAmount"] = 1234.5m);
        Assert.Multiple(() =>
        {
            Assert.That(segments, Does.Contain("MOA+86:1234.50"));
            Assert.That(segments, Does.Contain("MOA+77:1234.50"));
            Assert.That(segments, Does.Contain("CNT+2:2"));
        });
    }

    [Test]
    public void Missing_optional_shipment_fields_drop_their_elements()
    {
        var x12 = Segments("x12-856-ship-notice", ShipmentConfirmation, WithoutShipmentOptionals);
        var edifact = Segments("edifact-desadv-ship-notice", ShipmentConfirmation, WithoutShipmentOptionals);
        Assert.Multiple(() =>
        {
            Assert.That(x12, Does.Not.Contain("DTM*017*20261205"));
            Assert.That(x12, Does.Contain("PRF*PO-778812"));
            Assert.That(x12.Where(s => s.StartsWith("REF*", StringComparison.Ordinal)), Is.Empty);
            Assert.That(x12, Does.Contain("TD5**2*UPSN"));
            Assert.That(x12, Does.Contain("N1*SF*NORTHWIND 3PL EAST"));
            Assert.That(x12, Does.Contain("LIN*1*VP*SKU-10001"));
            Assert.That(edifact.Where(s => s.StartsWith("DTM+", StringComparison.Ordinal)), Is.EqualTo(new[] { "DTM+137:20261203:102", "DTM+11:20261203:102" }));
            Assert.That(edifact.Where(s => s.StartsWith("RFF+", StringComparison.Ordinal)), Is.EqualTo(new[] { "RFF+ON:PO-778812" }));
            Assert.That(edifact, Does.Contain("TDT+20++++UPSN::182"));
            Assert.That(edifact, Does.Contain("NAD+SF+++NORTHWIND 3PL EAST+400 DOCK RD+COLUMBUS+OH+43215+US"));
            Assert.That(edifact, Does.Contain("LIN+1"));
            Assert.That(edifact, Does.Contain("PIA+5+SKU-10001:SA"));
        });
    }

    [Test]
    public void Missing_optional_invoice_fields_drop_their_segments()
    {
        static void Strip(JsonObject e)
        {
            e.Remove("currency");
            e.Remove("billTo");
            e["terms"] = null;
            e["lines"]![0]!.AsObject().Remove("description");
            e["lines"]![0]!["amount"] = null;
        }
        var x12 = Segments("x12-810-invoice", Invoice, Strip);
        var edifact = Segments("edifact-invoic-invoice", Invoice, Strip);
        Assert.Multiple(() =>
        {
            Assert.That(x12.Select(Tag), Is.EqualTo(new[] { "ST", "BIG", "IT1", "IT1", "TDS", "CTT", "SE" }));
            Assert.That(edifact.Select(Tag), Is.EqualTo(new[]
            {
                "UNH", "BGM", "DTM", "RFF", "LIN", "PIA", "QTY", "PRI", "LIN", "PIA", "QTY", "MOA", "PRI", "UNS", "CNT", "MOA", "MOA", "UNT",
            }));
        });
    }

    [Test]
    public void A_credit_note_and_discount_terms_are_coded()
    {
        static void CreditNote(JsonObject e)
        {
            e["invoiceType"] = "credit-note";
            e["terms"] = new JsonObject { ["description"] = "2% 10 NET 30", ["netDays"] = 30, ["discountPercent"] = 2, ["discountDays"] = 10 };
        }
        var x12 = Segments("x12-810-invoice", Invoice, CreditNote);
        var edifact = Segments("edifact-invoic-invoice", Invoice, CreditNote);
        Assert.Multiple(() =>
        {
            Assert.That(x12, Does.Contain("BIG*20261203*INV-2026-004417**PO-778812***CR"));
            Assert.That(x12, Does.Contain("ITD*08*3*2**10**30*****2% 10 NET 30"));
            Assert.That(edifact, Does.Contain("BGM+381+INV-2026-004417+9"));
            Assert.That(edifact, Does.Contain("PAT+1++5:3:D:30"));
            Assert.That(edifact, Does.Contain("PAT+22++5:3:D:10"));
            Assert.That(edifact, Does.Contain("PCD+12:2"));
        });
    }

    [Test]
    public void Units_are_converted_and_unknown_codes_pass_through()
    {
        static void Units(JsonObject e)
        {
            var lines = e["lines"]!.AsArray();
            lines[0]!["unitOfMeasure"] = "pallet";
            lines[1]!["unitOfMeasure"] = "DZ";
        }
        var x12 = Segments("x12-940-warehouse-release", WarehouseRelease, Units);
        var edifact = Segments("edifact-invoic-invoice", Invoice, Units);
        Assert.Multiple(() =>
        {
            Assert.That(x12, Does.Contain("W01*12*PL**VN*SKU-10001"));
            Assert.That(x12, Does.Contain("W01*3*DZ**VN*SKU-10002"));
            Assert.That(edifact, Does.Contain("QTY+47:12:PF"));
            Assert.That(edifact, Does.Contain("QTY+47:2:DZ"));
        });
    }

    [Test]
    public void The_940_leaves_out_what_the_release_does_not_say()
    {
        var segments = Segments("x12-940-warehouse-release", WarehouseRelease, e =>
        {
            e.Remove("purchaseOrder");
            e.Remove("requestedShipDate");
            e["carrier"] = null;
        });
        Assert.Multiple(() =>
        {
            Assert.That(segments, Does.Contain("W05*N*SO-48213"));
            Assert.That(segments.Select(Tag), Is.EqualTo(new[] { "ST", "W05", "N1", "N3", "N4", "N1", "LX", "W01", "LX", "W01", "W76", "SE" }));
        });
    }

    private static void WithoutShipmentOptionals(JsonObject e)
    {
        e.Remove("expectedDeliveryDate");
        e["purchaseOrderDate"] = null;
        e.Remove("trackingNumber");
        e["carrier"]!.AsObject().Remove("name");
        e["shipFrom"]!.AsObject().Remove("locationId");
        e["packages"]![0]!["items"]![0]!["gtin"] = null;
    }

    // The segments of the document (ST to SE, or UNH to UNT) written for the event file, changed by change first.
    private static List<string> Segments(string map, string eventFile, Action<JsonObject>? change = null)
    {
        var backendEvent = (JsonObject)JsonNode.Parse(File.ReadAllText(MapGolden.TestData(eventFile)))!;
        change?.Invoke(backendEvent);
        string file = Path.Combine(Path.GetTempPath(), $"outbound-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(file, backendEvent.ToJsonString());
            string edi = MapGolden.Outbound(map, file);
            var segments = edi.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(s => s.TrimEnd('~', '\'')).ToList();
            int first = segments.FindIndex(s => s.StartsWith("ST*", StringComparison.Ordinal) || s.StartsWith("UNH+", StringComparison.Ordinal));
            int last = segments.FindIndex(s => s.StartsWith("SE*", StringComparison.Ordinal) || s.StartsWith("UNT+", StringComparison.Ordinal));
            return segments[first..(last + 1)];
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string After(List<string> segments, string segment) => segments[segments.IndexOf(segment) + 1];

    private static string Tag(string segment) => segment[..segment.IndexOfAny(['*', '+'])];
}

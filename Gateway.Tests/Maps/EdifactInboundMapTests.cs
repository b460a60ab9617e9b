using System.Text.Json.Nodes;
using Gateway.Tests.Support;

namespace Gateway.Tests.Maps;

/// <summary>
/// The shipped inbound EDIFACT maps (ORDERS from customers, DESADV and INVOIC from suppliers): one golden test per
/// map, and one pointed test per map of the point most likely to break unnoticed. Each input file holds two
/// interchanges, one per directory (D96A and D01B), whose segment group numbers and composites differ.
/// </summary>
public sealed class EdifactInboundMapTests
{
    [Test]
    public void An_ORDERS_becomes_a_sales_order_and_a_crm_activity() =>
        MapGolden.AssertGolden(Orders(), "edifact-orders-sales-order.expected.json");

    [Test]
    public void A_DESADV_becomes_an_inbound_receipt() =>
        MapGolden.AssertGolden(Despatches(), "edifact-desadv-inbound-receipt.expected.json");

    [Test]
    public void An_INVOIC_becomes_a_payable_invoice() =>
        MapGolden.AssertGolden(Invoices(), "edifact-invoic-payable-invoice.expected.json");

    [Test]
    public void An_ORDERS_reads_DTM_format_203_picks_NAD_by_qualifier_and_sends_no_crm_activity_for_a_replacement()
    {
        var calls = Orders();
        Assert.That(calls.Select(c => $"{c!["document"]}:{c["name"]}"), Is.EqualTo(new[] { "1:sales-order", "1:crm-activity", "2:sales-order" }));

        // D96A: DTM+137 in format 203 (CCYYMMDDHHMM); NAD+BY comes first, but billTo is NAD+IV and shipTo NAD+DP.
        var original = Body(calls, 0);
        Assert.That(original["orderDate"]!.GetValue<string>(), Is.EqualTo("2026-11-28"), "DTM+137:202611280915:203");
        Assert.That(original["requestedDeliveryDate"]!.GetValue<string>(), Is.EqualTo("2026-12-05"), "DTM+2:20261205:102");
        Assert.That(original["billTo"]!["locationId"]!.GetValue<string>(), Is.EqualTo("4098765000011"), "NAD+IV, not NAD+BY");
        Assert.That(original["shipTo"]!["locationId"]!.GetValue<string>(), Is.EqualTo("4098765000028"), "NAD+DP");
        Assert.That(original["shipTo"]!["address2"]!.GetValue<string>(), Is.EqualTo("Tor 4"), "C059 second street line");
        var lines = original["lines"]!.AsArray();
        Assert.That(Strings(lines.Select(l => l!["unitOfMeasure"])), Is.EqualTo(new[] { "each", "case", "kilogram", "each" }), "PCE, CS, KGM, no unit");
        Assert.That(Strings(lines.Select(l => l!["sku"])), Is.EqualTo(new[] { "SKU-10001", null, null, "SKU-10004" }), "sku is PIA SA only");
        Assert.That(lines.Select(l => l!["unitPrice"]?.ToJsonString()), Is.EqualTo(new[] { "4.25", "45", "3.8", null }), "AAA; AAB when no AAA; 38 per 10 KGM");

        // D01B: BGM 1004 is a component, 1225 = 5 (replace); NAD+ST is the ship-to when there is no NAD+DP.
        var replacement = Body(calls, 2);
        Assert.That(replacement["orderNumber"]!.GetValue<string>(), Is.EqualTo("EH-PO-4711"));
        Assert.That(replacement["purpose"]!.GetValue<string>(), Is.EqualTo("replace"));
        Assert.That(replacement["requestedDeliveryDate"]!.GetValue<string>(), Is.EqualTo("2026-12-08"), "DTM+2:202612081000:203");
        Assert.That(replacement["shipTo"]!["region"]!.GetValue<string>(), Is.EqualTo("SN"), "D01B NAD C819 3229");
        Assert.That(replacement.ContainsKey("billTo"), Is.False, "no NAD+IV");
        Assert.That(replacement["lines"]![0]!["unitPrice"]!.ToJsonString(), Is.EqualTo("4.25"), "PRI in SG32 of D01B, 42.5 per 10");
    }

    [Test]
    public void A_DESADV_package_is_a_CPS_with_lines_whose_SSCC_loses_the_AI_00()
    {
        var calls = Despatches();
        Assert.That(calls, Has.Count.EqualTo(2));

        // D01B: GIN in SG15. The consignment CPS+1 holds no lines, so it is no package; the carton CPS+4 has no GIN,
        // so its package has no sscc. A line's RFF+LI is its line number, its RFF+ON its order; each PO is listed once.
        var first = Body(calls, 0);
        Assert.That(Packages(first), Is.EqualTo(new[] { "340123450000000017:10", "340123450000000024:1,3", ":4" }));
        Assert.That(Strings(first["purchaseOrders"]!.AsArray()), Is.EqualTo(new[] { "P-20261119-7", "P-20261121-3" }));
        var items = first["packages"]!.AsArray().SelectMany(p => p!["items"]!.AsArray()).ToList();
        Assert.That(Strings(items.Select(i => i!["purchaseOrder"])), Is.EqualTo(new[] { "P-20261119-7", "P-20261121-3", "P-20261119-7", "P-20261119-7" }));

        // D96A: GIN in SG14 with AI 00, expected delivery from DTM 132, a carrier with a name only, an item without
        // RFF+ON takes the message's.
        var second = Body(calls, 1);
        Assert.That(Packages(second), Is.EqualTo(new[] { "340123450000000031:1,7" }));
        Assert.That(second["expectedDeliveryDate"]!.GetValue<string>(), Is.EqualTo("2026-12-08"));
        Assert.That(second["carrier"]!.ToJsonString(), Is.EqualTo("""{"name":"DB SCHENKER"}"""));
        Assert.That(second["packages"]![0]!["items"]![0]!["purchaseOrder"]!.GetValue<string>(), Is.EqualTo("P-20261201-4"));
        Assert.That(Strings(second["packages"]![0]!["items"]!.AsArray().Select(i => i!["unitOfMeasure"])), Is.EqualTo(new[] { "each", "pallet" }));
    }

    [Test]
    public void An_INVOIC_381_is_a_credit_note_whose_total_falls_back_to_MOA_77()
    {
        var calls = Invoices();
        Assert.That(calls, Has.Count.EqualTo(2));
        var invoice = Body(calls, 0);
        Assert.That(invoice["invoiceType"]!.GetValue<string>(), Is.EqualTo("invoice"));
        Assert.That(invoice["totalAmount"]!.ToJsonString(), Is.EqualTo("713.41"), "MOA+86");
        Assert.That(invoice["terms"]!.ToJsonString(), Is.EqualTo("""{"description":"2% SKONTO BEI ZAHLUNG IN 10 TAGEN NETTO 30 TAGE","netDays":30,"discountPercent":2,"discountDays":10}"""));

        // D01B: BGM+381, no DTM 137 but DTM 3, no MOA 86 but MOA 77, lines in SG26 with MOA in SG27 and PRI in SG29.
        var credit = Body(calls, 1);
        Assert.That(credit["invoiceType"]!.GetValue<string>(), Is.EqualTo("credit-note"));
        Assert.That(credit["invoiceDate"]!.GetValue<string>(), Is.EqualTo("2026-12-10"));
        Assert.That(credit["totalAmount"]!.ToJsonString(), Is.EqualTo("32.84"), "MOA+77");
        Assert.That(credit["lines"]!.ToJsonString(), Is.EqualTo("""[{"lineNumber":"1","sku":"SKU-10002","quantity":2,"unitOfMeasure":"case","unitPrice":13.8,"amount":27.6}]"""));
        Assert.That(credit.ContainsKey("terms"), Is.False, "no PAT, no terms");
    }

    private static JsonArray Orders() => MapGolden.Inbound("edifact-orders-sales-order", MapGolden.TestData("edifact-orders-in.edi"), "europa-handel");

    private static JsonArray Despatches() => MapGolden.Inbound("edifact-desadv-inbound-receipt", MapGolden.TestData("edifact-desadv-in.edi"), "rheintechnik-supplier");

    private static JsonArray Invoices() => MapGolden.Inbound("edifact-invoic-payable-invoice", MapGolden.TestData("edifact-invoic-in.edi"), "rheintechnik-supplier");

    private static JsonObject Body(JsonArray calls, int index) => calls[index]!["body"]!.AsObject();

    // Each package as "sscc:line,line" (sscc empty when absent).
    private static string[] Packages(JsonObject receipt) =>
        [.. receipt["packages"]!.AsArray().Select(p => $"{p!["sscc"]?.GetValue<string>()}:{string.Join(",", p["items"]!.AsArray().Select(i => i!["lineNumber"]!.GetValue<string>()))}")];

    private static string?[] Strings(IEnumerable<JsonNode?> nodes) => [.. nodes.Select(n => n?.GetValue<string>())];
}

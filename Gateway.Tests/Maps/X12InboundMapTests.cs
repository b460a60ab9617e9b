using System.Text.Json.Nodes;
using Gateway.Tests.Support;

namespace Gateway.Tests.Maps;

/// <summary>
/// The shipped inbound X12 maps from suppliers and 3PLs (856, 810, 940, 945): one golden test per map, and one
/// pointed test per map of the point most likely to break unnoticed.
/// </summary>
public sealed class X12InboundMapTests
{
    [Test]
    public void An_856_becomes_an_inbound_receipt() =>
        MapGolden.AssertGolden(Receipts(), "x12-856-inbound-receipt.expected.json");

    [Test]
    public void An_810_becomes_a_payable_invoice() =>
        MapGolden.AssertGolden(Invoices(), "x12-810-payable-invoice.expected.json");

    [Test]
    public void A_940_becomes_a_warehouse_order() =>
        MapGolden.AssertGolden(WarehouseOrders(), "x12-940-warehouse-order.expected.json");

    [Test]
    public void A_945_becomes_a_shipment_confirmation() =>
        MapGolden.AssertGolden(ShipmentConfirmations(), "x12-945-shipment-confirmation.expected.json");

    [Test]
    public void An_856_item_goes_into_the_package_whose_HL_is_its_parent()
    {
        var calls = Receipts();
        Assert.That(calls, Has.Count.EqualTo(3));

        // S-O-P-I with two orders: HL 5 (line 3) sits under pack HL 3, whose MAN carries the SSCC with AI 00.
        var first = Body(calls, 0);
        Assert.That(Packages(first), Is.EqualTo(new[] { "000123450000000010:1,3", "000123450000000027:2", "000123450000000034:1,2" }));
        Assert.That(Strings(first["purchaseOrders"]), Is.EqualTo(new[] { "P-20261119-7", "P-20261121-2" }));
        Assert.That(Strings(first["packages"]![2]!["items"]!.AsArray().Select(i => i!["purchaseOrder"]).ToArray()), Is.EqualTo(new[] { "P-20261121-2", "P-20261121-2" }));

        // S-O-I: no pack, so one package without an SSCC; ship date from BSN03 as there is no DTM 011.
        var second = Body(calls, 1);
        Assert.That(Packages(second), Is.EqualTo(new[] { ":1,2" }));
        Assert.That(second["shipDate"]!.GetValue<string>(), Is.EqualTo("2026-12-03"));

        // S-O-T-P-I and S-O-T-I: the pack is the package under a tare, the tare only when items sit under it directly.
        var third = Body(calls, 2);
        Assert.That(Packages(third), Is.EqualTo(new[] { "000123450000000058:1", "000123450000000065:2" }));
        Assert.That(third["packages"]![0]!["items"]![0]!["purchaseOrder"]!.GetValue<string>(), Is.EqualTo("P-20261126-9"));
    }

    [Test]
    public void An_810_total_has_two_implied_decimals_and_CR_makes_a_credit_note()
    {
        var calls = Invoices();
        Assert.That(calls, Has.Count.EqualTo(2));
        var invoice = Body(calls, 0);
        var credit = Body(calls, 1);
        Assert.That(invoice["totalAmount"]!.ToJsonString(), Is.EqualTo("594.45"), "TDS*59445");
        Assert.That(invoice["invoiceType"]!.GetValue<string>(), Is.EqualTo("invoice"));
        Assert.That(invoice["terms"]!.ToJsonString(), Is.EqualTo("""{"description":"2% 10 NET 30","netDays":30,"discountPercent":2,"discountDays":10}"""));
        Assert.That(credit["totalAmount"]!.ToJsonString(), Is.EqualTo("13.8"), "TDS*1380");
        Assert.That(credit["invoiceType"]!.GetValue<string>(), Is.EqualTo("credit-note"));
        Assert.That(credit.ContainsKey("terms"), Is.False, "no ITD, no terms");
        Assert.That(credit.ContainsKey("currency"), Is.False, "no CUR, no currency");
    }

    [Test]
    public void A_940_takes_the_G62_10_date_and_only_a_VN_item_number_as_sku()
    {
        var order = Body(WarehouseOrders(), 0);
        Assert.That(order["requestedShipDate"]!.GetValue<string>(), Is.EqualTo("2026-12-03"), "G62*10, not G62*02");
        var lines = order["lines"]!.AsArray();
        Assert.That(Strings(lines.Select(l => l!["sku"]).ToArray()), Is.EqualTo(new[] { "SKU-10001", "SKU-10002", null }), "line 3 has a BP number only");
        Assert.That(Strings(lines.Select(l => l!["unitOfMeasure"]).ToArray()), Is.EqualTo(new[] { "each", "case", "DZ" }));
    }

    [Test]
    public void A_945_has_one_line_per_W12_with_the_carton_of_its_LX_loop()
    {
        var confirmation = Body(ShipmentConfirmations(), 0);
        var lines = confirmation["lines"]!.AsArray();
        Assert.That(lines.Select(l => $"{l!["lineNumber"]}:{l["quantityShipped"]}:{l["sscc"]}"), Is.EqualTo(new[]
        {
            "1:12:000123450000000010",
            "2:2:000123450000000027", // MAN*GM with AI 00 in front: 20 digits become 18
            "2:1:000123450000000034", // LX 3, but N9*LI*2 in the W12 loop names the order line
            "4:24:",
        }));
        Assert.That(confirmation["orderNumber"]!.GetValue<string>(), Is.EqualTo("SO-48213"), "W0602");
        Assert.That(confirmation["purchaseOrder"]!.GetValue<string>(), Is.EqualTo("PO-778812"), "W0606");
    }

    private static JsonArray Receipts() => MapGolden.Inbound("x12-856-inbound-receipt", MapGolden.TestData("x12-856-in.edi"), "globex-supplier");

    private static JsonArray Invoices() => MapGolden.Inbound("x12-810-payable-invoice", MapGolden.TestData("x12-810-in.edi"), "globex-supplier");

    private static JsonArray WarehouseOrders() => MapGolden.Inbound("x12-940-warehouse-order", MapGolden.TestData("x12-940-in.edi"), "northwind-3pl");

    private static JsonArray ShipmentConfirmations() => MapGolden.Inbound("x12-945-shipment-confirmation", MapGolden.TestData("x12-945-in.edi"), "northwind-3pl");

    private static JsonObject Body(JsonArray calls, int index) => calls[index]!["body"]!.AsObject();

    // Each package as "sscc:line,line" (sscc empty when the package has none).
    private static string[] Packages(JsonObject body) =>
        [.. body["packages"]!.AsArray().Select(p => $"{p!["sscc"]}:{string.Join(',', p["items"]!.AsArray().Select(i => i!["lineNumber"]))}")];

    private static string?[] Strings(JsonNode? array) => Strings([.. array!.AsArray()]);

    private static string?[] Strings(JsonNode?[] nodes) => [.. nodes.Select(n => n?.GetValue<string>())];
}

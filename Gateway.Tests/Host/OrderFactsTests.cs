using System.Text;
using Gateway.Edi;
using Gateway.Edi.Edifact;
using Gateway.Edi.X12;
using Gateway.Host.Orders;
using Gateway.Tests.Support;

namespace Gateway.Tests.Host;

/// <summary>
/// The PO number and item lines the order journey compares, read from the map samples and from small documents written
/// here for the cases the samples lack; every expected value was written by hand from the files.
/// </summary>
public sealed class OrderFactsTests
{
    /// <summary>An <see cref="OrderLine"/> as a value, so whole lines compare and print.</summary>
    private sealed record Line(string? Number, string? Item, string? BuyerItem, decimal? Quantity, string? Unit, decimal? Price = null, decimal? Ordered = null);

    private sealed record Facts(string Type, string? PurchaseOrder, List<Line> Lines);

    [Test]
    public void X12_850_sample_gives_the_po_and_priced_lines()
    {
        var facts = X12(File.ReadAllBytes(Path.Combine(Corpus.RepositoryRoot(), "samples", "acme-retail-850.edi"))).Single();
        AssertFacts(facts, "PO-778812",
            new Line("1", "SKU-10001", null, 12, "EA", 4.25m),
            new Line("2", "SKU-10002", null, 3, "CA", 41.50m));
    }

    [Test]
    public void X12_generated_purchase_orders_give_one_po_per_set()
    {
        var facts = X12(Encoding.ASCII.GetBytes(X12Samples.PurchaseOrders(sets: 2, lines: 2)));
        Assert.That(facts, Has.Count.EqualTo(2));
        AssertFacts(facts[0], "PO000001",
            new Line("1", "SKU00001", null, 3, "EA", 1.25m),
            new Line("2", "SKU00002", null, 6, "EA", 2.25m));
        AssertFacts(facts[1], "PO000002",
            new Line("1", "SKU00001", null, 3, "EA", 1.25m),
            new Line("2", "SKU00002", null, 6, "EA", 2.25m));
    }

    [Test]
    public void X12_850_takes_the_vendor_id_wherever_it_sits_and_leaves_a_missing_price_null()
    {
        var facts = X12(X12Interchange("PO", "850",
            "BEG*00*SA*PO-INLINE-1**20261128",
            "PO1*1*10*EA***VP*SKU-1",
            "PO1*2*4*CA*250*HP*BP*B-2*VP*SKU-2",
            "PO1*3*1*EA*9.99**UP*036000291452*IN*B-3",
            "PO1*4*2*EA*5**UP*036000291469*IN*B-4",
            "LIN**VN*SKU-4",
            "PO1*5*2*EA*5**BP*B-5",
            "PO1*6*1*EA*1**VN*V-6*VP*SKU-6")).Single();
        AssertFacts(facts, "PO-INLINE-1",
            new Line("1", "SKU-1", null, 10, "EA"),
            new Line("2", "SKU-2", "B-2", 4, "CA", 2.5m),           // 250 per hundred
            new Line("3", "036000291452", "B-3", 1, "EA", 9.99m),   // no vendor id: the first of UP/EN/UK/IN
            new Line("4", "SKU-4", "B-4", 2, "EA", 5m),             // the LIN in the PO1 loop adds the vendor's number
            new Line("5", null, "B-5", 2, "EA", 5m),
            new Line("6", "SKU-6", null, 1, "EA", 1m));             // VP before VN, whatever the order
    }

    [Test]
    public void X12_856_sample_keeps_the_lines_of_the_first_order_only()
    {
        var facts = X12(File.ReadAllBytes(MapGolden.TestData("x12-856-in.edi")));
        Assert.That(facts, Has.Count.EqualTo(3));
        // The second HL O (P-20261121-2) packs SKU-10007 and SKU-10008 under line numbers 1 and 2 of its own order.
        AssertFacts(facts[0], "P-20261119-7",
            new Line("1", "GX-BW-01", "SKU-10001", 240, "EA"),
            new Line("3", "GX-RW-03", null, 60, "EA"),
            new Line("2", "GX-WC-12", "SKU-10002", 20, "CA"));
        AssertFacts(facts[1], "P-20261125-4",
            new Line("1", "GX-GR-03", "SKU-10003", 48, "BX"),
            new Line("2", "GX-KG-04", null, 5, "KG"));
        AssertFacts(facts[2], "P-20261126-9",
            new Line("1", "GX-SP-05", "SKU-10005", 6, "BX"),
            new Line("2", "GX-BK-06", "SKU-10006", 40, "LB"));
    }

    [Test]
    public void X12_856_line_packed_in_two_cartons_gives_two_lines()
    {
        var facts = X12(X12Interchange("SH", "856",
            "BSN*00*ASN-1*20261203*1200",
            "HL*1**S",
            "HL*2*1*O",
            "PRF*PO-778812",
            "HL*3*2*P",
            "MAN*GM*00000000000000000001",
            "HL*4*3*I",
            "LIN*1*VP*SKU-10001",
            "SN1**8*EA",
            "HL*5*2*P",
            "MAN*GM*00000000000000000002",
            "HL*6*5*I",
            "LIN*1*VP*SKU-10001",
            "SN1**4*EA",
            "HL*7*5*I",
            "LIN**PL*2*VP*SKU-10002",
            "SN1**1*CA")).Single();
        AssertFacts(facts, "PO-778812",
            new Line("1", "SKU-10001", null, 8, "EA"),
            new Line("1", "SKU-10001", null, 4, "EA"),
            new Line("2", "SKU-10002", null, 1, "CA"));   // the PO line from the PL pair
    }

    [Test]
    public void X12_856_sent_names_the_buyer_part_apart_from_ours()
    {
        var facts = X12(File.ReadAllBytes(MapGolden.TestData("x12-856-ship-notice.expected.edi"))).Single();
        AssertFacts(facts, "PO-778812",
            new Line("1", "SKU-10001", null, 12, "EA"),
            new Line("2", "SKU-10002", null, 2, "CA"),
            new Line("3", "SKU-10003", "ACME-77120", 24, "EA"));
    }

    [Test]
    public void X12_810_samples_give_big04_and_invoiced_lines()
    {
        var received = X12(File.ReadAllBytes(MapGolden.TestData("x12-810-in.edi")));
        Assert.That(received, Has.Count.EqualTo(2));
        AssertFacts(received[0], "P-20261119-7",
            new Line("1", "GX-BW-01", "SKU-10001", 240, "EA", 1.15m),
            new Line("2", "GX-WC-12", "SKU-10002", 20, "CA", 13.8m),
            new Line("3", "GX-DZ-08", null, 12.5m, "DZ", 2.4m));
        AssertFacts(received[1], "P-20261119-7",
            new Line("1", "GX-WC-12", "SKU-10002", 1, "CA", 13.8m));

        var sent = X12(File.ReadAllBytes(MapGolden.TestData("x12-810-invoice.expected.edi"))).Single();
        AssertFacts(sent, "PO-778812",
            new Line("1", "SKU-10001", null, 12, "EA", 4.25m),
            new Line("2", "SKU-10002", null, 2, "CA", 41.5m));
    }

    [Test]
    public void X12_940_samples_give_w0503_and_lines_numbered_by_lx()
    {
        var received = X12(File.ReadAllBytes(MapGolden.TestData("x12-940-in.edi"))).Single();
        AssertFacts(received, "PO-778812",
            new Line("1", "SKU-10001", null, 12, "EA"),
            new Line("2", "SKU-10002", null, 3, "CA"),
            new Line("3", null, "ACME-5521", 24, "DZ"));

        var sent = X12(File.ReadAllBytes(MapGolden.TestData("x12-940-warehouse-release.expected.edi"))).Single();
        AssertFacts(sent, "PO-778812",
            new Line("1", "SKU-10001", null, 12, "EA"),
            new Line("2", "SKU-10002", null, 3, "CA"));
    }

    [Test]
    public void X12_945_sample_gives_ordered_and_shipped_and_the_line_from_n9_li()
    {
        var facts = X12(File.ReadAllBytes(MapGolden.TestData("x12-945-in.edi"))).Single();
        AssertFacts(facts, "PO-778812",
            new Line("1", "SKU-10001", null, 12, "EA", Ordered: 12),
            new Line("2", "SKU-10002", null, 2, "CA", Ordered: 3),
            new Line("2", "SKU-10002", null, 1, "CA", Ordered: 3),   // LX*3, but N9*LI*2: the same order line in a second carton
            new Line("4", null, "ACME-5521", 24, "DZ", Ordered: 24));
    }

    [Test]
    public void Edifact_orders_sample_prefers_pia_sa_and_divides_the_price_basis()
    {
        var facts = Edifact(File.ReadAllBytes(MapGolden.TestData("edifact-orders-in.edi")));
        Assert.That(facts, Has.Count.EqualTo(2));
        AssertFacts(facts[0], "EH-PO-4711",
            new Line("1", "SKU-10001", "EH-778812", 48, "PCE", 4.25m),   // PIA SA over the LIN EAN
            new Line("2", "4000862141411", "EH-778813", 5, "CS", 45m),  // gross price when there is no net one
            new Line("3", "4000862141428", null, 12.5m, "KGM", 3.8m),   // 38 per 10 KGM
            new Line("4", "SKU-10004", null, 2, null));                  // PIA+5 stands for the LIN id; no price
        AssertFacts(facts[1], "EH-PO-4711",
            new Line("1", "SKU-10001", null, 60, "PCE", 4.25m));          // D01B BGM C106; 42.5 per 10 PCE
    }

    [Test]
    public void Edifact_desadv_sample_keeps_the_header_order_lines_numbered_by_rff_li()
    {
        var facts = Edifact(File.ReadAllBytes(MapGolden.TestData("edifact-desadv-in.edi")));
        Assert.That(facts, Has.Count.EqualTo(2));
        // LIN+2 names another order (RFF+ON:P-20261121-3): it is not a line of P-20261119-7.
        AssertFacts(facts[0], "P-20261119-7",
            new Line("10", "RT-BW-01", "SKU-10001", 240, "PCE"),
            new Line("3", "4000862141435", "SKU-10003", 15, null),
            new Line("4", "RT-SC-500", null, 12.5m, "KGM"));
        AssertFacts(facts[1], "P-20261201-4",
            new Line("1", "4000862141404", "SKU-10001", 36, null),
            new Line("7", "4000862141411", null, 4, "PF"));
    }

    [Test]
    public void Edifact_desadv_sent_gives_despatched_quantities()
    {
        var facts = Edifact(File.ReadAllBytes(MapGolden.TestData("edifact-desadv-ship-notice.expected.edi"))).Single();
        AssertFacts(facts, "PO-778812",
            new Line("1", "SKU-10001", null, 12, "PCE"),
            new Line("2", "SKU-10002", null, 2, "CS"),
            new Line("3", "SKU-10003", "ACME-77120", 24, "PCE"));
    }

    [Test]
    public void Edifact_invoic_samples_give_rff_on_and_invoiced_lines()
    {
        var received = Edifact(File.ReadAllBytes(MapGolden.TestData("edifact-invoic-in.edi")));
        Assert.That(received, Has.Count.EqualTo(2));
        AssertFacts(received[0], "P-20261119-7",
            new Line("1", "RT-BW-01", "SKU-10001", 240, "PCE", 1.15m),
            new Line("2", "RT-WC-12", null, 20, "CS", 13.8m),
            new Line("3", "RT-SC-500", null, 12.5m, "KGM", 3.8m));
        AssertFacts(received[1], "P-20261119-7",
            new Line("1", "4000862141411", "SKU-10002", 2, "CS", 13.8m));

        var sent = Edifact(File.ReadAllBytes(MapGolden.TestData("edifact-invoic-invoice.expected.edi"))).Single();
        AssertFacts(sent, "PO-778812",
            new Line("1", "SKU-10001", null, 12, "PCE", 4.25m),
            new Line("2", "SKU-10002", null, 2, "CS", 41.5m));
    }

    [Test]
    public void Edifact_desadv_with_comma_decimals_reads_ordered_and_ignores_package_quantities()
    {
        var facts = Edifact(EdifactInterchange("UNA:+,? '", "DESADV",
            "BGM+351+DN-1+9",
            "RFF+ON:PO-9",
            "CPS+1",
            "PAC+1++CT",
            "QTY+12:99",
            "LIN+1++4000862141404:EN",
            "PIA+2+SUB-1:SA",
            "QTY+21:3",
            "QTY+12:2,5:KGM",
            "LIN+2",
            "PIA+1+B-2:IN",
            "QTY+12:1")).Single();
        AssertFacts(facts, "PO-9",
            new Line("1", "4000862141404", null, 2.5m, "KGM", Ordered: 3),   // PIA+2 (substitute) is not this item
            new Line("2", null, "B-2", 1, null));
    }

    [Test]
    public void Edifact_invoic_takes_the_net_price_and_the_line_order_when_the_header_has_none()
    {
        var facts = Edifact(EdifactInterchange("", "INVOIC",
            "BGM+380+INV-1+9",
            "DTM+137:20261203:102",
            "LIN+1++4000862141404:EN",
            "QTY+47:5:PCE",
            "PRI+AAB:12",
            "PRI+AAA:10",
            "RFF+ON:PO-7:30",
            "ALC+A",
            "QTY+47:99",
            "PRI+AAA:1",
            "LIN+2++4000862141411:EN",
            "PRI+AAA:3",
            "ALC+A",
            "QTY+47:7",
            "UNS+S")).Single();
        AssertFacts(facts, "PO-7",
            new Line("30", "4000862141404", null, 5, "PCE", 10m),   // the ON reference's 1156 line; the allowance's QTY and PRI ignored
            new Line("2", "4000862141411", null, null, null, 3m));   // an allowance's QTY is not the invoiced quantity
    }

    [Test]
    public void Edifact_ordrsp_gives_the_rff_on_order_and_ordered_quantity()
    {
        var facts = Edifact(EdifactInterchange("", "ORDRSP",
            "BGM+231+RSP-1+4",
            "RFF+ON:EH-PO-4711",
            "LIN+1++4000862141404:SRV",
            "PIA+1+SKU-10001:SA+EH-778812:BP",
            "QTY+21:48:PCE",
            "QTY+113:40:PCE")).Single();
        AssertFacts(facts, "EH-PO-4711",
            new Line("1", "SKU-10001", "EH-778812", 48, "PCE"));
    }

    [Test]
    public void Missing_or_malformed_elements_leave_fields_null()
    {
        var x12 = new SegmentListBuilder()
            .Add("BEG", "00", "SA")
            .Add("PO1", "1", "ABC", "EA", "1.2.3", "", "VP")
            .Add("PO1")
            .Build();
        var (order, lines) = OrderFacts.OfX12("850", x12);
        Assert.That(order, Is.Null);
        Assert.That(lines.Select(ToLine), Is.EqualTo(new[] { new Line("1", null, null, null, "EA"), new Line(null, null, null, null, null) }));

        var builder = new SegmentListBuilder();
        builder.Add("BGM").Add("LIN").Add("PIA", "1").Add("QTY", "21").Add("PRI", builder.AddComposite("AAA", "x"));
        var (message, items) = OrderFacts.OfEdifact("ORDERS", builder.Build());
        Assert.That(message, Is.Null);
        Assert.That(items.Select(ToLine), Is.EqualTo(new[] { new Line(null, null, null, null, null) }));
    }

    [Test]
    public void Types_without_orders_give_nothing()
    {
        var x12 = new SegmentListBuilder().Add("AK1", "PO", "1").Build();
        var edifact = new SegmentListBuilder().Add("UCI", "1").Build();
        var (ack, ackLines) = OrderFacts.OfX12("997", x12);
        var (contrl, contrlLines) = OrderFacts.OfEdifact("CONTRL", edifact);
        Assert.That(ack ?? contrl, Is.Null);
        Assert.That(ackLines.Concat(contrlLines), Is.Empty);
    }

    private static void AssertFacts(Facts facts, string purchaseOrder, params Line[] lines)
    {
        Assert.That(facts.PurchaseOrder, Is.EqualTo(purchaseOrder), facts.Type);
        Assert.That(facts.Lines, Is.EqualTo(lines), facts.Type);
    }

    private static List<Facts> X12(byte[] content)
    {
        var facts = new List<Facts>();
        _ = new X12Validator().ValidateStream(new MemoryStream(content), (set, _) => facts.Add(Project(set.Type, OrderFacts.OfX12(set.Type, set.Segments)))).ToList();
        return facts;
    }

    private static List<Facts> Edifact(byte[] content)
    {
        var facts = new List<Facts>();
        _ = new EdifactValidator().ValidateStream(new MemoryStream(content), (message, _) => facts.Add(Project(message.Type, OrderFacts.OfEdifact(message.Type, message.Segments)))).ToList();
        return facts;
    }

    private static Facts Project(string type, (string? PurchaseOrder, List<OrderLine> Lines) facts) => new(type, facts.PurchaseOrder, [.. facts.Lines.Select(ToLine)]);

    private static Line ToLine(OrderLine l) => new(l.LineNumber, l.Item, l.BuyerItem, l.Quantity, l.UnitOfMeasure, l.UnitPrice, l.QuantityOrdered);

    private static byte[] X12Interchange(string functionalId, string type, params string[] body)
    {
        var text = new StringBuilder()
            .Append(X12Samples.Isa).Append('\n')
            .Append($"GS*{functionalId}*SENDER*RECEIVER*20261128*1200*1*X*004010~\n")
            .Append($"ST*{type}*0001~\n");
        foreach (string segment in body)
        {
            text.Append(segment).Append("~\n");
        }
        text.Append($"SE*{body.Length + 2}*0001~\nGE*1*1~\nIEA*1*000000001~\n");
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    private static byte[] EdifactInterchange(string una, string type, params string[] body)
    {
        var text = new StringBuilder(una)
            .Append("UNB+UNOC:3+SENDER:ZZZ+RECEIVER:ZZZ+261128:0915+1'")
            .Append($"UNH+1+{type}:D:96A:UN'");
        foreach (string segment in body)
        {
            text.Append(segment).Append('\'');
        }
        text.Append($"UNT+{body.Length + 2}+1'UNZ+1+1'");
        return Encoding.ASCII.GetBytes(text.ToString());
    }
}

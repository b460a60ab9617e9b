using Gateway.Maps.Loading;

namespace Gateway.Tests.Maps;

/// <summary>Every problem a map can have is reported when it loads, with the file, line and field, before any document meets it.</summary>
public sealed class MapLoaderTests
{
    private const string Valid = """
        reads: { standard: x12, versions: ["004010"], document: "850" }
        calls:
          - name: order
            endpoint: erp
            path: sales-orders
            body:
              orderNumber: BEG.BEG03
        """;

    private static IReadOnlyList<Gateway.Maps.MapError> Errors(string text) =>
        MapLoader.Load("maps/test.yaml", text, new MapLoadOptions { Endpoints = new HashSet<string> { "erp", "crm" } }).Errors;

    [Test]
    public void A_valid_map_loads() =>
        Assert.That(Errors(Valid), Is.Empty);

    [TestCase("orderNumber: BEG.BEG3", 7, "'BEG3' is not a field of the X12 004010 850 JSON form; did you mean BEG03?")]
    [TestCase("orderNumber: BEG.BEG03 ||", 7, "is not a valid expression")]
    [TestCase("orderNumber: read_file('/etc/passwd')", 7, "unknown-function")]
    [TestCase("orderNumber: lookup('uom', BEG.BEG01)", 7, "lookup table 'uom' is not in this map's lookups")]
    public void A_bad_expression_is_named_with_its_line(string line, int expectedLine, string message)
    {
        var errors = Errors(Valid.Replace("orderNumber: BEG.BEG03", line, StringComparison.Ordinal));
        Assert.That(errors, Has.Count.EqualTo(1), string.Join("\n", errors));
        Assert.That(errors[0].Line, Is.EqualTo(expectedLine));
        Assert.That(errors[0].Path, Is.EqualTo("calls.order.body.orderNumber"));
        Assert.That(errors[0].ToString(), Does.StartWith("maps/test.yaml line 7, calls.order.body.orderNumber: ").And.Contain(message));
    }

    [TestCase("endpoint: erp", "endpoint: ERP", "'ERP' is not in Gateway:Endpoints of appsettings.json (known: crm, erp)")]
    [TestCase("path: sales-orders", "path: ../admin", "relative to the endpoint's base URL")]
    [TestCase("path: sales-orders", "path: orders/{BEG.BEG03", "a '{' without its '}'")]
    [TestCase("    endpoint: erp", "    endpoint: erp\n    method: DELETE", "'DELETE' is not allowed")]
    [TestCase("calls:", "call:", "'call' is not a field here; did you mean calls?")]
    [TestCase("document: \"850\"", "document: \"851\"", "no X12 004010 851 schema ships with the gateway")]
    [TestCase("standard: x12", "standard: x13", "'X13' is not a standard")]
    public void A_bad_field_is_named(string from, string to, string message)
    {
        var errors = Errors(Valid.Replace(from, to, StringComparison.Ordinal));
        Assert.That(errors.Select(e => e.ToString()), Has.Some.Contain(message), string.Join("\n", errors));
    }

    [Test]
    public void YAML_syntax_errors_name_the_line()
    {
        var errors = Errors(Valid + "\n  bad: [unclosed\n");
        Assert.That(errors, Is.Not.Empty);
        Assert.That(errors[0].Line, Is.EqualTo(8));
    }

    [Test]
    public void An_outbound_map_may_not_write_the_envelope_or_unknown_segments()
    {
        var errors = Errors("""
            direction: outbound
            event: shipment-confirmation
            writes: { standard: x12, version: "004010", document: "856" }
            document:
              ST: { ST01: "'856'" }
              BSN: { BSN01: "'00'", BSN2: shipmentId }
              XYZ: "{XYZ01: 'a'}"
            """);
        Assert.That(errors.Select(e => e.Message), Has.Some.Contain("'ST' is written by the gateway"));
        Assert.That(errors.Select(e => e.Message), Has.Some.Contain("'BSN2' is not a segment, loop or element of X12 004010 856; did you mean BSN02?"));
        Assert.That(errors.Select(e => e.Message), Has.Some.Contain("'XYZ' is not a segment"));
    }
}

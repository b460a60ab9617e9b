using System.Text.Json.Nodes;
using Gateway.Edi.X12.Json;
using Gateway.Maps;
using Gateway.Maps.Loading;
using Gateway.Tests.Support;

namespace Gateway.Tests.Maps;

/// <summary>What evaluating a map may and may not do: bounded output, clear errors naming the field, required event fields.</summary>
public sealed class MapEngineTests
{
    private static Map Load(string text)
    {
        var (map, errors) = MapLoader.Load("maps/test.yaml", text);
        Assert.That(errors, Is.Empty, string.Join("\n", errors));
        return map!;
    }

    private static JsonObject Order(int lines)
    {
        var loop = new JsonArray();
        for (int i = 1; i <= lines; i++)
        {
            loop.Add(new JsonObject { ["PO1"] = new JsonObject { ["PO101"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture), ["PO102"] = "2" } });
        }
        return new JsonObject
        {
            ["standard"] = "X12",
            ["version"] = "004010",
            ["type"] = "850",
            ["controlNumber"] = "0001",
            ["BEG"] = new JsonObject { ["BEG01"] = "00", ["BEG03"] = "PO-1", ["BEG05"] = "2026113" },
            ["PO1Loop"] = loop,
        };
    }

    [Test]
    public void A_map_that_multiplies_its_input_is_stopped_by_the_output_bound()
    {
        // Every line crossed with every line crossed with every line: 343,000 objects from a 70-line order.
        var map = Load("""
            reads: { standard: x12, versions: ["004010"], document: "850" }
            calls:
              - name: bomb
                endpoint: erp
                path: x
                body:
                  rows: "PO1Loop[*].[$.PO1Loop[*].[$.PO1Loop]]"
            """);
        var error = Assert.Throws<MapEvaluationException>(() => map.Apply(Order(70), "T-1", "p"));
        Assert.That(error!.Message, Does.Contain("more than 4 MiB"));
    }

    [Test]
    public void A_value_the_map_cannot_convert_names_the_field_line_and_value()
    {
        var map = Load("""
            reads: { standard: x12, versions: ["004010"], document: "850" }
            calls:
              - name: order
                endpoint: erp
                path: sales-orders
                body:
                  orderDate: format_date(BEG.BEG05, 'yyyy-MM-dd')
            """);
        var error = Assert.Throws<MapEvaluationException>(() => map.Apply(Order(1), "T-1", "p"));
        Assert.That(error!.Message, Does.Contain("calls.order.body.orderDate (line 7").And.Contain("'2026113' is not a date"));
    }

    [Test]
    public void A_false_condition_skips_the_call_and_path_values_are_escaped()
    {
        var map = Load("""
            reads: { standard: x12, versions: ["004010"], document: "850" }
            calls:
              - name: order
                endpoint: erp
                method: put
                path: orders/{concat(BEG.BEG03, '/x y')}
                body: { n: BEG.BEG03 }
              - name: cancel
                endpoint: erp
                path: cancellations
                when: BEG.BEG01 == '01'
                body: { n: BEG.BEG03 }
            """);
        var calls = map.Apply(Order(1), "T-1", "p");
        Assert.That(calls.Select(c => c.Name), Is.EqualTo(new[] { "order" }));
        Assert.That(calls[0].Method, Is.EqualTo("PUT"));
        Assert.That(calls[0].Path, Is.EqualTo("orders/PO-1%2Fx%20y"));
    }

    [Test]
    public void Numbers_are_plain_JSON_numbers_and_nulls_leave_keys_out()
    {
        var map = Load("""
            reads: { standard: x12, versions: ["004010"], document: "850" }
            calls:
              - name: order
                endpoint: erp
                path: x
                body:
                  total: sum(PO1Loop[*].decimal(PO1.PO102))
                  cents: decimal('12345', `2`)
                  absent: BEG.BEG09
                  fixed: "'USD'"
            """);
        var body = map.Apply(Order(3), "T-1", "p")[0].Body;
        Assert.That(body.ToJsonString(), Is.EqualTo("""{"total":6,"cents":123.45,"fixed":"USD"}"""));
    }

    [Test]
    public void An_outbound_event_without_a_required_field_is_refused_by_name()
    {
        var map = Load("""
            direction: outbound
            event: shipment-confirmation
            requires: [shipmentId, packages]
            writes: { standard: x12, version: "004010", document: "856" }
            document:
              BSN: { BSN01: "'00'", BSN02: shipmentId, BSN03: "'20261128'", BSN04: "'1200'" }
            """);
        var error = Assert.Throws<MapEvaluationException>(() => map.Build(new JsonObject { ["shipmentId"] = "", ["packages"] = new JsonArray() }));
        Assert.That(error!.Message, Is.EqualTo("the event lacks shipmentId, packages (required by map test)"));
        Assert.That(map.Build(new JsonObject { ["shipmentId"] = "S1", ["packages"] = new JsonArray(1) })["BSN"]!["BSN02"]!.GetValue<string>(), Is.EqualTo("S1"));
    }

    [Test]
    public void Parallel_deliveries_on_one_map_map_the_same_as_one_at_a_time()
    {
        // The 856 map uses let-expressions: their variables must live in each evaluation, never in the parsed map that
        // parallel deliveries share.
        var map = MapGolden.Load("x12-856-inbound-receipt");
        var documents = MapGolden.Documents(File.ReadAllBytes(MapGolden.TestData("x12-856-in.edi"))).ToList();
        var expected = documents.Select(d => map.Apply(d, "T", "globex")[0].Body.ToJsonString()).ToList();
        var mismatches = 0;
        Parallel.For(0, 300, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            int n = i % documents.Count;
            if (map.Apply(documents[n], "T", "globex")[0].Body.ToJsonString() != expected[n])
            {
                Interlocked.Increment(ref mismatches);
            }
        });
        Assert.That(mismatches, Is.Zero);
    }

    [Test]
    public void Numbers_in_a_written_document_become_element_text()
    {
        var segments = X12DocumentJson.FromJson(new JsonObject { ["SN1"] = new JsonObject { ["SN102"] = 12.5m, ["SN103"] = "EA" } });
        Assert.That(segments[0][2], Is.EqualTo("12.5"));
        var bad = Assert.Throws<FormatException>(() => X12DocumentJson.FromJson(new JsonObject { ["SN1"] = new JsonObject { ["SN102"] = true } }));
        Assert.That(bad!.Message, Does.Contain("'SN102' holds a JSON true"));
    }
}

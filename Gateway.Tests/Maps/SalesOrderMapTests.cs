using Gateway.Tests.Support;

namespace Gateway.Tests.Maps;

public sealed class SalesOrderMapTests
{
    [Test]
    public void An_850_becomes_a_sales_order_and_a_crm_activity() =>
        MapGolden.AssertGolden(MapGolden.Inbound("x12-850-sales-order", Path.Combine(Corpus.RepositoryRoot(), "samples", "acme-retail-850.edi"), "acme-retail"), "x12-850-sales-order.expected.json");
}

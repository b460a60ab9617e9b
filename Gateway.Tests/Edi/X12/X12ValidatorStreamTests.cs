using Gateway.Edi.X12;
using Gateway.Tests.Support;

namespace Gateway.Tests.Edi.X12;

public class X12ValidatorStreamTests
{
    [Test]
    public void ValidateStream_SetsGivenToTheCallback_StayValidAfterLaterReads()
    {
        var kept = new List<X12TransactionSet>();
        _ = new X12Validator().ValidateStream(X12Samples.Stream(X12Samples.PurchaseOrders(sets: 3)), (set, _) => kept.Add(set)).ToList();

        Assert.That(kept.Select(s => s.Segments[1][3]), Is.EqualTo(new[] { "PO000001", "PO000002", "PO000003" }));
    }

    [Test]
    public void ValidateStream_SeveralInterchanges_YieldsOneResultEach()
    {
        string text = X12Samples.PurchaseOrders() + X12Samples.PurchaseOrders(sets: 2).Replace("000000001", "000000002");
        var results = new X12Validator().ValidateStream(X12Samples.Stream(text)).ToList();

        Assert.That(results.Select(r => (r.Interchange.ControlNumber, r.Groups.Single().Documents.Count, r.IsValid)),
            Is.EqualTo(new[] { ("000000001", 1, true), ("000000002", 2, true) }));
    }
}

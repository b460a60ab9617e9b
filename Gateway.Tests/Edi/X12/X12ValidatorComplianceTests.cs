using Gateway.Edi.Validation;
using Gateway.Edi.X12;
using Gateway.Tests.Support;

namespace Gateway.Tests.Edi.X12;

/// <summary>Strict or lenient chosen per interchange, as a file may carry several partners' interchanges.</summary>
public class X12ValidatorComplianceTests
{
    [Test]
    public void ValidateStream_ComplianceOf_AppliesToEachInterchangeOnItsOwn()
    {
        // BEG02 Q9 is not a purchase order type code: an error when strict, a warning when lenient.
        string strict = X12Samples.PurchaseOrders().Replace("BEG*00*SA*", "BEG*00*Q9*", StringComparison.Ordinal);
        string lenient = strict.Replace("ZZ*SENDER         *", "ZZ*SLOPPY         *", StringComparison.Ordinal);
        var validator = new X12Validator(new X12ValidatorOptions
        {
            ComplianceOf = interchange => interchange.SenderId.TrimEnd() == "SLOPPY" ? EdiCompliance.Lenient : EdiCompliance.Strict,
        });

        var results = validator.ValidateStream(X12Samples.Stream(strict + lenient)).ToList();

        var beg = results.Select(r => r.AllIssues.Single(i => i.SegmentTag == "BEG")).ToList();
        Assert.That(beg.Select(i => i.Severity), Is.EqualTo(new[] { EdiSeverity.Error, EdiSeverity.Warning }));
        Assert.That(results.Select(r => r.IsValid), Is.EqualTo(new[] { false, true }));
    }
}

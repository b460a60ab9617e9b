using System.Text;
using Gateway.Edi.Validation;
using Gateway.Host.Operations;
using Gateway.Tests.Support;

namespace Gateway.Tests.Host.Console;

/// <summary>Issue #10: the detail page's second look at an archived file: EDIFACT positions and codes, and a bounded view of a huge document.</summary>
public sealed class DocumentRevalidationTests
{
    private static byte[] EdifactOrder() =>
        File.ReadAllBytes(Path.Combine(Corpus.RepositoryRoot(), "Gateway.Tests", "TestData", "edifact", "ORDERS", "sample-orders.edi"));

    [Test]
    public void Run_EdifactWithALetterInAQuantity_PlacesTheIssueAndNamesTheContrlCode()
    {
        byte[] content = Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(EdifactOrder()).Replace("QTY+21:12'", "QTY+21:1X'", StringComparison.Ordinal));

        var result = DocumentRevalidation.Run(content, "R1", "R1-1-1", EdiCompliance.Strict, "997");

        var issue = result.Issues.Single(i => i.SegmentTag == "QTY");
        var segment = result.Segments.Single(s => s.InError);
        Assert.Multiple(() =>
        {
            Assert.That(result.Found, Is.True);
            Assert.That(segment.Text, Is.EqualTo("QTY+21:1X"));
            Assert.That(segment.Position, Is.EqualTo(issue.SegmentPosition));
            Assert.That(issue.ElementPosition, Is.EqualTo(1));
            Assert.That(issue.ComponentPosition, Is.EqualTo(2));
            Assert.That(issue.ElementName, Is.Not.Null.And.Contains("Quantity").IgnoreCase);
            Assert.That(issue.ReportedCode, Does.StartWith("CONTRL 0085 "));
            Assert.That(result.Json, Does.Contain("PO-778812"));
        });
    }

    [Test]
    public void Run_ValidDocument_HasNoIssues_AndAnotherIdIsNotFound()
    {
        var result = DocumentRevalidation.Run(EdifactOrder(), "R1", "R1-1-1", EdiCompliance.Strict, "997");
        var missing = DocumentRevalidation.Run(EdifactOrder(), "R1", "R1-1-2", EdiCompliance.Strict, "997");

        Assert.That(result.Issues, Is.Empty);
        Assert.That(result.Segments, Has.Count.EqualTo(19), "UNH to UNT");
        Assert.That(missing.Found, Is.False);
    }

    [Test]
    public void Run_HugeDocument_ShowsOnlyTheFirstSegments()
    {
        byte[] content = Encoding.ASCII.GetBytes(X12Samples.PurchaseOrders(sets: 1, lines: 1500));

        var result = DocumentRevalidation.Run(content, "R1", "R1-1-1", EdiCompliance.Strict, "997");

        Assert.That(result.Segments, Has.Count.EqualTo(DocumentRevalidation.MaxSegments));
        Assert.That(result.TotalSegments, Is.EqualTo(7 + (2 * 1500) + 2), "ST to SE");
        Assert.That(result.Segments[0].Text, Does.StartWith("ST*850*"));
    }
}

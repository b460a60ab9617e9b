using Gateway.Edi;
using Gateway.Edi.Validation;
using Gateway.Edi.X12;
using Gateway.Tests.Support;

namespace Gateway.Tests.Edi.X12;

/// <summary>Every X12 sample of ../shared/corpus, judged by its SOURCES.md label.</summary>
public class X12CorpusTests
{
    // The corpus checker counted and matched control numbers but did not check their uniqueness;
    // these files reuse one, which X12 forbids and we report (AK905 19 / AK502 23).
    private static readonly Dictionary<string, EdiIssueCode[]> KnownUniquenessDefects = new()
    {
        ["edifabric__X12_810_00204_MultipleGroups.txt"] = [EdiIssueCode.DuplicateGroupControlNumber],
        ["bots__850-004010-02.x12"] = [EdiIssueCode.DuplicateGroupControlNumber, EdiIssueCode.DuplicateTransactionSetControlNumber],
        ["bots__mailbag01.x12"] = [EdiIssueCode.DuplicateGroupControlNumber, EdiIssueCode.DuplicateTransactionSetControlNumber],
    };

    // Junk after the last IEA is tolerated with a warning by design (issue #2); the interchange itself is sound.
    private static readonly HashSet<string> RejectedByWarningOnly = ["edifabric__X12_810_00204_InvalidTrailers.txt"];

    private static readonly HashSet<EdiIssueCode> DocumentEnvelopeCodes =
    [
        EdiIssueCode.TransactionSetTrailerMissing, EdiIssueCode.TransactionSetControlNumberMismatch, EdiIssueCode.SegmentCountMismatch,
        EdiIssueCode.InvalidTransactionSetId, EdiIssueCode.InvalidTransactionSetControlNumber, EdiIssueCode.DuplicateTransactionSetControlNumber,
    ];

    public static IEnumerable<TestCaseData> Valid() => Corpus.Cases("x12/", CorpusLabel.Valid);

    public static IEnumerable<TestCaseData> Invalid() => Corpus.Cases("x12/", CorpusLabel.Invalid);

    [TestCaseSource(nameof(Valid))]
    public void Validate_ValidSample_ParsesAndPassesEnvelopeValidation(CorpusFile file)
    {
        Corpus.RequirePresent();
        var results = ValidateFile(file.Path);
        var envelopeErrors = results.SelectMany(r => r.AllIssues)
            .Where(i => i.Severity == EdiSeverity.Error && (i.Level is EdiIssueLevel.File or EdiIssueLevel.Interchange or EdiIssueLevel.Group || DocumentEnvelopeCodes.Contains(i.Code)))
            .Where(i => !(KnownUniquenessDefects.TryGetValue(file.Name, out var known) && known.Contains(i.Code)))
            .Select(i => i.ToString());
        Assert.That(results, Is.Not.Empty);
        Assert.That(envelopeErrors, Is.Empty);
    }

    [TestCaseSource(nameof(Invalid))]
    public void Validate_InvalidSample_IsRejectedWithPositionedReason(CorpusFile file)
    {
        Corpus.RequirePresent();
        try
        {
            var issues = ValidateFile(file.Path).SelectMany(r => r.AllIssues).ToList();
            var reasons = issues.Where(i => i.Severity == EdiSeverity.Error || RejectedByWarningOnly.Contains(file.Name)).ToList();
            TestContext.Out.WriteLine(string.Join("\n", reasons));
            Assert.That(reasons, Is.Not.Empty, "no error reported");
            Assert.That(reasons, Has.All.Matches<EdiIssue>(i => i.BytePosition >= 0 && i.Message.Length > 0), "every reason names its byte position");
        }
        catch (EdiFormatException e)
        {
            TestContext.Out.WriteLine(e.Message);
            Assert.That(e.BytePosition, Is.GreaterThanOrEqualTo(0));
            Assert.That(e.Message, Does.Contain("byte"));
        }
    }

    [Test]
    public void KnownDefects_AreStillReported()
    {
        Corpus.RequirePresent();
        foreach ((string name, EdiIssueCode[] codes) in KnownUniquenessDefects)
        {
            CorpusFile file = Corpus.Files.Single(f => f.Name == name);
            Assert.That(ValidateFile(file.Path).SelectMany(r => r.AllIssues).Select(i => i.Code), Is.SupersetOf(codes), name);
        }
    }

    private static List<X12InterchangeResult> ValidateFile(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return [.. new X12Validator().ValidateStream(stream)];
    }
}

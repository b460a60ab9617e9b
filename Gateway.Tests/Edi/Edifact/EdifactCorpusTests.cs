using Gateway.Edi;
using Gateway.Edi.Edifact;
using Gateway.Edi.Validation;
using Gateway.Tests.Support;

namespace Gateway.Tests.Edi.Edifact;

/// <summary>Every EDIFACT sample of ../shared/corpus, judged by its SOURCES.md label.</summary>
public class EdifactCorpusTests
{
    // The corpus checker matched counts and references only; these files break rules it did not check.
    private static readonly Dictionary<string, EdiIssueCode[]> KnownEnvelopeDefects = new()
    {
        ["vscodeedi__DESADV.edifact"] = [EdiIssueCode.DuplicateTransactionSetControlNumber],
        ["edireader__tiny-syntaxVariants-UNOA.edi"] = [EdiIssueCode.InvalidAcknowledgmentRequested, EdiIssueCode.InvalidUsageIndicator],
        // Message version '0': SOURCES.md labels the same quirk KNOWN-INVALID in phpedifact__D96ADESADV.edi.
        ["phpedifact__example_utf8.edi"] = [EdiIssueCode.InvalidTransactionSetId],
    };

    // Content defects in directories we hold no schema for: by design only the envelope is checked, and a
    // warning names the message; what is wrong inside is not seen.
    private static readonly HashSet<string> ContentBeyondSchemas =
        ["staedi__invoic_d97b_bad.edi", "edifabric__Edifact_INVOIC_D00A_BadSegment.txt"];

    public static IEnumerable<TestCaseData> Valid() => Corpus.Cases("edifact/", CorpusLabel.Valid);

    public static IEnumerable<TestCaseData> Invalid() => Corpus.Cases("edifact/", CorpusLabel.Invalid);

    [TestCaseSource(nameof(Valid))]
    public void Validate_ValidSample_ParsesAndPassesEnvelopeValidation(CorpusFile file)
    {
        Corpus.RequirePresent();
        var results = ValidateFile(file.Path);
        var envelopeErrors = results.SelectMany(r => r.AllIssues)
            .Where(i => i.Severity == EdiSeverity.Error && i.Level is EdiIssueLevel.File or EdiIssueLevel.Interchange or EdiIssueLevel.Group or EdiIssueLevel.Document)
            .Where(i => !(KnownEnvelopeDefects.TryGetValue(file.Name, out var known) && known.Contains(i.Code)))
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
            // Junk around interchanges is tolerated by design, with a warning naming its position.
            var reasons = issues.Where(i => i.Severity == EdiSeverity.Error || i.Code == EdiIssueCode.JunkIgnored
                || (ContentBeyondSchemas.Contains(file.Name) && i.Code == EdiIssueCode.TransactionSetNotSupported)).ToList();
            TestContext.Out.WriteLine(string.Join("\n", reasons));
            Assert.That(reasons, Is.Not.Empty, "no error reported");
            Assert.That(reasons, Has.All.Matches<EdiIssue>(i => i.BytePosition >= 0 && i.Message.Length > 0));
        }
        catch (EdiFormatException e)
        {
            TestContext.Out.WriteLine(e.Message);
            Assert.That(e.BytePosition, Is.GreaterThanOrEqualTo(0));
        }
    }

    [Test]
    public void KnownEnvelopeDefects_AreStillReported()
    {
        Corpus.RequirePresent();
        foreach ((string name, EdiIssueCode[] codes) in KnownEnvelopeDefects)
        {
            CorpusFile file = Corpus.Files.Single(f => f.Name == name);
            Assert.That(ValidateFile(file.Path).SelectMany(r => r.AllIssues).Select(i => i.Code), Is.SupersetOf(codes), name);
        }
    }

    private static List<EdifactInterchangeResult> ValidateFile(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return [.. new EdifactValidator().ValidateStream(stream)];
    }
}

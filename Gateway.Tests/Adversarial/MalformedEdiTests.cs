using System.Text;
using Gateway.Tests.Support;

namespace Gateway.Tests.Adversarial;

/// <summary>
/// Issue #11 item 2 for EDI: damaged X12 and EDIFACT interchanges go through the parse stage's work (see
/// <see cref="EdiOutcome"/>) and each ends in exactly one documented outcome, within 100 ms, with positions inside
/// the input and acknowledgments that are themselves readable EDI.
/// </summary>
[Category("Adversarial")]
[Parallelizable(ParallelScope.Children)]
public class MalformedEdiTests
{
    [Test]
    [CancelAfter(600_000)]
    public void X12_DamagedInterchanges_EndInOneDocumentedOutcome()
    {
        var samples = Samples("x12/", "ISA", X12Extras());
        var run = new MalformedInputRun("X12", FuzzSettings.CountOf(0.40));
        run.Run(random => EdiDamage.Generate(random, samples), c => EdiOutcome.Classify(c.Input));
        Assert.That(run.Failures, Is.Empty, () => MalformedInputRun.Describe(run.Failures));
        Assert.That(run.Outcomes.Values.Sum() + run.KnownCount, Is.EqualTo(run.Tried));
    }

    [Test]
    [CancelAfter(600_000)]
    public void Edifact_DamagedInterchanges_EndInOneDocumentedOutcome()
    {
        var samples = Samples("edifact/", "UN", EdifactExtras());
        var run = new MalformedInputRun("EDIFACT", FuzzSettings.CountOf(0.35));
        run.Run(random => EdiDamage.Generate(random, samples), c => EdiOutcome.Classify(c.Input));
        Assert.That(run.Failures, Is.Empty, () => MalformedInputRun.Describe(run.Failures));
        Assert.That(run.Outcomes.Values.Sum() + run.KnownCount, Is.EqualTo(run.Tried));
    }

    [Test]
    public void Samples_Undamaged_AreReadable()
    {
        // The damage means something only if the samples it starts from are good EDI.
        foreach (byte[] sample in Samples("x12/", "ISA", X12Extras()).Concat(Samples("edifact/", "UN", EdifactExtras())))
        {
            Assert.That(EdiOutcome.Classify(sample).Outcome, Is.AnyOf(EdiOutcome.Valid, EdiOutcome.Issues), Encoding.Latin1.GetString(sample[..Math.Min(200, sample.Length)]));
        }
    }

    // Valid samples of the repository, the test data and the shared corpus when it is present.
    private static List<byte[]> Samples(string corpusFolder, string header, IEnumerable<string> extras)
    {
        var samples = extras.Select(Encoding.UTF8.GetBytes).ToList();
        string testData = Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData");
        string[] patterns = header == "ISA" ? ["*.edi", "*.x12", "*.997", "*.999", "*.ta1"] : ["*.edi", "*.contrl"];
        var files = patterns.SelectMany(p => Directory.EnumerateFiles(testData, p, SearchOption.AllDirectories))
            .Concat(Directory.EnumerateFiles(Path.Combine(Corpus.RepositoryRoot(), "samples"), "*.edi"))
            .Concat(Corpus.Files.Where(f => f.Folder.StartsWith(corpusFolder, StringComparison.Ordinal) && f.Label == CorpusLabel.Valid).Select(f => f.Path));
        foreach (string file in files.Order(StringComparer.Ordinal))
        {
            byte[] bytes = File.ReadAllBytes(file);
            if (bytes.Length is > 20 and < FuzzSettings.MaxInputBytes && EdiOutcome.Classify(bytes).Outcome is EdiOutcome.Valid or EdiOutcome.Issues
                && (EdiDamage.Terminator(bytes) != 0) && Encoding.Latin1.GetString(bytes, 0, Math.Min(bytes.Length, 200)).Contains(header, StringComparison.Ordinal)
                && (header == "ISA") == (Gateway.Edi.EdiSyntaxDetector.Detect(bytes) == Gateway.Edi.EdiSyntax.X12))
            {
                samples.Add(bytes);
            }
        }
        return samples;
    }

    private static IEnumerable<string> X12Extras() =>
    [
        X12Samples.PurchaseOrders(sets: 2, lines: 3),
        X12Samples.PurchaseOrders(separator: "\r\n").Replace("*U*00401*", "*^*00501*", StringComparison.Ordinal),
        GatewayFiles.X12Orders("ACME", "DISTRIBUTOR", 42, sets: 3),
    ];

    private static IEnumerable<string> EdifactExtras() =>
    [
        "UNA:+.? 'UNB+UNOC:3+SENDER:14+RECEIVER:14+261128:1200+REF1++++1'UNH+1+ORDERS:D:96A:UN'BGM+220+PO?+1+9'" +
            "DTM+137:20261128:102'NAD+BY+5412345000013::9'LIN+1++4000862141404:SRS'QTY+21:48'UNS+S'UNT+8+1'UNZ+1+REF1'",
        "UNB+UNOC:3+SENDER:14+RECEIVER:14+261128:1200+REF2'UNG+ORDERS+SENDER+RECEIVER+261128:1200+7+UN+D:96A'UNH+1+ORDERS:D:96A:UN'BGM+220+PO2+9'" +
            "DTM+137:20261128:102'UNS+S'UNT+4+1'UNE+1+7'UNZ+1+REF2'",
    ];
}

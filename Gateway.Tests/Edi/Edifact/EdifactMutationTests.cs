using System.Text;
using Gateway.Edi;
using Gateway.Edi.Edifact;
using Gateway.Edi.Edifact.Acknowledgments;
using Gateway.Tests.Support;

namespace Gateway.Tests.Edi.Edifact;

/// <summary>100,000 damaged EDIFACT files give only <see cref="EdiFormatException"/> or issues, never another exception.</summary>
public class EdifactMutationTests
{
    private const int Count = 100_000;

    [Test]
    [CancelAfter(600_000)]
    public void ValidateContrlAndJson_MutatedSamples_NeverThrowAnythingElse()
    {
        List<byte[]> seeds = Seeds();
        var random = new Random(20261128);
        var validator = new EdifactValidator();
        var contrl = new EdifactContrlBuilder(() => "1", new EdifactAcknowledgmentOptions { Policy = EdifactAcknowledgmentPolicy.Always, Positive = true });
        int unreadable = 0, validated = 0;
        for (int n = 0; n < Count; n++)
        {
            byte[] input = Mutations.Apply(seeds[random.Next(seeds.Count)], random);
            try
            {
                foreach (EdifactInterchangeResult result in validator.ValidateStream(new MemoryStream(input), (message, _) => EdifactDocumentJson.ToJson(message)))
                {
                    _ = result.AllIssues.Count();
                    _ = contrl.Build(result);
                }
                validated++;
            }
            catch (EdiFormatException)
            {
                unreadable++;
            }
            catch (Exception e)
            {
                Assert.Fail($"Mutation {n} (seed 20261128) threw {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            }
        }
        TestContext.Out.WriteLine($"{Count} mutations: {validated} validated, {unreadable} not readable");
        Assert.That(validated + unreadable, Is.EqualTo(Count));
    }

    private static List<byte[]> Seeds()
    {
        var seeds = Corpus.Files.Where(f => f.Folder.StartsWith("edifact/", StringComparison.Ordinal) && new FileInfo(f.Path).Length is > 20 and < 64 * 1024)
            .Select(f => File.ReadAllBytes(f.Path)).ToList();
        seeds.Add(Encoding.Latin1.GetBytes("UNA:+.? 'UNB+UNOC:3+SENDER:14+RECEIVER:14+261128:1200+REF1++++1'UNH+1+ORDERS:D:96A:UN'BGM+220+PO?+1+9'" +
            "DTM+137:20261128:102'NAD+BY+5412345000013::9'LIN+1++4000862141404:SRS'QTY+21:48'UNS+S'UNT+8+1'UNZ+1+REF1'"));
        return seeds;
    }
}

using System.Text;
using Gateway.Edi;
using Gateway.Edi.X12;
using Gateway.Edi.X12.Acknowledgments;
using Gateway.Tests.Support;

namespace Gateway.Tests.Edi.X12;

/// <summary>100,000 truncations, byte flips and delimiter swaps give only <see cref="EdiFormatException"/> or issues.</summary>
public class X12MutationTests
{
    private const int Count = 100_000;

    [Test]
    [CancelAfter(600_000)]
    public void ValidateAndAck_MutatedSamples_NeverThrowAnythingElse()
    {
        List<byte[]> seeds = Seeds();
        var random = new Random(20261128);
        var builder = new X12AcknowledgmentBuilder(new X12SequentialControlNumbers());
        var validator = new X12Validator();
        int formatErrors = 0, validated = 0;
        for (int n = 0; n < Count; n++)
        {
            byte[] seed = seeds[random.Next(seeds.Count)];
            byte[] input = Mutations.Apply(seed, random);
            try
            {
                foreach (X12InterchangeResult result in validator.ValidateStream(new MemoryStream(input)))
                {
                    _ = result.AllIssues.Count();
                    _ = builder.Build(result);
                }
                validated++;
            }
            catch (EdiFormatException)
            {
                formatErrors++;
            }
            catch (Exception e)
            {
                Assert.Fail($"Mutation {n} (seed 20261128) threw {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            }
        }
        TestContext.Out.WriteLine($"{Count} mutations: {validated} validated, {formatErrors} not readable");
        Assert.That(validated + formatErrors, Is.EqualTo(Count));
    }

    private static List<byte[]> Seeds()
    {
        var seeds = Corpus.Files.Where(f => f.Folder.StartsWith("x12/", StringComparison.Ordinal) && new FileInfo(f.Path).Length is > 106 and < 64 * 1024)
            .Select(f => File.ReadAllBytes(f.Path)).ToList();
        seeds.Add(Encoding.UTF8.GetBytes(X12Samples.PurchaseOrders(sets: 2, lines: 3)));
        seeds.Add(Encoding.UTF8.GetBytes(X12Samples.PurchaseOrders(separator: "\r\n").Replace("*U*00401*", "*^*00501*")));
        return seeds;
    }
}

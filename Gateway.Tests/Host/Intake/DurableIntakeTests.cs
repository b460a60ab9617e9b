using System.Text;
using Gateway.Host.Intake;
using Gateway.Host.Pipeline;
using Gateway.Host.Tracking;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Host.Intake;

/// <summary>Every file taken in gets a tracking id of its own, an archive file of its own and a receipt of its own.</summary>
public class DurableIntakeTests
{
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("gateway-intake-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    // Ids are random within a millisecond, and files taken in together share one: a repeated id must not make one
    // receipt overwrite another, in the same batch or against one taken earlier.
    [Test]
    public void AcceptAll_WhenTheIdSourceRepeats_GivesEveryFileItsOwnReceiptAndArchive()
    {
        var archive = new RawArchive(Path.Combine(_directory, "archive"));
        using var store = new LiteDbTrackingStore(Path.Combine(_directory, "tracking.db"));
        var queue = new PipelineQueue();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 1, 0, 0, TimeSpan.Zero));
        var ids = new Queue<string>(["R20261129T010000000-aaaaaa", "R20261129T010000000-aaaaaa", "R20261129T010000000-bbbbbb",
            "R20261129T010000000-aaaaaa", "R20261129T010000000-bbbbbb", "R20261129T010000000-cccccc"]);
        var intake = new DurableIntake(archive, store, queue, time, NullLogger<DurableIntake>.Instance) { NewReceiptId = _ => ids.Dequeue() };

        var first = intake.AcceptAll([Request(1), Request(2)]);
        var second = intake.AcceptAll([Request(3)]);

        Assert.That(first, Is.EqualTo(new[] { "R20261129T010000000-aaaaaa", "R20261129T010000000-bbbbbb" }));
        Assert.That(second, Is.EqualTo(new[] { "R20261129T010000000-cccccc" }));
        string[] all = [.. first, .. second];
        for (int i = 0; i < all.Length; i++)
        {
            Assert.That(Encoding.ASCII.GetString(archive.Read(all[i])), Is.EqualTo($"ISA*{i + 1}~"), all[i]);
            Assert.That(store.FindReceipt(all[i])?.OriginalName, Is.EqualTo($"po-{i + 1}.edi"), all[i]);
        }
    }

    private static IntakeRequest Request(int number) =>
        new("folder", "acme", $"po-{number}.edi", $"folder:/inbox/po-{number}.edi", Encoding.ASCII.GetBytes($"ISA*{number}~"));
}

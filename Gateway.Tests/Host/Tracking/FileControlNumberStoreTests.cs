using Gateway.Host.Tracking;
using Gateway.Partners.ControlNumbers;
using Gateway.Partners.Loading;
using Gateway.Partners.Profiles;
using Gateway.Tests.Support;

namespace Gateway.Tests.Host.Tracking;

/// <summary>Control numbers: monotonic, never repeated, no gaps, under concurrency and across restarts.</summary>
public class FileControlNumberStoreTests
{
    private string _directory = "";

    private string JournalPath => Path.Combine(_directory, "state", "control-numbers.journal");

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("gateway-numbers-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void Allocate_ConcurrentCallersAcrossARestart_EveryNumberOnceWithoutGaps()
    {
        var issued = new System.Collections.Concurrent.ConcurrentBag<long>();
        for (int run = 0; run < 2; run++)
        {
            using var store = new FileControlNumberStore(JournalPath);
            Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ => issued.Add(store.Allocate("acme/x12/interchange", 1, 999999999)));
        }
        Assert.That(issued.Order(), Is.EqualTo(Enumerable.Range(1, 800).Select(i => (long)i)));
    }

    [Test]
    public void Allocate_SequencesAreIndependent()
    {
        using var store = new FileControlNumberStore(JournalPath);
        Assert.Multiple(() =>
        {
            Assert.That(store.Allocate("a/x12/interchange", 1, 99), Is.EqualTo(1));
            Assert.That(store.Allocate("a/x12/group", 1, 99), Is.EqualTo(1));
            Assert.That(store.Allocate("b/x12/interchange", 50, 99), Is.EqualTo(50));
            Assert.That(store.Allocate("a/x12/interchange", 1, 99), Is.EqualTo(2));
        });
    }

    [Test]
    public void Allocate_AfterTheLastNumber_WrapsToTheFirst()
    {
        using var store = new FileControlNumberStore(JournalPath);
        var numbers = Enumerable.Range(0, 5).Select(_ => store.Allocate("s", 7, 9)).ToArray();
        Assert.That(numbers, Is.EqualTo(new long[] { 7, 8, 9, 7, 8 }));
    }

    [Test]
    public void Allocate_RangeNarrowedBelowTheLastNumber_StartsAgainAtTheNewFirst()
    {
        using (var store = new FileControlNumberStore(JournalPath))
        {
            store.Allocate("s", 500, 999);
        }
        using var reopened = new FileControlNumberStore(JournalPath);
        Assert.That(reopened.Allocate("s", 1, 100), Is.EqualTo(1));
    }

    [Test]
    public void Open_TornLastRecordFromACrash_IsDroppedAndNumberingContinues()
    {
        using (var store = new FileControlNumberStore(JournalPath))
        {
            store.Allocate("s", 1, 999);
            store.Allocate("s", 1, 999);
        }
        File.AppendAllText(JournalPath, "[\"s\",\"3");   // the write a SIGKILL interrupted: never returned, so never used
        using (var reopened = new FileControlNumberStore(JournalPath))
        {
            Assert.That(reopened.Allocate("s", 1, 999), Is.EqualTo(3));
        }
        Assert.That(File.ReadAllLines(JournalPath), Has.Length.EqualTo(3));
    }

    [Test]
    public void Open_WhileAnotherStoreHoldsTheJournal_Fails()
    {
        using var store = new FileControlNumberStore(JournalPath);
        Assert.That(() => new FileControlNumberStore(JournalPath), Throws.InstanceOf<IOException>());
    }

    [Test]
    public void Open_ManyRecords_CompactsToOnePerSequence()
    {
        using (var store = new FileControlNumberStore(JournalPath))
        {
            for (int i = 0; i < 1100; i++)
            {
                store.Allocate(i % 2 == 0 ? "a" : "b", 1, 999999);
            }
        }
        new FileControlNumberStore(JournalPath).Dispose();
        Assert.That(File.ReadAllLines(JournalPath), Has.Length.EqualTo(2));
        using var compacted = new FileControlNumberStore(JournalPath);
        Assert.That(compacted.Allocate("a", 1, 999999), Is.EqualTo(551));
    }

    [Test]
    public void Sequencer_UsesThePartnersRangePerStandardAndLevel()
    {
        var envelope = "envelope:\n  x12:\n    controlNumbers:\n      interchange: { from: 1000, to: 1001 }\n";
        var loaded = ProfileLoader.LoadText("acme.yaml", ProfileTexts.X12Partner("acme", "ACME", envelope: envelope), new ProfileCheckOptions { ProfilesDirectory = _directory });
        Assert.That(loaded.Problems, Is.Empty, string.Join("\n", loaded.Problems));
        using var store = new FileControlNumberStore(JournalPath);
        var sequencer = new ControlNumberSequencer(store);
        var acme = loaded.Profile!;
        Assert.Multiple(() =>
        {
            Assert.That(sequencer.Next(acme, EdiStandard.X12, ControlNumberLevel.Interchange), Is.EqualTo(1000));
            Assert.That(sequencer.Next(acme, EdiStandard.X12, ControlNumberLevel.Interchange), Is.EqualTo(1001));
            Assert.That(sequencer.Next(acme, EdiStandard.X12, ControlNumberLevel.Interchange), Is.EqualTo(1000));
            Assert.That(sequencer.Next(acme, EdiStandard.X12, ControlNumberLevel.Group), Is.EqualTo(1));
            Assert.That(sequencer.Next(acme, EdiStandard.Edifact, ControlNumberLevel.Interchange), Is.EqualTo(1));
        });
    }
}

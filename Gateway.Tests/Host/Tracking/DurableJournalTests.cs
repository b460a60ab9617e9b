using Gateway.Host.Tracking;

namespace Gateway.Tests.Host.Tracking;

/// <summary>The journal under the two callers that meet in a running gateway: batched appends and flushes, and a rewrite.</summary>
public class DurableJournalTests
{
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("gateway-journal-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public async Task Rewrite_WhileOtherThreadsAppendAndFlush_FailsNoneOfThem()
    {
        // A pipeline's batch flush once met the stream closed for a rewrite (the retention job's, at start), and the
        // document it was acknowledging was dead-lettered.
        using var journal = new DurableJournal(Path.Combine(_directory, "sequences.journal"));
        using var stop = new CancellationTokenSource();
        var flushing = Enumerable.Range(0, 2).Select(worker => Task.Run(() =>
        {
            for (int i = 0; !stop.IsCancellationRequested; i++)
            {
                using (JournalBatch.Begin())
                {
                    journal.Append($"worker{worker}", $"{i}");
                }
            }
        })).ToList();
        var rewriting = Task.Run(() =>
        {
            for (int i = 0; i < 300; i++)
            {
                journal.Rewrite([["rewritten", $"{i}"]]);
            }
        });
        try
        {
            await rewriting;
        }
        finally
        {
            await stop.CancelAsync();
        }
        Assert.That(async () => await Task.WhenAll(flushing), Throws.Nothing);
    }
}

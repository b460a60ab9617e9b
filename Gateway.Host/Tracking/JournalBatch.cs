namespace Gateway.Host.Tracking;

/// <summary>
/// Group commit for <see cref="DurableJournal"/>s: within <c>using (JournalBatch.Begin())</c>, appends made by this flow
/// are written but not fsync'd one by one; disposing the batch fsyncs every journal touched, once. The caller must not
/// let a number or registration out of the process (send an acknowledgment) before the batch is disposed. Appends from
/// other flows are unaffected: they are durable when they return, as always.
/// </summary>
internal sealed class JournalBatch : IDisposable
{
    private static readonly AsyncLocal<JournalBatch?> CurrentBatch = new();
    private readonly HashSet<DurableJournal> _touched = [];
    private readonly JournalBatch? _outer;

    private JournalBatch(JournalBatch? outer) => _outer = outer;

    internal static JournalBatch? Current => CurrentBatch.Value;

    public static JournalBatch Begin()
    {
        var batch = new JournalBatch(CurrentBatch.Value);
        CurrentBatch.Value = batch;
        return batch;
    }

    internal void Touch(DurableJournal journal)
    {
        lock (_touched)
        {
            _touched.Add(journal);
        }
    }

    public void Dispose()
    {
        CurrentBatch.Value = _outer;
        foreach (var journal in _touched)
        {
            journal.Flush();
        }
    }
}

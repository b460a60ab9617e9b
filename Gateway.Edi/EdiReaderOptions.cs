namespace Gateway.Edi;

/// <summary>Limits that keep a hostile or broken file from taking all memory; for the X12 and EDIFACT readers.</summary>
public sealed record EdiReaderOptions
{
    /// <summary>The defaults: 64 KiB reads, 1 MiB segments, 64 MiB transaction sets.</summary>
    public static EdiReaderOptions Default { get; } = new();

    /// <summary>How many bytes are read from the stream at a time.</summary>
    public int BufferSize { get; init; } = 64 * 1024;

    /// <summary>The longest segment accepted; longer means a wrong terminator or garbage.</summary>
    public int MaxSegmentBytes { get; init; } = 1024 * 1024;

    /// <summary>Lend each transaction set the reader's own buffers: no copy, but a set is valid only until the next
    /// the next read. For consumers that never keep a set, as validation without a callback.</summary>
    internal bool BorrowTransactionSets { get; init; }

    /// <summary>The largest transaction set held in memory.</summary>
    public int MaxTransactionSetBytes { get; init; } = 64 * 1024 * 1024;
}

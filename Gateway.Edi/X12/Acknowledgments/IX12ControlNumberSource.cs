namespace Gateway.Edi.X12.Acknowledgments;

/// <summary>Gives out interchange and group control numbers for what we send; the caller persists them per partner.</summary>
public interface IX12ControlNumberSource
{
    /// <summary>The next ISA13 for the partner (1 to 999999999, never reused).</summary>
    long NextInterchangeControlNumber(string partnerQualifier, string partnerId);

    /// <summary>The next GS06 for the partner.</summary>
    long NextGroupControlNumber(string partnerQualifier, string partnerId);
}

/// <summary>Control numbers counted up in memory from a start value; for tools and tests, not for sending.</summary>
public sealed class X12SequentialControlNumbers(long start = 1) : IX12ControlNumberSource
{
    private long _interchange = start - 1;
    private long _group = start - 1;

    /// <inheritdoc/>
    public long NextInterchangeControlNumber(string partnerQualifier, string partnerId) => Interlocked.Increment(ref _interchange);

    /// <inheritdoc/>
    public long NextGroupControlNumber(string partnerQualifier, string partnerId) => Interlocked.Increment(ref _group);
}

namespace Gateway.Edi.X12;

/// <summary>A functional group envelope: the GS header, and the GE trailer once read.</summary>
public sealed class X12FunctionalGroup
{
    internal X12FunctionalGroup(X12Interchange interchange, Segment header)
    {
        Interchange = interchange;
        Header = header;
        FunctionalId = header[1];
        SenderCode = header[2];
        ReceiverCode = header[3];
        ControlNumber = header[6];
        Version = header[8];
    }

    /// <summary>The interchange this group belongs to.</summary>
    public X12Interchange Interchange { get; }

    /// <summary>The GS segment.</summary>
    public Segment Header { get; }

    /// <summary>The GE segment; null when the group ended without one.</summary>
    public Segment? Trailer { get; internal set; }

    /// <summary>The GS01 functional identifier code, for example <c>PO</c>.</summary>
    public string FunctionalId { get; }

    /// <summary>The GS02 application sender's code.</summary>
    public string SenderCode { get; }

    /// <summary>The GS03 application receiver's code.</summary>
    public string ReceiverCode { get; }

    /// <summary>The GS06 group control number.</summary>
    public string ControlNumber { get; }

    /// <summary>The GS08 version, release and industry identifier, for example <c>004010VICS</c>.</summary>
    public string Version { get; }

    /// <summary>The number of transaction sets read in this group so far.</summary>
    public int TransactionSetCount { get; internal set; }
}

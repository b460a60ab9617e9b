namespace Gateway.Edi.X12;

/// <summary>An interchange envelope: the ISA header, and the IEA trailer once read.</summary>
public sealed class X12Interchange
{
    internal X12Interchange(Segment header, EdiDelimiters delimiters)
    {
        Header = header;
        Delimiters = delimiters;
        SenderQualifier = header[5].Trim();
        SenderId = header[6].Trim();
        ReceiverQualifier = header[7].Trim();
        ReceiverId = header[8].Trim();
        Date = header[9];
        Time = header[10];
        Version = header[12];
        ControlNumber = header[13];
        UsageIndicator = header[15];
        AcknowledgmentRequested = header[14] == "1";
    }

    /// <summary>The ISA segment, its elements padded to their fixed widths as received.</summary>
    public Segment Header { get; }

    /// <summary>The IEA segment; null when the interchange ended without one.</summary>
    public Segment? Trailer { get; internal set; }

    /// <summary>The delimiters read from the ISA.</summary>
    public EdiDelimiters Delimiters { get; }

    /// <summary>The ISA05 sender qualifier.</summary>
    public string SenderQualifier { get; }

    /// <summary>The ISA06 sender id, without its padding.</summary>
    public string SenderId { get; }

    /// <summary>The ISA07 receiver qualifier.</summary>
    public string ReceiverQualifier { get; }

    /// <summary>The ISA08 receiver id, without its padding.</summary>
    public string ReceiverId { get; }

    /// <summary>The ISA09 date (YYMMDD).</summary>
    public string Date { get; }

    /// <summary>The ISA10 time (HHMM).</summary>
    public string Time { get; }

    /// <summary>The ISA12 version of the interchange control structures, for example <c>00401</c>.</summary>
    public string Version { get; }

    /// <summary>The ISA13 interchange control number.</summary>
    public string ControlNumber { get; }

    /// <summary>Whether ISA14 asks for a TA1.</summary>
    public bool AcknowledgmentRequested { get; }

    /// <summary>The ISA15 usage indicator: <c>P</c> production, <c>T</c> test, <c>I</c> information.</summary>
    public string UsageIndicator { get; }

    /// <summary>The 0-based offset of the ISA in the file.</summary>
    public long BytePosition => Header.BytePosition;
}

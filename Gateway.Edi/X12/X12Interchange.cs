namespace Gateway.Edi.X12;

/// <summary>An interchange envelope: the ISA header, and the IEA trailer once read.</summary>
public sealed class X12Interchange
{
    internal X12Interchange(Segment header, EdiDelimiters delimiters)
    {
        Header = header;
        Delimiters = delimiters;
    }

    /// <summary>The ISA segment, its elements padded to their fixed widths as received.</summary>
    public Segment Header { get; }

    /// <summary>The IEA segment; null when the interchange ended without one.</summary>
    public Segment? Trailer { get; internal set; }

    /// <summary>The delimiters read from the ISA.</summary>
    public EdiDelimiters Delimiters { get; }

    /// <summary>The ISA05 sender qualifier.</summary>
    public string SenderQualifier => Header[5].Trim();

    /// <summary>The ISA06 sender id, without its padding.</summary>
    public string SenderId => Header[6].Trim();

    /// <summary>The ISA07 receiver qualifier.</summary>
    public string ReceiverQualifier => Header[7].Trim();

    /// <summary>The ISA08 receiver id, without its padding.</summary>
    public string ReceiverId => Header[8].Trim();

    /// <summary>The ISA09 date (YYMMDD).</summary>
    public string Date => Header[9];

    /// <summary>The ISA10 time (HHMM).</summary>
    public string Time => Header[10];

    /// <summary>The ISA12 version of the interchange control structures, for example <c>00401</c>.</summary>
    public string Version => Header[12];

    /// <summary>The ISA13 interchange control number.</summary>
    public string ControlNumber => Header[13];

    /// <summary>Whether ISA14 asks for a TA1.</summary>
    public bool AcknowledgmentRequested => Header[14] == "1";

    /// <summary>The ISA15 usage indicator: <c>P</c> production, <c>T</c> test, <c>I</c> information.</summary>
    public string UsageIndicator => Header[15];

    /// <summary>The 0-based offset of the ISA in the file.</summary>
    public long BytePosition => Header.BytePosition;
}

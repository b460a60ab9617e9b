using System.Text;

namespace Gateway.Edi.Edifact;

/// <summary>An interchange envelope: the UNB header (after an optional UNA), and the UNZ trailer once read.</summary>
public sealed class EdifactInterchange
{
    internal EdifactInterchange(Segment header, EdiDelimiters delimiters, bool hasServiceStringAdvice, Encoding encoding, byte decimalMark = (byte)'.')
    {
        DecimalMark = decimalMark;
        Header = header;
        Delimiters = delimiters;
        HasServiceStringAdvice = hasServiceStringAdvice;
        Encoding = encoding;
        IReadOnlyList<string> syntax = header.GetComponents(1);
        SyntaxIdentifier = syntax[0];
        SyntaxVersion = syntax.Count > 1 ? syntax[1] : "";
        IReadOnlyList<string> sender = header.GetComponents(2);
        SenderId = sender[0];
        SenderQualifier = sender.Count > 1 ? sender[1] : "";
        IReadOnlyList<string> recipient = header.GetComponents(3);
        RecipientId = recipient[0];
        RecipientQualifier = recipient.Count > 1 ? recipient[1] : "";
        IReadOnlyList<string> prepared = header.GetComponents(4);
        Date = prepared[0];
        Time = prepared.Count > 1 ? prepared[1] : "";
        ControlReference = header[5];
        AcknowledgmentRequested = header[9] == "1";
        IsTest = header[11] == "1";
    }

    /// <summary>The UNB segment.</summary>
    public Segment Header { get; }

    /// <summary>The UNZ segment; null when the interchange ended without one.</summary>
    public Segment? Trailer { get; internal set; }

    /// <summary>The delimiters: from UNA, or the defaults <c>:+.? '</c> (and <c>*</c> for repetition in syntax 4).</summary>
    public EdiDelimiters Delimiters { get; }

    /// <summary>The decimal mark UNA names, or <c>.</c>.</summary>
    public byte DecimalMark { get; }

    /// <summary>Whether the interchange began with a UNA.</summary>
    public bool HasServiceStringAdvice { get; }

    /// <summary>How the text decodes, from the syntax identifier (UNOC is ISO 8859-1, UNOY is UTF-8).</summary>
    public Encoding Encoding { get; }

    /// <summary>UNB S001 0001, for example <c>UNOC</c>.</summary>
    public string SyntaxIdentifier { get; }

    /// <summary>UNB S001 0002: <c>1</c> to <c>4</c>.</summary>
    public string SyntaxVersion { get; }

    /// <summary>UNB S002 0004.</summary>
    public string SenderId { get; }

    /// <summary>UNB S002 0007, or empty.</summary>
    public string SenderQualifier { get; }

    /// <summary>UNB S003 0010.</summary>
    public string RecipientId { get; }

    /// <summary>UNB S003 0007, or empty.</summary>
    public string RecipientQualifier { get; }

    /// <summary>UNB S004 0017 (YYMMDD, or CCYYMMDD in syntax 4).</summary>
    public string Date { get; }

    /// <summary>UNB S004 0019 (HHMM).</summary>
    public string Time { get; }

    /// <summary>UNB 0020, the interchange control reference.</summary>
    public string ControlReference { get; }

    /// <summary>UNB 0031 is 1: the sender asks for a CONTRL.</summary>
    public bool AcknowledgmentRequested { get; }

    /// <summary>UNB 0035 is 1: a test interchange.</summary>
    public bool IsTest { get; }

    /// <summary>The 0-based offset of the UNB in the file.</summary>
    public long BytePosition => Header.BytePosition;
}

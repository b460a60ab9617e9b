namespace Gateway.Edi;

/// <summary>Tells X12 from EDIFACT by whichever interchange header comes first in a file's first bytes.</summary>
public static class EdiSyntaxDetector
{
    /// <summary>How many leading bytes are looked at; junk before the first header is tolerated within them.</summary>
    public const int HeadLength = 4096;

    /// <summary>The standard of the interchange that starts first in <paramref name="head"/> (at most <see cref="HeadLength"/> bytes are read).</summary>
    public static EdiSyntax Detect(ReadOnlySpan<byte> head)
    {
        head = head[..Math.Min(head.Length, HeadLength)];
        int isa = head.IndexOf("ISA"u8), una = head.IndexOf("UNA"u8), unb = head.IndexOf("UNB"u8);
        int edifact = una < 0 ? unb : unb < 0 ? una : Math.Min(una, unb);
        return edifact >= 0 && (isa < 0 || edifact < isa) ? EdiSyntax.Edifact
            : isa >= 0 ? EdiSyntax.X12
            : EdiSyntax.Unknown;
    }

    /// <summary>Reads the head of a seekable <paramref name="stream"/>, detects, and puts the stream back where it was.</summary>
    public static EdiSyntax Detect(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        long start = stream.Position;
        byte[] head = new byte[HeadLength];
        int n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = start;
        return Detect(head.AsSpan(0, n));
    }
}

namespace Gateway.Edi;

/// <summary>The input cannot be read as EDI; says where, and what the operator can do.</summary>
/// <remarks>Readable input that breaks the standard's rules gives validation issues instead.</remarks>
public sealed class EdiFormatException : FormatException
{
    /// <summary>Creates the exception for a position in the input.</summary>
    public EdiFormatException(string message, long bytePosition, int segmentIndex, int elementIndex)
        : base(message)
    {
        BytePosition = bytePosition;
        SegmentIndex = segmentIndex;
        ElementIndex = elementIndex;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public EdiFormatException()
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public EdiFormatException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public EdiFormatException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>The 0-based offset in the file of the byte where reading stopped.</summary>
    public long BytePosition { get; }

    /// <summary>The 1-based number of the segment in the file; 0 before the first.</summary>
    public int SegmentIndex { get; }

    /// <summary>The element in that segment (0 is the tag); -1 when not known.</summary>
    public int ElementIndex { get; } = -1;
}

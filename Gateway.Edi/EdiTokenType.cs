namespace Gateway.Edi;

/// <summary>What <see cref="EdiReader.ValueSpan"/> holds after <see cref="EdiReader.Read"/>.</summary>
public enum EdiTokenType
{
    /// <summary>Nothing read yet.</summary>
    None,

    /// <summary>A segment tag such as <c>ISA</c> or <c>BEG</c>.</summary>
    SegmentTag,

    /// <summary>A data element (possibly composite or repeated: split it with <see cref="EdiComponentReader"/>).</summary>
    Element,
}

namespace Gateway.Edi.X12;

/// <summary>One transaction set, ST to SE: the document that is tracked, mapped and delivered.</summary>
public sealed class X12TransactionSet
{
    internal X12TransactionSet(X12FunctionalGroup? group, SegmentList segments, bool hasTrailer)
    {
        Group = group;
        Segments = segments;
        HasTrailer = hasTrailer;
        Type = SegmentTags.Get(segments[0].GetSpan(1));
        ControlNumber = segments[0][2];
        ImplementationReference = segments[0][3];
        Version = group?.Version ?? "";
    }

    /// <summary>The group it was read in; null for one built in memory or found outside a group.</summary>
    public X12FunctionalGroup? Group { get; }

    /// <summary>Its segments, ST first and SE last (when present).</summary>
    public SegmentList Segments { get; }

    /// <summary>Whether it ended with an SE; false when the group or file ended first.</summary>
    public bool HasTrailer { get; }

    /// <summary>The ST01 transaction set identifier code, for example <c>850</c>.</summary>
    public string Type { get; }

    /// <summary>The ST02 control number.</summary>
    public string ControlNumber { get; }

    /// <summary>The ST03 implementation convention reference (005010 on), or empty.</summary>
    public string ImplementationReference { get; }

    /// <summary>The version that governs it: GS08, or ST03 when a guide is named there.</summary>
    public string Version { get; }

    /// <summary>The number of segments from ST to SE inclusive.</summary>
    public int SegmentCount => Segments.Count;

    /// <summary>The 0-based offset of the ST in the file.</summary>
    public long BytePosition => Segments[0].BytePosition;
}

namespace Gateway.Edi.Edifact;

/// <summary>One message, UNH to UNT: the document that is tracked, mapped and delivered.</summary>
public sealed class EdifactMessage
{
    internal EdifactMessage(EdifactInterchange interchange, EdifactGroup? group, SegmentList segments, bool hasTrailer)
    {
        Interchange = interchange;
        Group = group;
        Segments = segments;
        HasTrailer = hasTrailer;
        Segment unh = segments[0];
        ReferenceNumber = unh[1];
        IReadOnlyList<string> identifier = unh.GetComponents(2);
        Type = identifier[0];
        Version = identifier.Count > 1 ? identifier[1] : "";
        Release = identifier.Count > 2 ? identifier[2] : "";
        Agency = identifier.Count > 3 ? identifier[3] : "";
        AssociationCode = identifier.Count > 4 ? identifier[4] : "";
    }

    /// <summary>The interchange it was read in.</summary>
    public EdifactInterchange Interchange { get; }

    /// <summary>The group it was read in, when the interchange has groups.</summary>
    public EdifactGroup? Group { get; }

    /// <summary>Its segments, UNH first and UNT last (when present).</summary>
    public SegmentList Segments { get; }

    /// <summary>Whether it ended with a UNT.</summary>
    public bool HasTrailer { get; }

    /// <summary>UNH 0062, the message reference number.</summary>
    public string ReferenceNumber { get; }

    /// <summary>UNH S009 0065, for example <c>ORDERS</c>.</summary>
    public string Type { get; }

    /// <summary>UNH S009 0052, for example <c>D</c>.</summary>
    public string Version { get; }

    /// <summary>UNH S009 0054, for example <c>96A</c>.</summary>
    public string Release { get; }

    /// <summary>UNH S009 0051, for example <c>UN</c>.</summary>
    public string Agency { get; }

    /// <summary>UNH S009 0057, for example <c>EAN008</c>.</summary>
    public string AssociationCode { get; }

    /// <summary>The directory: version and release, for example <c>D96A</c>.</summary>
    public string Directory => Version + Release;

    /// <summary>The number of segments from UNH to UNT inclusive.</summary>
    public int SegmentCount => Segments.Count;

    /// <summary>The 0-based offset of the UNH in the file.</summary>
    public long BytePosition => Segments[0].BytePosition;
}

namespace Gateway.Edi.Edifact;

/// <summary>A functional group (UNG…UNE); optional in EDIFACT, and rare.</summary>
public sealed class EdifactGroup
{
    internal EdifactGroup(EdifactInterchange interchange, Segment header)
    {
        Interchange = interchange;
        Header = header;
        FunctionalId = header[1];
        ReferenceNumber = header[5];
        IReadOnlyList<string> version = header.GetComponents(7);
        Version = string.Concat(version.Take(2));
    }

    /// <summary>The interchange the group belongs to.</summary>
    public EdifactInterchange Interchange { get; }

    /// <summary>The UNG segment.</summary>
    public Segment Header { get; }

    /// <summary>The UNE segment; null when the group ended without one.</summary>
    public Segment? Trailer { get; internal set; }

    /// <summary>UNG 0038, the message type the group holds.</summary>
    public string FunctionalId { get; }

    /// <summary>UNG 0048, the group reference number.</summary>
    public string ReferenceNumber { get; }

    /// <summary>UNG S008 version and release, for example <c>D96A</c>.</summary>
    public string Version { get; }

    /// <summary>The number of messages read in the group so far.</summary>
    public int MessageCount { get; internal set; }
}

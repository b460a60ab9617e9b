namespace Gateway.Edi.Validation;

/// <summary>The envelope level an issue belongs to, which decides where an acknowledgment reports it.</summary>
public enum EdiIssueLevel
{
    /// <summary>The file outside any interchange (tolerated junk, a missing header).</summary>
    File,

    /// <summary>The interchange envelope: reported in a TA1 (or CONTRL UCI).</summary>
    Interchange,

    /// <summary>The functional group: reported in AK9 (or CONTRL UCF).</summary>
    Group,

    /// <summary>The transaction set or message as a whole: reported in AK5/IK5 (or UCM).</summary>
    Document,

    /// <summary>A segment: reported in AK3/IK3 (or UCS).</summary>
    Segment,

    /// <summary>An element or component: reported in AK4/IK4 (or UCD).</summary>
    Element,
}

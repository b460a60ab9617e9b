using Gateway.Edi.Validation;

namespace Gateway.Edi.Edifact;

/// <summary>What validation found in one EDIFACT interchange, level by level; what a CONTRL is built from.</summary>
public sealed class EdifactInterchangeResult
{
    internal EdifactInterchangeResult(EdifactInterchange interchange) => Interchange = interchange;

    /// <summary>The interchange envelope.</summary>
    public EdifactInterchange Interchange { get; }

    /// <summary>Interchange-level issues (for UCI) and file-level warnings around it.</summary>
    public List<EdiIssue> Issues { get; } = [];

    /// <summary>The groups; an interchange without UNG has one group whose <see cref="EdifactGroupResult.Group"/> is null.</summary>
    public List<EdifactGroupResult> Groups { get; } = [];

    /// <summary>Every issue at every level.</summary>
    public IEnumerable<EdiIssue> AllIssues =>
        Issues.Concat(Groups.SelectMany(g => g.Issues.Concat(g.Messages.SelectMany(m => m.Issues))));

    /// <summary>Whether nothing at any level is an error.</summary>
    public bool IsValid => !AllIssues.Any(i => i.Severity == EdiSeverity.Error);
}

/// <summary>What validation found in one group (or the messages of an interchange without groups).</summary>
public sealed class EdifactGroupResult
{
    internal EdifactGroupResult(EdifactGroup? group) => Group = group;

    /// <summary>The UNG envelope; null for messages outside groups.</summary>
    public EdifactGroup? Group { get; }

    /// <summary>Group-level issues (for UCF).</summary>
    public List<EdiIssue> Issues { get; } = [];

    /// <summary>The messages in the order read.</summary>
    public List<EdifactMessageResult> Messages { get; } = [];
}

/// <summary>What validation found in one message (for UCM, UCS and UCD).</summary>
public sealed class EdifactMessageResult
{
    internal EdifactMessageResult(EdifactMessage message, EdifactMessageResult? previous)
    {
        // Kept for every message of an interchange until its CONTRL is built: share what the previous one said.
        Type = Same(message.Type, previous?.Type);
        Version = Same(message.Version, previous?.Version);
        Release = Same(message.Release, previous?.Release);
        Agency = Same(message.Agency, previous?.Agency);
        AssociationCode = Same(message.AssociationCode, previous?.AssociationCode);
        ReferenceNumber = message.ReferenceNumber;
        SegmentCount = message.SegmentCount;
        BytePosition = message.BytePosition;
    }

    /// <summary>UNH S009 0065.</summary>
    public string Type { get; }

    /// <summary>UNH S009 0052.</summary>
    public string Version { get; }

    /// <summary>UNH S009 0054.</summary>
    public string Release { get; }

    /// <summary>UNH S009 0051.</summary>
    public string Agency { get; }

    /// <summary>UNH S009 0057.</summary>
    public string AssociationCode { get; }

    /// <summary>UNH 0062.</summary>
    public string ReferenceNumber { get; }

    /// <summary>Segments from UNH to UNT inclusive.</summary>
    public int SegmentCount { get; }

    /// <summary>The 0-based offset of the UNH in the file.</summary>
    public long BytePosition { get; }

    private List<EdiIssue>? _issues;

    /// <summary>Message, segment and element issues.</summary>
    public IReadOnlyList<EdiIssue> Issues => _issues ?? (IReadOnlyList<EdiIssue>)[];

    /// <summary>Whether no issue is an error.</summary>
    public bool IsAccepted => _issues is null || !_issues.Any(i => i.Severity == EdiSeverity.Error);

    internal void AddRange(IReadOnlyList<EdiIssue> issues)
    {
        if (issues.Count > 0)
        {
            (_issues ??= []).AddRange(issues);
        }
    }

    private static string Same(string value, string? previous) => value == previous ? previous : value;
}

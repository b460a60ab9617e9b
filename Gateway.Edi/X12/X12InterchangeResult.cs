using Gateway.Edi.Validation;

namespace Gateway.Edi.X12;

/// <summary>What validation found in one interchange, level by level; what acknowledgments are built from.</summary>
public sealed class X12InterchangeResult
{
    internal X12InterchangeResult(X12Interchange interchange) => Interchange = interchange;

    /// <summary>The interchange envelope.</summary>
    public X12Interchange Interchange { get; }

    /// <summary>Interchange-level issues (for the TA1) and file-level warnings around it.</summary>
    public List<EdiIssue> Issues { get; } = [];

    /// <summary>The groups in the order read.</summary>
    public List<X12GroupResult> Groups { get; } = [];

    /// <summary>TA1 segments found in the interchange (acknowledgments from the partner).</summary>
    public List<Segment> TechnicalAcknowledgments { get; } = [];

    /// <summary>Every issue at every level.</summary>
    public IEnumerable<EdiIssue> AllIssues =>
        Issues.Concat(Groups.SelectMany(g => g.Issues.Concat(g.Documents.SelectMany(d => d.Issues))));

    /// <summary>Whether nothing at any level is an error.</summary>
    public bool IsValid => !AllIssues.Any(i => i.Severity == EdiSeverity.Error);

    /// <summary>Whether the envelope itself is sound (warnings allowed).</summary>
    public bool EnvelopeIsValid => !Issues.Any(i => i.Severity == EdiSeverity.Error);
}

/// <summary>What validation found in one functional group.</summary>
public sealed class X12GroupResult
{
    internal X12GroupResult(X12FunctionalGroup group) => Group = group;

    /// <summary>The group envelope.</summary>
    public X12FunctionalGroup Group { get; }

    /// <summary>Group-level issues (for AK9).</summary>
    public List<EdiIssue> Issues { get; } = [];

    private readonly X12DocumentList _documents = new();

    /// <summary>The documents in the order read.</summary>
    public IReadOnlyList<X12DocumentResult> Documents => _documents;

    internal void Add(X12DocumentResult document) => _documents.Add(document);

    /// <summary>Whether the group envelope has no error.</summary>
    public bool EnvelopeIsValid => !Issues.Any(i => i.Severity == EdiSeverity.Error);
}

/// <summary>What validation found in one transaction set; the set itself is not kept, so files of any size fit.</summary>
public sealed class X12DocumentResult
{
    internal X12DocumentResult(X12TransactionSet set)
        : this(set.Type, set.ControlNumber, set.ImplementationReference, set.SegmentCount, set.BytePosition, null)
    {
    }

    internal X12DocumentResult(string type, string controlNumber, string implementationReference, int segmentCount, long bytePosition, List<EdiIssue>? issues)
    {
        Type = type;
        ControlNumber = controlNumber;
        ImplementationReference = implementationReference;
        SegmentCount = segmentCount;
        BytePosition = bytePosition;
        _issues = issues;
    }

    /// <summary>ST01.</summary>
    public string Type { get; }

    /// <summary>ST02.</summary>
    public string ControlNumber { get; }

    /// <summary>ST03, or empty.</summary>
    public string ImplementationReference { get; }

    /// <summary>Segments from ST to SE inclusive.</summary>
    public int SegmentCount { get; }

    /// <summary>The 0-based offset of the ST in the file.</summary>
    public long BytePosition { get; }

    private List<EdiIssue>? _issues;

    /// <summary>Document, segment and element issues (for AK2-AK5 / IK3-IK5).</summary>
    /// <remarks>Kept for every document of an interchange until its acknowledgment is built, so it stays small:
    /// a clean document holds no list at all.</remarks>
    public IReadOnlyList<EdiIssue> Issues => _issues ?? (IReadOnlyList<EdiIssue>)[];

    /// <summary>Whether no issue is an error.</summary>
    public bool IsAccepted => _issues is null || !_issues.Any(i => i.Severity == EdiSeverity.Error);

    /// <summary>The list to add to, made on first use.</summary>
    internal List<EdiIssue> MutableIssues => _issues ??= [];

    internal void AddRange(List<EdiIssue> issues)
    {
        if (issues.Count > 0)
        {
            MutableIssues.AddRange(issues);
        }
    }
}

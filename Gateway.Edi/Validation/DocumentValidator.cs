using Gateway.Edi.Schemas;

namespace Gateway.Edi.Validation;

/// <summary>Checks one document (X12 set or EDIFACT message) against its schema: segment order, loops, use counts, then elements.</summary>
internal sealed partial class DocumentValidator : ILoopListener
{
    private readonly DocumentSchema _schema;
    private readonly DocumentContext _document;
    private readonly EdiCompliance _compliance;
    private readonly List<EdiIssue> _issues;
    private LoopTracker _tracker = null!;
    private SegmentDefinition? _hl;

    private DocumentValidator(DocumentSchema schema, DocumentContext document, EdiCompliance compliance, List<EdiIssue> issues)
    {
        _schema = schema;
        _document = document;
        _compliance = compliance;
        _issues = issues;
    }

    public static void Validate(DocumentSchema schema, DocumentContext document, EdiCompliance compliance, List<EdiIssue> issues) =>
        new DocumentValidator(schema, document, compliance, issues).Run();

    private void Run()
    {
        _tracker = new LoopTracker(_schema.Root, this);
        SegmentList segments = _document.Segments;
        HierarchyChecker? hierarchy = _schema.Id == "856" ? new HierarchyChecker(this) : null;
        _hl = hierarchy is null ? null : _schema.Dictionary.Segments.GetValueOrDefault("HL");
        for (int i = 0; i < segments.Count; i++)
        {
            Segment segment = segments[i];
            SegmentDefinition? definition = _tracker.Place(segment.TagSpan, i + 1);
            if (definition is null)
            {
                Misplaced(segment, segment.Tag, i + 1);
                continue;
            }
            ValidateElements(segment, definition, i + 1);
            if (ReferenceEquals(definition, _hl))
            {
                hierarchy?.Check(segment, i + 1);
            }
        }
        // The reader already reported a missing trailer.
        _tracker.Finish(segments.Count, includeTrailer: _document.HasTrailer);
    }

    void ILoopListener.MandatoryEntrySkipped(LoopFrame frame, StructureEntry entry, int position) =>
        Add(EdiIssueCode.MandatorySegmentMissing, position, entry.Tag, frame.LoopId,
            entry.Loop is null ? $"Mandatory segment {entry.Tag} is missing" : $"Mandatory loop {entry.Loop.Id} is missing");

    void ILoopListener.SegmentUsed(LoopFrame frame, StructureEntry entry, int uses, int position)
    {
        if (uses > entry.MaxUse)
        {
            Add(EdiIssueCode.SegmentOverMaximumUse, position, entry.Tag, frame.LoopId, $"{entry.Tag} appears {uses} times here; at most {entry.MaxUse} allowed");
        }
    }

    void ILoopListener.LoopOpened(LoopFrame parent, StructureEntry entry, int iteration, int position)
    {
        if (iteration > entry.MaxUse)
        {
            Add(EdiIssueCode.LoopOverMaximum, position, entry.Tag, entry.Loop!.Id, $"Loop {entry.Loop.Id} repeats {iteration} times; at most {entry.MaxUse} allowed");
        }
    }

    void ILoopListener.LoopClosed(LoopFrame frame)
    {
    }

    private void Misplaced(Segment segment, string tag, int position)
    {
        string? loop = _tracker.Current.LoopId;
        if (!IsSegmentTag(segment.TagSpan) || !_schema.Dictionary.Segments.ContainsKey(tag) && !_schema.Tags.Contains(tag))
        {
            Add(EdiIssueCode.UnrecognizedSegment, position, tag, loop, $"{Printable(tag)} is not a segment of {_schema.Version}");
        }
        else if (!_schema.Tags.Contains(tag))
        {
            Add(EdiIssueCode.SegmentNotInTransactionSet, position, tag, loop, $"{tag} is not part of transaction set {_schema.Id}");
        }
        else if (_tracker.PassedEarlier(segment.TagSpan))
        {
            Add(EdiIssueCode.SegmentOutOfOrder, position, tag, loop, $"{tag} comes after segments that must follow it");
        }
        else
        {
            Add(EdiIssueCode.UnexpectedSegment, position, tag, loop, $"{tag} cannot stand here; it belongs in another loop of {_schema.Id}");
        }
    }

    private static bool IsSegmentTag(ReadOnlySpan<byte> tag) =>
        tag.Length is 2 or 3 && char.IsAsciiLetterUpper((char)tag[0]) && tag[1..].IndexOfAnyExcept(AlphaNumericUpper) < 0;

    private static readonly System.Buffers.SearchValues<byte> AlphaNumericUpper =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"u8);

    private static string Printable(string value) =>
        value.Length > 20 ? $"'{value[..20]}…'" : $"'{value}'";

    private void Add(EdiIssueCode code, int position, string tag, string? loop, string message, int element = 0, int component = 0,
        int repetition = 0, string? reference = null, string? value = null)
    {
        Segment segment = _document.Segments[Math.Min(position, _document.Segments.Count) - 1];
        EdiSeverity severity = _compliance == EdiCompliance.Lenient && code.Level() == EdiIssueLevel.Element && code != EdiIssueCode.MandatoryElementMissing
            ? EdiSeverity.Warning : EdiSeverity.Error;
        _issues.Add(new EdiIssue
        {
            Code = code,
            Severity = severity,
            Message = message,
            BytePosition = segment.BytePosition,
            FileSegmentIndex = segment.FileSegmentIndex,
            SegmentTag = tag,
            SegmentPosition = position,
            LoopId = loop,
            ElementPosition = element,
            ComponentPosition = component,
            RepetitionPosition = repetition,
            ElementReference = reference,
            Value = value,
            InterchangeControlNumber = _document.InterchangeReference,
            GroupControlNumber = _document.GroupReference,
            DocumentControlNumber = _document.DocumentReference,
        });
    }
}

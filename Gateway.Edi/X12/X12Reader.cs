using Gateway.Edi.Validation;

namespace Gateway.Edi.X12;

/// <summary>Reads X12 from a stream: interchange by interchange, document by document, in bounded memory.</summary>
/// <remarks>Tolerates what real partners send (a BOM, line breaks after or inside segments, indentation,
/// junk between interchanges) and reports it in <see cref="Issues"/>; envelope problems it can see while
/// reading (a missing SE, GE or IEA) are reported there too. Counts and control numbers are checked by
/// <see cref="X12EnvelopeValidator"/>.</remarks>
public sealed partial class X12Reader : IDisposable
{
    private static readonly int SeKey = SegmentTags.Key("SE"u8), StKey = SegmentTags.Key("ST"u8), GeKey = SegmentTags.Key("GE"u8),
        GsKey = SegmentTags.Key("GS"u8), IeaKey = SegmentTags.Key("IEA"u8), IsaKey = SegmentTags.Key("ISA"u8);

    private readonly EdiReaderOptions _options;
    private readonly List<EdiIssue> _issues = [];
    private SegmentListBuilder? _setBuilder;
    private bool _anyInterchange;

    /// <summary>Creates a reader; it owns <paramref name="stream"/> unless <paramref name="leaveOpen"/>.</summary>
    public X12Reader(Stream stream, EdiReaderOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _options = options ?? EdiReaderOptions.Default;
        _scanner = new EdiSegmentScanner(stream, _options.BufferSize, _options.MaxSegmentBytes, leaveOpen,
            (code, message, position) => Report(code, message, position, severity: EdiSeverity.Warning));
    }

    /// <summary>What the last <see cref="Read"/> moved to.</summary>
    public X12ReadKind Kind { get; private set; }

    /// <summary>The current interchange; null outside one.</summary>
    public X12Interchange? Interchange { get; private set; }

    /// <summary>The current group; null outside one.</summary>
    public X12FunctionalGroup? Group { get; private set; }

    /// <summary>The transaction set after <see cref="X12ReadKind.TransactionSet"/>.</summary>
    public X12TransactionSet? TransactionSet { get; private set; }

    /// <summary>The segment after <see cref="X12ReadKind.TechnicalAcknowledgment"/> or <see cref="X12ReadKind.StraySegment"/>.</summary>
    public Segment? Segment { get; private set; }

    /// <summary>What reading up to and including the current item found: tolerated layout, junk, missing trailers.</summary>
    public IReadOnlyList<EdiIssue> Issues => _issues;

    /// <summary>Moves to the next item; false at the end of the input.</summary>
    /// <exception cref="EdiFormatException">The input is not X12, or an ISA cannot be read.</exception>
    public bool Read()
    {
        _issues.Clear();
        TransactionSet = null;
        Segment = null;
        if (Kind == X12ReadKind.InterchangeEnd)
        {
            Interchange = null;
        }
        if (Kind == X12ReadKind.GroupEnd)
        {
            Group = null;
        }
        if (Interchange is null)
        {
            return Return(StartInterchange() ? X12ReadKind.InterchangeStart : X12ReadKind.None);
        }
        if (!_scanner.TryReadSegment(out EdiRawSegment raw))
        {
            if (Group is not null)
            {
                return EndGroup(trailer: null);
            }
            Report(EdiIssueCode.InterchangeTrailerMissing, "The file ended before the IEA; the interchange is incomplete. Ask the partner to resend it", _scanner.BufferedEnd);
            return EndOpenEnvelope(trailer: null);
        }
        switch (raw.Tag)
        {
            case "ISA":
                _scanner.Rewind(raw.Mark);
                Report(EdiIssueCode.InterchangeTrailerMissing, "A new ISA started before the IEA of this interchange", raw.BytePosition);
                return EndOpenEnvelope(trailer: null);
            case "IEA":
                if (Group is not null)
                {
                    _scanner.Rewind(raw.Mark);
                    return EndGroup(trailer: null);
                }
                Interchange.Trailer = Keep(raw);
                return Return(X12ReadKind.InterchangeEnd);
            case "GS":
                if (Group is not null)
                {
                    _scanner.Rewind(raw.Mark);
                    return EndGroup(trailer: null);
                }
                Group = new X12FunctionalGroup(Interchange, Keep(raw));
                return Return(X12ReadKind.GroupStart);
            case "GE" when Group is not null:
                Group.Trailer = Keep(raw);
                return Return(X12ReadKind.GroupEnd);
            case "ST":
                TransactionSet = ReadTransactionSet(raw);
                if (Group is not null)
                {
                    Group.TransactionSetCount++;
                }
                return Return(X12ReadKind.TransactionSet);
            case "TA1":
                Segment = Keep(raw);
                return Return(X12ReadKind.TechnicalAcknowledgment);
            default:
                Segment = Keep(raw);
                return Return(X12ReadKind.StraySegment);
        }
    }

    private bool EndOpenEnvelope(Segment? trailer)
    {
        if (Group is not null)
        {
            return EndGroup(trailer);
        }
        Interchange!.Trailer = trailer;
        return Return(X12ReadKind.InterchangeEnd);
    }

    private bool EndGroup(Segment? trailer)
    {
        Group!.Trailer = trailer;
        Report(EdiIssueCode.GroupTrailerMissing, $"Group {Group.ControlNumber} has no GE", _scanner.LastSegmentEnd);
        return Return(X12ReadKind.GroupEnd);
    }

    private X12TransactionSet ReadTransactionSet(EdiRawSegment st)
    {
        var builder = _setBuilder ??= new SegmentListBuilder(Interchange!.Delimiters, 4096);
        builder.Clear();
        Add(builder, st);
        while (_scanner.TryReadSegment(out EdiRawSegment raw))
        {
            int tag = SegmentTags.Key(raw.Element(0));
            if (tag == SeKey)
            {
                Add(builder, raw);
                return new X12TransactionSet(Group, Build(builder), hasTrailer: true);
            }
            if (tag == StKey || tag == GeKey || tag == IeaKey || tag == GsKey || tag == IsaKey)
            {
                _scanner.Rewind(raw.Mark);
                break;
            }
            if (builder.ByteCount + raw.Length > _options.MaxTransactionSetBytes)
            {
                EdiThrow.Format($"Transaction set {Edi.Segment.Decode(st.Element(2))} is larger than {_options.MaxTransactionSetBytes} bytes; ask the partner to split it or raise MaxTransactionSetBytes", raw.BytePosition, raw.FileSegmentIndex);
            }
            Add(builder, raw);
        }
        var set = new X12TransactionSet(Group, Build(builder), hasTrailer: false);
        Report(EdiIssueCode.TransactionSetTrailerMissing, $"Transaction set {set.ControlNumber} has no SE", _scanner.LastSegmentEnd, set.ControlNumber);
        return set;
    }

    private SegmentList Build(SegmentListBuilder builder) =>
        _options.BorrowTransactionSets ? builder.BuildBorrowed() : builder.Build();

    private bool Return(X12ReadKind kind)
    {
        Kind = kind;
        return kind != X12ReadKind.None;
    }

    private void Report(EdiIssueCode code, string message, long bytePosition, string? document = null, EdiSeverity severity = EdiSeverity.Error) =>
        _issues.Add(new EdiIssue
        {
            Code = code,
            Message = message,
            Severity = severity,
            BytePosition = bytePosition,
            FileSegmentIndex = _scanner.FileSegmentIndex,
            InterchangeControlNumber = Interchange?.ControlNumber,
            GroupControlNumber = Group?.ControlNumber,
            DocumentControlNumber = document,
        });

    /// <summary>Closes the stream unless the reader was told to leave it open.</summary>
    public void Dispose() => _scanner.Dispose();
}

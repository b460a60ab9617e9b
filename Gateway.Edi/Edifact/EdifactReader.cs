using Gateway.Edi.Validation;

namespace Gateway.Edi.Edifact;

/// <summary>Reads UN/EDIFACT from a stream: interchange by interchange, message by message, in bounded memory.</summary>
/// <remarks>Delimiters come from UNA or the defaults <c>:+.? '</c> (repetition <c>*</c> in syntax 4); the release
/// character frees a delimiter in every position; text decodes in the character set UNB names. Layout the X12
/// reader tolerates is tolerated here too, through the same <see cref="EdiSegmentScanner"/>.</remarks>
public sealed partial class EdifactReader : IDisposable
{
    private static readonly int UnbKey = SegmentTags.Key("UNB"u8), UnhKey = SegmentTags.Key("UNH"u8),
        UntKey = SegmentTags.Key("UNT"u8), UngKey = SegmentTags.Key("UNG"u8), UneKey = SegmentTags.Key("UNE"u8), UnzKey = SegmentTags.Key("UNZ"u8);

    private readonly EdiReaderOptions _options;
    private readonly EdiSegmentScanner _scanner;
    private readonly List<EdiIssue> _issues = [];
    private SegmentListBuilder? _messageBuilder;
    private SegmentListBuilder? _envelopeBuilder;
    private bool _anyInterchange;

    /// <summary>Creates a reader; it owns <paramref name="stream"/> unless <paramref name="leaveOpen"/>.</summary>
    public EdifactReader(Stream stream, EdiReaderOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _options = options ?? EdiReaderOptions.Default;
        _scanner = new EdiSegmentScanner(stream, _options.BufferSize, _options.MaxSegmentBytes, leaveOpen,
            (code, message, position) => Report(code, message, position, severity: EdiSeverity.Warning));
    }

    /// <summary>What the last <see cref="Read"/> moved to.</summary>
    public EdifactReadKind Kind { get; private set; }

    /// <summary>The current interchange; null outside one.</summary>
    public EdifactInterchange? Interchange { get; private set; }

    /// <summary>The current group; null outside one (and in interchanges without groups).</summary>
    public EdifactGroup? Group { get; private set; }

    /// <summary>The message after <see cref="EdifactReadKind.Message"/>.</summary>
    public EdifactMessage? Message { get; private set; }

    /// <summary>The segment after <see cref="EdifactReadKind.StraySegment"/>.</summary>
    public Segment? Segment { get; private set; }

    /// <summary>What reading up to and including the current item found: tolerated layout, junk, missing trailers.</summary>
    public IReadOnlyList<EdiIssue> Issues => _issues;

    /// <summary>Moves to the next item; false at the end of the input.</summary>
    /// <exception cref="EdiFormatException">The input is not EDIFACT, or a UNA or UNB cannot be read.</exception>
    public bool Read()
    {
        _issues.Clear();
        Message = null;
        Segment = null;
        if (Kind == EdifactReadKind.InterchangeEnd)
        {
            Interchange = null;
        }
        if (Kind == EdifactReadKind.GroupEnd)
        {
            Group = null;
        }
        if (Interchange is null)
        {
            return Return(StartInterchange() ? EdifactReadKind.InterchangeStart : EdifactReadKind.None);
        }
        if (!_scanner.TryReadSegment(out EdiRawSegment raw))
        {
            if (Group is not null)
            {
                return EndGroup();
            }
            Report(EdiIssueCode.InterchangeTrailerMissing, "The file ended before the UNZ; the interchange is incomplete. Ask the partner to resend it", _scanner.BufferedEnd);
            return Return(EdifactReadKind.InterchangeEnd);
        }
        int tag = SegmentTags.Key(raw.Element(0));
        // A UNA brings delimiters of its own, so it is known by its first bytes, not by its first element.
        if (tag == UnbKey || raw.Text.StartsWith("UNA"u8))
        {
            _scanner.Rewind(raw.Mark);
            if (Group is not null)
            {
                return EndGroup();
            }
            Report(EdiIssueCode.InterchangeTrailerMissing, "A new interchange started before the UNZ of this one", raw.BytePosition);
            return Return(EdifactReadKind.InterchangeEnd);
        }
        if (tag == UnzKey)
        {
            if (Group is not null)
            {
                _scanner.Rewind(raw.Mark);
                return EndGroup();
            }
            Interchange.Trailer = Keep(raw);
            return Return(EdifactReadKind.InterchangeEnd);
        }
        if (tag == UngKey)
        {
            if (Group is not null)
            {
                _scanner.Rewind(raw.Mark);
                return EndGroup();
            }
            Group = new EdifactGroup(Interchange, Keep(raw));
            return Return(EdifactReadKind.GroupStart);
        }
        if (tag == UneKey && Group is not null)
        {
            Group.Trailer = Keep(raw);
            return Return(EdifactReadKind.GroupEnd);
        }
        if (tag == UnhKey)
        {
            Message = ReadMessage(raw);
            if (Group is not null)
            {
                Group.MessageCount++;
            }
            return Return(EdifactReadKind.Message);
        }
        Segment = Keep(raw);
        return Return(EdifactReadKind.StraySegment);
    }

    private EdifactMessage ReadMessage(EdiRawSegment unh)
    {
        var builder = _messageBuilder ??= new SegmentListBuilder(Interchange!.Delimiters, 4096, Interchange.Encoding);
        builder.Clear();
        Add(builder, unh);
        while (_scanner.TryReadSegment(out EdiRawSegment raw))
        {
            // Only service segments (UN…) end a message: one look at the first two bytes for the others.
            ReadOnlySpan<byte> text = raw.Text;
            if (text.Length >= 2 && text[0] == (byte)'U' && text[1] == (byte)'N')
            {
                int tag = SegmentTags.Key(raw.Element(0));
                if (tag == UntKey)
                {
                    Add(builder, raw);
                    return new EdifactMessage(Interchange!, Group, Build(builder), hasTrailer: true);
                }
                if (tag == UnhKey || tag == UneKey || tag == UnzKey || tag == UngKey || tag == UnbKey || text.StartsWith("UNA"u8))
                {
                    _scanner.Rewind(raw.Mark);
                    break;
                }
            }
            if (builder.ByteCount + raw.Length > _options.MaxTransactionSetBytes)
            {
                EdiThrow.Format($"Message {Edi.Segment.Decode(unh.Element(1))} is larger than {_options.MaxTransactionSetBytes} bytes; ask the partner to split it or raise MaxTransactionSetBytes", raw.BytePosition, raw.FileSegmentIndex);
            }
            Add(builder, raw);
        }
        var message = new EdifactMessage(Interchange!, Group, Build(builder), hasTrailer: false);
        Report(EdiIssueCode.TransactionSetTrailerMissing, $"Message {message.ReferenceNumber} has no UNT", _scanner.LastSegmentEnd, message.ReferenceNumber);
        return message;
    }

    private SegmentList Build(SegmentListBuilder builder) =>
        _options.BorrowTransactionSets ? builder.BuildBorrowed() : builder.Build();

    private bool EndGroup()
    {
        Report(EdiIssueCode.GroupTrailerMissing, $"Group {Group!.ReferenceNumber} has no UNE", _scanner.LastSegmentEnd);
        return Return(EdifactReadKind.GroupEnd);
    }

    private bool Return(EdifactReadKind kind)
    {
        Kind = kind;
        return kind != EdifactReadKind.None;
    }

    private Segment Keep(EdiRawSegment raw)
    {
        SegmentListBuilder builder = _envelopeBuilder!;
        builder.Clear();
        Add(builder, raw);
        return builder.Build()[0];
    }

    private static void Add(SegmentListBuilder builder, EdiRawSegment raw) =>
        builder.AddRead(raw.Text, raw.Bounds, raw.BytePosition, raw.FileSegmentIndex, raw.Clean);

    private void Report(EdiIssueCode code, string message, long bytePosition, string? document = null, EdiSeverity severity = EdiSeverity.Error) =>
        _issues.Add(new EdiIssue
        {
            Code = code,
            Message = message,
            Severity = severity,
            BytePosition = bytePosition,
            FileSegmentIndex = _scanner.FileSegmentIndex,
            InterchangeControlNumber = Interchange?.ControlReference,
            GroupControlNumber = Group?.ReferenceNumber,
            DocumentControlNumber = document,
        });

    /// <summary>Closes the stream unless the reader was told to leave it open.</summary>
    public void Dispose() => _scanner.Dispose();
}

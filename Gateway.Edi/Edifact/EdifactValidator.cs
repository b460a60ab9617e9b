using System.Buffers;
using Gateway.Edi.Schemas;
using Gateway.Edi.Validation;

namespace Gateway.Edi.Edifact;

/// <summary>Validates EDIFACT: envelopes, then each message against its directory's schema.</summary>
/// <remarks>Readable but wrong input gives <see cref="EdiIssue"/> values, never exceptions. Messages of directories
/// without a schema are checked at envelope level, with a warning that says so.</remarks>
public sealed class EdifactValidator(EdifactValidatorOptions? options = null)
{
    private readonly EdifactValidatorOptions _options = options ?? EdifactValidatorOptions.Default;
    private EdifactInterchange? _repertoireOf;
    private SearchValues<byte>? _repertoire;

    /// <summary>Reads and validates a whole stream, one interchange at a time.</summary>
    /// <param name="stream">The file; read to its end.</param>
    /// <param name="onMessage">Called with each message and its result while the message is in memory.</param>
    /// <exception cref="EdiFormatException">The stream is not EDIFACT or a UNA/UNB is unreadable.</exception>
    public IEnumerable<EdifactInterchangeResult> ValidateStream(Stream stream, Action<EdifactMessage, EdifactMessageResult>? onMessage = null)
    {
        // Nothing here keeps a message past its validation, so the reader may lend its buffers; a callback might keep one.
        EdiReaderOptions readerOptions = onMessage is null ? _options.Reader with { BorrowTransactionSets = true } : _options.Reader;
        using var reader = new EdifactReader(stream, readerOptions, leaveOpen: true);
        EdifactInterchangeResult? current = null;
        EdifactGroupResult? group = null;
        var references = new HashSet<string>(StringComparer.Ordinal);
        var scratch = new List<EdiIssue>();
        EdiCompliance compliance = _options.Compliance;
        int count = 0;
        while (reader.Read())
        {
            switch (reader.Kind)
            {
                case EdifactReadKind.InterchangeStart:
                    if (current is not null)
                    {
                        yield return current;
                    }
                    current = new EdifactInterchangeResult(reader.Interchange!);
                    compliance = _options.ComplianceOf?.Invoke(current.Interchange) ?? _options.Compliance;
                    current.Issues.AddRange(reader.Issues);
                    EdifactEnvelopeValidator.CheckHeader(current.Interchange, _options.OurRecipientIds, _options.KnownSenderIds, current.Issues);
                    references.Clear();
                    group = null;
                    count = 0;
                    continue;
                case EdifactReadKind.GroupStart:
                    if (current!.Groups.Any(g => g.Group is null))
                    {
                        current.Issues.Add(Mixed(reader.Group!.Header, current.Interchange));
                    }
                    group = new EdifactGroupResult(reader.Group);
                    current.Groups.Add(group);
                    count++;
                    break;
                case EdifactReadKind.Message:
                    EdifactMessage message = reader.Message!;
                    if (group is null)
                    {
                        if (current!.Groups.Count > 0 && current.Groups[^1].Group is not null)
                        {
                            current.Issues.Add(Mixed(message.Segments[0], current.Interchange));
                        }
                        group = current.Groups.Count > 0 && current.Groups[^1].Group is null ? current.Groups[^1] : new EdifactGroupResult(null);
                        if (!current.Groups.Contains(group))
                        {
                            current.Groups.Add(group);
                        }
                    }
                    var result = new EdifactMessageResult(message, group.Messages.Count > 0 ? group.Messages[^1] : null);
                    scratch.Clear();
                    scratch.AddRange(reader.Issues);
                    EdifactEnvelopeValidator.CheckMessage(message, references, scratch);
                    EdifactEnvelopeValidator.CheckTrailingSeparators(message, compliance, scratch);
                    ValidateContent(message, compliance, scratch);
                    result.AddRange(scratch);
                    group.Messages.Add(result);
                    count += message.Group is null ? 1 : 0;
                    onMessage?.Invoke(message, result);
                    if (message.Group is null)
                    {
                        group = null;
                    }
                    continue;
                case EdifactReadKind.GroupEnd:
                    group!.Issues.AddRange(reader.Issues);
                    EdifactEnvelopeValidator.CheckGroupTrailer(reader.Group!, group.Issues);
                    group = null;
                    continue;
                case EdifactReadKind.InterchangeEnd:
                    current!.Issues.AddRange(reader.Issues);
                    EdifactEnvelopeValidator.CheckTrailer(current.Interchange, count, current.Issues);
                    continue;
                case EdifactReadKind.StraySegment:
                    current!.Issues.Add(EnvelopeIssues.SegmentOutsideDocument(reader.Segment!.Value, "message", current.Interchange.ControlReference, group?.Group?.ReferenceNumber));
                    break;
            }
            current?.Issues.AddRange(reader.Issues);
        }
        if (current is not null)
        {
            current.Issues.AddRange(reader.Issues);
            yield return current;
        }
    }

    private void ValidateContent(EdifactMessage message, EdiCompliance compliance, List<EdiIssue> issues)
    {
        DocumentSchema? schema = _options.Schemas.Find(message.Directory, message.Type);
        if (schema is null)
        {
            issues.Add(new EdiIssue
            {
                Code = EdiIssueCode.TransactionSetNotSupported,
                Severity = EdiSeverity.Warning,
                Message = $"No schema for {message.Type} in directory {message.Directory}; only its envelope was checked (schemas: {string.Join(", ", _options.Schemas.Directories.Order(StringComparer.Ordinal))})",
                BytePosition = message.BytePosition,
                FileSegmentIndex = message.Segments[0].FileSegmentIndex,
                SegmentTag = "UNH",
                SegmentPosition = 1,
                InterchangeControlNumber = message.Interchange.ControlReference,
                GroupControlNumber = message.Group?.ReferenceNumber,
                DocumentControlNumber = message.ReferenceNumber,
            });
            return;
        }
        var document = new DocumentContext(message.Segments, message.HasTrailer, message.Interchange.ControlReference, message.Group?.ReferenceNumber,
            message.ReferenceNumber, RepertoireOf(message.Interchange), CommaDecimalMark: true);
        DocumentValidator.Validate(schema, document, compliance, issues);
    }

    private SearchValues<byte>? RepertoireOf(EdifactInterchange interchange)
    {
        if (!ReferenceEquals(_repertoireOf, interchange))
        {
            _repertoireOf = interchange;
            _repertoire = Repertoire(interchange);
        }
        return _repertoire;
    }

    // Levels A and B restrict the characters of values; the interchange's own delimiters and release may appear.
    private static SearchValues<byte>? Repertoire(EdifactInterchange interchange)
    {
        if (EdifactCharacterSets.Repertoire(interchange.SyntaxIdentifier) is not { } repertoire)
        {
            return null;
        }
        EdiDelimiters d = interchange.Delimiters;
        byte[] allowed = [.. Enumerable.Range(0, 256).Select(b => (byte)b).Where(b => repertoire.Contains(b) || d.IsDelimiter(b))];
        return SearchValues.Create(allowed);
    }

    private static EdiIssue Mixed(Segment segment, EdifactInterchange interchange) => new()
    {
        Code = EdiIssueCode.GroupsAndMessagesMixed,
        Message = "The interchange mixes functional groups and messages outside groups; use one or the other",
        BytePosition = segment.BytePosition,
        FileSegmentIndex = segment.FileSegmentIndex,
        SegmentTag = segment.Tag,
        InterchangeControlNumber = interchange.ControlReference,
    };
}

using Gateway.Edi.Validation;

namespace Gateway.Edi.X12;

/// <summary>Validates X12: envelopes, then each transaction set against its schema.</summary>
/// <remarks>Readable but wrong input gives <see cref="EdiIssue"/> values, never exceptions.</remarks>
public sealed class X12Validator(X12ValidatorOptions? options = null)
{
    private readonly X12ValidatorOptions _options = options ?? X12ValidatorOptions.Default;

    /// <summary>Checks one transaction set's content: structure, elements and syntax notes.</summary>
    /// <returns>The issues; a set with no schema in its version gives <see cref="EdiIssueCode.TransactionSetNotSupported"/>.</returns>
    public IReadOnlyList<EdiIssue> Validate(X12TransactionSet transactionSet)
    {
        ArgumentNullException.ThrowIfNull(transactionSet);
        var issues = new List<EdiIssue>();
        ValidateContent(transactionSet, transactionSet.Group is { } owner ? ComplianceOf(owner.Interchange) : _options.Compliance, issues);
        return issues;
    }

    /// <summary>Reads and validates a whole stream, one interchange at a time.</summary>
    /// <param name="stream">The file; read to its end.</param>
    /// <param name="onTransactionSet">Called with each set and its result while the set is in memory.</param>
    /// <exception cref="EdiFormatException">The stream is not X12 or an ISA is unreadable.</exception>
    public IEnumerable<X12InterchangeResult> ValidateStream(Stream stream, Action<X12TransactionSet, X12DocumentResult>? onTransactionSet = null)
    {
        // Nothing here keeps a set past its validation, so the reader may lend its buffers; a callback might keep one.
        EdiReaderOptions readerOptions = onTransactionSet is null ? _options.Reader with { BorrowTransactionSets = true } : _options.Reader;
        using var reader = new X12Reader(stream, readerOptions, leaveOpen: true);
        X12InterchangeResult? current = null;
        X12GroupResult? group = null;
        var pending = new List<EdiIssue>();
        var groupNumbers = new X12ControlNumberSet();
        var setNumbers = new X12ControlNumberSet();
        var scratch = new List<EdiIssue>();
        EdiCompliance compliance = _options.Compliance;
        while (reader.Read())
        {
            switch (reader.Kind)
            {
                case X12ReadKind.InterchangeStart:
                    if (current is not null)
                    {
                        yield return current;
                    }
                    current = new X12InterchangeResult(reader.Interchange!);
                    compliance = ComplianceOf(current.Interchange);
                    current.Issues.AddRange(pending);
                    pending.Clear();
                    current.Issues.AddRange(reader.Issues);
                    X12EnvelopeValidator.CheckHeader(current.Interchange, _options.OurInterchangeIds, current.Issues);
                    groupNumbers.Clear();
                    continue;
                case X12ReadKind.GroupStart:
                    group = new X12GroupResult(reader.Group!);
                    current!.Groups.Add(group);
                    setNumbers.Clear();
                    X12EnvelopeValidator.CheckGroupHeader(group.Group, groupNumbers, group.Issues);
                    break;
                case X12ReadKind.TransactionSet:
                    X12TransactionSet set = reader.TransactionSet!;
                    var document = new X12DocumentResult(set);
                    Route(reader.Issues, current!, group, document);
                    scratch.Clear();
                    X12EnvelopeValidator.CheckTransactionSet(set, setNumbers, scratch);
                    ValidateContent(set, compliance, scratch);
                    document.AddRange(scratch);
                    if (group is not null)
                    {
                        group.Add(document);
                    }
                    else
                    {
                        current!.Issues.Add(new EdiIssue
                        {
                            Code = EdiIssueCode.InvalidInterchangeContent,
                            Message = $"Transaction set {set.ControlNumber} stands outside any GS/GE group",
                            BytePosition = set.BytePosition,
                            FileSegmentIndex = set.Segments[0].FileSegmentIndex,
                            SegmentTag = "ST",
                            InterchangeControlNumber = current.Interchange.ControlNumber,
                        });
                    }
                    onTransactionSet?.Invoke(set, document);
                    continue;
                case X12ReadKind.GroupEnd:
                    Route(reader.Issues, current!, group, null);
                    X12EnvelopeValidator.CheckGroupTrailer(group!.Group, group.Issues);
                    group = null;
                    continue;
                case X12ReadKind.InterchangeEnd:
                    Route(reader.Issues, current!, group, null);
                    X12EnvelopeValidator.CheckTrailer(current!.Interchange, current.Groups.Count, current.Issues);
                    continue;
                case X12ReadKind.TechnicalAcknowledgment:
                    current!.TechnicalAcknowledgments.Add(reader.Segment!.Value);
                    X12EnvelopeValidator.CheckTechnicalAcknowledgment(current.Interchange, reader.Segment.Value, current.Issues);
                    break;
                case X12ReadKind.StraySegment when group is null && reader.Segment!.Value.Tag is "ISB" or "ISE":
                    // Grade of service and deferred delivery requests belong right after the ISA.
                    break;
                case X12ReadKind.StraySegment:
                    current!.Issues.Add(EnvelopeIssues.SegmentOutsideDocument(reader.Segment!.Value, "transaction set", current.Interchange.ControlNumber, group?.Group.ControlNumber));
                    break;
            }
            Route(reader.Issues, current!, group, null);
        }
        if (current is not null)
        {
            current.Issues.AddRange(reader.Issues);
            yield return current;
        }
    }

    private EdiCompliance ComplianceOf(X12Interchange interchange) => _options.ComplianceOf?.Invoke(interchange) ?? _options.Compliance;

    private void ValidateContent(X12TransactionSet set, EdiCompliance compliance, List<EdiIssue> issues)
    {
        var schema = _options.Schemas.Find(set.Version, set.Type);
        if (schema is null)
        {
            issues.Add(new EdiIssue
            {
                Code = EdiIssueCode.TransactionSetNotSupported,
                Message = $"There is no schema for transaction set {set.Type} in version {(set.Version.Length > 0 ? set.Version : "(none)")}; supported: {string.Join("; ", _options.Schemas.Versions.Order(StringComparer.Ordinal).Select(v => $"{v} {string.Join(", ", _options.Schemas.TransactionSets(v))}"))}",
                BytePosition = set.BytePosition,
                FileSegmentIndex = set.Segments[0].FileSegmentIndex,
                SegmentTag = "ST",
                SegmentPosition = 1,
                InterchangeControlNumber = set.Group?.Interchange.ControlNumber,
                GroupControlNumber = set.Group?.ControlNumber,
                DocumentControlNumber = set.ControlNumber,
            });
            return;
        }
        if (set.Group is { } group && group.FunctionalId != schema.FunctionalGroup)
        {
            issues.Add(new EdiIssue
            {
                Code = EdiIssueCode.TransactionSetNotInFunctionalGroup,
                Message = $"Transaction set {set.Type} belongs in a {schema.FunctionalGroup} group, but GS01 of group {group.ControlNumber} is '{group.FunctionalId}'. Ask the partner to send it in its own GS*{schema.FunctionalGroup} group",
                BytePosition = set.BytePosition,
                FileSegmentIndex = set.Segments[0].FileSegmentIndex,
                SegmentTag = "ST",
                SegmentPosition = 1,
                ElementPosition = 1,
                Value = set.Type,
                InterchangeControlNumber = group.Interchange.ControlNumber,
                GroupControlNumber = group.ControlNumber,
                DocumentControlNumber = set.ControlNumber,
            });
        }
        var document = new DocumentContext(set.Segments, set.HasTrailer, set.Group?.Interchange.ControlNumber, set.Group?.ControlNumber, set.ControlNumber);
        DocumentValidator.Validate(schema, document, compliance, issues);
    }

    // Issues the reader found go to the level they belong to.
    private static void Route(IReadOnlyList<EdiIssue> issues, X12InterchangeResult interchange, X12GroupResult? group, X12DocumentResult? document)
    {
        foreach (EdiIssue issue in issues)
        {
            List<EdiIssue> target = issue.Level switch
            {
                EdiIssueLevel.Group when group is not null => group.Issues,
                EdiIssueLevel.Document or EdiIssueLevel.Segment or EdiIssueLevel.Element when document is not null => document.MutableIssues,
                _ => interchange.Issues,
            };
            target.Add(issue);
        }
    }
}

using System.Globalization;
using Gateway.Edi.Validation;

namespace Gateway.Edi.Edifact.Acknowledgments;

/// <summary>Builds the CONTRL for a validated interchange: UCI for the interchange, UCF per group, UCM per
/// message, and UCS/UCD down to the segment and element in error (ISO 9735, syntax 3 and 4).</summary>
/// <remarks>Action codes: 4 rejected (this level and below), 7 acknowledged (lower levels too unless reported
/// rejected), 8 received only. EDIFACT has no "accepted with errors". A CONTRL never answers a CONTRL.</remarks>
public sealed class EdifactContrlBuilder(Func<string> controlReferences, EdifactAcknowledgmentOptions? options = null)
{
    private readonly EdifactAcknowledgmentOptions _options = options ?? new EdifactAcknowledgmentOptions();

    /// <summary>Builds the CONTRL interchange, or returns null when none is due.</summary>
    public EdifactAcknowledgment? Build(EdifactInterchangeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        EdifactInterchange inbound = result.Interchange;
        var messages = result.Groups.SelectMany(g => g.Messages).ToList();
        // 1 asks for a CONTRL, 2 for a receipt; any other value but 0 is an error the CONTRL then reports.
        bool requested = inbound.Header[9] is not ("" or "0");
        bool due = _options.Policy switch
        {
            EdifactAcknowledgmentPolicy.Always => true,
            EdifactAcknowledgmentPolicy.Never => false,
            _ => requested,
        };
        // Never in answer to a CONTRL; and without both parties of the UNB there is no one to address it to.
        if (!due || (messages.Count > 0 && messages.All(m => m.Type == "CONTRL")) || inbound.SenderId.Length == 0 || inbound.RecipientId.Length == 0)
        {
            return null;
        }
        var errors = result.Issues.Where(i => i.Severity == EdiSeverity.Error && i.Level is EdiIssueLevel.Interchange or EdiIssueLevel.File).ToList();
        bool receiptOnly = inbound.Header[9] == "2" && _options.Policy == EdifactAcknowledgmentPolicy.WhenRequested;
        string interchangeAction = errors.Count > 0 ? "4" : receiptOnly ? "8" : "7";
        string reference = controlReferences();
        bool v4 = inbound.SyntaxVersion == "4";
        using var stream = new MemoryStream();
        // We answer in the partner's delimiters, unless they have no release character to free a delimiter in a value,
        // or one is a letter, digit or space, which our own tags and codes hold.
        bool mirror = inbound.Delimiters.Release is not null && !inbound.Delimiters.IncludesLetterDigitOrSpace;
        using var writer = mirror
            ? new EdifactWriter(stream, inbound.Delimiters, inbound.Encoding, _options.SegmentSuffix, leaveOpen: true, decimalMark: inbound.DecimalMark)
            : new EdifactWriter(stream, EdifactWriter.DefaultDelimiters, inbound.Encoding, _options.SegmentSuffix, leaveOpen: true);
        writer.BeginInterchange(new EdifactInterchangeEnvelope(Safe(inbound.RecipientId), Safe(inbound.SenderId), reference, _options.TimeProvider.GetLocalNow())
        {
            SyntaxIdentifier = EdifactCharacterSets.IsKnown(inbound.SyntaxIdentifier) ? inbound.SyntaxIdentifier : "UNOA",
            SyntaxVersion = inbound.SyntaxVersion is "1" or "2" or "3" or "4" ? inbound.SyntaxVersion : "3",
            SenderQualifier = NullIfEmpty(Safe(inbound.RecipientQualifier)),
            RecipientQualifier = NullIfEmpty(Safe(inbound.SenderQualifier)),
            IsTest = inbound.IsTest,
        });
        if (v4)
        {
            writer.BeginMessage("1", "CONTRL", "4", "1", "UN");
        }
        else
        {
            writer.BeginMessage("1", "CONTRL", "D", "3", "UN");
        }
        var b = new SegmentListBuilder(EdiDelimiters.Internal, encoding: inbound.Encoding);
        EdiIssue? first = errors.FirstOrDefault();
        b.Add("UCI", Safe(inbound.ControlReference),
            b.AddComposite(Safe(inbound.SenderId), NullIfEmpty(Safe(inbound.SenderQualifier))),
            b.AddComposite(Safe(inbound.RecipientId), NullIfEmpty(Safe(inbound.RecipientQualifier))),
            interchangeAction,
            first is null ? null : EdifactSyntaxErrorCodes.Of(first.Code),
            first is null ? null : ServiceTag(first, "UNB", "UNZ"),
            first is { ElementPosition: > 0 } ? Position(b, first) : null);
        var reported = new List<(string, string)>();
        if (errors.Count == 0 && !receiptOnly)
        {
            foreach (EdifactGroupResult group in result.Groups)
            {
                if (group.Group is EdifactGroup g)
                {
                    var groupErrors = group.Issues.Where(i => i.Severity == EdiSeverity.Error).ToList();
                    bool groupRejected = groupErrors.Count > 0 || (group.Messages.Count > 0 && group.Messages.All(m => !m.IsAccepted));
                    IReadOnlyList<string> sender = g.Header.GetComponents(2), recipient = g.Header.GetComponents(3);
                    EdiIssue? groupError = groupErrors.FirstOrDefault();
                    b.Add("UCF", Safe(g.ReferenceNumber), b.AddComposite([.. sender.Select(Safe)]), b.AddComposite([.. recipient.Select(Safe)]), groupRejected ? "4" : "7",
                        groupError is null ? null : EdifactSyntaxErrorCodes.Of(groupError.Code),
                        groupError is null ? null : ServiceTag(groupError, "UNG", "UNE"),
                        groupError is { ElementPosition: > 0 } ? Position(b, groupError) : null);
                }
                foreach (EdifactMessageResult message in group.Messages)
                {
                    if (message.IsAccepted && !_options.Positive)
                    {
                        continue;
                    }
                    AddMessage(b, message);
                    reported.Add((message.ReferenceNumber, message.IsAccepted ? "7" : "4"));
                }
            }
        }
        foreach (Segment segment in b.Build())
        {
            writer.WriteSegment(segment);
        }
        writer.EndMessage();
        writer.EndInterchange();
        return new EdifactAcknowledgment { Content = stream.ToArray(), ControlReference = reference, InterchangeAction = interchangeAction, Messages = reported };
    }

    // UCM, then for each segment in error a UCS, and for each element in error a UCD.
    private static void AddMessage(SegmentListBuilder b, EdifactMessageResult message)
    {
        var errors = message.Issues.Where(i => i.Severity == EdiSeverity.Error).ToList();
        EdiIssue? messageError = errors.FirstOrDefault(i => i.Level == EdiIssueLevel.Document);
        b.Add("UCM", Safe(message.ReferenceNumber),
            b.AddComposite(Safe(message.Type), Safe(message.Version), Safe(message.Release), Safe(message.Agency), NullIfEmpty(Safe(message.AssociationCode))),
            message.IsAccepted ? "7" : "4",
            messageError is null ? null : EdifactSyntaxErrorCodes.Of(messageError.Code),
            messageError is null ? null : ServiceTag(messageError, "UNH", "UNT"),
            messageError is { ElementPosition: > 0 } && messageError.SegmentTag is "UNH" or "UNT" ? Position(b, messageError) : null);
        foreach (var segment in errors.Where(i => i.Level is EdiIssueLevel.Segment or EdiIssueLevel.Element && i.SegmentPosition > 0)
            .GroupBy(i => i.SegmentPosition).OrderBy(g => g.Key))
        {
            EdiIssue? segmentError = segment.FirstOrDefault(i => i.Level == EdiIssueLevel.Segment);
            // A missing segment is reported at the last segment processed before the gap (ISO 9735 0096).
            int reported = segmentError?.Code == EdiIssueCode.MandatorySegmentMissing ? Math.Max(segment.Key - 1, 1) : segment.Key;
            b.Add("UCS", reported.ToString(CultureInfo.InvariantCulture), segmentError is null ? null : EdifactSyntaxErrorCodes.Of(segmentError.Code));
            foreach (EdiIssue element in segment.Where(i => i.Level == EdiIssueLevel.Element && i.ElementPosition > 0))
            {
                b.Add("UCD", EdifactSyntaxErrorCodes.Of(element.Code), Position(b, element));
            }
        }
    }

    // The service segment an envelope error is in; a missing trailer is named by its tag.
    private static string? ServiceTag(EdiIssue issue, string header, string trailer) => issue.Code switch
    {
        EdiIssueCode.InterchangeTrailerMissing or EdiIssueCode.GroupTrailerMissing or EdiIssueCode.TransactionSetTrailerMissing => trailer,
        _ => issue.SegmentTag == header || issue.SegmentTag == trailer ? issue.SegmentTag : null,
    };

    // S011: 0098 element position, the segment tag counting as position 1 (ISO 9735); 0104 component position.
    // 0136 (syntax 4) names the occurrence of a repeating element.
    private static string Position(SegmentListBuilder b, EdiIssue issue) =>
        b.AddComposite((issue.ElementPosition + 1).ToString(CultureInfo.InvariantCulture),
            issue.ComponentPosition > 0 ? issue.ComponentPosition.ToString(CultureInfo.InvariantCulture) : null,
            issue.RepetitionPosition > 0 ? issue.RepetitionPosition.ToString(CultureInfo.InvariantCulture) : null);

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    // Values copied from the partner's file may hold control bytes (a damaged or hostile file); they are never
    // data, and the writer's in-memory delimiters are control bytes, so they go.
    private static string Safe(string value) =>
        value.AsSpan().ContainsAnyInRange('\0', '\u001F') || value.Contains('\u007F', StringComparison.Ordinal)
            ? new string([.. value.Where(c => c >= ' ' && c != '\u007F')])
            : value;
}

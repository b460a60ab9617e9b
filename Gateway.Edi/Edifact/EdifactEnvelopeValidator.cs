using Gateway.Edi.Validation;

namespace Gateway.Edi.Edifact;

/// <summary>Checks the EDIFACT envelopes: UNB, and the references and counts of UNZ, UNE and UNT (ISO 9735).</summary>
internal static class EdifactEnvelopeValidator
{
    public static void CheckHeader(EdifactInterchange interchange, IReadOnlyCollection<string>? ourIds, IReadOnlyCollection<string>? knownSenders, List<EdiIssue> issues)
    {
        Segment unb = interchange.Header;
        void Check(bool ok, EdiIssueCode code, int element, string message, int component = 0)
        {
            if (!ok)
            {
                issues.Add(EnvelopeIssues.AtElement(code, unb, element, message, interchange.ControlReference) with { ComponentPosition = component });
            }
        }
        Check(EdifactCharacterSets.IsKnown(interchange.SyntaxIdentifier), EdiIssueCode.StandardNotSupported, 1, $"UNB syntax identifier '{interchange.SyntaxIdentifier}' is not one we read (UNOA to UNOL, UNOW, UNOX, UNOY)", 1);
        Check(interchange.SyntaxVersion is "1" or "2" or "3" or "4", EdiIssueCode.InterchangeVersionNotSupported, 1, $"UNB syntax version '{interchange.SyntaxVersion}' is not 1 to 4", 2);
        Check(interchange.SenderId.Length > 0, EdiIssueCode.InvalidSenderId, 2, "UNB sender identification is empty", 1);
        Check(interchange.RecipientId.Length > 0, EdiIssueCode.InvalidReceiverId, 3, "UNB recipient identification is empty", 1);
        Check(knownSenders is null || interchange.SenderId.Length == 0 || knownSenders.Contains(interchange.SenderId), EdiIssueCode.UnknownSender, 2, $"UNB sender '{interchange.SenderId}' is not one of our partners", 1);
        Check(ourIds is null || ourIds.Contains(interchange.RecipientId), EdiIssueCode.UnknownReceiver, 3, $"UNB recipient '{interchange.RecipientId}' is not one of our identities", 1);
        // Syntax 4 dates have the century (CCYYMMDD); earlier versions do not (YYMMDD).
        bool v4 = interchange.SyntaxVersion == "4";
        Check(IsDate(interchange.Date) && interchange.Date.Length == (v4 ? 8 : 6), EdiIssueCode.InvalidInterchangeDate, 4, $"UNB date '{interchange.Date}' is not {(v4 ? "CCYYMMDD" : "YYMMDD")}", 1);
        Check(IsTime(interchange.Time), EdiIssueCode.InvalidInterchangeTime, 4, $"UNB time '{interchange.Time}' is not HHMM", 2);
        Check(interchange.ControlReference.Length is >= 1 and <= 14, EdiIssueCode.InvalidInterchangeControlNumber, 5, $"UNB control reference '{interchange.ControlReference}' must be 1 to 14 characters");
        // "0" is no code, but translators write it for "not requested"; it is taken so.
        Check(unb[9] is "" or "0" or "1" or "2", EdiIssueCode.InvalidAcknowledgmentRequested, 9, $"UNB acknowledgement request '{unb[9]}' is not 1 or 2");
        Check(unb[11] is "" or "1", EdiIssueCode.InvalidUsageIndicator, 11, $"UNB test indicator '{unb[11]}' is not 1");
    }

    public static void CheckTrailer(EdifactInterchange interchange, int count, List<EdiIssue> issues)
    {
        if (interchange.Trailer is not Segment unz)
        {
            return;
        }
        if (unz[2] != interchange.ControlReference)
        {
            issues.Add(EnvelopeIssues.AtElement(EdiIssueCode.InterchangeControlNumberMismatch, unz, 2, $"UNZ reference '{unz[2]}' differs from UNB '{interchange.ControlReference}'", interchange.ControlReference));
        }
        if (!EnvelopeIssues.CountIs(unz[1], count))
        {
            issues.Add(EnvelopeIssues.AtElement(EdiIssueCode.GroupCountMismatch, unz, 1, $"UNZ says {unz[1]} messages or groups; the interchange has {count}", interchange.ControlReference));
        }
    }

    public static void CheckGroupTrailer(EdifactGroup group, List<EdiIssue> issues)
    {
        if (group.Trailer is not Segment une)
        {
            return;
        }
        string icr = group.Interchange.ControlReference;
        if (une[2] != group.ReferenceNumber)
        {
            issues.Add(EnvelopeIssues.AtElement(EdiIssueCode.GroupControlNumberMismatch, une, 2, $"UNE reference '{une[2]}' differs from UNG '{group.ReferenceNumber}'", icr, group.ReferenceNumber));
        }
        if (!EnvelopeIssues.CountIs(une[1], group.MessageCount))
        {
            issues.Add(EnvelopeIssues.AtElement(EdiIssueCode.TransactionSetCountMismatch, une, 1, $"UNE says {une[1]} messages; the group has {group.MessageCount}", icr, group.ReferenceNumber));
        }
    }

    public static void CheckMessage(EdifactMessage message, HashSet<string> seen, List<EdiIssue> issues)
    {
        Segment unh = message.Segments[0];
        string icr = message.Interchange.ControlReference;
        string? gcr = message.Group?.ReferenceNumber;
        // S009 0052: D (directory), S, or a service message version such as CONTRL's 4.
        bool typeOk = message.Type.Length is >= 1 and <= 6;
        if (!typeOk || message.Version is not ("D" or "S" or "1" or "2" or "3" or "4"))
        {
            issues.Add(EnvelopeIssues.AtElement(EdiIssueCode.InvalidTransactionSetId, unh, 2, $"UNH message identifier '{message.Type}:{message.Version}:{message.Release}' has no valid type and version (D, S, or 1 to 4)", icr, gcr, message.ReferenceNumber, 1)
                with
            { ComponentPosition = typeOk ? 2 : 1 });
        }
        if (message.ReferenceNumber.Length is < 1 or > 14)
        {
            issues.Add(EnvelopeIssues.AtElement(EdiIssueCode.InvalidTransactionSetControlNumber, unh, 1, $"UNH message reference '{message.ReferenceNumber}' must be 1 to 14 characters", icr, gcr, message.ReferenceNumber, 1));
        }
        else if (!seen.Add(message.ReferenceNumber))
        {
            issues.Add(EnvelopeIssues.AtElement(EdiIssueCode.DuplicateTransactionSetControlNumber, unh, 1, $"UNH message reference '{message.ReferenceNumber}' is used by an earlier message of this interchange", icr, gcr, message.ReferenceNumber, 1));
        }
        if (!message.HasTrailer)
        {
            return;
        }
        Segment unt = message.Segments[^1];
        if (unt[2] != message.ReferenceNumber)
        {
            issues.Add(EnvelopeIssues.AtElement(EdiIssueCode.TransactionSetControlNumberMismatch, unt, 2, $"UNT reference '{unt[2]}' differs from UNH '{message.ReferenceNumber}'", icr, gcr, message.ReferenceNumber, message.SegmentCount));
        }
        if (!EnvelopeIssues.CountIs(unt[1], message.SegmentCount))
        {
            issues.Add(EnvelopeIssues.AtElement(EdiIssueCode.SegmentCountMismatch, unt, 1, $"UNT says {unt[1]} segments; UNH to UNT has {message.SegmentCount}", icr, gcr, message.ReferenceNumber, message.SegmentCount));
        }
    }

    /// <summary>ISO 9735 forbids a separator at the end of a segment or composite: "RFF+VA:123:'" must be "RFF+VA:123'".</summary>
    public static void CheckTrailingSeparators(EdifactMessage message, EdiCompliance compliance, List<EdiIssue> issues)
    {
        EdiDelimiters d = message.Interchange.Delimiters;
        byte element = d.Element, component = d.Component;
        int release = d.Release ?? -1;
        SegmentList segments = message.Segments;
        for (int i = 0; i < segments.Count; i++)
        {
            ReadOnlySpan<byte> text = segments.Text(i);
            if (text.Length < 2 || (text[^1] != element && text[^1] != component) || text[^2] == release)
            {
                continue;
            }
            Segment segment = segments[i];
            issues.Add(new EdiIssue
            {
                Code = EdiIssueCode.TrailingSeparator,
                Severity = compliance == EdiCompliance.Lenient ? EdiSeverity.Warning : EdiSeverity.Error,
                Message = $"{segment.Tag} ends with the separator {EdiDelimiters.Describe(text[^1])}; trailing separators are not allowed",
                BytePosition = segment.BytePosition,
                FileSegmentIndex = segment.FileSegmentIndex,
                SegmentTag = segment.Tag,
                SegmentPosition = i + 1,
                ElementPosition = segment.ElementCount,
                InterchangeControlNumber = message.Interchange.ControlReference,
                GroupControlNumber = message.Group?.ReferenceNumber,
                DocumentControlNumber = message.ReferenceNumber,
            });
        }
    }

    private static bool IsDate(string value) =>
        value.Length is 6 or 8 && X12DateTime.IsDate(System.Text.Encoding.ASCII.GetBytes(value));

    private static bool IsTime(string value) =>
        value.Length == 4 && X12DateTime.IsTime(System.Text.Encoding.ASCII.GetBytes(value));
}

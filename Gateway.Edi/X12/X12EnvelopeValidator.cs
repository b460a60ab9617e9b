using System.Buffers;
using Gateway.Edi.Validation;

namespace Gateway.Edi.X12;

/// <summary>Checks the envelopes: ISA fields, control numbers and counts of ISA/IEA, GS/GE and ST/SE.</summary>
internal static class X12EnvelopeValidator
{
    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789");

    // ISA05/ISA07 codes of 004010 and 005010 together: a partner on either version passes.
    private static readonly HashSet<string> IdQualifiers =
    [
        "01", "02", "03", "04", "07", "08", "09", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20",
        "21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31", "32", "33", "34", "35", "36", "37", "38",
        "AM", "NR", "SA", "SN", "ZZ",
    ];

    public static void CheckHeader(X12Interchange interchange, IReadOnlyCollection<string>? ourIds, List<EdiIssue> issues)
    {
        Segment isa = interchange.Header;
        void Check(bool ok, EdiIssueCode code, int element, string message)
        {
            if (!ok)
            {
                issues.Add(EnvelopeIssues.AtElement(code, isa, element, $"ISA{element:00} {message}", interchange.ControlNumber));
            }
        }
        Check(isa[1] is "00" or "01" or "02" or "03" or "04" or "05" or "06", EdiIssueCode.InvalidAuthorizationQualifier, 1, $"'{isa[1]}' is not an authorization qualifier (00 to 06)");
        Check(isa[3] is "00" or "01", EdiIssueCode.InvalidSecurityQualifier, 3, $"'{isa[3]}' is not 00 or 01");
        Check(IdQualifiers.Contains(isa[5]), EdiIssueCode.InvalidSenderQualifier, 5, $"'{isa[5]}' is not an interchange id qualifier");
        Check(interchange.SenderId.Length > 0, EdiIssueCode.InvalidSenderId, 6, "(sender id) is blank");
        Check(IdQualifiers.Contains(isa[7]), EdiIssueCode.InvalidReceiverQualifier, 7, $"'{isa[7]}' is not an interchange id qualifier");
        Check(interchange.ReceiverId.Length > 0, EdiIssueCode.InvalidReceiverId, 8, "(receiver id) is blank");
        Check(ourIds is null || ourIds.Contains(interchange.ReceiverId), EdiIssueCode.UnknownReceiver, 8, $"'{interchange.ReceiverId}' is not one of our interchange ids");
        Check(X12DateTime.IsDate(isa.GetSpan(9)) && isa.GetSpan(9).Length == 6, EdiIssueCode.InvalidInterchangeDate, 9, $"'{isa[9]}' is not a date (YYMMDD)");
        Check(X12DateTime.IsTime(isa.GetSpan(10)) && isa.GetSpan(10).Length == 4, EdiIssueCode.InvalidInterchangeTime, 10, $"'{isa[10]}' is not a time (HHMM)");
        // Every X12 control version shares the fixed ISA we read; the group's GS08 picks the schema.
        Check(IsDigits(interchange.Version, 5, 5), EdiIssueCode.InterchangeVersionNotSupported, 12, $"'{interchange.Version}' is not a five-digit control version");
        Check(isa[11] == "U" || interchange.Delimiters.Repetition is not null, EdiIssueCode.StandardNotSupported, 11, $"'{isa[11]}' is neither U (X12) nor a repetition separator");
        Check(IsDigits(interchange.ControlNumber, 9, 9), EdiIssueCode.InvalidInterchangeControlNumber, 13, $"'{interchange.ControlNumber}' is not nine digits");
        Check(isa[14] is "0" or "1", EdiIssueCode.InvalidAcknowledgmentRequested, 14, $"'{isa[14]}' is not 0 or 1");
        Check(isa[15] is "P" or "T" or "I", EdiIssueCode.InvalidUsageIndicator, 15, $"'{isa[15]}' is not P, T or I");
    }

    public static void CheckTechnicalAcknowledgment(X12Interchange interchange, Segment ta1, List<EdiIssue> issues)
    {
        string? problem =
            // Some translators drop TA101's leading zeros; the number still names the interchange.
            !IsDigits(ta1[1], 1, 9) ? $"TA101 '{ta1[1]}' is not an interchange control number" :
            !(X12DateTime.IsDate(ta1.GetSpan(2)) && ta1.GetSpan(2).Length == 6) ? $"TA102 '{ta1[2]}' is not a date (YYMMDD)" :
            !(X12DateTime.IsTime(ta1.GetSpan(3)) && ta1.GetSpan(3).Length == 4) ? $"TA103 '{ta1[3]}' is not a time (HHMM)" :
            ta1[4] is not ("A" or "E" or "R") ? $"TA104 '{ta1[4]}' is not A, E or R" :
            !IsDigits(ta1[5], 3, 3) ? $"TA105 '{ta1[5]}' is not a three-digit note code" :
            null;
        if (problem is not null)
        {
            issues.Add(EnvelopeIssues.AtElement(EdiIssueCode.InvalidInterchangeContent, ta1, 0, problem, interchange.ControlNumber));
        }
    }

    public static void CheckTrailer(X12Interchange interchange, int groups, List<EdiIssue> issues)
    {
        if (interchange.Trailer is not Segment iea)
        {
            return;
        }
        if (iea[2] != interchange.ControlNumber)
        {
            issues.Add(EnvelopeIssues.AtElement(EdiIssueCode.InterchangeControlNumberMismatch, iea, 2, $"IEA02 '{iea[2]}' differs from ISA13 '{interchange.ControlNumber}'", interchange.ControlNumber));
        }
        if (!EnvelopeIssues.CountIs(iea[1], groups))
        {
            issues.Add(EnvelopeIssues.AtElement(EdiIssueCode.GroupCountMismatch, iea, 1, $"IEA01 says {iea[1]} groups; the interchange has {groups}", interchange.ControlNumber));
        }
    }

    public static void CheckGroupHeader(X12FunctionalGroup group, X12ControlNumberSet seen, List<EdiIssue> issues)
    {
        Segment gs = group.Header;
        string ics = group.Interchange.ControlNumber;
        if (!IsDigits(group.ControlNumber, 1, 9))
        {
            issues.Add(EnvelopeIssues.AtElement(EdiIssueCode.InvalidGroupControlNumber, gs, 6, $"GS06 '{group.ControlNumber}' is not a number of 1 to 9 digits", ics, group.ControlNumber));
        }
        else if (!seen.Add(group.ControlNumber))
        {
            issues.Add(EnvelopeIssues.AtElement(EdiIssueCode.DuplicateGroupControlNumber, gs, 6, $"GS06 '{group.ControlNumber}' is used by an earlier group of this interchange", ics, group.ControlNumber));
        }
        // A version we have no schema for is the set's concern (AK502 1); one that is not a version at all is the group's.
        if (group.Version.Length < 6 || group.Version.AsSpan(0, 6).ContainsAnyExcept(Digits))
        {
            issues.Add(EnvelopeIssues.AtElement(EdiIssueCode.GroupVersionNotSupported, gs, 8, $"GS08 '{group.Version}' is not an X12 version (six digits, then an optional release or guide code)", ics, group.ControlNumber));
        }
        // GS04 was YYMMDD before 004010, and older partners still send it so.
        if (!X12DateTime.IsDate(gs.GetSpan(4)))
        {
            issues.Add(EnvelopeIssues.AtElement(EdiIssueCode.InvalidGroupDateTime, gs, 4, $"GS04 '{gs[4]}' is not a date (CCYYMMDD)", ics, group.ControlNumber));
        }
        if (!X12DateTime.IsTime(gs.GetSpan(5)))
        {
            issues.Add(EnvelopeIssues.AtElement(EdiIssueCode.InvalidGroupDateTime, gs, 5, $"GS05 '{gs[5]}' is not a time (HHMM[SS[d]])", ics, group.ControlNumber));
        }
    }

    public static void CheckGroupTrailer(X12FunctionalGroup group, List<EdiIssue> issues)
    {
        if (group.Trailer is not Segment ge)
        {
            return;
        }
        string ics = group.Interchange.ControlNumber;
        if (ge[2] != group.ControlNumber)
        {
            issues.Add(EnvelopeIssues.AtElement(EdiIssueCode.GroupControlNumberMismatch, ge, 2, $"GE02 '{ge[2]}' differs from GS06 '{group.ControlNumber}'", ics, group.ControlNumber));
        }
        if (!EnvelopeIssues.CountIs(ge[1], group.TransactionSetCount))
        {
            issues.Add(EnvelopeIssues.AtElement(EdiIssueCode.TransactionSetCountMismatch, ge, 1, $"GE01 says {ge[1]} transaction sets; the group has {group.TransactionSetCount}", ics, group.ControlNumber));
        }
    }

    public static void CheckTransactionSet(X12TransactionSet set, X12ControlNumberSet seen, List<EdiIssue> issues)
    {
        Segment st = set.Segments[0];
        string? ics = set.Group?.Interchange.ControlNumber;
        string? gcn = set.Group?.ControlNumber;
        if (!IsDigits(set.Type, 3, 3))
        {
            issues.Add(EnvelopeIssues.AtElement(EdiIssueCode.InvalidTransactionSetId, st, 1, $"ST01 '{set.Type}' is not a transaction set identifier", ics, gcn, set.ControlNumber, segmentPosition: 1));
        }
        if (set.ControlNumber.Length is < 4 or > 9)
        {
            issues.Add(EnvelopeIssues.AtElement(EdiIssueCode.InvalidTransactionSetControlNumber, st, 2, $"ST02 '{set.ControlNumber}' must be 4 to 9 characters", ics, gcn, set.ControlNumber, segmentPosition: 1));
        }
        else if (!seen.Add(set.ControlNumber))
        {
            issues.Add(EnvelopeIssues.AtElement(EdiIssueCode.DuplicateTransactionSetControlNumber, st, 2, $"ST02 '{set.ControlNumber}' is used by an earlier transaction set of this group", ics, gcn, set.ControlNumber, segmentPosition: 1));
        }
        if (!set.HasTrailer)
        {
            return;
        }
        Segment se = set.Segments[^1];
        if (se[2] != set.ControlNumber)
        {
            issues.Add(EnvelopeIssues.AtElement(EdiIssueCode.TransactionSetControlNumberMismatch, se, 2, $"SE02 '{se[2]}' differs from ST02 '{set.ControlNumber}'", ics, gcn, set.ControlNumber, segmentPosition: set.SegmentCount));
        }
        if (!EnvelopeIssues.CountIs(se[1], set.SegmentCount))
        {
            issues.Add(EnvelopeIssues.AtElement(EdiIssueCode.SegmentCountMismatch, se, 1, $"SE01 says {se[1]} segments; ST to SE has {set.SegmentCount}", ics, gcn, set.ControlNumber, segmentPosition: set.SegmentCount));
        }
    }

    private static bool IsDigits(string value, int min, int max) =>
        value.Length >= min && value.Length <= max && !value.AsSpan().ContainsAnyExcept(Digits);
}

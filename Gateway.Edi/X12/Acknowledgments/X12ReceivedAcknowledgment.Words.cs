using System.Globalization;

namespace Gateway.Edi.X12.Acknowledgments;

// The codes of a 997 or 999 in words: the reverse of X12AcknowledgmentCodes, which gives codes for our issues, plus the
// codes we never send but partners do (security, implementation). Words follow the X12 code lists (elements 715-723).
public sealed partial record X12ReceivedAcknowledgment
{
    private const string Undefined = "a code the standard does not define";

    internal static X12AcknowledgmentStatus? Status(string code, bool group) => code switch
    {
        "A" => X12AcknowledgmentStatus.Accepted,
        "E" => X12AcknowledgmentStatus.AcceptedWithErrors,
        "P" when group => X12AcknowledgmentStatus.PartiallyAccepted,
        "R" or "M" or "W" or "X" => X12AcknowledgmentStatus.Rejected,
        _ => null,
    };

    /// <summary>Words for the statuses that read as <see cref="X12AcknowledgmentStatus.Rejected"/> without saying R; else null.</summary>
    internal static string? StatusWords(string code) => code switch
    {
        "M" => "rejected, message authentication code (MAC) failed",
        "W" => "rejected, assurance failed validity tests",
        "X" => "rejected, content after decryption could not be analyzed",
        _ => null,
    };

    /// <summary>AK502-AK506 and IK502-IK506 (element 718).</summary>
    internal static string SetErrorWords(string code) => code switch
    {
        "1" => "transaction set not supported",
        "2" => "transaction set trailer missing",
        "3" => "transaction set control number in header and trailer do not match",
        "4" => "number of included segments does not match actual count",
        X12AcknowledgmentCodes.SegmentsInError => "one or more segments in error",
        "6" => "missing or invalid transaction set identifier",
        "7" => "missing or invalid transaction set control number",
        "8" => "authentication key name unknown",
        "9" => "encryption key name unknown",
        "10" => "requested service (authentication or encryption) not available",
        "11" => "unknown security recipient",
        "12" => "incorrect message length (encryption only)",
        "13" => "message authentication code failed",
        "15" => "unknown security originator",
        "16" => "syntax error in decrypted text",
        "17" => "security not supported",
        "18" => "transaction set not in functional group",
        "19" => "invalid transaction set implementation convention reference",
        "23" => "transaction set control number not unique within the functional group",
        "24" => "S3E security end segment missing for S3S security start segment",
        "25" => "S3S security start segment missing for S3E security end segment",
        "26" => "S4E security end segment missing for S4S security start segment",
        "27" => "S4S security start segment missing for S4E security end segment",
        "I5" => "implementation: one or more segments in error",
        "I6" => "implementation convention not supported",
        _ => Undefined,
    };

    /// <summary>AK905-AK909 (element 716).</summary>
    internal static string GroupErrorWords(string code) => code switch
    {
        "1" => "functional group not supported",
        "2" => "functional group version not supported",
        "3" => "functional group trailer missing",
        "4" => "group control number in the functional group header and trailer do not agree",
        "5" => "number of included transaction sets does not match actual count",
        "6" => "group control number violates syntax",
        "10" => "authentication key name unknown",
        "11" => "encryption key name unknown",
        "12" => "requested service (authentication or encryption) not available",
        "13" => "unknown security recipient",
        "14" => "unknown security originator",
        "15" => "syntax error in decrypted text",
        "16" => "security not supported",
        "17" => "incorrect message length (encryption only)",
        "18" => "message authentication code failed",
        "19" => "functional group control number not unique within interchange",
        "23" => "S3E security end segment missing for S3S security start segment",
        "24" => "S3S security start segment missing for S3E security end segment",
        "25" => "S4E security end segment missing for S4S security start segment",
        "26" => "S4S security start segment missing for S4E security end segment",
        _ => Undefined,
    };

    /// <summary>AK304 and IK304 (element 720).</summary>
    internal static string SegmentErrorWords(string code) => code switch
    {
        "1" => "unrecognized segment ID",
        "2" => "unexpected segment",
        "3" => "required segment missing",
        "4" => "loop occurs over maximum times",
        "5" => "segment exceeds maximum use",
        "6" => "segment not in defined transaction set",
        "7" => "segment not in proper sequence",
        X12AcknowledgmentCodes.SegmentHasElementErrors => "segment has data element errors",
        "I4" => "implementation \"not used\" segment present",
        "I6" => "implementation dependent segment missing",
        "I7" => "implementation loop occurs under minimum times",
        "I8" => "implementation segment below minimum use",
        "I9" => "implementation dependent \"not used\" segment present",
        _ => Undefined,
    };

    /// <summary>AK403 and IK403 (element 723).</summary>
    internal static string ElementErrorWords(string code) => code switch
    {
        "1" => "required data element missing",
        "2" => "conditional required data element missing",
        "3" => "too many data elements",
        "4" => "data element too short",
        "5" => "data element too long",
        "6" => "invalid character in data element",
        "7" => "invalid code value",
        "8" => "invalid date",
        "9" => "invalid time",
        "10" => "exclusion condition violated",
        "12" => "too many repetitions",
        "13" => "too many components",
        "I6" => "code value not used in implementation",
        "I9" => "implementation dependent data element missing",
        "I10" => "implementation \"not used\" data element present",
        "I11" => "implementation too few repetitions",
        "I12" => "implementation pattern match failure",
        "I13" => "implementation dependent \"not used\" data element present",
        _ => Undefined,
    };

    // "segment PO1 at position 12 (loop PO1): segment has data element errors (AK304 8)"
    private static string SegmentError(Segment ak3, string prefix)
    {
        string text = $"segment {ak3[1]} at position {ak3[2]}" + (ak3.Has(3) ? $" (loop {ak3[3]})" : "");
        return ak3.Has(4) ? $"{text}: {SegmentErrorWords(ak3[4])} ({prefix}304 {ak3[4]})" : text;
    }

    // "element 3 (PO103, data element 355): invalid code value 'XX' (AK403 7)"; AK401 is position:component:repetition.
    private static string ElementError(Segment ak4, string segmentTag, string prefix)
    {
        IReadOnlyList<string> at = ak4.GetComponents(1);
        string component = at.Count > 1 && at[1].Length > 0 ? at[1] : "";
        string repetition = at.Count > 2 && at[2].Length > 0 ? at[2] : "";
        string name = int.TryParse(at[0], NumberStyles.None, CultureInfo.InvariantCulture, out int n)
            ? segmentTag + n.ToString("00", CultureInfo.InvariantCulture) + (component.Length > 0 ? "-" + component : "")
            : segmentTag;
        string text = $"element {at[0]}" + (component.Length > 0 ? $", component {component}" : "") + (repetition.Length > 0 ? $", repetition {repetition}" : "")
            + $" ({name}" + (ak4.Has(2) ? $", data element {ak4[2]}" : "") + ")";
        string value = ak4.Has(4) ? $" '{ak4[4]}'" : "";
        return $"{text}: {ElementErrorWords(ak4[3])}{value} ({prefix}403 {ak4[3]})";
    }

    // CTX01 names the context (SITUATIONAL TRIGGER, or an element such as CLM01 with its value); CTX02-CTX06 point at
    // the segment and element it is about.
    private static string Context(Segment ctx)
    {
        char component = (char)ctx.Delimiters.Component;
        string names = string.Join(", ", ctx.GetRepetitions(1).Select(r => r.Replace(component, ' ').Trim()));
        string text = $"context {names}";
        if (ctx.Has(2))
        {
            text += $": segment {ctx[2]}" + (ctx.Has(3) ? $" at position {ctx[3]}" : "") + (ctx.Has(4) ? $" (loop {ctx[4]})" : "");
        }
        if (ctx.Has(5))
        {
            text += $", element {string.Join('.', ctx.GetComponents(5).Where(p => p.Length > 0))}";
        }
        if (ctx.Has(6))
        {
            text += $" ({string.Join(':', ctx.GetComponents(6))})";
        }
        return text;
    }
}

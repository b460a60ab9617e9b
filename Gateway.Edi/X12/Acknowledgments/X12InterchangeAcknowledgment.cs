namespace Gateway.Edi.X12.Acknowledgments;

/// <summary>What a partner's TA1 says about an interchange we sent: its verdict on the envelope and the note code in words.</summary>
/// <param name="InterchangeControlNumber">TA101: the ISA13 of the interchange acknowledged, as the partner wrote it.</param>
/// <param name="Date">TA102: its ISA09 (YYMMDD).</param>
/// <param name="Time">TA103: its ISA10 (HHMM).</param>
/// <param name="Status">TA104: <c>A</c>, <c>E</c> or <c>R</c>.</param>
/// <param name="NoteCode">TA105, for example <c>025</c>; empty when the partner left it out.</param>
/// <param name="Note">TA105 in words, for example "duplicate interchange control number".</param>
/// <remarks>A TA1 stands between ISA and IEA, before any GS: <see cref="X12Reader"/> returns it as
/// <see cref="X12ReadKind.TechnicalAcknowledgment"/> in <see cref="X12Reader.Segment"/>, and
/// <see cref="X12InterchangeResult.TechnicalAcknowledgments"/> collects them. A TA1 speaks for the envelope only:
/// <c>A</c> does not mean the sets inside were accepted, which is what a 997 or 999 says.</remarks>
public sealed record X12InterchangeAcknowledgment(string InterchangeControlNumber, string Date, string Time, X12AcknowledgmentStatus Status, string NoteCode, string Note)
{
    /// <summary>Reads a TA1 segment.</summary>
    /// <exception cref="ArgumentException">The segment is not a TA1.</exception>
    /// <exception cref="EdiFormatException">TA101 is empty, or TA104 is not A, E or R.</exception>
    public static X12InterchangeAcknowledgment Read(Segment ta1)
    {
        if (ta1 == default || ta1.Tag != "TA1")
        {
            throw new ArgumentException($"The segment is {(ta1 == default ? "empty" : "a " + ta1.Tag)}, not a TA1.", nameof(ta1));
        }
        if (ta1[1].Trim().Length == 0)
        {
            throw X12ReceivedAcknowledgment.Malformed("Interchange acknowledgment", ta1, 0, "TA101 (the interchange control number) is empty", 1);
        }
        X12AcknowledgmentStatus status = ta1[4] switch
        {
            "A" => X12AcknowledgmentStatus.Accepted,
            "E" => X12AcknowledgmentStatus.AcceptedWithErrors,
            "R" => X12AcknowledgmentStatus.Rejected,
            _ => throw X12ReceivedAcknowledgment.Malformed($"TA1 for interchange {ta1[1]}", ta1, 0, $"TA104 '{ta1[4]}' is not A, E or R", 4),
        };
        return new X12InterchangeAcknowledgment(ta1[1], ta1[2], ta1[3], status, ta1[5], NoteWords(ta1[5]));
    }

    /// <summary>TA105 (element I18) in words; the reverse of <see cref="X12AcknowledgmentCodes.InterchangeNote"/>, and the codes we never send.</summary>
    internal static string NoteWords(string code) => code switch
    {
        "" => "no note code given",
        "000" => "no error",
        "001" => "the interchange control number in the header and trailer do not match",
        "002" => "this standard as noted in the control standards identifier is not supported",
        "003" => "this version of the controls is not supported",
        "004" => "the segment terminator is invalid",
        "005" => "invalid interchange ID qualifier for sender",
        "006" => "invalid interchange sender ID",
        "007" => "invalid interchange ID qualifier for receiver",
        "008" => "invalid interchange receiver ID",
        "009" => "unknown interchange receiver ID",
        "010" => "invalid authorization information qualifier value",
        "011" => "invalid authorization information value",
        "012" => "invalid security information qualifier value",
        "013" => "invalid security information value",
        "014" => "invalid interchange date value",
        "015" => "invalid interchange time value",
        "016" => "invalid interchange standards identifier value",
        "017" => "invalid interchange version ID value",
        "018" => "invalid interchange control number value",
        "019" => "invalid acknowledgment requested value",
        "020" => "invalid test indicator value",
        "021" => "invalid number of included groups value",
        "022" => "invalid control structure",
        "023" => "improper (premature) end-of-file (transmission)",
        "024" => "invalid interchange content (for example an invalid GS segment)",
        "025" => "duplicate interchange control number",
        "026" => "invalid data element separator",
        "027" => "invalid component element separator",
        "028" => "invalid delivery date in deferred delivery request",
        "029" => "invalid delivery time in deferred delivery request",
        "030" => "invalid delivery time code in deferred delivery request",
        "031" => "invalid grade of service code",
        _ => "a code the standard does not define",
    };
}

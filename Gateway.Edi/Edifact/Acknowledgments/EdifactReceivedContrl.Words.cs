namespace Gateway.Edi.Edifact.Acknowledgments;

// The syntax error codes of a CONTRL in words: the reverse of EdifactSyntaxErrorCodes, which gives codes for our issues,
// plus the codes we never send but partners do. Words follow the UN/EDIFACT service code list for data element 0085.
public sealed partial record EdifactReceivedContrl
{
    /// <summary>Data element 0085 in words.</summary>
    internal static string SyntaxErrorWords(string code) => code switch
    {
        "2" => "syntax version or level not supported",
        "7" => "interchange recipient not actual recipient",
        "12" => "invalid value",
        "13" => "missing",
        "14" => "value not supported in this position",
        "15" => "not supported in this position",
        "16" => "too many constituents",
        "17" => "no agreement",
        "18" => "unspecified error",
        "19" => "invalid decimal notation",
        "20" => "character invalid as service character",
        "21" => "invalid character(s)",
        "22" => "invalid service character(s)",
        "23" => "unknown interchange sender",
        "24" => "too old",
        "25" => "test indicator not supported",
        "26" => "duplicate detected",
        "27" => "security function not supported",
        "28" => "references do not match",
        "29" => "control count does not match number of instances received",
        "30" => "functional groups and messages mixed",
        "31" => "more than one message type in group",
        "32" => "lower level empty",
        "33" => "invalid occurrence outside message, package or group",
        "34" => "nesting indicator not allowed",
        "35" => "too many segment repetitions",
        "36" => "too many segment group repetitions",
        "37" => "invalid type of character(s)",
        "38" => "missing digit in front of decimal sign",
        "39" => "data element too long",
        "40" => "data element too short",
        "41" => "permanent communication network error",
        "42" => "temporary communication network error",
        "43" => "unknown interchange recipient",
        "45" => "trailing separator",
        "46" => "character set not supported",
        "47" => "envelope functionality not supported",
        "48" => "dependency notes condition violated",
        _ => "a code the syntax does not define",
    };

    // UCI, UCF and UCM carry 0085, then 0135 (the service segment in error) and S011 (where in it): "0085 28: references
    // do not match (in UNT, data element at position 3)"; null when all three are empty.
    private static string? Error(Segment segment, int codeElement)
    {
        string code = segment[codeElement];
        var where = new List<string>();
        if (segment.Has(codeElement + 1))
        {
            where.Add($"in {segment[codeElement + 1]}");
        }
        if (segment.Has(codeElement + 2))
        {
            where.Add(Position(segment.GetComponents(codeElement + 2)));
        }
        if (code.Length == 0 && where.Count == 0)
        {
            return null;
        }
        string place = where.Count > 0 ? $" ({string.Join(", ", where)})" : "";
        return code.Length > 0 ? $"0085 {code}: {SyntaxErrorWords(code)}{place}" : $"an error without a 0085 code{place}";
    }

    // S011: 0098 the position in the segment (the tag counts as 1), 0104 the component, 0136 the occurrence (syntax 4).
    private static string Position(IReadOnlyList<string> s011)
    {
        string text = $"data element at position {s011[0]}";
        if (s011.Count > 1 && s011[1].Length > 0)
        {
            text += $", component {s011[1]}";
        }
        if (s011.Count > 2 && s011[2].Length > 0)
        {
            text += $", occurrence {s011[2]}";
        }
        return text;
    }
}

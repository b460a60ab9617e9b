using System.Text;
using Gateway.Edi.Validation;

namespace Gateway.Edi.X12.Acknowledgments;

/// <summary>The segments of a 997 (AK1-AK9) or 999 (AK1, AK2, IK3, IK4, IK5, AK9) for one group.</summary>
internal static class X12FunctionalAcknowledgmentBody
{
    private const int MaxCodes = 5;

    public static string Write997(X12GroupResult group, SegmentSink body, EdiDelimiters output) => Write(group, body, output, implementation: false);

    public static string Write999(X12GroupResult group, SegmentSink body, EdiDelimiters output) => Write(group, body, output, implementation: true);

    private static string Write(X12GroupResult group, SegmentSink body, EdiDelimiters output, bool implementation)
    {
        bool is5010 = string.CompareOrdinal(group.Group.Version, "005010") >= 0;
        body.Add("AK1", Safe(group.Group.FunctionalId, 2, output), Safe(group.Group.ControlNumber, 9, output), is5010 ? Safe(group.Group.Version, 12, output) : null);
        int accepted = 0;
        foreach (X12DocumentResult document in group.Documents)
        {
            body.Add("AK2", Safe(document.Type, 3, output), Safe(document.ControlNumber, 9, output),
                is5010 && document.ImplementationReference.Length > 0 ? Safe(document.ImplementationReference, 35, output) : null);
            var errors = document.Issues.Where(i => i.Severity == EdiSeverity.Error).ToList();
            WriteSegmentErrors(errors, body, output, implementation);
            var codes = errors.Select(i => X12AcknowledgmentCodes.TransactionSetError(i.Code)).OfType<string>().Distinct().ToList();
            if (errors.Any(i => i.Level is EdiIssueLevel.Segment or EdiIssueLevel.Element))
            {
                codes.Add(X12AcknowledgmentCodes.SegmentsInError);
            }
            string status = errors.Count == 0 ? "A" : "R";
            accepted += errors.Count == 0 ? 1 : 0;
            body.Add(implementation ? "IK5" : "AK5", [status, .. codes.Take(MaxCodes)]);
        }
        var groupCodes = group.Issues.Where(i => i.Severity == EdiSeverity.Error)
            .Select(i => X12AcknowledgmentCodes.GroupError(i.Code)).OfType<string>().Distinct().Take(MaxCodes).ToList();
        int received = group.Documents.Count;
        string groupStatus = groupCodes.Count > 0 || (received > 0 && accepted == 0) ? "R"
            : accepted < received ? "P"
            : "A";
        string included = group.Group.Trailer is Segment ge && int.TryParse(ge[1], out int n) && n >= 0 ? X12AcknowledgmentBuilder.Count(n) : X12AcknowledgmentBuilder.Count(received);
        body.Add("AK9", [groupStatus, included, X12AcknowledgmentBuilder.Count(received), X12AcknowledgmentBuilder.Count(accepted), .. groupCodes]);
        return groupStatus;
    }

    // One AK3/IK3 per segment in error, in the order of the document, with its element errors as AK4/IK4.
    private static void WriteSegmentErrors(List<EdiIssue> errors, SegmentSink body, EdiDelimiters output, bool implementation)
    {
        var bySegment = errors.Where(i => i.Level is EdiIssueLevel.Segment or EdiIssueLevel.Element)
            .GroupBy(i => (i.SegmentPosition, i.SegmentTag))
            .OrderBy(g => g.Key.SegmentPosition);
        foreach (var segment in bySegment)
        {
            EdiIssue? segmentIssue = segment.FirstOrDefault(i => i.Level == EdiIssueLevel.Segment);
            string code = segmentIssue is null ? X12AcknowledgmentCodes.SegmentHasElementErrors : X12AcknowledgmentCodes.SegmentError(segmentIssue.Code)!;
            EdiIssue first = segmentIssue ?? segment.First();
            body.Add(implementation ? "IK3" : "AK3", Safe(segment.Key.SegmentTag, 3, output), X12AcknowledgmentBuilder.Count(segment.Key.SegmentPosition), first.LoopId, code);
            foreach (EdiIssue element in segment.Where(i => i.Level == EdiIssueLevel.Element).Take(99))
            {
                string position = body.AddComposite(X12AcknowledgmentBuilder.Count(element.ElementPosition),
                    element.ComponentPosition > 0 ? X12AcknowledgmentBuilder.Count(element.ComponentPosition) : null,
                    element.RepetitionPosition > 0 ? X12AcknowledgmentBuilder.Count(element.RepetitionPosition) : null);
                // AK402 is the data element number (N0 1/4); a composite id such as C040 is left out.
                string? reference = element.ElementReference is { Length: <= 4 } r && r.All(char.IsAsciiDigit) ? r : null;
                body.Add(implementation ? "IK4" : "AK4", position, reference, X12AcknowledgmentCodes.ElementError(element.Code), Safe(element.Value, 99, output));
            }
        }
    }

    // Values copied from the partner's file may hold our output delimiters (a garbled tag, AK404's bad
    // value); the writer refuses those, so keep only printable non-delimiter characters, within the width.
    internal static string? Safe(string? value, int maxLength, EdiDelimiters output)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        if (value.Length <= maxLength && IsSafe(value, output))
        {
            return value;   // the usual case: nothing to drop, nothing to allocate
        }
        var kept = new StringBuilder(Math.Min(value.Length, maxLength));
        foreach (char c in value)
        {
            if (kept.Length == maxLength)
            {
                break;
            }
            if (IsSafe(c, output))
            {
                kept.Append(c);
            }
        }
        return kept.Length == 0 ? null : kept.ToString();
    }

    private static bool IsSafe(char c, EdiDelimiters output) => c >= ' ' && c < 0x7F && !output.IsDelimiter((byte)c);

    private static bool IsSafe(string value, EdiDelimiters output)
    {
        foreach (char c in value)
        {
            if (!IsSafe(c, output))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Writes each segment as it is made, so a 997 for a huge group is never held in memory.</summary>
    internal sealed class SegmentSink(X12Writer writer)
    {
        private readonly SegmentListBuilder _segment = new();

        public void Add(string tag, params ReadOnlySpan<string?> elements)
        {
            _segment.Clear();
            _segment.Add(tag, elements);
            writer.WriteSegment(_segment.BuildBorrowed()[0]);
        }

        public string AddComposite(params ReadOnlySpan<string?> components) => _segment.AddComposite(components);
    }
}

using System.Globalization;
using System.Text;

namespace Gateway.Edi.X12.Acknowledgments;

/// <summary>What a partner's 997 or 999 says about one functional group we sent: the group's verdict, each set's,
/// and their errors in words, so the gateway can settle what it sent.</summary>
/// <param name="Kind"><c>997</c> or <c>999</c>.</param>
/// <param name="FunctionalId">AK101: the GS01 of the group acknowledged, for example <c>PO</c>.</param>
/// <param name="GroupControlNumber">AK102: the GS06 of the group acknowledged, as the partner wrote it.</param>
/// <param name="GroupStatus">AK901.</param>
/// <param name="Sets">One per AK2 loop, in the order listed; empty when the partner lists none.</param>
/// <param name="GroupErrors">AK905-AK909 in words, each with its code; an AK901 of M, W or X first.</param>
/// <param name="SetsIncluded">AK902: the sets GE01 said the group held.</param>
/// <param name="SetsReceived">AK903: the sets the partner found.</param>
/// <param name="SetsAccepted">AK904: the sets the partner accepted.</param>
/// <remarks>A 997 may list no AK2 at all: with AK901 <c>A</c> (or <c>E</c>) that means every set of the group was
/// accepted, and <see cref="Sets"/> is empty while <see cref="GroupStatus"/> says so. A set the partner does not list
/// shares the group's verdict. Errors read "AK502 5: one or more segments in error" and "segment PO1 at position 12
/// (loop PO1): segment has data element errors (AK304 8); element 3 (PO103, data element 355): invalid code value
/// 'XX' (AK403 7)": set codes first, then the AK3/IK3 loops in the order listed.</remarks>
public sealed partial record X12ReceivedAcknowledgment(
    string Kind,
    string FunctionalId,
    string GroupControlNumber,
    X12AcknowledgmentStatus GroupStatus,
    IReadOnlyList<X12SetAcknowledgment> Sets,
    IReadOnlyList<string> GroupErrors,
    int SetsIncluded,
    int SetsReceived,
    int SetsAccepted)
{
    /// <summary>Reads a 997 or 999 transaction set.</summary>
    /// <remarks>Status codes decide what happens to what we sent, so an unknown one is an error; an unknown error code
    /// is kept, with its code, as "a code the standard does not define".</remarks>
    /// <exception cref="ArgumentException">The set is not a 997 or 999.</exception>
    /// <exception cref="EdiFormatException">AK1 or AK9 is missing, repeated or malformed, an AK2 loop is not closed by
    /// its AK5/IK5, a status is not a code of the standard, or a segment stands where it cannot; the message names the
    /// segment, its position in the set and in the file.</exception>
    public static X12ReceivedAcknowledgment Read(X12TransactionSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (set.Type is not ("997" or "999"))
        {
            throw new ArgumentException($"Transaction set {set.ControlNumber} is a {set.Type}, not a 997 or 999.", nameof(set));
        }
        var reading = new Reading(set);
        for (int i = 1; i < set.Segments.Count; i++)
        {
            reading.Add(set.Segments[i], i + 1);
        }
        return reading.Finish();
    }

    /// <summary>The exception for a malformed acknowledgment: what is wrong, with the segment's tag and position.</summary>
    internal static EdiFormatException Malformed(string what, Segment segment, int position, string problem, int element = -1)
    {
        string inSet = position > 0 ? $" at segment {position.ToString(CultureInfo.InvariantCulture)}" : "";
        string inFile = segment.BytePosition >= 0
            ? $" (file segment {segment.FileSegmentIndex.ToString(CultureInfo.InvariantCulture)}, byte {segment.BytePosition.ToString(CultureInfo.InvariantCulture)})"
            : "";
        return new EdiFormatException($"{what}: {segment.Tag}{inSet}{inFile}: {problem}", segment.BytePosition, segment.FileSegmentIndex, element);
    }

    // AK1, then AK2 loops each closed by AK5/IK5, then AK9: the order both 997 and 999 prescribe.
    private sealed class Reading(X12TransactionSet set)
    {
        private readonly bool _is999 = set.Type == "999";
        private readonly string _what = $"{set.Type} {set.ControlNumber}";
        private readonly List<X12SetAcknowledgment> _sets = [];
        private readonly List<string> _segmentErrors = [];
        private Segment? _ak1, _ak2, _ak9;
        private int _ak2Position;
        // One sentence per AK3/IK3 loop, built by appending: a 997 may repeat AK4 thousands of times.
        private StringBuilder? _openSegment;
        private string _openSegmentTag = "";
        private X12ReceivedAcknowledgment? _result;

        private string Prefix => _is999 ? "IK" : "AK";

        public void Add(Segment segment, int position)
        {
            string tag = segment.Tag;
            if (_ak9 is not null && tag != "SE")
            {
                throw Malformed(_what, segment, position, "nothing but SE may follow AK9");
            }
            switch (tag)
            {
                case "AK1":
                    if (_ak1 is not null)
                    {
                        throw Malformed(_what, segment, position, "a second AK1; an acknowledgment answers one group");
                    }
                    RequireValue(segment, position, 1, "AK101 (the functional identifier)");
                    RequireValue(segment, position, 2, "AK102 (the group control number)");
                    _ak1 = segment;
                    break;
                case "AK2":
                    RequireAk1(segment, position);
                    RequireClosed(segment, position);
                    RequireValue(segment, position, 1, "AK201 (the transaction set identifier)");
                    RequireValue(segment, position, 2, "AK202 (the transaction set control number)");
                    (_ak2, _ak2Position) = (segment, position);
                    break;
                case "AK3" or "IK3" when tag.StartsWith(Prefix, StringComparison.Ordinal):
                    RequireOpen(segment, position);
                    CloseSegment();
                    _openSegment = new StringBuilder(SegmentError(segment, Prefix));
                    _openSegmentTag = segment[1];
                    break;
                case "AK4" or "IK4" when tag.StartsWith(Prefix, StringComparison.Ordinal):
                    RequireOpen(segment, position);
                    if (_openSegment is null)
                    {
                        throw Malformed(_what, segment, position, $"{tag} reports an element of no segment; it must follow an {Prefix}3");
                    }
                    _openSegment.Append("; ").Append(ElementError(segment, _openSegmentTag, Prefix));
                    break;
                case "CTX" when _is999:
                    RequireOpen(segment, position);
                    // 999 CTX gives the context of the IK3 or IK4 before it; without an IK3 it speaks for the set.
                    if (_openSegment is null)
                    {
                        _segmentErrors.Add(Context(segment));
                    }
                    else
                    {
                        _openSegment.Append(", ").Append(Context(segment));
                    }
                    break;
                case "AK5" or "IK5" when tag.StartsWith(Prefix, StringComparison.Ordinal):
                    RequireOpen(segment, position);
                    CloseSegment();
                    _sets.Add(SetAcknowledgment(segment, position));
                    _ak2 = null;
                    _segmentErrors.Clear();
                    break;
                case "AK9":
                    RequireAk1(segment, position);
                    RequireClosed(segment, position);
                    _result = Group(segment, position);
                    _ak9 = segment;
                    break;
                case "SE":
                    break;
                default:
                    throw Malformed(_what, segment, position, $"a {tag} segment has no place in a {set.Type}");
            }
        }

        public X12ReceivedAcknowledgment Finish()
        {
            Segment last = set.Segments[^1];
            if (_ak1 is null)
            {
                Segment found = set.Segments.Count > 1 ? set.Segments[1] : last;
                throw Malformed(_what, found, Math.Min(2, set.Segments.Count), "AK1 is missing; the acknowledgment names no group");
            }
            RequireClosed(last, set.Segments.Count);
            return _result ?? throw Malformed(_what, last, set.Segments.Count, "AK9 is missing; the acknowledgment gives no verdict on the group");
        }

        private X12SetAcknowledgment SetAcknowledgment(Segment ak5, int position)
        {
            string tag = ak5.Tag;
            string code = ak5[1];
            X12AcknowledgmentStatus status = Status(code, group: false)
                ?? throw Malformed(_what, ak5, position, $"{tag}01 '{code}' is not a status (A, E, M, R, W or X)", 1);
            var errors = new List<string>();
            if (StatusWords(code) is string collapsed)
            {
                errors.Add($"{tag}01 {code}: {collapsed}");
            }
            for (int i = 2; i <= 6; i++)
            {
                if (ak5.Has(i))
                {
                    errors.Add($"{tag}{i:00} {ak5[i]}: {SetErrorWords(ak5[i])}");
                }
            }
            errors.AddRange(_segmentErrors);
            Segment ak2 = _ak2!.Value;
            return new X12SetAcknowledgment(ak2[1], ak2[2], status, errors);
        }

        private X12ReceivedAcknowledgment Group(Segment ak9, int position)
        {
            string code = ak9[1];
            X12AcknowledgmentStatus status = Status(code, group: true)
                ?? throw Malformed(_what, ak9, position, $"AK901 '{code}' is not a status (A, E, M, P, R, W or X)", 1);
            var errors = new List<string>();
            if (StatusWords(code) is string collapsed)
            {
                errors.Add($"AK901 {code}: {collapsed}");
            }
            for (int i = 5; i <= 9; i++)
            {
                if (ak9.Has(i))
                {
                    errors.Add($"AK9{i:00} {ak9[i]}: {GroupErrorWords(ak9[i])}");
                }
            }
            Segment ak1 = _ak1!.Value;
            return new X12ReceivedAcknowledgment(set.Type, ak1[1], ak1[2], status, _sets, errors,
                Count(ak9, position, 2), Count(ak9, position, 3), Count(ak9, position, 4));
        }

        private int Count(Segment ak9, int position, int element) =>
            int.TryParse(ak9[element], NumberStyles.None, CultureInfo.InvariantCulture, out int count)
                ? count
                : throw Malformed(_what, ak9, position, $"AK9{element:00} '{ak9[element]}' is not a number of sets", element);

        private void RequireValue(Segment segment, int position, int element, string name)
        {
            if (segment[element].Trim().Length == 0)
            {
                throw Malformed(_what, segment, position, $"{name} is empty", element);
            }
        }

        private void RequireAk1(Segment segment, int position)
        {
            if (_ak1 is null)
            {
                throw Malformed(_what, segment, position, "AK1 is missing; it must come first and name the group");
            }
        }

        private void RequireOpen(Segment segment, int position)
        {
            if (_ak2 is null)
            {
                throw Malformed(_what, segment, position, $"{segment.Tag} stands outside an AK2 loop");
            }
        }

        private void RequireClosed(Segment segment, int position)
        {
            if (_ak2 is Segment open)
            {
                throw Malformed(_what, segment, position,
                    $"the AK2 for {open[1]} {open[2]} at segment {_ak2Position.ToString(CultureInfo.InvariantCulture)} has no {Prefix}5");
            }
        }

        private void CloseSegment()
        {
            if (_openSegment is not null)
            {
                _segmentErrors.Add(_openSegment.ToString());
                _openSegment = null;
            }
        }
    }
}

/// <summary>What a 997 or 999 says about one transaction set we sent (an AK2 loop).</summary>
/// <param name="Type">AK201: the ST01 of the set, for example <c>850</c>.</param>
/// <param name="ControlNumber">AK202: the ST02 of the set, as the partner wrote it.</param>
/// <param name="Status">AK501 or IK501.</param>
/// <param name="Errors">AK502-AK506 (IK502-IK506), then one sentence per AK3/IK3 loop with its AK4/IK4 and CTX, each with its codes.</param>
public sealed record X12SetAcknowledgment(string Type, string ControlNumber, X12AcknowledgmentStatus Status, IReadOnlyList<string> Errors);

/// <summary>The verdict of a TA1, 997 or 999 on an interchange, group or set.</summary>
/// <remarks>The codes M (message authentication code failed), W (assurance failed validity tests) and X (content after
/// decryption could not be analysed) all mean the partner will not process what we sent: they read as
/// <see cref="Rejected"/>, and the errors keep the code.</remarks>
public enum X12AcknowledgmentStatus
{
    /// <summary>A: accepted.</summary>
    Accepted,

    /// <summary>E: accepted, but errors were noted; the sender must not resend.</summary>
    AcceptedWithErrors,

    /// <summary>P (AK901 only): at least one set was rejected, at least one accepted.</summary>
    PartiallyAccepted,

    /// <summary>R, M, W or X: rejected.</summary>
    Rejected,
}

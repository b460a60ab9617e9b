using System.Globalization;
using System.Text;

namespace Gateway.Edi.Edifact.Acknowledgments;

/// <summary>What a partner's CONTRL says about an interchange we sent: the verdict on the interchange, its groups and
/// messages, and their syntax errors in words, so the gateway can settle what it sent.</summary>
/// <param name="InterchangeReference">UCI 0020: the UNB 0020 of the interchange acknowledged.</param>
/// <param name="InterchangeAction">UCI 0083.</param>
/// <param name="InterchangeError">UCI 0085 in words with its code, and where (0135, S011); null when none is given.</param>
/// <param name="Messages">One per UCM, in the order listed, whether under a UCF or not.</param>
/// <param name="Groups">One per UCF: UNG 0048, its action, and its error in words (null when none).</param>
/// <remarks>A level the partner does not list shares the verdict of the level above (ISO 9735 action codes):
/// UCI 7 with no UCM means every message of the interchange was acknowledged; UCF 7 with no UCM, every message of that
/// group; UCI 4, the interchange and everything in it rejected; UCI 8 (a receipt, asked for by UNB 0031 = 2) says
/// nothing about the messages. Errors read "0085 28: references do not match (in UNT, data element at position 3)"
/// and "segment at position 10; data element at position 2: invalid value (0085 12)", the S011 position counting the
/// segment tag as 1, as EdifactContrlBuilder writes it.</remarks>
public sealed partial record EdifactReceivedContrl(
    string InterchangeReference,
    EdifactAcknowledgmentAction InterchangeAction,
    string? InterchangeError,
    IReadOnlyList<EdifactMessageAcknowledgment> Messages,
    IReadOnlyList<(string GroupReference, EdifactAcknowledgmentAction Action, string? Error)> Groups)
{
    /// <summary>Reads a CONTRL message.</summary>
    /// <exception cref="ArgumentException">The message is not a CONTRL.</exception>
    /// <exception cref="EdiFormatException">UCI is missing or repeated, a reference is empty, an action is not 4, 7 or 8,
    /// or a segment stands where it cannot; the message names the segment, its position in the message and in the file.</exception>
    public static EdifactReceivedContrl Read(EdifactMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Type != "CONTRL")
        {
            throw new ArgumentException($"Message {message.ReferenceNumber} is a {message.Type}, not a CONTRL.", nameof(message));
        }
        var reading = new Reading(message);
        for (int i = 1; i < message.Segments.Count; i++)
        {
            reading.Add(message.Segments[i], i + 1);
        }
        return reading.Finish();
    }

    // UCI first; then UCM loops (UCM, UCS, UCD) directly or under UCF, in any order the partner lists them.
    private sealed class Reading(EdifactMessage message)
    {
        private readonly string _what = $"CONTRL {message.ReferenceNumber}";
        private readonly List<EdifactMessageAcknowledgment> _messages = [];
        private readonly List<(string, EdifactAcknowledgmentAction, string?)> _groups = [];
        private readonly List<string> _messageErrors = [];
        private (string Reference, EdifactAcknowledgmentAction Action, string? Error)? _uci;
        private (string Reference, string Type, EdifactAcknowledgmentAction Action)? _ucm;
        // One sentence per UCS, built by appending: a CONTRL may repeat UCD thousands of times.
        private StringBuilder? _ucs;

        public void Add(Segment segment, int position)
        {
            switch (segment.Tag)
            {
                case "UCI":
                    if (_uci is not null)
                    {
                        throw Malformed(segment, position, "a second UCI; a CONTRL answers one interchange");
                    }
                    _uci = (Required(segment, position, 1, "0020 (the interchange control reference)"), Action(segment, position, 4), Error(segment, 5));
                    break;
                case "UCF":
                    RequireUci(segment, position);
                    CloseMessage();
                    _groups.Add((Required(segment, position, 1, "0048 (the group reference)"), Action(segment, position, 4), Error(segment, 5)));
                    break;
                case "UCM":
                    RequireUci(segment, position);
                    CloseMessage();
                    string reference = Required(segment, position, 1, "0062 (the message reference)");
                    _ucm = (reference, segment.GetComponents(2)[0], Action(segment, position, 3));
                    if (Error(segment, 4) is string error)
                    {
                        _messageErrors.Add(error);
                    }
                    break;
                case "UCS":
                    if (_ucm is null)
                    {
                        throw Malformed(segment, position, "UCS reports a segment of no message; it must follow a UCM");
                    }
                    CloseSegment();
                    _ucs = new StringBuilder("segment at position ").Append(segment[1]);
                    if (segment.Has(2))
                    {
                        _ucs.Append(": ").Append(SyntaxErrorWords(segment[2])).Append(" (0085 ").Append(segment[2]).Append(')');
                    }
                    break;
                case "UCD":
                    if (_ucs is null)
                    {
                        throw Malformed(segment, position, "UCD reports an element of no segment; it must follow a UCS");
                    }
                    _ucs.Append("; ").Append(Position(segment.GetComponents(2))).Append(": ").Append(SyntaxErrorWords(segment[1])).Append(" (0085 ").Append(segment[1]).Append(')');
                    break;
                case "UNT":
                    break;
                default:
                    throw Malformed(segment, position, $"a {segment.Tag} segment has no place in a CONTRL");
            }
        }

        public EdifactReceivedContrl Finish()
        {
            if (_uci is not { } uci)
            {
                int position = Math.Min(2, message.Segments.Count);
                throw Malformed(message.Segments[position - 1], position, "UCI is missing; the CONTRL names no interchange");
            }
            CloseMessage();
            return new EdifactReceivedContrl(uci.Reference, uci.Action, uci.Error, _messages, _groups);
        }

        private void RequireUci(Segment segment, int position)
        {
            if (_uci is null)
            {
                throw Malformed(segment, position, "UCI is missing; it must come first and name the interchange");
            }
        }

        private string Required(Segment segment, int position, int element, string name) =>
            segment[element].Trim().Length > 0 ? segment[element] : throw Malformed(segment, position, $"{name} is empty", element);

        private EdifactAcknowledgmentAction Action(Segment segment, int position, int element) => segment[element] switch
        {
            "4" => EdifactAcknowledgmentAction.Rejected,
            "7" => EdifactAcknowledgmentAction.Acknowledged,
            "8" => EdifactAcknowledgmentAction.Received,
            string code => throw Malformed(segment, position, $"0083 '{code}' is not an action (4, 7 or 8)", element),
        };

        private void CloseSegment()
        {
            if (_ucs is not null)
            {
                _messageErrors.Add(_ucs.ToString());
                _ucs = null;
            }
        }

        private void CloseMessage()
        {
            CloseSegment();
            if (_ucm is { } ucm)
            {
                _messages.Add(new EdifactMessageAcknowledgment(ucm.Reference, ucm.Type, ucm.Action, [.. _messageErrors]));
            }
            _ucm = null;
            _messageErrors.Clear();
        }

        private EdiFormatException Malformed(Segment segment, int position, string problem, int element = -1)
        {
            string inFile = segment.BytePosition >= 0
                ? $" (file segment {segment.FileSegmentIndex.ToString(CultureInfo.InvariantCulture)}, byte {segment.BytePosition.ToString(CultureInfo.InvariantCulture)})"
                : "";
            return new EdiFormatException($"{_what}: {segment.Tag} at segment {position.ToString(CultureInfo.InvariantCulture)}{inFile}: {problem}",
                segment.BytePosition, segment.FileSegmentIndex, element);
        }
    }
}

/// <summary>What a CONTRL says about one message we sent (a UCM loop).</summary>
/// <param name="Reference">UCM 0062: the UNH 0062 of the message.</param>
/// <param name="Type">UCM S009 0065, for example <c>ORDERS</c>.</param>
/// <param name="Action">UCM 0083.</param>
/// <param name="Errors">UCM 0085 (with 0135 and S011), then one sentence per UCS with its UCDs, each with its code.</param>
public sealed record EdifactMessageAcknowledgment(string Reference, string Type, EdifactAcknowledgmentAction Action, IReadOnlyList<string> Errors);

/// <summary>A CONTRL action (data element 0083): what the partner did with a level and, unless it says otherwise, the levels below.</summary>
/// <remarks>EDIFACT has no "accepted with errors": a level is acknowledged or rejected.</remarks>
public enum EdifactAcknowledgmentAction
{
    /// <summary>4: this level and all lower levels rejected.</summary>
    Rejected = 4,

    /// <summary>7: this level acknowledged, and all lower levels too unless reported rejected.</summary>
    Acknowledged = 7,

    /// <summary>8: the interchange was received; no verdict on its content yet.</summary>
    Received = 8,
}

using System.Globalization;
using System.Text;
using Gateway.Edi.Edifact;

namespace Gateway.Tests.Edi.Edifact;

/// <summary>Builds EDIFACT test interchanges as text: a valid D96A ORDERS, and variants of it with one defect each.</summary>
/// <remarks>Text is composed with the default service characters <c>:+.? '</c>; <see cref="WithUna"/> adds a UNA and
/// translates to its characters. Counts and trailer references (UNT 0074/0062, UNE 0060/0048, UNZ 0036/0020) follow
/// the content unless a test sets them. Segment positions of the base message (UNH = 1): BGM 2, DTM 3, NAD 4, NAD 5,
/// LIN 6, QTY 7, LIN 8, QTY 9, UNS 10, CNT 11, UNT 12. Messages are numbered across the interchange, groups included.</remarks>
internal sealed class EdifactTestDocuments
{
    /// <summary>UNB 0020 of the base interchange.</summary>
    public const string ControlReference = "REF1";

    /// <summary>UNG 0048 of the group <see cref="InGroup"/> adds.</summary>
    public const string GroupReference = "G1";

    /// <summary>The default service string advice, <c>UNA:+.? '</c>.</summary>
    public const string DefaultServiceCharacters = ":+.? '";

    private const string OrdersIdentifier = "ORDERS:D:96A:UN";

    private static readonly string[] OrdersBody =
    [
        "BGM+220+PO-4711+9",
        "DTM+137:20240115:102",
        "NAD+BY+5412345000013::9",
        "NAD+SU+4012345000009::9",
        "LIN+1++4000862141404:EN",
        "QTY+21:48",
        "LIN+2++4000862141411:EN",
        "QTY+21:12",
        "UNS+S",
        "CNT+2:2",
    ];

    // DESADV D96A, for its DGS: C234 7124 (UNDG number) is n4, the only fixed length above 1 in a D96A message we hold.
    // Positions (UNH = 1): BGM 2, DTM 3, CPS 4, LIN 5, DGS 6, UNT 7.
    private static readonly string[] DespatchAdviceBody =
    [
        "BGM+351+DES-1+9",
        "DTM+137:20240115:102",
        "CPS+1",
        "LIN+1++4000862141404:EN",
        "DGS+ADR++1203",
    ];

    private readonly List<string> _unb = ["UNOC:3", "SENDER:14", "RECEIVER:14", "240115:1200", ControlReference];
    private readonly List<Group> _groups = [];
    private readonly List<string> _beforeUnz = [];
    private readonly string?[] _unz = new string?[3];
    private bool _unzMissing;
    private string? _una;
    private string _lineBreak = "";

    private EdifactTestDocuments(string identifier, string[] body)
    {
        var group = new Group(null);
        group.Messages.Add(new Message(["1", identifier], [.. body]));
        _groups.Add(group);
    }

    /// <summary>A valid UNOC:3 interchange holding one D96A ORDERS outside any group.</summary>
    public static EdifactTestDocuments Orders() => new(OrdersIdentifier, OrdersBody);

    /// <summary>A valid UNOC:3 interchange holding one D96A DESADV with a dangerous goods line.</summary>
    public static EdifactTestDocuments DespatchAdvice() => new("DESADV:D:96A:UN", DespatchAdviceBody);

    /// <summary>A valid interchange holding one message of <paramref name="identifier"/> (UNH S009) with these body segments.</summary>
    public static EdifactTestDocuments WithMessage(string identifier, params string[] body) => new(identifier, body);

    /// <summary>Sets UNB element <paramref name="position"/> (components joined with <c>:</c>).</summary>
    public EdifactTestDocuments Unb(int position, string value)
    {
        while (_unb.Count < position)
        {
            _unb.Add("");
        }
        _unb[position - 1] = value;
        return this;
    }

    /// <summary>Syntax version 4: UNOC:4 and an eight-digit date.</summary>
    public EdifactTestDocuments Syntax4() => Unb(1, "UNOC:4").Unb(4, "20240115:1200");

    /// <summary>Sets UNZ element <paramref name="position"/> instead of the computed one.</summary>
    public EdifactTestDocuments Unz(int position, string value)
    {
        _unz[position] = value;
        return this;
    }

    /// <summary>Puts the messages outside groups into one UNG group, <see cref="GroupReference"/>.</summary>
    public EdifactTestDocuments InGroup()
    {
        Group loose = _groups.Single(g => g.Ung is null);
        _groups[_groups.IndexOf(loose)] = new Group(GroupHeader(GroupReference), loose.Messages);
        return this;
    }

    /// <summary>Adds a UNG group holding a copy of the first message, with UNH reference <paramref name="messageReference"/>.</summary>
    public EdifactTestDocuments AddGroup(string reference, string messageReference)
    {
        var group = new Group(GroupHeader(reference));
        group.Messages.Add(Messages[0].Copy(messageReference));
        _groups.Add(group);
        return this;
    }

    /// <summary>Adds a copy of the first message, with UNH reference <paramref name="reference"/>, after the last group and outside any group.</summary>
    public EdifactTestDocuments AddMessageOutsideGroups(string reference)
    {
        var group = new Group(null);
        group.Messages.Add(Messages[0].Copy(reference));
        _groups.Add(group);
        return this;
    }

    /// <summary>Sets UNG element <paramref name="position"/> of a group.</summary>
    public EdifactTestDocuments Ung(int position, string value, int group = 0)
    {
        _groups[group].Ung![position - 1] = value;
        return this;
    }

    /// <summary>Sets UNE element <paramref name="position"/> of a group instead of the computed one.</summary>
    public EdifactTestDocuments Une(int position, string value, int group = 0)
    {
        _groups[group].Une[position] = value;
        return this;
    }

    /// <summary>Leaves out the UNE of a group.</summary>
    public EdifactTestDocuments WithoutUne(int group = 0)
    {
        _groups[group].HasTrailer = false;
        return this;
    }

    /// <summary>Adds a copy of the first message, with UNH reference <paramref name="reference"/>, to the last group.</summary>
    public EdifactTestDocuments CopyMessage(string reference)
    {
        _groups[^1].Messages.Add(Messages[0].Copy(reference));
        return this;
    }

    /// <summary>Sets UNH element <paramref name="position"/> (1 reference, 2 S009, 3 0068, 4 S010).</summary>
    public EdifactTestDocuments Unh(int position, string value, int message = 0)
    {
        List<string> unh = Messages[message].Unh;
        while (unh.Count < position)
        {
            unh.Add("");
        }
        unh[position - 1] = value;
        return this;
    }

    /// <summary>Sets UNT element <paramref name="position"/> of a message instead of the computed one.</summary>
    public EdifactTestDocuments Unt(int position, string value, int message = 0)
    {
        Messages[message].Unt[position] = value;
        return this;
    }

    /// <summary>Leaves out the UNT of a message.</summary>
    public EdifactTestDocuments WithoutUnt(int message = 0)
    {
        Messages[message].HasTrailer = false;
        return this;
    }

    /// <summary>Replaces the first body segment with <paramref name="tag"/>.</summary>
    public EdifactTestDocuments Replace(string tag, string segment, int message = 0)
    {
        List<string> body = Messages[message].Body;
        body[IndexOf(body, tag)] = segment;
        return this;
    }

    /// <summary>Inserts segments after the first body segment with <paramref name="tag"/>.</summary>
    public EdifactTestDocuments InsertAfter(string tag, params string[] segments)
    {
        List<string> body = Messages[0].Body;
        body.InsertRange(IndexOf(body, tag) + 1, segments);
        return this;
    }

    /// <summary>Inserts segments before the first body segment with <paramref name="tag"/>.</summary>
    public EdifactTestDocuments InsertBefore(string tag, params string[] segments)
    {
        List<string> body = Messages[0].Body;
        body.InsertRange(IndexOf(body, tag), segments);
        return this;
    }

    /// <summary>Removes the first body segment with <paramref name="tag"/>.</summary>
    public EdifactTestDocuments Remove(string tag, int message = 0)
    {
        List<string> body = Messages[message].Body;
        body.RemoveAt(IndexOf(body, tag));
        return this;
    }

    /// <summary>Puts segments between the last message or group and the UNZ.</summary>
    public EdifactTestDocuments BeforeUnz(params string[] segments)
    {
        _beforeUnz.AddRange(segments);
        return this;
    }

    /// <summary>Leaves out the UNZ.</summary>
    public EdifactTestDocuments WithoutUnz()
    {
        _unzMissing = true;
        return this;
    }

    /// <summary>Starts with <c>UNA</c> and these six service characters (component, element, decimal mark, release,
    /// repetition, terminator), and writes the rest with them.</summary>
    public EdifactTestDocuments WithUna(string serviceCharacters = DefaultServiceCharacters)
    {
        if (serviceCharacters.Length != 6)
        {
            throw new ArgumentException("A UNA has six service characters.", nameof(serviceCharacters));
        }
        _una = serviceCharacters;
        return this;
    }

    /// <summary>Puts a line break after each terminator, as many partners do.</summary>
    public EdifactTestDocuments WithLineBreaks()
    {
        _lineBreak = "\n";
        return this;
    }

    /// <summary>The interchange as text.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        void Segment(string segment) => text.Append(Translate(segment)).Append(Translate("'")).Append(_lineBreak);
        if (_una is not null)
        {
            text.Append("UNA").Append(_una).Append(_lineBreak);
        }
        Segment("UNB+" + string.Join('+', _unb));
        int units = 0;
        foreach (Group group in _groups)
        {
            if (group.Ung is not null)
            {
                units++;
                Segment("UNG+" + string.Join('+', group.Ung));
            }
            foreach (Message message in group.Messages)
            {
                units += group.Ung is null ? 1 : 0;
                Segment("UNH+" + string.Join('+', message.Unh));
                message.Body.ForEach(Segment);
                if (message.HasTrailer)
                {
                    Segment($"UNT+{message.Unt[1] ?? Count(message.Body.Count + 2)}+{message.Unt[2] ?? message.Unh[0]}");
                }
            }
            if (group.Ung is not null && group.HasTrailer)
            {
                Segment($"UNE+{group.Une[1] ?? Count(group.Messages.Count)}+{group.Une[2] ?? group.Ung[4]}");
            }
        }
        _beforeUnz.ForEach(Segment);
        if (!_unzMissing)
        {
            Segment($"UNZ+{_unz[1] ?? Count(units)}+{_unz[2] ?? _unb[4]}");
        }
        return text.ToString();
    }

    /// <summary>The interchange as bytes, in Latin-1 (the UNOC character set).</summary>
    public byte[] ToBytes() => Encoding.Latin1.GetBytes(ToString());

    /// <summary>Validates the interchange; the text must hold exactly one.</summary>
    public EdifactInterchangeResult Validate(EdifactValidatorOptions? options = null) => Validate(ToBytes(), options);

    /// <summary>Validates <paramref name="edifact"/>, which must hold exactly one interchange.</summary>
    public static EdifactInterchangeResult Validate(byte[] edifact, EdifactValidatorOptions? options = null)
    {
        using var stream = new MemoryStream(edifact);
        return new EdifactValidator(options).ValidateStream(stream).Single();
    }

    private IEnumerable<Message> AllMessages => _groups.SelectMany(g => g.Messages);

    private List<Message> Messages => [.. AllMessages];

    private static string[] GroupHeader(string reference) =>
        ["ORDERS", "SENDERAPP:14", "RECEIVERAPP:14", "240115:1200", reference, "UN", "D:96A"];

    // The default service characters to those of the UNA; the text is composed with the defaults.
    private string Translate(string segment)
    {
        if (_una is null)
        {
            return segment;
        }
        var map = new Dictionary<char, char> { [':'] = _una[0], ['+'] = _una[1], ['?'] = _una[3], ['\''] = _una[5] };
        return string.Concat(segment.Select(c => map.GetValueOrDefault(c, c)));
    }

    private static int IndexOf(List<string> body, string tag)
    {
        int i = body.FindIndex(s => s == tag || s.StartsWith(tag + "+", StringComparison.Ordinal));
        return i >= 0 ? i : throw new ArgumentException($"The message has no {tag} segment.", nameof(tag));
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed class Group(string[]? ung, List<Message>? messages = null)
    {
        public string[]? Ung { get; } = ung;

        public List<Message> Messages { get; } = messages ?? [];

        public string?[] Une { get; } = new string?[3];

        public bool HasTrailer { get; set; } = true;
    }

    private sealed class Message(List<string> unh, List<string> body)
    {
        public List<string> Unh { get; } = unh;

        public List<string> Body { get; } = body;

        public string?[] Unt { get; } = new string?[3];

        public bool HasTrailer { get; set; } = true;

        public Message Copy(string reference) => new([reference, .. Unh.Skip(1)], [.. Body]);
    }

    /// <summary>A clock stopped at 2024-03-05 14:30 UTC, so CONTRL messages are the same on every run.</summary>
    internal sealed class FixedTimeProvider : TimeProvider
    {
        public static readonly DateTimeOffset Now = new(2024, 3, 5, 14, 30, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}

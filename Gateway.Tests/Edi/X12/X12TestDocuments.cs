using System.Text;
using Gateway.Edi.X12;

namespace Gateway.Tests.Edi.X12;

/// <summary>Builds X12 test interchanges as text: a valid 850 purchase order, and variants of it with one defect each.</summary>
/// <remarks>Counts and trailer control numbers (SE01/SE02, GE01/GE02, IEA01/IEA02) follow the content unless a
/// test sets them with <see cref="Se"/>, <see cref="Ge"/> or <see cref="Iea"/>. Segment positions of the base
/// document (ST = 1): BEG 2, REF 3, DTM 4, N1 5, N3 6, N4 7, PO1 8, PID 9, PO1 10, PID 11, CTT 12, SE 13.</remarks>
internal sealed class X12TestDocuments
{
    /// <summary>ISA09 of the base document.</summary>
    public const string IsaDate = "240115";

    /// <summary>ISA10 of the base document.</summary>
    public const string IsaTime = "1200";

    /// <summary>ISA13 of the base document.</summary>
    public const string ControlNumber = "000000905";

    /// <summary>An interchange with no groups whose element separator is a space; every ISA field is full, so it still reads.</summary>
    public const string SpaceSeparatedEnvelope =
        "ISA 00 0000000000 00 0000000000 ZZ SENDERID0000001 ZZ RECEIVERID00001 240115 1200 U 00401 000000905 0 P :~IEA 0 000000905~";

    // ISA01..ISA16 widths; ISA is fixed width, 106 bytes with its terminator.
    private static readonly int[] IsaWidths = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1];

    private static readonly string[] PurchaseOrderBody =
    [
        "BEG*00*SA*PO-4711**20240115",
        "REF*DP*038",
        "DTM*002*20240131",
        "N1*ST*ACME Distribution Center*92*0042",
        "N3*100 Industrial Way",
        "N4*Springfield*IL*62701*US",
        "PO1*1*10*EA*12.5**VP*WID-100*UP*012345678905",
        "PID*F****Blue widget, 10 cm",
        "PO1*2*4*CA*40**VP*GAD-200",
        "PID*F****Gadget assortment",
        "CTT*2",
    ];

    private readonly string[] _isa;
    private readonly List<string> _afterIsa = [];
    private readonly List<Group> _groups = [];
    private readonly List<string> _beforeIea = [];
    private readonly string?[] _iea = new string?[3];
    private bool _ieaMissing;
    private string _before = "";
    private string _after = "";
    private string _lineBreak = "";

    private X12TestDocuments(string[] isa) => _isa = isa;

    /// <summary>A valid 004010 interchange with one PO group holding one 850.</summary>
    public static X12TestDocuments PurchaseOrder() => Create("U", "00401", "004010");

    /// <summary>The same purchase order in 005010: ISA11 <c>^</c>, ISA12 00501, GS08 005010.</summary>
    public static X12TestDocuments PurchaseOrder5010() => Create("^", "00501", "005010");

    /// <summary>A valid 004010 interchange with one group and the given sets of body segments (ST and SE are added).</summary>
    public static X12TestDocuments WithSets(string functionalId, string type, params string[][] bodies)
    {
        var document = new X12TestDocuments(IsaFields("U", "00401"));
        var group = new Group(GsFields(functionalId, "1", "004010"));
        for (int i = 0; i < bodies.Length; i++)
        {
            group.Sets.Add(new TransactionSet(type, $"{i + 1:0000}", null, [.. bodies[i]]));
        }
        document._groups.Add(group);
        return document;
    }

    /// <summary>Sets ISA element <paramref name="position"/>, padded with spaces to its fixed width.</summary>
    public X12TestDocuments Isa(int position, string value)
    {
        int width = IsaWidths[position - 1];
        if (value.Length > width)
        {
            throw new ArgumentException($"ISA{position:00} is {width} characters wide.", nameof(value));
        }
        _isa[position - 1] = value.PadRight(width);
        return this;
    }

    /// <summary>Sets IEA element <paramref name="position"/> instead of the computed one.</summary>
    public X12TestDocuments Iea(int position, string value)
    {
        _iea[position] = value;
        return this;
    }

    /// <summary>Sets GS element <paramref name="position"/> of a group.</summary>
    public X12TestDocuments Gs(int position, string value, int group = 0)
    {
        _groups[group].Gs[position - 1] = value;
        return this;
    }

    /// <summary>Sets GE element <paramref name="position"/> of a group instead of the computed one.</summary>
    public X12TestDocuments Ge(int position, string value, int group = 0)
    {
        _groups[group].Ge[position] = value;
        return this;
    }

    /// <summary>Sets ST element <paramref name="position"/> (1 type, 2 control number, 3 implementation reference).</summary>
    public X12TestDocuments St(int position, string value, int group = 0, int set = 0)
    {
        TransactionSet s = _groups[group].Sets[set];
        _groups[group].Sets[set] = position switch
        {
            1 => s with { Type = value },
            2 => s with { ControlNumber = value },
            3 => s with { ImplementationReference = value },
            _ => throw new ArgumentOutOfRangeException(nameof(position)),
        };
        return this;
    }

    /// <summary>Sets SE element <paramref name="position"/> of a set instead of the computed one.</summary>
    public X12TestDocuments Se(int position, string value, int group = 0, int set = 0)
    {
        _groups[group].Sets[set].Se[position] = value;
        return this;
    }

    /// <summary>Replaces the first body segment with <paramref name="tag"/>.</summary>
    public X12TestDocuments Replace(string tag, string segment, int group = 0, int set = 0)
    {
        List<string> body = Body(group, set);
        body[IndexOf(body, tag)] = segment;
        return this;
    }

    /// <summary>Inserts segments after the first body segment with <paramref name="tag"/>.</summary>
    public X12TestDocuments InsertAfter(string tag, params string[] segments)
    {
        List<string> body = Body(0, 0);
        body.InsertRange(IndexOf(body, tag) + 1, segments);
        return this;
    }

    /// <summary>Inserts segments before the first body segment with <paramref name="tag"/>.</summary>
    public X12TestDocuments InsertBefore(string tag, params string[] segments)
    {
        List<string> body = Body(0, 0);
        body.InsertRange(IndexOf(body, tag), segments);
        return this;
    }

    /// <summary>Removes the first body segment with <paramref name="tag"/>.</summary>
    public X12TestDocuments Remove(string tag, int group = 0, int set = 0)
    {
        List<string> body = Body(group, set);
        body.RemoveAt(IndexOf(body, tag));
        return this;
    }

    /// <summary>Adds a copy of the first set of a group with another ST02.</summary>
    public X12TestDocuments CopySet(string controlNumber, int group = 0)
    {
        TransactionSet first = _groups[group].Sets[0];
        _groups[group].Sets.Add(new TransactionSet(first.Type, controlNumber, first.ImplementationReference, [.. first.Body]));
        return this;
    }

    /// <summary>Adds a copy of the first group (its sets included) with another GS06.</summary>
    public X12TestDocuments CopyGroup(string controlNumber)
    {
        Group first = _groups[0];
        var copy = new Group([.. first.Gs]);
        copy.Gs[5] = controlNumber;
        copy.Sets.AddRange(first.Sets.Select(s => new TransactionSet(s.Type, s.ControlNumber, s.ImplementationReference, [.. s.Body])));
        _groups.Add(copy);
        return this;
    }

    /// <summary>Puts segments between the ISA and the first GS (a TA1, say).</summary>
    public X12TestDocuments AfterIsa(params string[] segments)
    {
        _afterIsa.AddRange(segments);
        return this;
    }

    /// <summary>Puts segments between the last GE and the IEA.</summary>
    public X12TestDocuments BeforeIea(params string[] segments)
    {
        _beforeIea.AddRange(segments);
        return this;
    }

    /// <summary>Leaves out the SE of a set.</summary>
    public X12TestDocuments WithoutSe(int group = 0, int set = 0)
    {
        _groups[group].Sets[set] = _groups[group].Sets[set] with { HasTrailer = false };
        return this;
    }

    /// <summary>Leaves out the GE of a group.</summary>
    public X12TestDocuments WithoutGe(int group = 0)
    {
        _groups[group].HasTrailer = false;
        return this;
    }

    /// <summary>Leaves out the IEA.</summary>
    public X12TestDocuments WithoutIea()
    {
        _ieaMissing = true;
        return this;
    }

    /// <summary>Puts <paramref name="text"/> before the ISA (a BOM, junk).</summary>
    public X12TestDocuments Before(string text)
    {
        _before = text;
        return this;
    }

    /// <summary>Puts <paramref name="text"/> after the IEA.</summary>
    public X12TestDocuments After(string text)
    {
        _after = text;
        return this;
    }

    /// <summary>Puts a line break after each terminator, as many partners do.</summary>
    public X12TestDocuments WithLineBreaks()
    {
        _lineBreak = "\n";
        return this;
    }

    /// <summary>The interchange as text.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(_before);
        void Segment(string segment) => text.Append(segment).Append('~').Append(_lineBreak);
        Segment("ISA*" + string.Join('*', _isa));
        _afterIsa.ForEach(Segment);
        foreach (Group group in _groups)
        {
            Segment("GS*" + string.Join('*', group.Gs));
            foreach (TransactionSet set in group.Sets)
            {
                Segment(set.ImplementationReference is null ? $"ST*{set.Type}*{set.ControlNumber}" : $"ST*{set.Type}*{set.ControlNumber}*{set.ImplementationReference}");
                set.Body.ForEach(Segment);
                if (set.HasTrailer)
                {
                    Segment($"SE*{set.Se[1] ?? Count(set.Body.Count + 2)}*{set.Se[2] ?? set.ControlNumber}");
                }
            }
            if (group.HasTrailer)
            {
                Segment($"GE*{group.Ge[1] ?? Count(group.Sets.Count)}*{group.Ge[2] ?? group.Gs[5]}");
            }
        }
        _beforeIea.ForEach(Segment);
        if (!_ieaMissing)
        {
            Segment($"IEA*{_iea[1] ?? Count(_groups.Count)}*{_iea[2] ?? _isa[12]}");
        }
        return text.Append(_after).ToString();
    }

    /// <summary>Validates the interchange; the text must hold exactly one.</summary>
    public X12InterchangeResult Validate(X12ValidatorOptions? options = null) => Validate(ToString(), options);

    /// <summary>Validates <paramref name="text"/>, which must hold exactly one interchange.</summary>
    public static X12InterchangeResult Validate(string text, X12ValidatorOptions? options = null)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return new X12Validator(options).ValidateStream(stream).Single();
    }

    private static X12TestDocuments Create(string repetition, string version, string groupVersion)
    {
        var document = new X12TestDocuments(IsaFields(repetition, version));
        var group = new Group(GsFields("PO", "1", groupVersion));
        group.Sets.Add(new TransactionSet("850", "0001", null, [.. PurchaseOrderBody]));
        document._groups.Add(group);
        return document;
    }

    private static string[] IsaFields(string repetition, string version) =>
    [
        "00", "          ", "00", "          ", "ZZ", "SENDERID       ", "ZZ", "RECEIVERID     ",
        IsaDate, IsaTime, repetition, version, ControlNumber, "0", "P", ":",
    ];

    private static string[] GsFields(string functionalId, string controlNumber, string version) =>
        [functionalId, "SENDERAPP", "RECEIVERAPP", "20240115", "1200", controlNumber, "X", version];

    private List<string> Body(int group, int set) => _groups[group].Sets[set].Body;

    private static int IndexOf(List<string> body, string tag)
    {
        int i = body.FindIndex(s => s == tag || s.StartsWith(tag + "*", StringComparison.Ordinal));
        return i >= 0 ? i : throw new ArgumentException($"The document has no {tag} segment.", nameof(tag));
    }

    private static string Count(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private sealed class Group(string[] gs)
    {
        public string[] Gs { get; } = gs;

        public List<TransactionSet> Sets { get; } = [];

        public string?[] Ge { get; } = new string?[3];

        public bool HasTrailer { get; set; } = true;
    }

    private sealed record TransactionSet(string Type, string ControlNumber, string? ImplementationReference, List<string> Body)
    {
        public string?[] Se { get; } = new string?[3];

        public bool HasTrailer { get; init; } = true;
    }

    /// <summary>A clock stopped at 2024-03-05 14:30 UTC, so acknowledgments are the same on every run.</summary>
    internal sealed class FixedTimeProvider : TimeProvider
    {
        public static readonly DateTimeOffset Now = new(2024, 3, 5, 14, 30, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}

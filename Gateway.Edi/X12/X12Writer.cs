using System.Globalization;
using System.Text;

namespace Gateway.Edi.X12;

/// <summary>Writes X12 with chosen delimiters, generating ISA/GS/ST envelopes and their trailers.</summary>
/// <remarks>X12 has no escape character, so a value that contains a delimiter is refused with an
/// <see cref="ArgumentException"/> naming the segment and element. Segments read with the same
/// delimiters are copied byte for byte.</remarks>
public sealed partial class X12Writer : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly SegmentEncoder _encoder;
    private X12InterchangeEnvelope? _interchange;
    private X12GroupEnvelope? _group;
    private int _groupCount;
    private int _setCount;
    private string? _setControlNumber;
    private int _setSegments;

    /// <summary>Creates a writer; <paramref name="segmentSuffix"/> (for example <c>"\n"</c>) follows each terminator.</summary>
    public X12Writer(Stream stream, EdiDelimiters delimiters, string segmentSuffix = "", bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(delimiters);
        _stream = stream;
        Delimiters = delimiters;
        _encoder = new SegmentEncoder(delimiters, Encoding.UTF8, segmentSuffix);
        _leaveOpen = leaveOpen;
    }

    /// <summary>The delimiters written.</summary>
    public EdiDelimiters Delimiters { get; }

    /// <summary>Writes an ISA from <paramref name="envelope"/>; <see cref="EndInterchange"/> writes its IEA.</summary>
    public void BeginInterchange(X12InterchangeEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (_interchange is not null)
        {
            throw new InvalidOperationException("An interchange is already open; end it first.");
        }
        WriteSegment("ISA",
            "00", Pad("", 10), "00", Pad("", 10),
            Fixed(envelope.SenderQualifier, 2, "ISA05"), Fixed(envelope.SenderId, 15, "ISA06"),
            Fixed(envelope.ReceiverQualifier, 2, "ISA07"), Fixed(envelope.ReceiverId, 15, "ISA08"),
            envelope.Timestamp.ToString("yyMMdd", CultureInfo.InvariantCulture), envelope.Timestamp.ToString("HHmm", CultureInfo.InvariantCulture),
            "U", // ISA11 and ISA16 placeholders: WriteSegment writes the separators themselves.
            Fixed(envelope.Version, 5, "ISA12"), ControlNumber(envelope.ControlNumber, 9, "ISA13"),
            envelope.AcknowledgmentRequested ? "1" : "0", Fixed(envelope.UsageIndicator, 1, "ISA15"),
            ">");
        _interchange = envelope;
        _groupCount = 0;
    }

    /// <summary>Writes a GS; <see cref="EndGroup"/> writes its GE.</summary>
    public void BeginGroup(X12GroupEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (_interchange is null || _group is not null)
        {
            throw new InvalidOperationException("A group needs an open interchange and no open group.");
        }
        WriteSegment("GS", envelope.FunctionalId, envelope.SenderCode, envelope.ReceiverCode,
            envelope.Timestamp.ToString("yyyyMMdd", CultureInfo.InvariantCulture), envelope.Timestamp.ToString("HHmm", CultureInfo.InvariantCulture),
            envelope.ControlNumber.ToString(CultureInfo.InvariantCulture), "X", envelope.Version);
        _group = envelope;
        _setCount = 0;
        _groupCount++;
    }

    /// <summary>Writes ST, the body segments, and SE with the right count.</summary>
    /// <param name="type">ST01, for example <c>997</c>.</param>
    /// <param name="controlNumber">ST02: 4 to 9 characters, unique in the group.</param>
    /// <param name="body">The segments between ST and SE.</param>
    /// <param name="implementationReference">ST03 (005010 on), or null.</param>
    public void WriteTransactionSet(string type, string controlNumber, IEnumerable<Segment> body, string? implementationReference = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        BeginTransactionSet(type, controlNumber, implementationReference);
        foreach (Segment segment in body)
        {
            WriteSegment(segment);
        }
        EndTransactionSet();
    }

    /// <summary>Writes ST; the segments written until <see cref="EndTransactionSet"/> are counted into SE01.</summary>
    /// <remarks>For bodies too large to hold, such as the 997 for a group of a hundred thousand sets.</remarks>
    public void BeginTransactionSet(string type, string controlNumber, string? implementationReference = null)
    {
        if (controlNumber.Length is < 4 or > 9)
        {
            throw new ArgumentException($"ST02 '{controlNumber}' must be 4 to 9 characters.", nameof(controlNumber));
        }
        if (_setControlNumber is not null)
        {
            throw new InvalidOperationException($"Transaction set {_setControlNumber} is still open; end it first.");
        }
        WriteSegment("ST", type, controlNumber, implementationReference);
        _setControlNumber = controlNumber;
        _setSegments = 1;
    }

    /// <summary>Writes the SE of the open transaction set.</summary>
    public void EndTransactionSet()
    {
        string controlNumber = _setControlNumber ?? throw new InvalidOperationException("No transaction set is open.");
        WriteSegment("SE", (_setSegments + 1).ToString(CultureInfo.InvariantCulture), controlNumber);
        _setControlNumber = null;
        _setCount++;
    }

    /// <summary>Writes the GE for the open group.</summary>
    public void EndGroup()
    {
        X12GroupEnvelope group = _group ?? throw new InvalidOperationException("No group is open.");
        WriteSegment("GE", _setCount.ToString(CultureInfo.InvariantCulture), group.ControlNumber.ToString(CultureInfo.InvariantCulture));
        _group = null;
    }

    /// <summary>Writes the IEA for the open interchange.</summary>
    public void EndInterchange()
    {
        X12InterchangeEnvelope interchange = _interchange ?? throw new InvalidOperationException("No interchange is open.");
        if (_group is not null)
        {
            EndGroup();
        }
        WriteSegment("IEA", _groupCount.ToString(CultureInfo.InvariantCulture), ControlNumber(interchange.ControlNumber, 9, "ISA13"));
        _interchange = null;
        _stream.Flush();
    }

    /// <summary>Disposes the stream unless told to leave it open.</summary>
    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    private static string Pad(string value, int width) => value.PadRight(width);

    private static string Fixed(string value, int width, string name) =>
        value.Length <= width ? value.PadRight(width) : throw new ArgumentException($"{name} '{value}' is longer than its {width} characters.", nameof(value));

    private static string ControlNumber(long value, int digits, string name) =>
        value is >= 0 and <= 999_999_999 ? value.ToString(new string('0', digits), CultureInfo.InvariantCulture)
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"{name} must fit in {digits} digits.");
}

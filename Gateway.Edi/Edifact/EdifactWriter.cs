using System.Globalization;
using System.Text;

namespace Gateway.Edi.Edifact;

/// <summary>Writes EDIFACT: UNA when the delimiters are not the defaults, generated UNB/UNH with counted
/// UNT/UNZ, and values whose delimiters are freed with the release character.</summary>
/// <remarks>Segments read with the same delimiters are copied byte for byte, release characters included.</remarks>
public sealed class EdifactWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly SegmentEncoder _encoder;
    private readonly byte _decimalMark;
    private EdifactInterchangeEnvelope? _interchange;
    private string? _messageReference;
    private int _messageSegments;
    private int _messages;

    /// <summary>Creates a writer; <paramref name="segmentSuffix"/> (for example <c>"\n"</c>) follows each terminator.</summary>
    public EdifactWriter(Stream stream, EdiDelimiters delimiters, Encoding? encoding = null, string segmentSuffix = "", bool leaveOpen = false, byte decimalMark = (byte)'.')
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(delimiters);
        _stream = stream;
        _leaveOpen = leaveOpen;
        _decimalMark = decimalMark;
        _encoder = new SegmentEncoder(delimiters, encoding ?? Encoding.Latin1, segmentSuffix);
    }

    /// <summary>The syntax 3 defaults <c>:+.? '</c>, which need no UNA.</summary>
    public static EdiDelimiters DefaultDelimiters { get; } = new((byte)'+', (byte)':', (byte)'\'', release: (byte)'?');

    /// <summary>The syntax 4 defaults <c>:+.?*'</c>, which need no UNA in a syntax 4 interchange.</summary>
    public static EdiDelimiters DefaultDelimitersVersion4 { get; } = new((byte)'+', (byte)':', (byte)'\'', (byte)'*', (byte)'?');

    /// <summary>The delimiters written.</summary>
    public EdiDelimiters Delimiters => _encoder.Delimiters;

    /// <summary>Writes UNA, when needed, and UNB; <see cref="EndInterchange"/> writes UNZ.</summary>
    public void BeginInterchange(EdifactInterchangeEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (_interchange is not null)
        {
            throw new InvalidOperationException("An interchange is already open; end it first.");
        }
        bool v4 = envelope.SyntaxVersion == "4";
        // Without UNA a reader assumes the defaults of the syntax version, which in 4 include '*' for repetition.
        if (Delimiters != (v4 ? DefaultDelimitersVersion4 : DefaultDelimiters) || _decimalMark != (byte)'.')
        {
            WriteServiceStringAdvice();
        }
        var unb = new SegmentListBuilder(EdiDelimiters.Internal, encoding: _encoder.Encoding);
        unb.Add("UNB",
            unb.AddComposite(envelope.SyntaxIdentifier, envelope.SyntaxVersion),
            unb.AddComposite(envelope.SenderId, envelope.SenderQualifier),
            unb.AddComposite(envelope.RecipientId, envelope.RecipientQualifier),
            unb.AddComposite(envelope.Timestamp.ToString(v4 ? "yyyyMMdd" : "yyMMdd", CultureInfo.InvariantCulture), envelope.Timestamp.ToString("HHmm", CultureInfo.InvariantCulture)),
            envelope.ControlReference, null, null, null,
            envelope.AcknowledgmentRequested ? "1" : null, null,
            envelope.IsTest ? "1" : null);
        WriteSegment(unb.Build()[0]);
        _interchange = envelope;
        _messages = 0;
    }

    /// <summary>Writes UNH; the segments until <see cref="EndMessage"/> are counted into UNT.</summary>
    /// <param name="reference">UNH 0062, unique in the interchange.</param>
    /// <param name="identifier">S009 parts: type, version, release, agency and an optional association code.</param>
    public void BeginMessage(string reference, params ReadOnlySpan<string?> identifier)
    {
        if (_interchange is null || _messageReference is not null)
        {
            throw new InvalidOperationException("A message needs an open interchange and no open message.");
        }
        var unh = new SegmentListBuilder(EdiDelimiters.Internal, encoding: _encoder.Encoding);
        unh.Add("UNH", reference, unh.AddComposite(identifier));
        _messageReference = reference;
        _messageSegments = 0;
        WriteSegment(unh.Build()[0]);
    }

    /// <summary>Writes the UNT of the open message.</summary>
    public void EndMessage()
    {
        string reference = _messageReference ?? throw new InvalidOperationException("No message is open.");
        WriteSegment("UNT", (_messageSegments + 1).ToString(CultureInfo.InvariantCulture), reference);
        _messageReference = null;
        _messages++;
    }

    /// <summary>Writes the UNZ of the open interchange.</summary>
    public void EndInterchange()
    {
        EdifactInterchangeEnvelope interchange = _interchange ?? throw new InvalidOperationException("No interchange is open.");
        if (_messageReference is not null)
        {
            EndMessage();
        }
        WriteSegment("UNZ", _messages.ToString(CultureInfo.InvariantCulture), interchange.ControlReference);
        _interchange = null;
        _stream.Flush();
    }

    /// <summary>Writes a segment from its tag and simple element values, escaping delimiters in them.</summary>
    public void WriteSegment(string tag, params ReadOnlySpan<string?> elements)
    {
        var builder = new SegmentListBuilder(EdiDelimiters.Internal, encoding: _encoder.Encoding);
        builder.Add(tag, elements);
        WriteSegment(builder.Build()[0]);
    }

    /// <summary>Writes a segment read or built elsewhere, translating its delimiters and escaping values.</summary>
    public void WriteSegment(Segment segment)
    {
        string tag = segment.Tag;
        _encoder.Begin(tag);
        // A segment read with these delimiters is copied as received, escapes included; anything else is re-encoded.
        if (segment.Delimiters == Delimiters && segment.WasRead && segment.Encoding.Equals(_encoder.Encoding))
        {
            _encoder.Append(segment.Text[segment.TagSpan.Length..]);
        }
        else
        {
            for (int i = 1; i <= segment.ElementCount; i++)
            {
                _encoder.Append(Delimiters.Element);
                _encoder.AppendElement(segment.GetSpan(i), segment.Delimiters, segment.Encoding, sourceEscaped: segment.WasRead, tag, i);
            }
        }
        _encoder.Flush(_stream);
        _messageSegments++;
    }

    /// <summary>Writes UNA with this writer's service characters.</summary>
    public void WriteServiceStringAdvice()
    {
        _encoder.Begin("UNA");
        _encoder.Append([Delimiters.Component, Delimiters.Element, _decimalMark, Delimiters.Release ?? (byte)' ', Delimiters.Repetition ?? (byte)' ']);
        _encoder.Flush(_stream);
    }

    /// <summary>Disposes the stream unless told to leave it open.</summary>
    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }
}

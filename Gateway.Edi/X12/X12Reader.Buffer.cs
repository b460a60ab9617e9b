namespace Gateway.Edi.X12;

// The byte side of X12Reader: the sliding buffer over the stream, and keeping segments past the next read.
public sealed partial class X12Reader
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private byte[] _buffer;
    private int _pos;
    private int _end;
    private long _bufferOffset;
    private bool _eof;
    private int _fileSegmentIndex;
    private long _lastSegmentEnd;
    private byte[] _terminatorTail = [];
    private byte[] _scratch = new byte[256];
    private ElementBounds[] _bounds = new ElementBounds[32];
    private bool _layoutReported;
    private readonly SegmentListBuilder _keepBuilder = new(EdiDelimiters.X12Default, 256);
    private SegmentListBuilder? _envelopeBuilder;
    private bool Fill()
    {
        if (_eof)
        {
            return false;
        }
        if (_pos > 0)
        {
            _buffer.AsSpan(_pos, _end - _pos).CopyTo(_buffer);
            _bufferOffset += _pos;
            _end -= _pos;
            _pos = 0;
        }
        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
            return false;
        }
        _end += read;
        return true;
    }

    private void Rewind(RawSegment raw)
    {
        _pos = raw.BufferStart;
        _fileSegmentIndex--;
    }

    private Segment Keep(RawSegment raw)
    {
        SegmentListBuilder builder = _envelopeBuilder ?? _keepBuilder;
        builder.Clear();
        builder.AddRead(raw.Text, raw.Bounds, raw.BytePosition, raw.FileSegmentIndex);
        return builder.Build()[0];
    }

    private static void Add(SegmentListBuilder builder, RawSegment raw) =>
        builder.AddRead(raw.Text, raw.Bounds, raw.BytePosition, raw.FileSegmentIndex);

    /// <summary>A segment cut from the buffer; valid until the next read.</summary>
    private readonly ref struct RawSegment(ReadOnlySpan<byte> text, ReadOnlySpan<ElementBounds> bounds, long bytePosition, int fileSegmentIndex, int bufferStart)
    {
        public ReadOnlySpan<byte> Text { get; } = text;

        public ReadOnlySpan<ElementBounds> Bounds { get; } = bounds;

        public long BytePosition { get; } = bytePosition;

        public int FileSegmentIndex { get; } = fileSegmentIndex;

        public int BufferStart { get; } = bufferStart;

        public int Length => Text.Length;

        public string Tag => SegmentTags.Get(Element(0));

        public ReadOnlySpan<byte> Element(int position) =>
            position < Bounds.Length ? Text.Slice(Bounds[position].Start, Bounds[position].Length) : default;
    }
}

namespace Gateway.Edi.X12;

// Keeping segments past the next read: envelopes in small lists of their own, sets in the set builder.
public sealed partial class X12Reader
{
    private readonly EdiSegmentScanner _scanner;
    private readonly SegmentListBuilder _keepBuilder = new(EdiDelimiters.X12Default, 256);
    private SegmentListBuilder? _envelopeBuilder;

    private Segment Keep(EdiRawSegment raw)
    {
        SegmentListBuilder builder = _envelopeBuilder ?? _keepBuilder;
        builder.Clear();
        builder.AddRead(raw.Text, raw.Bounds, raw.BytePosition, raw.FileSegmentIndex, raw.Clean);
        return builder.Build()[0];
    }

    private static void Add(SegmentListBuilder builder, EdiRawSegment raw) =>
        builder.AddRead(raw.Text, raw.Bounds, raw.BytePosition, raw.FileSegmentIndex, raw.Clean);
}

using System.Buffers;

namespace Gateway.Edi.Validation;

/// <summary>One document to validate, with the envelope references its issues carry.</summary>
/// <param name="Segments">ST to SE, or UNH to UNT.</param>
/// <param name="HasTrailer">Whether the last segment is the trailer (the reader reported it missing otherwise).</param>
/// <param name="InterchangeReference">ISA13 or UNB 0020.</param>
/// <param name="GroupReference">GS06 or UNG 0048, when there is a group.</param>
/// <param name="DocumentReference">ST02 or UNH 0062.</param>
/// <param name="Repertoire">For EDIFACT levels A and B, the bytes values may hold (delimiters and release included); null when not restricted.</param>
/// <param name="CommaDecimalMark">Whether numbers may use a comma as decimal mark (EDIFACT).</param>
internal sealed record DocumentContext(SegmentList Segments, bool HasTrailer, string? InterchangeReference, string? GroupReference, string? DocumentReference,
    SearchValues<byte>? Repertoire = null, bool CommaDecimalMark = false);

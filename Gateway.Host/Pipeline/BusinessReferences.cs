using Gateway.Edi;

namespace Gateway.Host.Pipeline;

/// <summary>The business number of a document that support staff search by: PO, ship notice, invoice or order number.</summary>
internal static class BusinessReferences
{
    /// <summary>BEG03 (850), BAK03 (855), BSN02 (856), BIG02 (810), W0502 (940), W0602 (945); null when absent.</summary>
    public static string? OfX12(string type, SegmentList segments) => type switch
    {
        "850" => Find(segments, "BEG", 3),
        "855" => Find(segments, "BAK", 3),
        "856" => Find(segments, "BSN", 2),
        "810" => Find(segments, "BIG", 2),
        "940" => Find(segments, "W05", 2),
        "945" => Find(segments, "W06", 2),
        _ => null,
    };

    /// <summary>The document number of BGM (1004), whatever the message type.</summary>
    public static string? OfEdifact(SegmentList segments)
    {
        for (int i = 0; i < segments.Count && i < 4; i++)
        {
            var segment = segments[i];
            if (segment.Tag == "BGM" && segment.Has(2))
            {
                string value = segment.GetComponents(2)[0];
                return value.Length == 0 ? null : value;
            }
        }
        return null;
    }

    private static string? Find(SegmentList segments, string tag, int position)
    {
        for (int i = 0; i < segments.Count && i < 6; i++)
        {
            var segment = segments[i];
            if (segment.Tag == tag)
            {
                return segment.Has(position) ? segment[position] : null;
            }
        }
        return null;
    }
}

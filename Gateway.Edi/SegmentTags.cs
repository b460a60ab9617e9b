using System.Collections.Concurrent;
using System.Text;

namespace Gateway.Edi;

/// <summary>Interned segment tags, so that reading a million segments does not allocate a million tag strings.</summary>
internal static class SegmentTags
{
    private static readonly ConcurrentDictionary<int, string> Cache = new();

    public static string Get(ReadOnlySpan<byte> tag)
    {
        if (tag.Length is 0 or > 3)
        {
            return Encoding.UTF8.GetString(tag);
        }
        int key = tag.Length;
        foreach (byte b in tag)
        {
            key = (key << 8) | b;
        }
        if (Cache.TryGetValue(key, out string? value))
        {
            return value;
        }
        value = Encoding.Latin1.GetString(tag);
        return Cache.Count < 4096 ? Cache.GetOrAdd(key, value) : value;
    }
}

using System.Collections.Concurrent;
using System.Text;

namespace Gateway.Edi;

/// <summary>Interned segment tags, so that reading a million segments does not allocate a million tag strings.</summary>
/// <remarks>Every tag of the shape [A-Z0-9]{2,3} is interned, so schema lookups may compare references.</remarks>
internal static class SegmentTags
{
    private static readonly ConcurrentDictionary<int, string> Cache = new();

    /// <summary>The interned instance of <paramref name="tag"/>: equal tags of up to three bytes are the same object,
    /// so schema lookups compare references.</summary>
    public static string Intern(string tag) => Get(Encoding.Latin1.GetBytes(tag));

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
        // Only the shape of a real tag is kept, so the cache is bounded (36^3 + 36^2) however much garbage arrives.
        return IsTagShape(tag) ? Cache.GetOrAdd(key, value) : value;
    }

    private static bool IsTagShape(ReadOnlySpan<byte> tag)
    {
        foreach (byte b in tag)
        {
            if (!char.IsAsciiLetterUpper((char)b) && !char.IsAsciiDigit((char)b))
            {
                return false;
            }
        }
        return tag.Length >= 2;
    }
}

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

    /// <summary>A tag of up to three bytes packed into an int (length and bytes); 0 for any other length.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static int Key(ReadOnlySpan<byte> tag) => tag.Length switch
    {
        2 => (2 << 24) | (tag[0] << 8) | tag[1],
        3 => (3 << 24) | (tag[0] << 16) | (tag[1] << 8) | tag[2],
        1 => (1 << 24) | tag[0],
        _ => 0,
    };

    /// <summary>The key of a tag given as a string, for schema tables.</summary>
    public static int Key(string tag) => Key(Encoding.Latin1.GetBytes(tag));

    public static string Get(ReadOnlySpan<byte> tag)
    {
        int key = Key(tag);
        if (key == 0)
        {
            return Encoding.UTF8.GetString(tag);
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

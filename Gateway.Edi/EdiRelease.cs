namespace Gateway.Edi;

/// <summary>The release character (EDIFACT's escape): "O?'BRIEN" is the value O'BRIEN.</summary>
internal static class EdiRelease
{
    /// <summary><paramref name="value"/> without its release characters; the same span when there are none.</summary>
    public static ReadOnlySpan<byte> Unescape(ReadOnlySpan<byte> value, byte? release)
    {
        if (release is not byte r || value.IndexOf(r) < 0)
        {
            return value;
        }
        var plain = new byte[value.Length];
        int n = 0;
        for (int i = 0; i < value.Length; i++)
        {
            if (value[i] == r && i + 1 < value.Length)
            {
                i++;
            }
            plain[n++] = value[i];
        }
        return plain.AsSpan(0, n);
    }
}

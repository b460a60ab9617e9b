using System.Globalization;

namespace Gateway.Edi.X12;

/// <summary>Control numbers as they almost always are, up to 18 digits, packed with their length into a
/// number: "0001" and "1" stay apart, and no string is kept per document.</summary>
internal static class X12ControlNumberKey
{
    /// <summary>The key of <paramref name="controlNumber"/>, or -1 when it is not 1 to 18 digits.</summary>
    public static long Of(string controlNumber)
    {
        if (controlNumber.Length is 0 or > 18 || controlNumber.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            return -1;
        }
        return (long.Parse(controlNumber, CultureInfo.InvariantCulture) << 5) | (long)controlNumber.Length;
    }

    /// <summary>The control number a key stands for; <paramref name="text"/> when there is no key.</summary>
    public static string Text(long key, string? text) =>
        key < 0 ? text! : (key >> 5).ToString(CultureInfo.InvariantCulture).PadLeft((int)(key & 31), '0');
}

/// <summary>Control numbers seen so far in a group or interchange, for the uniqueness rules (AK502 23, AK905 19).</summary>
internal sealed class X12ControlNumberSet
{
    private readonly HashSet<long> _keys = [];
    private readonly HashSet<string> _others = new(StringComparer.Ordinal);

    /// <summary>Adds <paramref name="controlNumber"/>; false when it was there already.</summary>
    public bool Add(string controlNumber)
    {
        long key = X12ControlNumberKey.Of(controlNumber);
        return key >= 0 ? _keys.Add(key) : _others.Add(controlNumber);
    }

    public void Clear()
    {
        _keys.Clear();
        _others.Clear();
    }
}

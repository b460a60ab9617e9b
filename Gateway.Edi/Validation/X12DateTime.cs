namespace Gateway.Edi.Validation;

/// <summary>The X12 date (CCYYMMDD or YYMMDD) and time (HHMM[SS[d..]]) formats.</summary>
internal static class X12DateTime
{
    public static bool IsDate(ReadOnlySpan<byte> value)
    {
        if (value.Length is not (6 or 8) || !AllDigits(value))
        {
            return false;
        }
        int year = value.Length == 8 ? Number(value[..4]) : 2000 + Number(value[..2]);
        int month = Number(value.Slice(value.Length - 4, 2));
        int day = Number(value.Slice(value.Length - 2, 2));
        return year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
    }

    public static bool IsTime(ReadOnlySpan<byte> value)
    {
        if (value.Length is < 4 or > 8 || value.Length == 5 || !AllDigits(value))
        {
            return false;
        }
        return Number(value[..2]) <= 23 && Number(value.Slice(2, 2)) <= 59 && (value.Length < 6 || Number(value.Slice(4, 2)) <= 59);
    }

    private static bool AllDigits(ReadOnlySpan<byte> value) => value.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0;

    private static int Number(ReadOnlySpan<byte> digits)
    {
        int n = 0;
        foreach (byte b in digits)
        {
            n = (n * 10) + (b - '0');
        }
        return n;
    }
}

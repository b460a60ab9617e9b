using System.Globalization;

namespace Gateway.Host.Shipments;

/// <summary>
/// SSCC-18 carton ids (GS1 General Specifications 2.2.1): extension digit, our GS1 company prefix, a serial
/// reference filling 16 digits, and the mod-10 check digit, so cartons a 3PL left unlabelled can still be named.
/// </summary>
internal static class Sscc
{
    /// <summary>The extension digit of every SSCC we make; GS1 leaves its use to the company.</summary>
    public const char ExtensionDigit = '0';

    /// <summary>Null when <paramref name="prefix"/> can start an SSCC, else why not.</summary>
    public static string? CheckPrefix(string prefix) =>
        prefix.Length is >= 7 and <= 10 && prefix.All(char.IsAsciiDigit)
            ? null
            : $"Gateway:Orders:Gs1CompanyPrefix must be 7 to 10 digits (GS1 company prefix), not '{prefix}'";

    /// <summary>The largest serial reference that fits beside <paramref name="prefix"/>.</summary>
    public static long MaxSerial(string prefix)
    {
        long limit = 1;
        for (int i = prefix.Length; i < 16; i++)
        {
            limit *= 10;
        }
        return limit - 1;
    }

    /// <summary>The SSCC-18 of carton <paramref name="serial"/> under <paramref name="prefix"/>.</summary>
    public static string Create(string prefix, long serial)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(serial);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(serial, MaxSerial(prefix));
        string body = ExtensionDigit + prefix + serial.ToString(CultureInfo.InvariantCulture).PadLeft(16 - prefix.Length, '0');
        return body + CheckDigit(body);
    }

    /// <summary>The GS1 mod-10 check digit of <paramref name="digits"/>: weights 3 and 1 alternating from the right.</summary>
    public static char CheckDigit(string digits)
    {
        int sum = 0;
        for (int i = 0; i < digits.Length; i++)
        {
            int digit = digits[digits.Length - 1 - i] - '0';
            sum += i % 2 == 0 ? 3 * digit : digit;
        }
        return (char)('0' + ((10 - (sum % 10)) % 10));
    }

    /// <summary>Whether <paramref name="sscc"/> is 18 digits with a correct check digit.</summary>
    public static bool IsValid(string sscc) =>
        sscc.Length == 18 && sscc.All(char.IsAsciiDigit) && CheckDigit(sscc[..17]) == sscc[17];
}

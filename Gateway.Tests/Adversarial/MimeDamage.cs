using System.Text;
using Gateway.Tests.Support;

namespace Gateway.Tests.Adversarial;

/// <summary>
/// Damage aimed at MIME entities and the CMS inside them: enormous or nameless header lines, missing, nested or
/// unterminated boundaries, a wrong Content-Transfer-Encoding, base64 garbage, truncated or bit-flipped DER with
/// lengths that promise gigabytes.
/// </summary>
internal static class MimeDamage
{
    private static readonly string[] ContentTypes =
    [
        "multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=sha-256; boundary=\"b\"",
        "multipart/signed; boundary=",
        "multipart/signed; boundary=\"unterminated",
        "multipart/signed",
        "application/pkcs7-mime; smime-type=enveloped-data",
        "application/pkcs7-mime; smime-type=compressed-data",
        "application/pkcs7-mime; smime-type=signed-data",
        "application/x-pkcs7-mime",
        "multipart/report; report-type=disposition-notification; boundary=\"r\"",
        "text/plain; charset=utf-7",
        "application/edi-x12; name=\"../../etc/passwd\"",
        "multipart/mixed; boundary=\"" + new string('b', 2000) + "\"",
        ";;;===\"\"",
        "",
    ];

    private static readonly string[] TransferEncodings = ["base64", "binary", "quoted-printable", "7bit", "x-uuencode", "BASE64 ", "base64; x=1", "", "8bit\r\n\tbase64"];

    private static readonly (string Name, Func<byte[], Random, byte[]> Apply)[] Operations =
    [
        ("bytes", Mutations.Apply),
        ("huge-header", (data, random) => Insert(data, 0, Encoding.ASCII.GetBytes("X-Long: " + new string('h', random.Next(2) == 0 ? 8_000 : 60_000) + "\r\n"))),
        ("nameless-header", (data, random) => Insert(data, 0, random.Next(2) == 0 ? ": no name\r\n"u8 : "no colon at all\r\n"u8)),
        ("folded-header", (data, random) => Insert(data, 0, "Content-Type: multipart/signed;\r\n\tboundary=\"f\"\r\n \r\n"u8)),
        ("content-type", ContentType),
        ("transfer-encoding", TransferEncoding),
        ("no-blank-line", (data, _) => Replace(data, "\r\n\r\n", "\r\n")),
        ("lf-only", (data, _) => Replace(data, "\r\n", "\n")),
        ("boundary", Boundary),
        ("base64-garbage", Base64Garbage),
        ("der", (data, random) => Der(data, random)),
        ("truncate", (data, random) => data[..random.Next(data.Length + 1)]),
        ("duplicate", (data, random) => random.Next(2) == 0 ? [.. data, .. data] : Insert(data, random.Next(data.Length + 1), data.AsSpan(0, Math.Min(data.Length, random.Next(1, 400))))),
        ("nul-bytes", (data, random) => Insert(data, random.Next(data.Length + 1), [0, 0, 0, 0])),
    ];

    /// <summary>One to three kinds of damage on <paramref name="entity"/>.</summary>
    public static (string Name, byte[] Entity) Apply(byte[] entity, Random random)
    {
        var names = new List<string>();
        for (int steps = random.Next(1, 4); steps > 0; steps--)
        {
            var (name, apply) = Operations[random.Next(Operations.Length)];
            names.Add(name);
            entity = apply(entity, random);
            if (entity.Length > FuzzSettings.MaxInputBytes)
            {
                entity = entity[..FuzzSettings.MaxInputBytes];
            }
        }
        return (string.Join('+', names), entity);
    }

    /// <summary>DER damage: truncation, bit flips, a length byte made enormous or indefinite, a tag changed.</summary>
    public static byte[] Der(byte[] der, Random random)
    {
        if (der.Length == 0)
        {
            return der;
        }
        byte[] copy = (byte[])der.Clone();
        switch (random.Next(6))
        {
            case 0:
                return copy[..random.Next(copy.Length)];
            case 1:
                for (int i = random.Next(1, 8); i > 0; i--)
                {
                    copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
                }
                return copy;
            case 2:
                // A long-form length that claims 4 GiB, or the indefinite form.
                int at = random.Next(Math.Min(copy.Length, 64));
                return random.Next(2) == 0 ? [.. copy[..at], 0x84, 0xFF, 0xFF, 0xFF, 0xF0, .. copy[Math.Min(copy.Length, at + 1)..]] : [.. copy[..at], 0x80, .. copy[Math.Min(copy.Length, at + 1)..]];
            case 3:
                copy[random.Next(Math.Min(copy.Length, 64))] = (byte)random.Next(256);
                return copy;
            case 4:
                return [.. copy, .. copy[..random.Next(copy.Length)]];
            default:
                int from = random.Next(copy.Length);
                return [.. copy[..from], .. new byte[random.Next(1, 300)], .. copy[from..]];
        }
    }

    private static byte[] ContentType(byte[] data, Random random)
    {
        string text = Encoding.Latin1.GetString(data);
        string type = ContentTypes[random.Next(ContentTypes.Length)];
        int at = text.IndexOf("Content-Type:", StringComparison.OrdinalIgnoreCase);
        if (at < 0 || random.Next(4) == 0)
        {
            return Encoding.Latin1.GetBytes("Content-Type: " + type + "\r\n" + text);
        }
        int end = text.IndexOf('\n', at);
        return Encoding.Latin1.GetBytes(text[..at] + "Content-Type: " + type + "\r" + (end < 0 ? "" : text[end..]));
    }

    private static byte[] TransferEncoding(byte[] data, Random random)
    {
        string text = Encoding.Latin1.GetString(data);
        string encoding = TransferEncodings[random.Next(TransferEncodings.Length)];
        int at = text.IndexOf("Content-Transfer-Encoding:", StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return Encoding.Latin1.GetBytes("Content-Transfer-Encoding: " + encoding + "\r\n" + text);
        }
        int end = text.IndexOf('\n', at);
        return Encoding.Latin1.GetBytes(text[..at] + "Content-Transfer-Encoding: " + encoding + "\r" + (end < 0 ? "" : text[end..]));
    }

    // Boundary lines removed, repeated, nested, or never closed.
    private static byte[] Boundary(byte[] data, Random random)
    {
        string text = Encoding.Latin1.GetString(data);
        int quote = text.IndexOf("boundary=\"", StringComparison.OrdinalIgnoreCase);
        string boundary = quote < 0 ? "b" : text[(quote + 10)..Math.Max(quote + 10, text.IndexOf('"', quote + 10))];
        string delimiter = "--" + boundary;
        return Encoding.Latin1.GetBytes(random.Next(6) switch
        {
            0 => text.Replace(delimiter + "--", delimiter, StringComparison.Ordinal),
            1 => text.Replace(delimiter + "--", "", StringComparison.Ordinal),
            2 => text.Replace(delimiter + "\r\n", delimiter + "\r\n" + delimiter + "\r\n", StringComparison.Ordinal),
            3 => text.Replace(delimiter + "\r\n", delimiter + "\r\nContent-Type: multipart/signed; boundary=\"" + boundary + "\"\r\n\r\n" + delimiter + "\r\n", StringComparison.Ordinal),
            4 => text.Replace(delimiter, "--" + boundary[..(boundary.Length / 2)], StringComparison.Ordinal),
            _ => text + "\r\n" + delimiter + "\r\n" + delimiter + "--\r\n" + delimiter + "--\r\n",
        });
    }

    private static byte[] Base64Garbage(byte[] data, Random random)
    {
        int body = data.AsSpan().IndexOf("\r\n\r\n"u8);
        int at = body < 0 ? random.Next(data.Length + 1) : body + 4 + random.Next(Math.Max(1, data.Length - body - 4));
        at = Math.Min(at, data.Length);
        string[] garbage = ["====", "!!@@##", "A", "AB=CD", "\u00ff\u00fe", new string('=', 500), "-----BEGIN PKCS7-----", "\r\n\r\n\r\n"];
        return Insert(data, at, Encoding.Latin1.GetBytes(garbage[random.Next(garbage.Length)]));
    }

    private static byte[] Replace(byte[] data, string from, string to) => Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(data).Replace(from, to, StringComparison.Ordinal));

    private static byte[] Insert(byte[] data, int at, ReadOnlySpan<byte> bytes) => [.. data.AsSpan(0, at), .. bytes, .. data.AsSpan(at)];
}

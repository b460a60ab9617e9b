using System.Text;
using MimeKit;
using MimeKit.Encodings;

namespace Gateway.Host.Transports.As2;

/// <summary>
/// MIME at the byte level, where AS2 needs exact bytes: a signature and a MIC cover the signed part exactly as it
/// travelled, so the parts of a multipart/signed are cut from the raw bytes rather than re-serialised by a parser.
/// </summary>
internal static class MimeBytes
{
    /// <summary>An entity: its headers (names lower-case, folded lines joined) and where its body starts.</summary>
    public sealed record Entity(IReadOnlyDictionary<string, string> Headers, ReadOnlyMemory<byte> Raw, int BodyOffset)
    {
        public ReadOnlyMemory<byte> Body => Raw[BodyOffset..];

        public ContentType ContentType => ContentType.TryParse(Headers.GetValueOrDefault("content-type") ?? "text/plain", out var type) ? type : new ContentType("text", "plain");

        public string? TransferEncoding => Headers.GetValueOrDefault("content-transfer-encoding")?.Trim().ToLowerInvariant();

        /// <summary>The body with its Content-Transfer-Encoding undone.</summary>
        public byte[] DecodedBody() => Decode(Body.Span, TransferEncoding);
    }

    /// <summary>Reads the header block of <paramref name="raw"/> (CRLF or bare LF line ends).</summary>
    public static Entity Read(ReadOnlyMemory<byte> raw)
    {
        var span = raw.Span;
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        string? name = null;
        var value = new StringBuilder();
        int position = 0;
        while (position < span.Length)
        {
            int end = span[position..].IndexOf((byte)'\n');
            int next = end < 0 ? span.Length : position + end + 1;
            var line = span[position..(end < 0 ? span.Length : position + end)];
            if (line.Length > 0 && line[^1] == '\r')
            {
                line = line[..^1];
            }
            position = next;
            if (line.Length == 0)
            {
                break;
            }
            if (line[0] is (byte)' ' or (byte)'\t' && name is not null)
            {
                value.Append(' ').Append(Encoding.Latin1.GetString(line).Trim());
                continue;
            }
            Add(headers, name, value);
            int colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                throw new FormatException($"a MIME header line has no name ('{Encoding.Latin1.GetString(line[..Math.Min(line.Length, 40)])}')");
            }
            name = Encoding.Latin1.GetString(line[..colon]).Trim().ToLowerInvariant();
            value.Clear().Append(Encoding.Latin1.GetString(line[(colon + 1)..]).Trim());
        }
        Add(headers, name, value);
        return new Entity(headers, raw, position);
    }

    /// <summary>
    /// The body parts of a multipart body, byte-exact: each part runs from the line after its boundary line to the
    /// line end before the next boundary line (that line end belongs to the boundary, RFC 2046 §5.1.1).
    /// </summary>
    public static IReadOnlyList<ReadOnlyMemory<byte>> Parts(ReadOnlyMemory<byte> body, string boundary)
    {
        var span = body.Span;
        byte[] delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var parts = new List<ReadOnlyMemory<byte>>();
        int partStart = -1;
        int position = 0;
        while (position <= span.Length)
        {
            int found = span[position..].IndexOf(delimiter);
            if (found < 0)
            {
                break;
            }
            int at = position + found;
            bool atLineStart = at == 0 || span[at - 1] == '\n';
            if (!atLineStart)
            {
                position = at + delimiter.Length;
                continue;
            }
            if (partStart >= 0)
            {
                int end = at - 1;
                if (end > partStart && span[end - 1] == '\r')
                {
                    end--;
                }
                parts.Add(body[partStart..Math.Max(partStart, end)]);
            }
            int after = at + delimiter.Length;
            if (after + 1 < span.Length && span[after] == '-' && span[after + 1] == '-')
            {
                return parts;
            }
            int lineEnd = span[after..].IndexOf((byte)'\n');
            if (lineEnd < 0)
            {
                break;
            }
            partStart = after + lineEnd + 1;
            position = partStart;
        }
        throw new FormatException($"the multipart body has no closing boundary '--{boundary}--'");
    }

    /// <summary>Undoes a Content-Transfer-Encoding: base64 and quoted-printable are decoded, anything else is taken as binary.</summary>
    public static byte[] Decode(ReadOnlySpan<byte> body, string? transferEncoding)
    {
        IMimeDecoder? decoder = transferEncoding switch
        {
            "base64" => new Base64Decoder(),
            "quoted-printable" => new QuotedPrintableDecoder(),
            _ => null,
        };
        if (decoder is null)
        {
            return body.ToArray();
        }
        byte[] input = body.ToArray();
        byte[] output = new byte[decoder.EstimateOutputLength(input.Length)];
        int length = decoder.Decode(input, 0, input.Length, output);
        return output.AsSpan(0, length).ToArray();
    }

    /// <summary>An entity from header lines and a body, with CRLF line ends as on the wire.</summary>
    public static byte[] Compose(IEnumerable<(string Name, string Value)> headers, ReadOnlySpan<byte> body)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in headers)
        {
            text.Append(name).Append(": ").Append(value).Append("\r\n");
        }
        text.Append("\r\n");
        byte[] head = Encoding.Latin1.GetBytes(text.ToString());
        byte[] entity = new byte[head.Length + body.Length];
        head.CopyTo(entity, 0);
        body.CopyTo(entity.AsSpan(head.Length));
        return entity;
    }

    /// <summary>Base64 in lines of 76 characters, CRLF-separated, as MIME writes it.</summary>
    public static byte[] Base64Lines(ReadOnlySpan<byte> data)
    {
        string base64 = Convert.ToBase64String(data);
        var text = new StringBuilder(base64.Length + (base64.Length / 76 * 2) + 2);
        for (int i = 0; i < base64.Length; i += 76)
        {
            text.Append(base64, i, Math.Min(76, base64.Length - i)).Append("\r\n");
        }
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    private static void Add(Dictionary<string, string> headers, string? name, StringBuilder value)
    {
        if (name is not null)
        {
            headers.TryAdd(name, value.ToString());
        }
    }
}

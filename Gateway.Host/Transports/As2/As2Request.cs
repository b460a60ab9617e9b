namespace Gateway.Host.Transports.As2;

/// <summary>An AS2 POST as the partner listener read it: headers (names lower-case) and the whole body.</summary>
internal sealed record As2Request(IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out string? value) && value.Length > 0 ? value : null;

    /// <summary>AS2-From or AS2-To without the quotes RFC 4130 allows around names with spaces.</summary>
    public string? As2Name(string header) => Header(header) is { } value ? Unquote(value.Trim()) : null;

    /// <summary>The body as a MIME entity: AS2 carries the top MIME headers as HTTP headers.</summary>
    public byte[] Entity()
    {
        var headers = new List<(string, string)> { ("Content-Type", Header("content-type") ?? "application/octet-stream") };
        if (Header("content-transfer-encoding") is { } encoding)
        {
            headers.Add(("Content-Transfer-Encoding", encoding));
        }
        if (Header("content-disposition") is { } disposition)
        {
            headers.Add(("Content-Disposition", disposition));
        }
        return MimeBytes.Compose(headers, Body);
    }

    /// <summary>Whether the sender asked for a receipt (Disposition-Notification-To).</summary>
    public bool WantsMdn => Header("disposition-notification-to") is not null;

    /// <summary>Whether the sender asked for a signed receipt (signed-receipt-protocol with pkcs7-signature).</summary>
    public bool WantsSignedMdn => Option("signed-receipt-protocol").Any(v => v.Equals("pkcs7-signature", StringComparison.OrdinalIgnoreCase));

    /// <summary>The MIC algorithms the sender accepts, in its order of preference (signed-receipt-micalg).</summary>
    public IReadOnlyList<string> MicAlgs => Option("signed-receipt-micalg");

    /// <summary>The URL for an asynchronous MDN (Receipt-Delivery-Option), if the sender asked for one.</summary>
    public string? ReceiptDeliveryOption => Header("receipt-delivery-option")?.Trim();

    /// <summary>
    /// Why the Message-ID is refused, or null when it is usable: present, at most 998 characters, no spaces or control
    /// characters (draft-ietf-ediint-rfc4130bis §5.3.3).
    /// </summary>
    public string? MessageIdProblem()
    {
        string? id = Headers.GetValueOrDefault("message-id");
        return id is null || id.Trim().Length == 0 ? "the message has no Message-ID header"
            : id.Length > 998 ? $"the Message-ID is {id.Length} characters long; at most 998 are allowed"
            : id.Any(c => c <= ' ' || c == 0x7F) ? "the Message-ID contains spaces or control characters"
            : !(id.StartsWith('<') && id.EndsWith('>') && id.Contains('@', StringComparison.Ordinal)) ? "the Message-ID is not of the form <left@right>"
            : null;
    }

    // Disposition-Notification-Options: "signed-receipt-protocol=optional, pkcs7-signature; signed-receipt-micalg=optional, sha-256, sha1"
    private List<string> Option(string name)
    {
        foreach (string parameter in (Header("disposition-notification-options") ?? "").Split(';'))
        {
            int equals = parameter.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && parameter[..equals].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return parameter[(equals + 1)..].Split(',').Skip(1).Select(v => v.Trim()).Where(v => v.Length > 0).ToList();
            }
        }
        return [];
    }

    private static string Unquote(string value) => value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal) : value;
}

namespace Gateway.Host.Transports.As2;

/// <summary>What the partner listener answers: an HTTP status, headers and a body (the MDN, or nothing).</summary>
internal sealed record As2Response(int Status, IReadOnlyList<(string Name, string Value)> Headers, byte[] Body)
{
    public static As2Response Empty(int status) => new(status, [], []);

    /// <summary>An MDN entity as an HTTP response: its top MIME headers become HTTP headers.</summary>
    public static As2Response Mdn(byte[] entity, IEnumerable<(string Name, string Value)> as2Headers)
    {
        var mdn = MimeBytes.Read(entity);
        var headers = as2Headers.Append(("MIME-Version", "1.0")).Append(("Content-Type", mdn.Headers["content-type"])).ToList();
        return new As2Response(200, headers, mdn.Body.ToArray());
    }
}

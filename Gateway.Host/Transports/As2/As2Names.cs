namespace Gateway.Host.Transports.As2;

/// <summary>
/// AS2 names as we write them: Message-IDs we generate (<c>&lt;unique@our-as2-id&gt;</c>, the right side reduced to
/// characters every product accepts) and AS2 ids, quoted when they hold a space.
/// </summary>
internal static class As2Names
{
    public static string HostPart(string as2Id)
    {
        string host = new([.. as2Id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '-')]);
        return host.Length == 0 ? "gateway" : host;
    }

    public static string NewMessageId(string ourAs2Id) => $"<{Guid.NewGuid():N}@{HostPart(ourAs2Id)}>";

    /// <summary>An AS2 id as a header or MDN field writes it: quoted when it holds a space (RFC 4130 §6.2).</summary>
    public static string Quoted(string as2Id) => as2Id.Contains(' ', StringComparison.Ordinal) ? $"\"{as2Id}\"" : as2Id;
}

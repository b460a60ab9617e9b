namespace Gateway.Host.Transports.As2;

/// <summary>Message-IDs we generate: <c>&lt;unique@our-as2-id&gt;</c> with the right side reduced to characters every product accepts.</summary>
internal static class As2Names
{
    public static string HostPart(string as2Id)
    {
        string host = new([.. as2Id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '-')]);
        return host.Length == 0 ? "gateway" : host;
    }

    public static string NewMessageId(string ourAs2Id) => $"<{Guid.NewGuid():N}@{HostPart(ourAs2Id)}>";
}

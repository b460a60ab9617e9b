using Gateway.Host.Configuration;
using Gateway.Partners.Profiles;

namespace Gateway.Host.Transports.Folder;

/// <summary>Where the folder transport reads and writes, all under the data directory.</summary>
internal sealed class FolderLayout(GatewaySettings settings)
{
    private readonly string _data = Path.GetFullPath(settings.DataDirectory);

    /// <summary>The inbox for files from any partner: the envelope says who sent them.</summary>
    public string SharedInbox => Path.Combine(_data, "inbox");

    public string InboxOf(PartnerProfile partner) => Resolve(partner.Transports.Folder?.Inbox, Path.Combine("folders", partner.Id, "inbox"));

    public string OutboxOf(PartnerProfile? partner, string partnerId) => Resolve(partner?.Transports.Folder?.Outbox, Path.Combine("folders", partnerId, "outbox"));

    /// <summary>Where picked-up files go once durably received: a <c>received</c> folder beside the inbox.</summary>
    public static string ReceivedBeside(string inbox) => Path.Combine(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(inbox))!, "received");

    // A profile's folder may not escape the data directory.
    private string Resolve(string? configured, string fallback)
    {
        string path = Path.GetFullPath(configured ?? fallback, _data);
        return path.StartsWith(_data + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? path : Path.GetFullPath(fallback, _data);
    }
}

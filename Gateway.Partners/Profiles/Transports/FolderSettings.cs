using System.ComponentModel;

namespace Gateway.Partners.Profiles.Transports;

/// <summary>Local folders for this partner: files dropped in the inbox are received; what we send is written to the outbox.</summary>
public sealed class FolderSettings
{
    [Description("Inbox folder, relative to the data directory. Default folders/ID/inbox.")]
    public string? Inbox { get; init; }

    [Description("Outbox folder, relative to the data directory. Default folders/ID/outbox.")]
    public string? Outbox { get; init; }
}

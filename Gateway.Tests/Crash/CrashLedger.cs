using System.Globalization;
using System.Text.RegularExpressions;
using Gateway.Host.Tracking;
using Gateway.Tests.Support;

namespace Gateway.Tests.Crash;

/// <summary>
/// What a crash run sent and what came back: the documents per channel, the 997s the partners can see, the MDNs the AS2
/// partner holds and the ERP's calls, and the checks over them (lost, done twice, acknowledged without a record).
/// </summary>
internal sealed partial class CrashLedger(TestGateway gateway, SshServer ssh, As2RetryingSender as2)
{
    public const string FolderPartner = "acme";
    public const string SftpPartner = "globex";

    public static readonly CrashChannel[] Channels = [CrashChannel.Folder, CrashChannel.Sftp, CrashChannel.As2];

    public Dictionary<CrashChannel, List<int>> Sent { get; } = Channels.ToDictionary(c => c, _ => new List<int>());

    public static string PartnerOf(CrashChannel channel) => channel switch
    {
        CrashChannel.Folder => FolderPartner,
        CrashChannel.Sftp => SftpPartner,
        _ => As2Partnership.PartnerId,
    };

    /// <summary>Control numbers never collide across channels: 1xxxxxx folder, 2xxxxxx SFTP, 3xxxxxx AS2.</summary>
    public static CrashChannel ChannelOf(int number) => (CrashChannel)(number / 1_000_000);

    /// <summary>The group control numbers the 997s the partners can already see acknowledge, per channel (the AS2 partner's go to its folder outbox).</summary>
    public Dictionary<CrashChannel, List<int>> AcknowledgedNumbers() => new()
    {
        [CrashChannel.Folder] = Ak1Numbers(gateway.OutboxFiles(FolderPartner)),
        [CrashChannel.Sftp] = Ak1Numbers(Directory.GetFiles(ssh.PartnerInbox).Where(f => Path.GetFileName(f)[0] != '.')),
        [CrashChannel.As2] = Ak1Numbers(gateway.OutboxFiles(As2Partnership.PartnerId)),
    };

    /// <summary>Per channel, the control numbers at the ERP (from the group control number in the body's source) and how many distinct idempotency keys each got.</summary>
    public Dictionary<int, HashSet<string?>> KeysPerOrder()
    {
        var keys = new Dictionary<int, HashSet<string?>>();
        foreach (var call in gateway.Erp.Calls)
        {
            foreach (Match match in PurchaseOrder().Matches(call.Body))
            {
                int number = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
                if (!keys.TryGetValue(number, out var set))
                {
                    keys[number] = set = new HashSet<string?>(StringComparer.Ordinal);
                }
                set.Add(call.Key);
            }
        }
        return keys;
    }

    /// <summary>Idempotency keys the ERP saw with more than one body: the same key meaning two different orders.</summary>
    public int KeysWithTwoBodies() => gateway.Erp.Calls.GroupBy(c => c.Key).Count(g => g.Select(c => c.Body).Distinct(StringComparer.Ordinal).Count() > 1);

    /// <summary>
    /// Acknowledgments the partners hold for something the store does not have (checked while no gateway runs): every
    /// positive MDN needs the message's receipt, every 997 the document it acknowledges.
    /// </summary>
    public Dictionary<CrashChannel, HashSet<string>> AcksWithoutRecord()
    {
        var acks = AcknowledgedNumbers();
        string path = Path.Combine(gateway.DataDirectory, "tracking.db");
        var sources = new HashSet<string>(StringComparer.Ordinal);
        var documents = new HashSet<(string?, string)>();
        if (File.Exists(path))
        {
            using var store = new LiteDbTrackingStore(path, readOnly: true);
            // An AS2 receipt's source key is "as2:partner:Message-ID:sha256" (a Message-ID has no colon).
            sources.UnionWith(store.ReceiptsSince(DateTimeOffset.MinValue, int.MaxValue).Select(r => r.SourceKey[..Math.Max(0, r.SourceKey.LastIndexOf(':'))]));
            documents.UnionWith(store.QueryDocuments(new DocumentQuery { Take = int.MaxValue }).Select(d => (d.PartnerId, d.GroupControlNumber)));
        }
        var missing = Channels.ToDictionary(c => c, c => acks[c]
            .Where(n => !documents.Contains((PartnerOf(c), n.ToString(CultureInfo.InvariantCulture))))
            .Select(n => $"997 for {n}")
            .ToHashSet(StringComparer.Ordinal));
        missing[CrashChannel.As2].UnionWith(as2.PositiveMdns.Keys.Where(id => !sources.Contains($"as2:{As2Partnership.PartnerId}:{id}")).Select(id => $"MDN for {id}"));
        return missing;
    }

    private static List<int> Ak1Numbers(IEnumerable<string> files) =>
        [.. files.Select(f => Ak1().Match(File.ReadAllText(f))).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];

    [GeneratedRegex(@"AK1\*PO\*(\d+)~")]
    private static partial Regex Ak1();

    [GeneratedRegex(@"""groupControlNumber"":""(\d+)""")]
    private static partial Regex PurchaseOrder();
}

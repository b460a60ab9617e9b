using System.Diagnostics;
using Gateway.Host.Tracking;
using Gateway.Tests.Support;

namespace Gateway.Tests.Crash;

/// <summary>
/// Issue #11, crash consistency: documents arrive over folder, SFTP and AS2 while the gateway (a child process) is
/// killed with SIGKILL at random moments and once at each named point the single-channel tests do not cover. After
/// the last restart: nothing lost, nothing done twice at the ERP, no MDN or 997 for something not durably recorded,
/// and everything delivered within two minutes of the last kill. CI size by default; see <see cref="CrashRunSettings"/>.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class MixedChannelCrashTests
{
    /// <summary>Named points not exercised by Host/CrashConsistencyTests (folder only) and the channel whose traffic reaches them.</summary>
    private static readonly string[] NamedPoints = ["after-receive", "before-mdn", "after-mdn", "before-remote-delete", "after-remote-delete", "after-remote-upload"];

    private static readonly TimeSpan DeliveredWithin = TimeSpan.FromMinutes(2);

    [Test]
    public async Task Killed_at_random_and_named_moments_the_gateway_loses_nothing_and_does_nothing_twice()
    {
        var settings = CrashRunSettings.FromEnvironment();
        TestContext.Progress.WriteLine($"crash run: {settings.Documents} documents, {settings.RandomKills} random kills, seed {settings.Seed} (replay with GATEWAY_CRASH_SEED={settings.Seed})");
        var random = new Random(settings.Seed);
        var clock = Stopwatch.StartNew();

        using var ssh = SshServer.Start();
        await using var as2 = await As2Partnership.StartAsync(start: false);
        var gateway = as2.Gateway;
        WriteProfiles(gateway, as2, ssh);
        await using var sender = new As2RetryingSender(as2);
        var ledger = new CrashLedger(gateway, ssh, sender);

        // Kill events in a seeded order; each releases its share of the documents, the channels interleaved.
        var events = NamedPoints.Select(p => (string?)p).Concat(Enumerable.Repeat<string?>(null, settings.RandomKills)).OrderBy(_ => random.Next()).ToList();
        var documents = Enumerable.Range(0, settings.Documents).Select(i => (Channel: CrashLedger.Channels[i % 3], Number: ((i % 3) + 1) * 1_000_000 + (i / 3) + 1)).ToList();
        var unreached = new List<string>();
        var acksWithoutRecord = CrashLedger.Channels.ToDictionary(c => c, _ => new HashSet<string>(StringComparer.Ordinal));
        var lastKill = Stopwatch.StartNew();
        for (int e = 0; e < events.Count; e++)
        {
            string? point = events[e];
            using var child = GatewayChild.Start(gateway, crashAt: point is null ? null : point + ":1");
            int from = documents.Count * e / events.Count, to = documents.Count * (e + 1) / events.Count;
            foreach (var (channel, number) in documents[from..to])
            {
                Send(gateway, ssh, sender, ledger, channel, number);
            }
            if (point is null)
            {
                await Task.Delay(random.Next(200, CrashRunSettings.MaxLifeMilliseconds));
                Assert.That(child.HasExited, Is.False, () => $"the gateway died by itself: {child.Errors}");
            }
            else if (!await child.WaitForExitAsync(60))
            {
                unreached.Add(point);
            }
            else
            {
                Assert.That(child.ExitCode, Is.EqualTo(137), $"killed by SIGKILL at {point}, not by something else: {child.Errors}");
            }
            child.Kill();
            lastKill.Restart();
            // While nothing runs, whatever a partner holds an acknowledgment for must be in the store.
            foreach (var (channel, acks) in ledger.AcksWithoutRecord())
            {
                acksWithoutRecord[channel].UnionWith(acks);
            }
        }

        var delivered = new Dictionary<CrashChannel, TimeSpan>();
        bool allDelivered;
        string notDelivered;
        using (var survivor = GatewayChild.Start(gateway))
        {
            string State() => string.Join("; ", CrashLedger.Channels.Select(c =>
                $"{c}: {ledger.Sent[c].Count} sent, {ledger.Sent[c].Count(ledger.KeysPerOrder().ContainsKey)} at the ERP, {ledger.AcknowledgedNumbers()[c].Count} 997s"))
                + $"; {Directory.GetFiles(ssh.PartnerOutbox).Length} files left on the SFTP server, {Directory.GetFiles(gateway.InboxOf(CrashLedger.FolderPartner)).Length} in the folder inbox"
                + $"; {sender.PositiveMdns.Count} positive MDNs; {survivor.Errors}";
            allDelivered = await WaitUntilAsync(() =>
            {
                Assert.That(survivor.HasExited, Is.False, () => survivor.Errors);
                var atErp = ledger.KeysPerOrder();
                var acked = ledger.AcknowledgedNumbers();
                foreach (var channel in CrashLedger.Channels.Where(c => !delivered.ContainsKey(c)))
                {
                    var sent = ledger.Sent[channel];
                    // The source let go too: every MDN received, every SFTP file deleted, every folder file gone from the inbox.
                    bool released = channel switch
                    {
                        CrashChannel.As2 => sender.PositiveMdns.Count + sender.OtherMdns.Count == sent.Count,
                        CrashChannel.Sftp => Directory.GetFiles(ssh.PartnerOutbox).Length == 0,
                        _ => Directory.GetFiles(gateway.InboxOf(CrashLedger.FolderPartner)).Length == 0,
                    };
                    if (released && sent.All(atErp.ContainsKey) && sent.All(acked[channel].ToHashSet().Contains))
                    {
                        delivered[channel] = lastKill.Elapsed;
                    }
                }
                return delivered.Count == CrashLedger.Channels.Length;
            }, DeliveredWithin);
            notDelivered = allDelivered ? "" : State();
            await Task.Delay(500);   // the last records settle
            survivor.Terminate();
            Assert.That(await survivor.WaitForExitAsync(30), Is.True, "still running 30 s after SIGTERM");
        }

        using var store = new LiteDbTrackingStore(Path.Combine(gateway.DataDirectory, "tracking.db"), readOnly: true);
        var tracked = store.QueryDocuments(new DocumentQuery { Take = int.MaxValue });
        var keysPerOrder = ledger.KeysPerOrder();
        var summary = new CrashSummary(settings, events.Count(p => p is not null), clock.Elapsed);
        foreach (var channel in CrashLedger.Channels)
        {
            var sent = ledger.Sent[channel];
            var mine = tracked.Where(d => d.PartnerId == CrashLedger.PartnerOf(channel)).ToList();
            int lost = sent.Count(n => mine.Count(d => d.GroupControlNumber == n.ToString(System.Globalization.CultureInfo.InvariantCulture) && d.Status == DocumentStatus.Delivered) != 1);
            int duplicates = mine.Count - mine.Select(d => d.GroupControlNumber).Distinct(StringComparer.Ordinal).Count()
                + sent.Count(n => keysPerOrder.GetValueOrDefault(n)?.Count > 1)
                + ledger.AcknowledgedNumbers()[channel].GroupBy(n => n).Count(g => g.Count() > 1);
            summary.Add(channel, sent.Count, lost, duplicates, acksWithoutRecord[channel].Count, delivered.TryGetValue(channel, out var after) ? after : null);
        }
        using (var table = new StringWriter())
        {
            summary.Print(table, unreached, sender.Attempts);
            RunSummary.Publish("crash", table.ToString());
        }

        Assert.Multiple(() =>
        {
            Assert.That(unreached, Is.Empty, "named points the run never reached");
            Assert.That(summary.Lost, Is.Zero, "documents sent but not tracked and delivered exactly once");
            Assert.That(summary.Duplicates, Is.Zero, "documents tracked, ordered or acknowledged twice");
            Assert.That(gateway.Erp.DistinctKeys, Is.EqualTo(settings.Documents), "one idempotency key per document at the ERP");
            Assert.That(ledger.KeysWithTwoBodies(), Is.Zero, "an idempotency key the ERP saw with two different bodies");
            Assert.That(acksWithoutRecord.Values.SelectMany(a => a), Is.Empty, "a positive MDN or a 997 for something the store did not have (seen while no gateway ran)");
            Assert.That(sender.OtherMdns, Is.Empty, "AS2 messages answered with a negative MDN");
            Assert.That(Directory.GetFiles(ssh.PartnerOutbox), Is.Empty, "every SFTP file deleted after intake");
            Assert.That(Directory.GetFiles(gateway.InboxOf(CrashLedger.FolderPartner)), Is.Empty, "every file left the folder inbox");
            Assert.That(allDelivered, Is.True, $"everything at the ERP and acknowledged within {DeliveredWithin.TotalMinutes} minutes of the last kill: {notDelivered}");
        });
    }

    private static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > within)
            {
                return false;
            }
            await Task.Delay(200);
        }
        return true;
    }

    private static void Send(TestGateway gateway, SshServer ssh, As2RetryingSender sender, CrashLedger ledger, CrashChannel channel, int number)
    {
        ledger.Sent[channel].Add(number);
        switch (channel)
        {
            case CrashChannel.Folder:
                gateway.Drop(gateway.InboxOf(CrashLedger.FolderPartner), $"po-{number}.edi", GatewayFiles.X12Orders("ACME", "DISTRIBUTOR", number));
                break;
            case CrashChannel.Sftp:
                // Written under a dot name the gateway skips, then renamed: as a partner's upload completes.
                string part = Path.Combine(ssh.PartnerOutbox, $".po-{number}.edi.part");
                File.WriteAllText(part, GatewayFiles.X12Orders("GLOBEX", "DISTRIBUTOR", number));
                File.Move(part, Path.Combine(ssh.PartnerOutbox, $"po-{number}.edi"));
                break;
            default:
                sender.Send(number, GatewayFiles.X12Orders("SENDER", "RECEIVER", number));
                break;
        }
    }

    private static void WriteProfiles(TestGateway gateway, As2Partnership as2, SshServer ssh)
    {
        gateway.AddX12Partner(CrashLedger.FolderPartner, "ACME");
        File.WriteAllText(Path.Combine(gateway.ProfilesDirectory, CrashLedger.SftpPartner + ".yaml"), ProfileTexts.Globex(ssh.ProfileBlock("* * * * * *"), CrashLedger.SftpPartner));
        // The AS2 partner's 997s go to its folder outbox, where the test reads them without decrypting.
        as2.WriteProfile();
        string profile = Path.Combine(gateway.ProfilesDirectory, As2Partnership.PartnerId + ".yaml");
        File.WriteAllText(profile, File.ReadAllText(profile).Replace("direction: inbound, endpoint: erp }", "direction: inbound, endpoint: erp, transport: folder }", StringComparison.Ordinal));
    }
}

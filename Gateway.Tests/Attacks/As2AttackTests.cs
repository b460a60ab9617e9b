using System.Net;
using System.Net.Sockets;
using System.Text;
using Gateway.Host.Intake;
using Gateway.Host.Tracking;
using Gateway.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Attacks;

/// <summary>
/// Attacks a partner (or someone holding a captured message) can make over AS2: an async-MDN URL at loopback or
/// cloud-metadata addresses, a captured message replayed under a new Message-ID, and another partner's envelope IDs
/// sent over this partnership (and over the folder channels). Oracles: connections counted on the target port,
/// tracking statuses, and the loopback ERP's calls.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class As2AttackTests
{
    private As2Partnership _as2 = null!;
    private int _interchange = 960;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _as2 = await As2Partnership.StartAsync(start: false);
        // A second partner on the folder channel, whose envelope IDs the AS2 partner will try to use (and the reverse).
        _as2.Gateway.AddX12Partner("globex", "GLOBEX");
        await _as2.Gateway.StartAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _as2.DisposeAsync();

    private TestGateway Gateway => _as2.Gateway;

    private (string Edi, string Po) Order(string sender = "SENDER", string receiver = "RECEIVER")
    {
        int number = Interlocked.Increment(ref _interchange);
        return (GatewayFiles.X12Orders(sender, receiver, number), $"{number}-PO000001");
    }

    private List<DocumentRecord> DocumentsOf(string po) =>
        [.. Gateway.Store.QueryDocuments(new DocumentQuery()).Where(d => d.PurchaseOrder == po || d.BusinessReference == po)];

    [Test]
    public async Task Async_MDN_URLs_at_loopback_or_metadata_addresses_get_no_request_and_a_synchronous_MDN()
    {
        var cases = new AttackCases("Async MDN URL at loopback/metadata (0 requests)", "As2AttackTests.Async_MDN_URLs_…");
        using var trap = new ConnectionTrap();
        int port = trap.Port;
        using (var v4 = new TcpClient())
        using (var v6 = new TcpClient(AddressFamily.InterNetworkV6))
        {
            await v4.ConnectAsync(IPAddress.Loopback, port);
            await v6.ConnectAsync(IPAddress.IPv6Loopback, port);
            await TestGateway.WaitUntil(() => trap.Connections == 2, "the trap counts connections on both loopback addresses", seconds: 5);
        }
        trap.Reset();
        string[] urls =
        [
            $"http://127.0.0.1:{port}/",
            $"http://[::1]:{port}/",
            $"http://localhost.:{port}/",
            $"http://localhost:{port}/mdn",
            $"http://127.1:{port}/",
            $"http://2130706433:{port}/",
            $"http://0x7f000001:{port}/",
            $"http://0.0.0.0:{port}/",
            $"http://[::ffff:127.0.0.1]:{port}/",
            $"HTTP://127.0.0.1:{port}/",
            $"https://127.0.0.1:{port}/",
            $"http://127.0.0.1:{_as2.ServerPort}@127.0.0.1:{port}/",
            $"http://127.0.0.1:{port}#@127.0.0.1:{_as2.ServerPort}/",
            $"http://127.0.0.1:{port}/, http://127.0.0.1:{_as2.ServerPort}/as2/mdn",
            "http://169.254.169.254/latest/meta-data/",
            "http://[fd00:ec2::254]/latest/meta-data/",
            "http://metadata.google.internal/computeMetadata/v1/",
            "http://100.100.100.200/latest/meta-data/",
            "file:///etc/passwd",
            $"gopher://127.0.0.1:{port}/_POST",
        ];
        var messageIds = new List<string>();
        foreach (string url in urls)
        {
            await cases.RunAsync(url, async () =>
            {
                var (edi, _) = Order();
                string messageId = As2Partnership.NewMessageId();
                messageIds.Add(messageId);
                using var response = await _as2.PostAsync(await _as2.SignedAndEncryptedAsync(edi), messageId, receiptDeliveryOption: url);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    return $"HTTP {(int)response.StatusCode}";
                }
                byte[] body = await response.Content.ReadAsByteArrayAsync();
                if (body.Length == 0)
                {
                    return "no synchronous MDN (the gateway means to send it to the URL)";
                }
                string disposition = As2Partnership.MdnFields(await As2Partnership.EntityAsync(response)).GetValueOrDefault("Disposition", "");
                var record = Gateway.Store.FindAs2Message($"{As2Partnership.PartnerId}|{messageId}");
                return !disposition.EndsWith("; processed", StringComparison.Ordinal) ? $"disposition '{disposition}'"
                    : record?.AsyncMdnUrl is { } kept ? $"recorded an async MDN to {kept}"
                    : null;
            });
        }
        // Any request would have come at once (an async MDN is posted right after the answer): give it time to show.
        await Task.Delay(2500);
        cases.Check(trap.Connections == 0, $"{trap.Connections} connections reached the loopback port");
        cases.Check(!_as2.Received.Any(r => r.Path.EndsWith("/mdn", StringComparison.Ordinal)), "an MDN went to the partner's server at a path only the message named");
        cases.Finish();
    }

    [Test]
    public async Task A_captured_message_replayed_under_a_new_Message_ID_is_an_envelope_duplicate_and_delivers_nothing()
    {
        var cases = new AttackCases("Replay under a new Message-ID (envelope duplicate)", "As2AttackTests.A_captured_message_replayed_…");
        var (edi, po) = Order();
        byte[] signed = await OpensslPeer.SignAsync(As2Partnership.PayloadEntity(edi), _as2.Partner);
        byte[] captured = await OpensslPeer.EncryptAsync(signed, _as2.Ours);
        using (var first = await _as2.PostAsync(captured, As2Partnership.NewMessageId()))
        {
            Assert.That(As2Partnership.MdnFields(await As2Partnership.EntityAsync(first))["Disposition"], Does.EndWith("; processed"));
        }
        await TestGateway.WaitUntil(() => DocumentsOf(po).Any(d => d.Status == DocumentStatus.Delivered), "the original delivered");
        int keys = Gateway.Erp.DistinctKeys;
        var replays = new (string Name, Func<Task> Send)[]
        {
            ("the same bytes under a new Message-ID", async () => { using var r = await _as2.PostAsync(captured, As2Partnership.NewMessageId()); }),
            ("re-encrypted (new bytes), same signature, new Message-ID", async () => { using var r = await _as2.PostAsync(await OpensslPeer.EncryptAsync(signed, _as2.Ours), As2Partnership.NewMessageId()); }),
            ("re-signed and re-encrypted by the partner's key, new Message-ID", async () => { using var r = await _as2.PostAsync(await _as2.SignedAndEncryptedAsync(edi), As2Partnership.NewMessageId()); }),
            ("the same interchange in the partner's folder inbox", () => { Gateway.Drop(Gateway.InboxOf(As2Partnership.PartnerId), "replay.edi", edi); return Task.CompletedTask; }),
        };
        for (int i = 0; i < replays.Length; i++)
        {
            int expected = i + 1;
            await cases.RunAsync(replays[i].Name, async () =>
            {
                await replays[i].Send();
                var clock = System.Diagnostics.Stopwatch.StartNew();
                while (DocumentsOf(po).Count(d => d.Status == DocumentStatus.Duplicate) < expected && clock.Elapsed.TotalSeconds < 20)
                {
                    await Task.Delay(50);
                }
                var statuses = DocumentsOf(po).Select(d => d.Status).ToList();
                return statuses.Count(s => s == DocumentStatus.Duplicate) == expected ? null : $"statuses {string.Join(", ", statuses)}";
            });
        }
        await Task.Delay(1000);
        var duplicates = DocumentsOf(po).Where(d => d.Status == DocumentStatus.Duplicate).ToList();
        var ta1 = duplicates.SelectMany(d => Gateway.Store.OutboundFor(d.ReceiptId)).Select(o => Encoding.ASCII.GetString(o.Content)).ToList();
        cases.Check(ta1.Count(a => a.Contains("TA1*", StringComparison.Ordinal) && a.Contains("*R*025", StringComparison.Ordinal)) == duplicates.Count, $"each duplicate answered with TA1 R 025 ({ta1.Count} answers)");
        cases.Check(Gateway.Erp.DistinctKeys == keys && Gateway.Erp.Calls.Count(c => c.Body.Contains(po, StringComparison.Ordinal)) == Gateway.Erp.Calls.Where(c => c.Body.Contains(po, StringComparison.Ordinal)).Select(c => c.Key).Distinct().Count(),
            $"the ERP got new keys: {Gateway.Erp.DistinctKeys - keys}");
        cases.Finish();
    }

    [Test]
    public async Task Another_partners_envelope_IDs_are_quarantined_whatever_channel_carries_them()
    {
        var cases = new AttackCases("Another partner's envelope IDs (quarantine)", "As2AttackTests.Another_partners_envelope_IDs_…");
        var sent = new List<(string Name, string Po)>();
        var (asGlobex, po1) = Order("GLOBEX", "DISTRIBUTOR");
        using (var response = await _as2.PostAsync(await _as2.SignedAndEncryptedAsync(asGlobex)))
        {
            cases.Check(response.StatusCode == HttpStatusCode.OK, $"AS2 answer HTTP {(int)response.StatusCode}");
        }
        sent.Add(("GLOBEX's ISA06 over the AS2 partnership", po1));
        var (asGlobexToUs, po2) = Order("GLOBEX", "RECEIVER");
        using (var response = await _as2.PostAsync(await _as2.SignedAndEncryptedAsync(asGlobexToUs)))
        {
            cases.Check(response.StatusCode == HttpStatusCode.OK, $"AS2 answer HTTP {(int)response.StatusCode}");
        }
        sent.Add(("GLOBEX's ISA06 to the AS2 partnership's receiver id", po2));
        var (inFolder, po3) = Order("GLOBEX", "RECEIVER");
        Gateway.Drop(Gateway.InboxOf(As2Partnership.PartnerId), "globex.edi", inFolder);
        sent.Add(("GLOBEX's ISA06 in the AS2 partner's folder inbox", po3));
        var (reverse, po4) = Order("SENDER", "DISTRIBUTOR");
        Gateway.Drop(Gateway.InboxOf("globex"), "acme.edi", reverse);
        sent.Add(("the AS2 partner's ISA06 in GLOBEX's folder inbox", po4));
        foreach (var (name, po) in sent)
        {
            await cases.RunAsync(name, async () =>
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                while (Quarantined(po) is null && clock.Elapsed.TotalSeconds < 20)
                {
                    await Task.Delay(50);
                }
                var statuses = string.Join(", ", Gateway.Store.QueryDocuments(new DocumentQuery()).Where(d => ReceiptHolds(d.ReceiptId, po)).Select(d => d.Status));
                return Quarantined(po) is null ? $"not quarantined (documents: {statuses})" : null;
            });
        }
        await Task.Delay(1000);
        cases.Check(!Gateway.Erp.Calls.Any(c => sent.Any(s => c.Body.Contains(s.Po, StringComparison.Ordinal))), "a document with another partner's envelope reached the ERP");
        cases.Finish();
    }

    // The receipt whose archived bytes carry the PO, when all its documents (or the receipt) are quarantined.
    private string? Quarantined(string po)
    {
        foreach (var document in Gateway.Store.QueryDocuments(new DocumentQuery()))
        {
            if (ReceiptHolds(document.ReceiptId, po))
            {
                return document.Status == DocumentStatus.Quarantined ? document.ReceiptId : null;
            }
        }
        return null;
    }

    private bool ReceiptHolds(string receiptId, string po)
    {
        try
        {
            return Encoding.ASCII.GetString(Gateway.Services.GetRequiredService<RawArchive>().Read(receiptId)).Contains(po, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }
}

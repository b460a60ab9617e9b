using System.Text;
using Gateway.Host.Intake;
using Gateway.Host.Tracking;
using Gateway.Host.Transports.Sftp;
using Gateway.Partners.Loading;
using Gateway.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Attacks;

/// <summary>
/// An SFTP partner sending another partner's envelope IDs: GLOBEX is fetched from a real sshd, ACME is a folder
/// partner, and files on GLOBEX's account carry ACME's ISA06. Oracles: each such receipt is quarantined and nothing
/// of it reaches the ERP, while GLOBEX's own file over the same account is delivered (the channel works).
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class SftpForeignEnvelopeTests
{
    // Never fires: the test polls itself.
    private const string Never = "0 0 1 1 *";

    [Test]
    public async Task Another_partners_envelope_IDs_on_an_SFTP_account_are_quarantined_and_deliver_nothing()
    {
        var cases = new AttackCases("Another partner's envelope IDs over SFTP (quarantine)", "SftpForeignEnvelopeTests.Another_partners_envelope_IDs_…");
        using var ssh = SshServer.Start();
        await using var gateway = new TestGateway();
        File.WriteAllText(Path.Combine(gateway.ProfilesDirectory, "globex.yaml"), ProfileTexts.Globex(ssh.ProfileBlock(Never)));
        gateway.AddX12Partner("acme", "ACME");
        await gateway.StartAsync();

        string acmeOnGlobex = GatewayFiles.X12Orders("ACME", "DISTRIBUTOR", 3101);
        string acmeIsaGlobexGs = GatewayFiles.X12Orders("ACME", "DISTRIBUTOR", 3102).Replace("GS*PO*ACME*", "GS*PO*GLOBEX*", StringComparison.Ordinal);
        string ownFile = GatewayFiles.X12Orders("GLOBEX", "DISTRIBUTOR", 3103);
        var foreign = new (string Name, string File, string Content, string Po)[]
        {
            ("ACME's ISA06 and GS02 on GLOBEX's SFTP account", "acme.edi", acmeOnGlobex, "3101-PO000001"),
            ("ACME's ISA06 with GLOBEX's GS02 on GLOBEX's SFTP account", "mixed.edi", acmeIsaGlobexGs, "3102-PO000001"),
        };
        foreach (var (_, file, content, _) in foreign)
        {
            File.WriteAllText(Path.Combine(ssh.PartnerOutbox, file), content);
        }
        File.WriteAllText(Path.Combine(ssh.PartnerOutbox, "own.edi"), ownFile);

        var inbox = gateway.Services.GetRequiredService<SftpInbox>();
        int taken = await inbox.PollAsync(gateway.Services.GetRequiredService<ProfileReloader>().Current.Find("globex")!, CancellationToken.None);
        cases.Check(taken == 3, $"{taken} of 3 files taken from the SFTP account");
        await cases.RunAsync("GLOBEX's own file (control)", async () =>
            await Eventually(() => gateway.Erp.Calls.Any(c => c.Body.Contains("3103-PO000001", StringComparison.Ordinal))) ? null : "not delivered");
        foreach (var (name, _, _, po) in foreign)
        {
            await cases.RunAsync(name, async () =>
            {
                bool quarantined = await Eventually(() => Status(gateway, po) == DocumentStatus.Quarantined);
                var receipt = Receipt(gateway, po);
                return !quarantined ? $"not quarantined (status {Status(gateway, po)?.ToString() ?? "no document"})"
                    : receipt is null || gateway.Store.FindReceipt(receipt)?.Transport != "sftp" ? "the quarantined receipt did not come over SFTP"
                    : null;
            });
        }
        // A delivery would come at once after intake: give it time to show.
        await Task.Delay(1000);
        foreach (var (name, _, _, po) in foreign)
        {
            cases.Check(!gateway.Erp.Calls.Any(c => c.Body.Contains(po, StringComparison.Ordinal)), $"{name}: reached the ERP");
        }
        cases.Check(gateway.Erp.DistinctKeys == 1, $"the ERP got {gateway.Erp.DistinctKeys} distinct keys, expected 1 (GLOBEX's own)");
        cases.Finish();
    }

    // The status of the document whose receipt's archived bytes carry the PO (null when there is none yet).
    private static DocumentStatus? Status(TestGateway gateway, string po) =>
        gateway.Store.QueryDocuments(new DocumentQuery()).FirstOrDefault(d => Holds(gateway, d.ReceiptId, po))?.Status;

    private static string? Receipt(TestGateway gateway, string po) =>
        gateway.Store.QueryDocuments(new DocumentQuery()).FirstOrDefault(d => Holds(gateway, d.ReceiptId, po))?.ReceiptId;

    private static bool Holds(TestGateway gateway, string receiptId, string po)
    {
        try
        {
            return Encoding.ASCII.GetString(gateway.Services.GetRequiredService<RawArchive>().Read(receiptId)).Contains(po, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static async Task<bool> Eventually(Func<bool> condition, double seconds = 20)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed.TotalSeconds > seconds)
            {
                return false;
            }
            await Task.Delay(50);
        }
        return true;
    }
}

using System.Net;
using System.Text;
using Gateway.Host.Intake;
using Gateway.Host.Tracking;
using Gateway.Host.Transports.Email;
using Gateway.Host.Transports.Sftp;
using Gateway.Partners.Loading;
using Gateway.Tests.Support;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Gateway.Tests.Attacks;

/// <summary>
/// Path traversal in the file names partners choose, on every channel that carries one (AS2 Content-Disposition,
/// SFTP remote name, mail attachment name). Oracle: a filesystem diff with 0 new files outside the data directory,
/// no stored file named after the attack, and every document received (name kept as bounded data) and processed.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class FileNameTraversalTests
{
    private const string Class = "Path traversal in file names (filesystem diff)";

    /// <summary>The oracle shared by the channels: nothing outside data, nothing inside named after the attack, names kept as safe data.</summary>
    private static void CheckFileSystem(AttackCases cases, FileSystemDiff diff, TestGateway gateway)
    {
        var outside = diff.NewFilesOutside(gateway.DataDirectory);
        cases.Check(outside.Count == 0, "new files outside the data directory: " + string.Join(" | ", outside));
        var named = diff.NewFiles().Where(f => f.Contains(diff.Marker, StringComparison.Ordinal)).ToList();
        cases.Check(named.Count == 0, "stored files named after the partner's name: " + string.Join(" | ", named));
        cases.Check(File.ReadAllText(Path.Combine(diff.Canary, "keep.txt")) == "canary" && Directory.GetFiles(diff.Canary).Length == 1, "the canary folder changed");
        var receipts = gateway.Store.QueryDocuments(new DocumentQuery()).Select(d => gateway.Store.FindReceipt(d.ReceiptId)!).ToList();
        var unsafeNames = receipts.Where(r => r.OriginalName.Length > 200 || r.OriginalName.Any(char.IsControl)).Select(r => r.OriginalName).ToList();
        cases.Check(unsafeNames.Count == 0, "original names kept with control characters or unbounded: " + string.Join(" | ", unsafeNames.Select(n => n.Length > 60 ? n[..60] + "…" : n)));
    }

    private static async Task<int> DeliveredWithin(TestGateway gateway, int expected, double seconds)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int delivered;
        while ((delivered = gateway.Store.QueryDocuments(new DocumentQuery { Status = DocumentStatus.Delivered }).Count) < expected && clock.Elapsed.TotalSeconds < seconds)
        {
            await Task.Delay(50);
        }
        return delivered;
    }

    [Test]
    public async Task As2_Content_Disposition_file_names_never_become_paths()
    {
        var cases = new AttackCases(Class, "FileNameTraversalTests.As2_…");
        await using var as2 = await As2Partnership.StartAsync();
        var gateway = as2.Gateway;
        using var diff = FileSystemDiff.Start(gateway.Root);
        string m = diff.Marker;
        int accepted = 0;
        string[] dispositions =
        [
            $"attachment; filename=\"../../{m}-dotdot.edi\"",
            $"attachment; filename=\"../../../../../../../../tmp/{m}-deep.edi\"",
            $"attachment; filename=\"/tmp/{m}-absolute.edi\"",
            $"attachment; filename=\"{diff.Canary}/{m}-canary.edi\"",
            $"attachment; filename=..\\..\\{m}-backslash.edi",
            $"attachment; filename=\"..\\\\..\\\\{m}-escaped-backslash.edi\"",
            $"attachment; filename=\"{m}\0-nul.edi\"",
            $"attachment; filename=\"{new string('a', 5000)}{m}-long.edi\"",
            $"attachment; filename*=UTF-8''..%2F..%2F{m}-rfc2231.edi",
            $"attachment; filename*=UTF-8''..%EF%BC%8F..%EF%BC%8F{m}-fullwidth.edi",
            $"attachment; filename=\"..%2f..%2f{m}-percent.edi\"",
            "attachment; filename=\"..\"",
            "attachment; filename=\".\"",
            $"attachment; filename=\"~/.ssh/{m}-home.edi\"",
            $"inline; name=\"../../{m}-type-name.edi\"",
        ];
        for (int i = 0; i < dispositions.Length; i++)
        {
            int number = 500 + i;
            string edi = GatewayFiles.X12Orders("SENDER", "RECEIVER", number);
            byte[] entity = Encoding.Latin1.GetBytes($"Content-Type: application/edi-x12{(i == dispositions.Length - 1 ? $"; name=\"../../{m}-type-name.edi\"" : "")}\r\nContent-Transfer-Encoding: binary\r\n"
                + (i == dispositions.Length - 1 ? "" : $"Content-Disposition: {dispositions[i]}\r\n") + $"\r\n{edi}");
            await cases.RunAsync(dispositions[i].Length > 80 ? dispositions[i][..80] : dispositions[i], async () =>
            {
                byte[] message = await OpensslPeer.EncryptAsync(await OpensslPeer.SignAsync(entity, as2.Partner), as2.Ours);
                using var response = await as2.PostAsync(message);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    return $"HTTP {(int)response.StatusCode}";
                }
                string disposition = As2Partnership.MdnFields(await As2Partnership.EntityAsync(response)).GetValueOrDefault("Disposition", "(none)");
                // Received under a safe name, or refused with the bis draft's illegal-filename: both are fine.
                if (disposition.EndsWith("; processed", StringComparison.Ordinal))
                {
                    accepted++;
                    return null;
                }
                return disposition.Contains("illegal-filename", StringComparison.Ordinal) ? null : disposition;
            });
        }
        int delivered = await DeliveredWithin(gateway, accepted, 30);
        cases.Check(delivered == accepted, $"{delivered} of {accepted} accepted documents delivered");
        CheckFileSystem(cases, diff, gateway);
        cases.Finish();
    }

    [Test]
    public async Task Sftp_remote_file_names_never_become_paths()
    {
        var cases = new AttackCases(Class, "FileNameTraversalTests.Sftp_…");
        using var ssh = SshServer.Start();
        await using var gateway = new TestGateway();
        File.WriteAllText(Path.Combine(gateway.ProfilesDirectory, "globex.yaml"), ProfileTexts.Globex(ssh.ProfileBlock("0 0 1 1 *")));
        await gateway.StartAsync();
        using var diff = FileSystemDiff.Start(gateway.Root);
        string m = diff.Marker;
        // What a Linux SFTP server lets a partner create: anything but '/' and NUL, up to 255 bytes.
        string[] names =
        [
            $"..%2f..%2f{m}-percent.edi",
            $"..%2F..%2F..%2Ftmp%2F{m}-upper.edi",
            $"{m}-new\nline.edi",
            $"{m}-crlf\r\n.edi",
            $"..{m}-dots.edi",
            $"...{m}.edi",
            $"{m}-{new string('x', 230)}.edi",
            $"-{m}-dash.edi",
            $"{m}-tilde~.edi",
            $"{m}-rtl\u202Eide.edi",
            $"{m}-%00-nul.edi",
            $"..\u2215..\u2215{m}-division-slash.edi",
        ];
        for (int i = 0; i < names.Length; i++)
        {
            File.WriteAllText(Path.Combine(ssh.PartnerOutbox, names[i]), GatewayFiles.X12Orders("GLOBEX", "DISTRIBUTOR", 600 + i));
        }
        // A name starting with '.' is an upload in progress by the SFTP convention the inbox follows: never read.
        string[] readable = [.. names.Where(n => n[0] != '.')];
        int taken = await gateway.Services.GetRequiredService<SftpInbox>().PollAsync(gateway.Services.GetRequiredService<ProfileReloader>().Current.Find("globex")!, CancellationToken.None);
        cases.Check(taken == readable.Length, $"{taken} of {readable.Length} taken; left: {string.Join(" | ", Directory.GetFiles(ssh.PartnerOutbox).Select(Path.GetFileName))}");
        int delivered = await DeliveredWithin(gateway, readable.Length, 30);
        cases.Check(delivered == readable.Length, $"{delivered} of {readable.Length} delivered");
        var kept = gateway.Store.QueryDocuments(new DocumentQuery()).Select(d => gateway.Store.FindReceipt(d.ReceiptId)!.OriginalName).ToHashSet(StringComparer.Ordinal);
        foreach (string name in names)
        {
            cases.Check(name[0] == '.' ? File.Exists(Path.Combine(ssh.PartnerOutbox, name)) && !kept.Any(k => k.Contains(name[2..], StringComparison.Ordinal))
                : kept.Contains(RemoteNames.Safe(name)), $"'{name}' not kept as its (control characters replaced) name, or a dot name was read");
        }
        CheckFileSystem(cases, diff, gateway);
        cases.Finish();
    }

    [Test]
    public async Task Mail_attachment_names_never_become_paths()
    {
        var cases = new AttackCases(Class, "FileNameTraversalTests.Mail_…");
        using var mail = MailServer.Start();
        await using var gateway = new TestGateway();
        string variable = $"GATEWAY_TEST_MAIL_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(variable, MailServer.Password);
        try
        {
            gateway.ExtraArguments.AddRange(mail.GatewayArguments(variable));
            File.WriteAllText(Path.Combine(gateway.ProfilesDirectory, "partner.yaml"), ProfileTexts.MailPartner());
            await gateway.StartAsync();
            using var diff = FileSystemDiff.Start(gateway.Root);
            string m = diff.Marker;
            string[] names =
            [
                $"../../{m}-dotdot.edi",
                $"/tmp/{m}-absolute.edi",
                $"{diff.Canary}/{m}-canary.edi",
                $"..\\..\\{m}-backslash.edi",
                $"{m}\0-nul.edi",
                $"{m}-new\r\nline.edi",
                $"{new string('b', 3000)}{m}-long.edi",
                $"..%2f..%2f{m}-percent.edi",
                $"..\uFF0F..\uFF0F{m}-fullwidth.edi",
            ];
            var message = new MimeMessage();
            message.From.Add(MailboxAddress.Parse(MailServer.Partner));
            message.To.Add(MailboxAddress.Parse(MailServer.Gateway));
            message.Subject = $"../../{m}-subject";
            var body = new Multipart("mixed") { new TextPart("plain") { Text = "Orders attached." } };
            for (int i = 0; i < names.Length; i++)
            {
                body.Add(new MimePart("application", "edi-x12")
                {
                    Content = new MimeContent(new MemoryStream(Encoding.ASCII.GetBytes(GatewayFiles.X12Orders("PARTNER", "DISTRIBUTOR", 700 + i)))),
                    ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                    ContentTransferEncoding = ContentEncoding.Base64,
                    FileName = names[i],
                });
            }
            message.Body = body;
            using (var smtp = new SmtpClient())
            {
                await smtp.ConnectAsync("127.0.0.1", mail.Smtp, SecureSocketOptions.None);
                await smtp.SendAsync(message);
                await smtp.DisconnectAsync(true);
            }
            await mail.WaitForMessagesAsync(MailServer.Gateway, "INBOX", 1);
            int taken = await gateway.Services.GetRequiredService<EmailInbox>().PollAsync(CancellationToken.None);
            cases.Check(taken == names.Length, $"{taken} of {names.Length} attachments taken");
            int delivered = await DeliveredWithin(gateway, names.Length, 30);
            cases.Check(delivered == names.Length, $"{delivered} of {names.Length} delivered");
            CheckFileSystem(cases, diff, gateway);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
        cases.Finish();
    }
}

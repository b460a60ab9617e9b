using Gateway.Host.Tracking;
using Gateway.Host.Transports.Sftp;
using Gateway.Partners.Loading;
using Gateway.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Host;

/// <summary>The SFTP transport against a real OpenSSH sshd on loopback: complete files only, intake before the remote delete, uploads under a temporary name, a pinned host key, remote names as data.</summary>
[Category("Integration")]
[NonParallelizable]
public sealed class SftpTransportTests
{
    // Never fires during a test: polls are made by the test itself, unless a test gives a schedule.
    private const string Never = "0 0 1 1 *";

    private SshServer _ssh = null!;
    private TestGateway _gateway = null!;

    [SetUp]
    public void SetUp()
    {
        _ssh = SshServer.Start();
        _gateway = new TestGateway();
    }

    [TearDown]
    public async Task TearDown()
    {
        await _gateway.DisposeAsync();
        _ssh.Dispose();
    }

    private void AddPartner(string schedule = Never, string? fingerprint = null, string extra = "", string? key = null, string? keyPassword = null, string? password = null) =>
        File.WriteAllText(Path.Combine(_gateway.ProfilesDirectory, "globex.yaml"), ProfileTexts.Globex(_ssh.ProfileBlock(schedule, fingerprint, extra, key, keyPassword, password)));

    private void PartnerDrops(string name, int controlNumber) =>
        File.WriteAllText(Path.Combine(_ssh.PartnerOutbox, name), GatewayFiles.X12Orders("GLOBEX", "DISTRIBUTOR", controlNumber));

    private Task<int> PollAsync() =>
        _gateway.Services.GetRequiredService<SftpInbox>().PollAsync(_gateway.Services.GetRequiredService<ProfileReloader>().Current.Find("globex")!, CancellationToken.None);

    private string[] Remote() => [.. Directory.GetFiles(_ssh.PartnerOutbox).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    [Test]
    public async Task Complete_files_are_taken_and_one_still_being_written_waits()
    {
        AddPartner();
        await _gateway.StartAsync();
        PartnerDrops("a.edi", 1);
        PartnerDrops("b.edi", 2);
        string growing = Path.Combine(_ssh.PartnerOutbox, "c.edi");
        string content = GatewayFiles.X12Orders("GLOBEX", "DISTRIBUTOR", 3);
        var writer = Task.Run(async () =>
        {
            // An upload in progress: a chunk every 150 ms for about three seconds.
            using var stream = new FileStream(growing, FileMode.Create, FileAccess.Write, FileShare.ReadWrite);
            foreach (var chunk in content.Chunk(Math.Max(1, content.Length / 20)))
            {
                await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(chunk));
                await stream.FlushAsync();
                await Task.Delay(150);
            }
        });
        await Task.Delay(200);

        Assert.That(await PollAsync(), Is.EqualTo(2));
        Assert.That(Remote(), Is.EqualTo(new[] { "c.edi" }), "taken files are deleted on the server after intake; the growing one stays");
        await writer;
        Assert.That(await PollAsync(), Is.EqualTo(1));
        Assert.That(Remote(), Is.Empty);

        await TestGateway.WaitUntil(() => _gateway.Store.QueryDocuments(new DocumentQuery()).Count(d => d.Status == DocumentStatus.Delivered) == 3, "three delivered");
        var documents = _gateway.Store.QueryDocuments(new DocumentQuery());
        var receipts = documents.Select(d => _gateway.Store.FindReceipt(d.ReceiptId)!).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(_gateway.Erp.DistinctKeys, Is.EqualTo(3));
            Assert.That(receipts.Select(r => r.Transport), Has.All.EqualTo("sftp"));
            Assert.That(receipts.Select(r => r.OriginalName).Order(), Is.EqualTo(new[] { "a.edi", "b.edi", "c.edi" }));
        });
    }

    [TestCase("client_ecdsa")]
    [TestCase("client_rsa")]
    public async Task A_private_key_with_a_passphrase_from_its_reference_logs_in(string key)
    {
        string variable = $"GATEWAY_TEST_KEY_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(variable, SshServer.KeyPassphrase);
        try
        {
            AddPartner(key: Path.Combine(_ssh.Root, key), keyPassword: $"env:{variable}");
            await _gateway.StartAsync();
            PartnerDrops("a.edi", 61);
            Assert.That(await PollAsync(), Is.EqualTo(1));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Test]
    public async Task A_password_from_its_reference_logs_in()
    {
        SshServer.EnsurePasswordUser();
        string variable = $"GATEWAY_TEST_SFTP_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(variable, SshServer.Password);
        try
        {
            AddPartner(password: $"env:{variable}");
            await _gateway.StartAsync();
            PartnerDrops("a.edi", 71);
            Assert.That(await PollAsync(), Is.EqualTo(1));
            Assert.That(Remote(), Is.Empty);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Test]
    public async Task With_a_marker_file_convention_a_file_waits_for_its_marker()
    {
        AddPartner(extra: "    completeWhen: markerFile\n    markerSuffix: .done");
        await _gateway.StartAsync();
        PartnerDrops("a.edi", 51);
        Assert.That(await PollAsync(), Is.Zero, "no marker yet");
        File.WriteAllText(Path.Combine(_ssh.PartnerOutbox, "a.edi.done"), "");
        Assert.That(await PollAsync(), Is.EqualTo(1));
        Assert.That(Remote(), Is.Empty, "the file and its marker are removed once received");
    }

    [Test]
    public async Task Acknowledgments_are_uploaded_under_a_temporary_name_then_renamed_with_the_exact_bytes()
    {
        AddPartner();
        await _gateway.StartAsync();
        PartnerDrops("a.edi", 11);
        await PollAsync();
        await TestGateway.WaitUntil(() => Directory.GetFiles(_ssh.PartnerInbox).Length > 0 && _gateway.Store.QueryDocuments(new DocumentQuery()).Any(), "997 uploaded");
        await TestGateway.WaitUntil(() => _gateway.Store.OutboundFor(_gateway.Store.QueryDocuments(new DocumentQuery()).Single().ReceiptId).All(o => o.Status == "Sent"), "recorded as sent");
        var sent = _gateway.Store.OutboundFor(_gateway.Store.QueryDocuments(new DocumentQuery()).Single().ReceiptId).Single();
        string uploaded = Path.Combine(_ssh.PartnerInbox, sent.FileName);
        Assert.Multiple(() =>
        {
            Assert.That(sent.Transport, Is.EqualTo("sftp"));
            Assert.That(File.ReadAllBytes(uploaded), Is.EqualTo(sent.Content));
            Assert.That(Directory.GetFiles(_ssh.PartnerInbox).Select(Path.GetFileName), Is.EqualTo(new[] { sent.FileName }), "no temporary .part file left behind");
        });
    }

    [Test]
    public async Task A_host_key_that_is_not_the_pinned_one_is_refused_before_any_credential()
    {
        const string Wrong = "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8";
        AddPartner(fingerprint: Wrong);
        await _gateway.StartAsync();
        PartnerDrops("a.edi", 21);
        var partner = _gateway.Services.GetRequiredService<ProfileReloader>().Current.Find("globex")!;

        var refused = Assert.ThrowsAsync<SftpRefusedException>(() => SftpConnection.OpenAsync(partner, partner.Transports.Sftp!, _gateway.ProfilesDirectory, CancellationToken.None));
        Assert.That(refused!.Message, Does.Contain($"offered host key {_ssh.HostKeyFingerprint.TrimEnd('=')}").And.Contain($"not the pinned {Wrong}"));
        Assert.That(await PollAsync(), Is.Zero);
        Assert.That(Remote(), Is.EqualTo(new[] { "a.edi" }), "nothing taken from a server we do not trust");
    }

    [Test]
    public async Task Remote_names_are_data_and_never_reach_a_local_path()
    {
        AddPartner();
        await _gateway.StartAsync();
        string[] names = ["up\\..\\..\\evil.edi", "bell\u0007name.edi", "$(touch pwned).edi", "-rf .edi"];
        for (int i = 0; i < names.Length; i++)
        {
            PartnerDrops(names[i], 31 + i);
        }
        var before = Snapshot();
        Assert.That(await PollAsync(), Is.EqualTo(names.Length), string.Join(" | ", Remote()));
        await TestGateway.WaitUntil(() => _gateway.Store.QueryDocuments(new DocumentQuery()).Count(d => d.Status == DocumentStatus.Delivered) == names.Length, "all delivered");
        var created = Snapshot().Except(before).ToList();
        var receipts = _gateway.Store.QueryDocuments(new DocumentQuery()).Select(d => _gateway.Store.FindReceipt(d.ReceiptId)!).ToList();
        Assert.Multiple(() =>
        {
            // Under the test's root every new file counts; in the shared temp folder only files named after the attack
            // (other processes on the machine create files there at any time).
            Assert.That(created.Where(f => f.StartsWith(_gateway.Root + "/", StringComparison.Ordinal)
                    ? !f.StartsWith(_gateway.DataDirectory + "/", StringComparison.Ordinal)
                    : new[] { "evil", "pwned", "bell", "-rf" }.Any(word => Path.GetFileName(f).Contains(word, StringComparison.Ordinal))),
                Is.Empty, "every new file is inside the data directory");
            Assert.That(created.Select(Path.GetFileName), Has.None.Contain("evil").And.None.Contain("pwned").And.None.Contain("bell"), "stored names are generated");
            Assert.That(receipts.Select(r => r.OriginalName), Does.Contain("bell?name.edi").And.Contain("up\\..\\..\\evil.edi"), "kept as data, control characters replaced");
        });
    }

    [Test]
    public async Task Killed_between_intake_and_the_remote_delete_the_restart_makes_one_document_not_two()
    {
        AddPartner(schedule: "* * * * * *");
        PartnerDrops("a.edi", 41);
        using (var doomed = GatewayChild.Start(_gateway, crashAt: "before-remote-delete"))
        {
            Assert.That(await doomed.WaitForExitAsync(60), Is.True, "the gateway never reached before-remote-delete");
            Assert.That(doomed.ExitCode, Is.EqualTo(137), doomed.Errors);
        }
        Assert.That(Remote(), Is.EqualTo(new[] { "a.edi" }), "the crash came before the delete");
        using (var restarted = GatewayChild.Start(_gateway))
        {
            await TestGateway.WaitUntil(() => Remote().Length == 0 && _gateway.Erp.DistinctKeys == 1, "taken again and delivered", seconds: 60);
            await Task.Delay(1500);   // a few more polls: nothing new may appear
            restarted.Kill();
        }
        using var store = new LiteDbTrackingStore(Path.Combine(_gateway.DataDirectory, "tracking.db"), readOnly: true);
        var documents = store.QueryDocuments(new DocumentQuery());
        Assert.Multiple(() =>
        {
            Assert.That(documents, Has.Count.EqualTo(1), "the second pickup gave the first receipt back");
            Assert.That(_gateway.Erp.DistinctKeys, Is.EqualTo(1));
            Assert.That(documents.Single().Status, Is.EqualTo(DocumentStatus.Delivered));
        });
    }

    private HashSet<string> Snapshot() =>
        [.. Directory.GetFiles(_gateway.Root, "*", SearchOption.AllDirectories), .. Directory.GetFiles(Path.GetTempPath(), "*", SearchOption.TopDirectoryOnly)];
}

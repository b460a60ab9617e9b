using System.Diagnostics;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using MimeKit;

namespace Gateway.Tests.Support;

/// <summary>
/// A private Postfix (SMTP) and Dovecot (IMAP, POP3, LMTP) on 127.0.0.1 for the email transport's tests: Postfix
/// accepts mail for distributor.test and partner.test only and hands it to Dovecot over LMTP, which keeps Maildirs
/// in a temporary folder; nothing can leave the machine. The test command (./test.sh) installs the packages; see
/// ../shared/notes/test-servers.md.
/// </summary>
internal sealed class MailServer : IDisposable
{
    public const string Gateway = "gateway@distributor.test";
    public const string Partner = "edi@partner.test";
    public const string Stranger = "someone@elsewhere.test";
    public const string Password = "mail-test-password";

    private readonly List<Process> _processes = [];

    // Picked together so no two services get the same port.
    private readonly int[] _ports = LoopbackBackend.FreePorts(6);

    private MailServer(string root) => Root = root;

    public string Root { get; }

    public int Smtp => _ports[0];

    public int Imap => _ports[1];

    public int Pop3 => _ports[2];

    /// <summary>IMAP over TLS from the first byte, with a self-signed certificate.</summary>
    public int Imaps => _ports[3];

    /// <summary>The SHA-256 fingerprint of that certificate, as openssl prints it (AA:BB:…).</summary>
    public string CertificateSha256 { get; private set; } = "";

    private int Lmtp => _ports[4];

    /// <summary>SMTP submission: STARTTLS required (the same self-signed certificate), then SMTP AUTH with a mailbox's password.</summary>
    public int Submission => _ports[5];

    private string Postfix => Path.Combine(Root, "postfix");

    public static MailServer Start()
    {
        foreach (string program in new[] { "/usr/sbin/postfix", "/usr/sbin/dovecot", "/usr/lib/dovecot/lmtp", "/usr/lib/dovecot/imap", "/usr/lib/dovecot/pop3" })
        {
            if (!File.Exists(program))
            {
                Assert.Fail($"{program} is missing: run the tests with ./test.sh, which installs postfix and dovecot");
            }
        }
        var server = new MailServer(Directory.CreateTempSubdirectory("gateway-mail-").FullName);
        // Postfix's daemons (user postfix) and Dovecot's delivery (user nobody) must reach into the folder.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(server.Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
        server.StartDovecot();
        server.StartPostfix();
        return server;
    }

    /// <summary>The command-line settings of a gateway using this server's mailbox over plain IMAP and SMTP, its password in <paramref name="passwordVariable"/>; the tests poll themselves.</summary>
    public IReadOnlyList<string> GatewayArguments(string passwordVariable) =>
    [
        "--Gateway:Email:Incoming:Host=127.0.0.1",
        $"--Gateway:Email:Incoming:Port={Imap}",
        "--Gateway:Email:Incoming:Security=none",
        $"--Gateway:Email:Incoming:User={Gateway}",
        $"--Gateway:Email:Incoming:Password=env:{passwordVariable}",
        "--Gateway:Email:Outgoing:Host=127.0.0.1",
        $"--Gateway:Email:Outgoing:Port={Smtp}",
        "--Gateway:Email:Outgoing:Security=none",
        $"--Gateway:Email:From={Gateway}",
        "--Gateway:Email:PollSeconds=3600",
    ];

    /// <summary>The messages in <paramref name="user"/>'s <paramref name="folder"/> (none when the folder does not exist yet).</summary>
    public async Task<IReadOnlyList<MimeMessage>> MessagesAsync(string user, string folder = "INBOX")
    {
        using var imap = new ImapClient();
        await imap.ConnectAsync("127.0.0.1", Imap, SecureSocketOptions.None);
        await imap.AuthenticateAsync(user, MailServer.Password);
        IMailFolder box;
        try
        {
            box = folder == "INBOX" ? imap.Inbox : await imap.GetFolder(imap.PersonalNamespaces[0]).GetSubfolderAsync(folder);
        }
        catch (FolderNotFoundException)
        {
            return [];
        }
        await box.OpenAsync(FolderAccess.ReadOnly);
        var messages = new List<MimeMessage>();
        for (int i = 0; i < box.Count; i++)
        {
            messages.Add(await box.GetMessageAsync(i));
        }
        await imap.DisconnectAsync(true);
        return messages;
    }

    /// <summary>Waits (30 s at most) until <paramref name="folder"/> holds <paramref name="count"/> messages: delivery through Postfix takes a moment.</summary>
    public async Task WaitForMessagesAsync(string user, string folder, int count)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while ((await MessagesAsync(user, folder)).Count < count)
        {
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), $"{count} message(s) in {user} {folder}");
            await Task.Delay(100);
        }
    }

    private void StartDovecot()
    {
        string root = Root;
        foreach (string folder in new[] { "run", "state", "mail" })
        {
            Directory.CreateDirectory(Path.Combine(root, folder));
        }
        Run("chown", "65534:65534", Path.Combine(root, "mail"));
        Run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1", "-keyout", Path.Combine(root, "key.pem"), "-out", Path.Combine(root, "cert.pem"));
        CertificateSha256 = RunOutput("openssl", "x509", "-noout", "-fingerprint", "-sha256", "-in", Path.Combine(root, "cert.pem")).Trim().Split('=')[1];   // Dovecot will not deliver as root; nobody owns the Maildirs
        File.WriteAllText(Path.Combine(root, "users"), $"{Gateway}:{{PLAIN}}{Password}\n{Partner}:{{PLAIN}}{Password}\n");
        string config = Path.Combine(root, "dovecot.conf");
        File.WriteAllText(config, $$"""
            base_dir = {{root}}/run
            state_dir = {{root}}/state
            log_path = {{root}}/dovecot.log
            listen = 127.0.0.1
            protocols = imap pop3 lmtp
            ssl = yes
            ssl_cert = <{{root}}/cert.pem
            ssl_key = <{{root}}/key.pem
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            mail_location = maildir:{{root}}/mail/%u/Maildir
            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%u {{root}}/users
            }
            userdb {
              driver = static
              args = uid=65534 gid=65534 home={{root}}/mail/%u
            }
            service imap-login {
              inet_listener imap {
                address = 127.0.0.1
                port = {{Imap}}
              }
              inet_listener imaps {
                address = 127.0.0.1
                port = {{Imaps}}
                ssl = yes
              }
            }
            service pop3-login {
              inet_listener pop3 {
                address = 127.0.0.1
                port = {{Pop3}}
              }
              inet_listener pop3s {
                port = 0
              }
            }
            service auth {
              unix_listener {{root}}/run/auth-postfix {
                mode = 0666
              }
            }
            service lmtp {
              inet_listener lmtp {
                address = 127.0.0.1
                port = {{Lmtp}}
              }
            }
            """);
        _processes.Add(Process.Start(new ProcessStartInfo("/usr/sbin/dovecot", ["-F", "-c", config]) { RedirectStandardOutput = true, RedirectStandardError = true })!);
        WaitFor(Imap, "dovecot imap");
        WaitFor(Lmtp, "dovecot lmtp");
    }

    private void StartPostfix()
    {
        string etc = Path.Combine(Postfix, "etc");
        Directory.CreateDirectory(etc);
        Directory.CreateDirectory(Path.Combine(Postfix, "queue"));
        Directory.CreateDirectory(Path.Combine(Postfix, "data"));
        Run("chown", "postfix", Path.Combine(Postfix, "data"));
        File.WriteAllText(Path.Combine(etc, "main.cf"), $"""
            compatibility_level = 3.6
            queue_directory = {Postfix}/queue
            data_directory = {Postfix}/data
            maillog_file = {Postfix}/maillog
            maillog_file_prefixes = {Postfix}
            mail_owner = postfix
            inet_interfaces = 127.0.0.1
            inet_protocols = ipv4
            myhostname = mail.distributor.test
            mydestination =
            relayhost =
            relay_domains =
            mynetworks = 127.0.0.0/8
            smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination
            virtual_mailbox_domains = distributor.test partner.test
            virtual_transport = lmtp:inet:127.0.0.1:{Lmtp}
            default_transport = error:this test server delivers nowhere else
            biff = no
            smtpd_tls_cert_file = {Root}/cert.pem
            smtpd_tls_key_file = {Root}/key.pem
            smtpd_tls_security_level = may
            smtpd_sasl_type = dovecot
            smtpd_sasl_path = {Root}/run/auth-postfix
            """);
        // Debian's master.cf with the SMTP listener on our port and no service chrooted (the queue is a plain folder).
        var master = File.ReadAllLines("/etc/postfix/master.cf").Select(line =>
        {
            var fields = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (line.Length == 0 || !char.IsAsciiLetterLower(line[0]) || fields.Length < 8)
            {
                return line;
            }
            if (fields[0] == "smtp" && fields[1] == "inet")
            {
                fields[0] = $"127.0.0.1:{Smtp}";
            }
            fields[4] = "n";
            return string.Join(' ', fields);
        });
        File.WriteAllLines(Path.Combine(etc, "master.cf"), master.Append(
            $"127.0.0.1:{Submission} inet n - n - - smtpd -o smtpd_tls_security_level=encrypt -o smtpd_sasl_auth_enable=yes -o smtpd_tls_auth_only=yes -o smtpd_client_restrictions=permit_sasl_authenticated,reject"));
        _processes.Add(Process.Start(new ProcessStartInfo("/usr/sbin/postfix", ["-c", etc, "start-fg"]) { RedirectStandardOutput = true, RedirectStandardError = true })!);
        WaitFor(Smtp, "postfix smtpd");
        WaitFor(Submission, "postfix submission");
    }

    private void WaitFor(int port, string what)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            try
            {
                using var client = new TcpClient("127.0.0.1", port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }
        string log = Path.Combine(Postfix, "maillog");
        Assert.Fail($"{what} did not listen on {port} within 20 s: {(File.Exists(log) ? File.ReadAllText(log) : "no maillog")}");
    }

    private static void Run(string program, params string[] args) => RunOutput(program, args);

    private static string RunOutput(string program, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, $"{program} {string.Join(' ', args)}: {error.Result}");
        return output;
    }

    public void Dispose()
    {
        using (var stop = Process.Start(new ProcessStartInfo("/usr/sbin/postfix", ["-c", Path.Combine(Postfix, "etc"), "stop"]) { RedirectStandardOutput = true, RedirectStandardError = true }))
        {
            stop?.WaitForExit(10_000);
        }
        foreach (var process in _processes)
        {
            try
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            process.Dispose();
        }
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A file still held by a server shutting down; the temporary folder is cleaned by the system.
        }
    }
}

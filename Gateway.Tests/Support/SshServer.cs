using System.Diagnostics;
using System.Net.Sockets;

namespace Gateway.Tests.Support;

/// <summary>
/// A private OpenSSH sshd on 127.0.0.1 for SFTP tests: its own config, host key and client keys in a temporary
/// folder, the current user as the login, an inbound folder the "partner" drops files in and an outbound folder the
/// gateway uploads to. The test command (./test.sh) installs openssh-server; see ../shared/notes/test-servers.md.
/// </summary>
internal sealed class SshServer : IDisposable
{
    private const string Sshd = "/usr/sbin/sshd";
    private readonly Process _process;

    private SshServer(string root, int port, string fingerprint, Process process)
    {
        Root = root;
        Port = port;
        HostKeyFingerprint = fingerprint;
        _process = process;
    }

    public string Root { get; }

    public int Port { get; }

    /// <summary>SHA256:… as <c>ssh-keygen -lf</c> prints it, what an operator pins in a profile.</summary>
    public string HostKeyFingerprint { get; }

    public static string User => Environment.UserName;

    /// <summary>A system user that logs in with <see cref="Password"/> (created for the tests when sshd runs as root, kept for the next run).</summary>
    public const string PasswordUser = "gwsftptest";

    public const string Password = "sftp-test-password";

    /// <summary>The passphrase of the ECDSA and RSA client keys.</summary>
    public const string KeyPassphrase = "correct horse battery";

    /// <summary>An Ed25519 key without passphrase that the server accepts (client_ecdsa and client_rsa beside it have <see cref="KeyPassphrase"/>).</summary>
    public string ClientKey => Path.Combine(Root, "client_ed25519");

    /// <summary>Where the partner drops files for us (our inboundFolder).</summary>
    public string PartnerOutbox => Path.Combine(Root, "edi", "out");

    /// <summary>Where we upload files for the partner (our outboundFolder).</summary>
    public string PartnerInbox => Path.Combine(Root, "edi", "in");

    public static SshServer Start()
    {
        if (!File.Exists(Sshd))
        {
            Assert.Fail($"{Sshd} is missing: run the tests with ./test.sh, which installs openssh-server");
        }
        string root = Directory.CreateTempSubdirectory("gateway-sshd-").FullName;
        Directory.CreateDirectory(Path.Combine(root, "edi", "out"));
        Directory.CreateDirectory(Path.Combine(root, "edi", "in"));
        if (!OperatingSystem.IsWindows())
        {
            // The password user reaches the folders too.
            var open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
            File.SetUnixFileMode(root, open);
            File.SetUnixFileMode(Path.Combine(root, "edi"), open);
            File.SetUnixFileMode(Path.Combine(root, "edi", "out"), open | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite);
            File.SetUnixFileMode(Path.Combine(root, "edi", "in"), open | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite);
        }
        Directory.CreateDirectory("/run/sshd");
        Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", Path.Combine(root, "host_ed25519"));
        Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", Path.Combine(root, "client_ed25519"));
        Run("ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", KeyPassphrase, "-f", Path.Combine(root, "client_ecdsa"));
        Run("ssh-keygen", "-q", "-t", "rsa", "-b", "3072", "-N", KeyPassphrase, "-f", Path.Combine(root, "client_rsa"));
        File.WriteAllText(Path.Combine(root, "authorized_keys"), string.Concat(new[] { "client_ed25519", "client_ecdsa", "client_rsa" }.Select(k => File.ReadAllText(Path.Combine(root, k + ".pub")))));
        string fingerprint = Run("ssh-keygen", "-l", "-f", Path.Combine(root, "host_ed25519.pub")).Split(' ')[1];
        int port = LoopbackBackend.FreePort();
        string config = Path.Combine(root, "sshd_config");
        File.WriteAllText(config, $"""
            ListenAddress 127.0.0.1
            Port {port}
            HostKey {root}/host_ed25519
            PidFile {root}/sshd.pid
            AuthorizedKeysFile {root}/authorized_keys
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PermitRootLogin prohibit-password
            UsePAM no
            StrictModes no
            Subsystem sftp internal-sftp
            LogLevel ERROR
            Match User {PasswordUser}
                PasswordAuthentication yes
            """);
        var process = Process.Start(new ProcessStartInfo(Sshd, ["-D", "-e", "-f", config]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var server = new SshServer(root, port, fingerprint, process);
        server.WaitUntilListening();
        return server;
    }

    /// <summary>Makes sure <see cref="PasswordUser"/> exists with <see cref="Password"/> (needs root, as sshd does to check passwords).</summary>
    public static void EnsurePasswordUser()
    {
        using (var check = Process.Start(new ProcessStartInfo("id", [PasswordUser]) { RedirectStandardOutput = true, RedirectStandardError = true })!)
        {
            check.WaitForExit();
            if (check.ExitCode != 0)
            {
                Run("useradd", "--no-create-home", "--shell", "/bin/sh", PasswordUser);
            }
        }
        using var chpasswd = Process.Start(new ProcessStartInfo("chpasswd") { RedirectStandardInput = true, RedirectStandardError = true })!;
        chpasswd.StandardInput.WriteLine($"{PasswordUser}:{Password}");
        chpasswd.StandardInput.Close();
        chpasswd.WaitForExit();
        Assert.That(chpasswd.ExitCode, Is.Zero, chpasswd.StandardError.ReadToEnd());
    }

    /// <summary>The sftp block of a partner profile for this server, with a schedule and extras as given.</summary>
    public string ProfileBlock(string schedule, string? fingerprint = null, string extra = "", string? key = null, string? keyPassword = null, string? password = null) => $$"""
          sftp:
            host: 127.0.0.1
            port: {{Port}}
            user: {{(password is null ? User : PasswordUser)}}
            hostKeyFingerprint: {{fingerprint ?? HostKeyFingerprint}}
            {{(password is null ? $"privateKey: {{ file: {key ?? ClientKey}{(keyPassword is null ? "" : $", password: {keyPassword}")} }}" : $"password: {password}")}}
            inboundFolder: {{PartnerOutbox}}
            outboundFolder: {{PartnerInbox}}
            fileMask: "*.edi"
            schedule: "{{schedule}}"
            timeoutSeconds: 10
        {{extra}}
        """;

    private void WaitUntilListening()
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (_process.HasExited)
            {
                Assert.Fail($"sshd exited with {_process.ExitCode}");
            }
            try
            {
                using var client = new TcpClient("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }
        Assert.Fail("sshd did not listen within 10 s");
    }

    private static string Run(string program, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, $"{program} {string.Join(' ', args)}: {error}");
        return output;
    }

    public void Dispose()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a child; the temporary folder is cleaned by the system.
        }
    }
}

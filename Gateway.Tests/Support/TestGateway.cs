using Gateway.Host.Admin.Security;
using Gateway.Host.Service;
using Gateway.Host.Tracking;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Support;

/// <summary>
/// A gateway in its own temporary folder (data, partner profiles, maps) with a loopback ERP as its only endpoint.
/// Runs in-process (<see cref="StartAsync"/>) or, with <see cref="Arguments"/>, as a real child process.
/// </summary>
internal sealed class TestGateway : IAsyncDisposable
{
    private WebApplication? _app;

    public TestGateway()
    {
        Root = Directory.CreateTempSubdirectory("gateway-e2e-").FullName;
        Directory.CreateDirectory(ProfilesDirectory);
        Directory.CreateDirectory(Path.Combine(Root, "maps"));
    }

    public string Root { get; }

    /// <summary>The admin listener (API, sandbox), fixed for this gateway so a restart keeps it.</summary>
    public string AdminUrl { get; private set; } = $"http://127.0.0.1:{LoopbackBackend.FreePort()}";

    /// <summary>More command-line overrides for the next start.</summary>
    public List<string> ExtraArguments { get; } = [];

    public string DataDirectory => Path.Combine(Root, "data");

    public string ProfilesDirectory => Path.Combine(Root, "partner-profiles");

    public LoopbackBackend Erp { get; } = new();

    public ITrackingStore Store => _app!.Services.GetRequiredService<ITrackingStore>();

    public IServiceProvider Services => _app!.Services;

    /// <summary>The configuration a gateway over this folder runs with, as command-line overrides.</summary>
    public string[] Arguments(int deliveryAttempts = 8, int pollMilliseconds = 100, int quickRetries = 0, int timeoutSeconds = 5) =>
    [
        $"--Gateway:DataDirectory={DataDirectory}",
        $"--Gateway:PartnerProfiles={ProfilesDirectory}",
        $"--Gateway:Maps={Path.Combine(Root, "maps")}",
        $"--Gateway:Listeners:Admin={AdminUrl}",
        $"--Gateway:Endpoints:erp:BaseUrl={Erp.BaseUrl}",
        $"--Gateway:Endpoints:erp:TimeoutSeconds={timeoutSeconds}",
        $"--Gateway:Endpoints:erp:QuickRetries={quickRetries}",
        "--Gateway:Endpoints:erp:QuickRetryDelayMilliseconds=20",
        "--Gateway:Sandbox:Enabled=false",
        $"--Gateway:FolderPollMilliseconds={pollMilliseconds}",
        "--Gateway:Delivery:FirstRetrySeconds=0.2",
        "--Gateway:Delivery:MaxRetrySeconds=1",
        $"--Gateway:Delivery:MaxAttempts={deliveryAttempts}",
        $"--Gateway:Endpoints:crm:BaseUrl={Erp.BaseUrl}",
        $"--Gateway:Endpoints:crm:QuickRetries={quickRetries}",
        $"--Gateway:Endpoints:wms:BaseUrl={Erp.BaseUrl}",
        $"--Gateway:Endpoints:wms:QuickRetries={quickRetries}",
        "--Serilog:MinimumLevel:Default=Warning",
        .. ExtraArguments,
    ];

    /// <summary>Copies the repository's shipped maps into this gateway's maps folder.</summary>
    public void UseShippedMaps()
    {
        foreach (string map in Directory.GetFiles(Path.Combine(Corpus.RepositoryRoot(), "maps"), "*.yaml"))
        {
            File.Copy(map, Path.Combine(Root, "maps", Path.GetFileName(map)), overwrite: true);
        }
    }

    /// <summary>Writes a partner whose 850s go to the loopback ERP.</summary>
    public void AddX12Partner(string id, string x12Id, string extra = "") =>
        File.WriteAllText(Path.Combine(ProfilesDirectory, id + ".yaml"),
            ProfileTexts.X12Partner(id, x12Id).Replace("    direction: inbound\n", "    direction: inbound\n    endpoint: erp\n", StringComparison.Ordinal) + extra);

    /// <summary>The lines of the gateway's JSON log so far, read as someone following it would, while it writes.</summary>
    public List<string> JsonLogLines()
    {
        string folder = Path.Combine(DataDirectory, "logs");
        var lines = new List<string>();
        foreach (string file in Directory.Exists(folder) ? Directory.GetFiles(folder, "gateway-*.json") : [])
        {
            using var reader = new StreamReader(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
            while (reader.ReadLine() is { } line)
            {
                lines.Add(line);
            }
        }
        return lines;
    }

    public string InboxOf(string partnerId) => Path.Combine(DataDirectory, "folders", partnerId, "inbox");

    public string OutboxOf(string partnerId) => Path.Combine(DataDirectory, "folders", partnerId, "outbox");

    /// <summary>The finished files in a partner's outbox, as the partner sees them: files still being written have a '.' name.</summary>
    public string[] OutboxFiles(string partnerId) =>
        Directory.Exists(OutboxOf(partnerId)) ? Directory.GetFiles(OutboxOf(partnerId)).Where(f => Path.GetFileName(f)[0] != '.').ToArray() : [];

    /// <summary>Drops a file into an inbox the way a partner's copy would: written elsewhere, then moved in.</summary>
    public void Drop(string inbox, string name, string content)
    {
        Directory.CreateDirectory(inbox);
        string staging = Path.Combine(Root, "staging-" + name);
        File.WriteAllText(staging, content);
        File.Move(staging, Path.Combine(inbox, name));
    }

    /// <summary>
    /// Adds a console user to this gateway's data folder (cheap password hashing, for test speed) and returns the
    /// password. Works before the start and while running: the gateway rereads its users file.
    /// </summary>
    public string AddUser(string name, Role role)
    {
        string password = "pw-" + Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(DataDirectory);
        Assert.That(new UserDirectory(DataDirectory, TimeProvider.System).Add(name, role, password, iterations: 1_000), Is.Null);
        return password;
    }

    /// <summary>A client of the admin API holding a token of a new user with <paramref name="role"/>.</summary>
    public HttpClient ApiClient(Role role)
    {
        var users = new UserDirectory(DataDirectory, TimeProvider.System);
        string name = $"api-{role}-{Guid.NewGuid():N}"[..24].ToLowerInvariant();
        Directory.CreateDirectory(DataDirectory);
        Assert.That(users.Add(name, role, password: null), Is.Null);
        var (token, error) = users.IssueToken(name, "tests");
        Assert.That(error, Is.Null);
        var client = new HttpClient { BaseAddress = new Uri(AdminUrl) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    /// <summary>Starts the gateway in this process; <paramref name="overrides"/> come last, so they win (<c>--Serilog:MinimumLevel:Default=Information</c>).</summary>
    public async Task StartAsync(int deliveryAttempts = 8, int pollMilliseconds = 100, int quickRetries = 0, int timeoutSeconds = 5, params string[] overrides)
    {
        for (int attempt = 1; ; attempt++)
        {
            _app = GatewayHost.Build([.. Arguments(deliveryAttempts, pollMilliseconds, quickRetries, timeoutSeconds), .. overrides]);
            try
            {
                await _app.StartAsync();
                return;
            }
            catch (IOException exception) when (exception.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException && attempt < 3)
            {
                // A free port picked earlier was taken since (busy CI, outgoing connections): pick another.
                await _app.DisposeAsync();
                AdminUrl = $"http://127.0.0.1:{LoopbackBackend.FreePort()}";
            }
        }
    }

    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Erp.Dispose();
        Directory.Delete(Root, recursive: true);
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test with <paramref name="what"/> after <paramref name="seconds"/>.</summary>
    public static async Task WaitUntil(Func<bool> condition, string what, double seconds = 20)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed.TotalSeconds > seconds)
            {
                Assert.Fail($"waited {seconds} s for: {what}");
            }
            await Task.Delay(50);
        }
    }
}

using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Host.Api;
using Gateway.Host.Configuration;
using Gateway.Host.Outbound;
using Gateway.Partners.Loading;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gateway.Host.Transports.Folder;

/// <summary>
/// The folder way in for back-end events: a file <c>TYPE-anything.json</c> (856-SHP123.json) in a partner's
/// <c>events</c> folder, beside its inbox, is submitted like a POST to /api/outbound, then moved to <c>events/sent</c>,
/// or to <c>events/failed</c> with a <c>.problems.txt</c> beside it. A file is taken once it is unchanged across two
/// looks; its content hash is the idempotency key, so a crash before the move never sends the document twice.
/// </summary>
internal sealed partial class OutboundEventFolder(FolderLayout layout, ProfileReloader profiles, OutboundSubmissions submissions, GatewaySettings settings, ILogger<OutboundEventFolder> log) : BackgroundService
{
    private readonly Dictionary<string, (long Size, DateTime Written)> _lastLook = new(StringComparer.Ordinal);

    /// <summary>The events folder of a partner's folder transport: beside its inbox.</summary>
    public static string EventsBeside(string inbox) => Path.Combine(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(inbox))!, "events");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();   // off the host's start first, as FolderInbox: a backlog here must not hold back the services after it
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(settings.FolderPollMilliseconds));
        do
        {
            try
            {
                Poll();
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                LogPollFailed(exception.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    public void Poll()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var partner in profiles.Current.Partners.Where(p => p.Transports.Folder is not null))
        {
            string folder = EventsBeside(layout.InboxOf(partner));
            Directory.CreateDirectory(folder);
            foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*.json").Where(f => !f.Name.StartsWith('.')))
            {
                seen.Add(file.FullName);
                var look = (file.Length, file.LastWriteTimeUtc);
                bool stable = _lastLook.TryGetValue(file.FullName, out var previous) && previous == look;
                _lastLook[file.FullName] = look;
                if (stable)
                {
                    Take(partner.Id, file);
                    _lastLook.Remove(file.FullName);
                }
            }
        }
        foreach (string gone in _lastLook.Keys.Where(k => !seen.Contains(k)).ToList())
        {
            _lastLook.Remove(gone);
        }
    }

    private void Take(string partnerId, FileInfo file)
    {
        byte[] content = File.ReadAllBytes(file.FullName);
        int dash = file.Name.IndexOf('-', StringComparison.Ordinal);
        string type = dash > 0 ? file.Name[..dash] : Path.GetFileNameWithoutExtension(file.Name);
        IReadOnlyList<string> problems;
        string? trackingId = null;
        try
        {
            // Strict: a repeated property is "not JSON", like any other malformed event (EventRequest.Strict says why).
            if (JsonNode.Parse(content, documentOptions: EventRequest.Strict) is not JsonObject backendEvent)
            {
                problems = ["the file must hold one JSON object (the event)"];
            }
            else
            {
                var result = submissions.Submit(partnerId, type, backendEvent, "file:" + Convert.ToHexStringLower(SHA256.HashData(content)));
                trackingId = result.TrackingId;
                problems = [.. result.Problems.Select(p => p.Field is null ? p.Message : $"{p.Field}: {p.Message}")];
            }
        }
        catch (JsonException exception)
        {
            problems = [$"not JSON: {exception.Message}"];
        }
        string target = Path.Combine(file.DirectoryName!, trackingId is null ? "failed" : "sent");
        Directory.CreateDirectory(target);
        string destination = Path.Combine(target, file.Name);
        if (trackingId is null)
        {
            File.WriteAllText(destination + ".problems.txt", string.Join(Environment.NewLine, problems) + Environment.NewLine);
            LogFailed(file.Name, partnerId, string.Join("; ", problems));
        }
        else
        {
            LogSubmitted(file.Name, partnerId, trackingId);
        }
        file.MoveTo(destination, overwrite: true);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Event file {File} for {PartnerId} became {TrackingId}")]
    private partial void LogSubmitted(string file, string partnerId, string trackingId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Event file {File} for {PartnerId} was refused: {Problems}; fix it and drop it in again")]
    private partial void LogFailed(string file, string partnerId, string problems);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event folders could not be read: {Reason}")]
    private partial void LogPollFailed(string reason);
}

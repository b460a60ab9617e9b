using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Cronos;
using Gateway.Host.Configuration;
using Gateway.Host.Intake;
using Gateway.Host.Pipeline;
using Gateway.Partners.Loading;
using Gateway.Partners.Profiles;
using Gateway.Partners.Profiles.Transports;
using Microsoft.Extensions.Logging;
using Renci.SshNet;
using Renci.SshNet.Sftp;

namespace Gateway.Host.Transports.Sftp;

/// <summary>
/// Picks up partners' files from their SFTP servers, each on its own schedule and never two polls of one partner at
/// once. Only complete files are taken (size and time unchanged across a short second look, or the partner's marker
/// file present); each is downloaded, handed to durable intake, and only then deleted or moved on the server. A crash
/// between the two finds the file again at the next poll, and intake recognises it (server, path, size, time, hash):
/// one document, not two. Remote names are data: the archive's names are generated.
/// </summary>
internal sealed partial class SftpInbox(ProfileReloader profiles, DurableIntake intake, GatewaySettings settings, TimeProvider time, ILogger<SftpInbox> log) : IDisposable
{
    /// <summary>How long a file's size and time must stay unchanged to count as completely written.</summary>
    public static readonly TimeSpan StableFor = TimeSpan.FromSeconds(1);

    private const int FilesPerPoll = 200;
    private const long MaxFileBytes = 512L * 1024 * 1024;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _nextDue = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task> _running = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Starts a poll of every partner whose schedule has come and whose last poll has finished.</summary>
    public void StartDuePolls(CancellationToken cancellationToken)
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }
        var now = time.GetUtcNow();
        foreach (var partner in profiles.Current.Partners.Where(p => p.Transports.Sftp?.InboundFolder is not null))
        {
            // The first poll waits for the schedule's first tick, as cron does.
            var due = _nextDue.GetOrAdd(partner.Id, _ => Next(partner.Transports.Sftp!.Schedule, now));
            if (due > now || _running.ContainsKey(partner.Id))
            {
                continue;
            }
            _nextDue[partner.Id] = Next(partner.Transports.Sftp!.Schedule, now);
            _running[partner.Id] = Task.Run(async () =>
            {
                try
                {
                    using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
                    await PollAsync(partner, linked.Token);
                }
                catch (OperationCanceledException)
                {
                    // Shutting down: what was not yet taken stays on the server for the next start.
                }
                finally
                {
                    _running.TryRemove(partner.Id, out _);
                }
            }, CancellationToken.None);
        }
    }

    /// <summary>Starts no more polls and asks those in flight to stop between files.</summary>
    public void Stop() => _stopping.Cancel();

    /// <summary>Waits for the polls in flight (at shutdown).</summary>
    public Task DrainAsync() => Task.WhenAll(_running.Values);

    public void Dispose() => _stopping.Dispose();

    /// <summary>One poll of one partner's inbound folder; problems are logged, never thrown (the next poll tries again).</summary>
    public async Task<int> PollAsync(PartnerProfile partner, CancellationToken cancellationToken)
    {
        var sftp = partner.Transports.Sftp!;
        using var scope = log.BeginScope(new Dictionary<string, object> { ["PartnerId"] = partner.Id });
        try
        {
            using var client = await SftpConnection.OpenAsync(partner, sftp, settings.PartnerProfiles, cancellationToken);
            return await TakeAsync(client, partner, sftp, cancellationToken);
        }
        catch (SftpRefusedException exception)
        {
            LogRefused(exception.Message);
        }
        catch (Exception exception) when (exception is Renci.SshNet.Common.SshException or IOException or System.Net.Sockets.SocketException or TimeoutException)
        {
            LogPollFailed(sftp.Host, sftp.Port, exception.GetType().Name, exception.Message);
        }
        return 0;
    }

    private async Task<int> TakeAsync(SftpClient client, PartnerProfile partner, SftpSettings sftp, CancellationToken cancellationToken)
    {
        string folder = sftp.InboundFolder!;
        var mask = MaskPattern(sftp.FileMask);
        var first = await ListAsync(client, folder, cancellationToken);
        List<ISftpFile> complete;
        if (sftp.CompleteWhen == FileCompleteness.MarkerFile)
        {
            var names = first.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
            complete = [.. first.Where(f => mask.IsMatch(f.Name) && !f.Name.EndsWith(sftp.MarkerSuffix, StringComparison.Ordinal) && names.Contains(f.Name + sftp.MarkerSuffix))];
        }
        else
        {
            var candidates = first.Where(f => mask.IsMatch(f.Name)).ToList();
            if (candidates.Count == 0)
            {
                return 0;
            }
            // A file still being uploaded grows or changes time between two looks: it waits for the next poll.
            await Task.Delay(StableFor, time, cancellationToken);
            var second = (await ListAsync(client, folder, cancellationToken)).ToDictionary(f => f.Name, StringComparer.Ordinal);
            complete = [.. candidates.Where(f => second.TryGetValue(f.Name, out var again) && again.Length == f.Length && again.LastWriteTimeUtc == f.LastWriteTimeUtc)];
        }
        var taken = new List<(ISftpFile File, IntakeRequest Request)>();
        foreach (var file in complete.Take(FilesPerPoll))
        {
            if (file.Length > MaxFileBytes)
            {
                LogTooLarge(RemoteNames.Safe(file.Name), file.Length);
                continue;
            }
            using var content = new MemoryStream();
            await client.DownloadFileAsync(file.FullName, content, cancellationToken);
            string sourceKey = $"sftp:{sftp.Host}:{sftp.Port}:{file.FullName}:{file.Length}:{file.LastWriteTimeUtc.Ticks}";
            taken.Add((file, new IntakeRequest("sftp", partner.Id, RemoteNames.Safe(file.Name), sourceKey, content.ToArray())));
        }
        if (taken.Count == 0)
        {
            return 0;
        }
        var ids = intake.AcceptAll([.. taken.Select(t => t.Request)]);
        CrashPoints.Reach("before-remote-delete");
        for (int i = 0; i < taken.Count; i++)
        {
            var file = taken[i].File;
            if (sftp.AfterPickup == AfterPickup.Move)
            {
                // The receipt id keeps moved files apart; the partner's name stays readable after it.
                await client.RenameFileAsync(file.FullName, $"{sftp.MoveTo!.TrimEnd('/')}/{ids[i]}-{file.Name}", cancellationToken);
            }
            else
            {
                await client.DeleteFileAsync(file.FullName, cancellationToken);
            }
            if (sftp.CompleteWhen == FileCompleteness.MarkerFile)
            {
                await client.DeleteFileAsync(file.FullName + sftp.MarkerSuffix, cancellationToken);
            }
            LogTaken(taken[i].Request.OriginalName, ids[i]);
        }
        CrashPoints.Reach("after-remote-delete");
        return taken.Count;
    }

    private static async Task<List<ISftpFile>> ListAsync(SftpClient client, string folder, CancellationToken cancellationToken)
    {
        var files = new List<ISftpFile>();
        await foreach (var file in client.ListDirectoryAsync(folder, cancellationToken))
        {
            if (file.IsRegularFile && !file.Name.StartsWith('.'))
            {
                files.Add(file);
            }
        }
        return files;
    }

    // The next time a schedule fires: five fields (minute hour day month weekday), or six with seconds first.
    private static DateTimeOffset Next(string schedule, DateTimeOffset now)
    {
        var format = schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard;
        return CronExpression.Parse(schedule, format).GetNextOccurrence(now, TimeZoneInfo.Utc) ?? DateTimeOffset.MaxValue;
    }

    private static Regex MaskPattern(string mask) =>
        // Singleline: '*' and '?' match any character, a newline in a partner's file name too; without it such a
        // file matched no mask and sat on the server unread and unreported (issue #11, attack tests).
        new("^" + Regex.Escape(mask).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1));

    [LoggerMessage(Level = LogLevel.Information, Message = "Took {File} from the partner's SFTP server as {TrackingId}")]
    private partial void LogTaken(string file, string trackingId);

    [LoggerMessage(Level = LogLevel.Error, Message = "SFTP refused: {Reason}")]
    private partial void LogRefused(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SFTP poll of {Host}:{Port} failed ({Kind}: {Reason}); the next poll tries again")]
    private partial void LogPollFailed(string host, int port, string kind, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "SFTP file {File} is {Bytes} bytes, over the limit; it stays on the server for a person to look at")]
    private partial void LogTooLarge(string file, long bytes);
}

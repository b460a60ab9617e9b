using System.Text;
using System.Text.Json;

namespace Gateway.Host.Admin.Audit;

/// <summary>
/// Every sign-in and every action taken through the console, API or <c>gateway users</c>, as JSON lines in
/// <c>DATA/audit/audit-YYYY-MM.jsonl</c>: appended and flushed to disk before the action's answer, never rewritten,
/// kept apart from the tracking store so that purging documents never purges who touched them.
/// </summary>
internal sealed class AuditLog(string dataDirectory, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    private readonly Lock _lock = new();

    public string Directory { get; } = Path.Combine(dataDirectory, "audit");

    public void Record(string actor, string via, string action, string target, string outcome, string? detail = null, string? remoteAddress = null) =>
        Record(new AuditEntry { At = time.GetUtcNow(), Actor = actor, Via = via, Action = action, Target = target, Outcome = outcome, Detail = detail, RemoteAddress = remoteAddress });

    public void Record(AuditEntry entry)
    {
        byte[] line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(entry, Json) + "\n");
        lock (_lock)
        {
            System.IO.Directory.CreateDirectory(Directory);
            // One write per line in append mode: lines from the service and the command line never interleave.
            using var stream = new FileStream(Path.Combine(Directory, $"audit-{entry.At.UtcDateTime:yyyy-MM}.jsonl"), FileMode.Append, FileAccess.Write, FileShare.ReadWrite, bufferSize: 1);
            stream.Write(line);
            stream.Flush(flushToDisk: true);
        }
    }

    /// <summary>The newest entries first, optionally only those naming <paramref name="search"/> (actor, action or target).</summary>
    public IReadOnlyList<AuditEntry> Recent(int take, string? search = null)
    {
        var found = new List<AuditEntry>();
        if (!System.IO.Directory.Exists(Directory))
        {
            return found;
        }
        foreach (string file in System.IO.Directory.EnumerateFiles(Directory, "audit-*.jsonl").OrderDescending(StringComparer.Ordinal))
        {
            string[] lines;
            using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            using (var reader = new StreamReader(stream, Encoding.UTF8))
            {
                lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            }
            for (int i = lines.Length - 1; i >= 0 && found.Count < take; i--)
            {
                if (Parse(lines[i]) is { } entry && Matches(entry, search))
                {
                    found.Add(entry);
                }
            }
            if (found.Count >= take)
            {
                break;
            }
        }
        return found;
    }

    private static bool Matches(AuditEntry entry, string? search) =>
        string.IsNullOrEmpty(search)
        || entry.Actor.Contains(search, StringComparison.OrdinalIgnoreCase)
        || entry.Action.Contains(search, StringComparison.OrdinalIgnoreCase)
        || entry.Target.Contains(search, StringComparison.OrdinalIgnoreCase);

    private static AuditEntry? Parse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<AuditEntry>(line, Json);
        }
        catch (JsonException)
        {
            // A line cut short by a crash: the rest of the log is still worth reading.
            return null;
        }
    }
}

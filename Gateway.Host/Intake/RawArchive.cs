using System.Text;
using System.Text.Json;
using Gateway.Host.Durability;
using Gateway.Host.Tracking;

namespace Gateway.Host.Intake;

/// <summary>
/// The write-ahead record of everything received. Each receipt is one file, <c>archive/yyyy/MM/dd/ID.receipt</c>: a
/// JSON manifest line, then the bytes exactly as received. It is fsync'd, and its folder too, before a transport may
/// acknowledge: LiteDB commits are not flushed to disk when they return, so the archive, not the tracking store, makes
/// a receipt durable, and receipts the store lost are rebuilt from it at start.
/// </summary>
internal sealed class RawArchive(string directory)
{
    private const string Extension = ".receipt";

    /// <summary>How far back a start looks for receipts the store does not know (a crash only loses the latest).</summary>
    public const int RecoveryDays = 7;

    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>Writes the receipts' files; all are on disk, with their folders, when it returns.</summary>
    public void WriteAll(IReadOnlyList<ReceiptRecord> receipts, IReadOnlyList<byte[]> contents)
    {
        var files = new (string Path, byte[] Header, byte[] Content)[receipts.Count];
        var newFolders = new List<string>();
        for (int i = 0; i < receipts.Count; i++)
        {
            var receipt = receipts[i];
            string folder = FolderOf(receipt.Id);
            if (!System.IO.Directory.Exists(folder))
            {
                System.IO.Directory.CreateDirectory(folder);
                newFolders.Add(folder);
            }
            var manifest = new ReceiptManifest(receipt.Id, receipt.ReceivedAt, receipt.Transport, receipt.TransportPartnerId, receipt.OriginalName, receipt.SourceKey, receipt.Bytes, receipt.Sha256);
            files[i] = (Path.Combine(folder, receipt.Id + Extension), Encoding.UTF8.GetBytes(JsonSerializer.Serialize(manifest) + "\n"), contents[i]);
        }
        DurableFile.WriteAll(files);
        // A new day folder is itself an entry in its parent: make the path durable up to the archive root.
        foreach (string folder in newFolders)
        {
            for (string? parent = Path.GetDirectoryName(folder); parent is not null && parent.Length >= Directory.Length; parent = Path.GetDirectoryName(parent))
            {
                DurableFile.FlushDirectory(parent);
            }
        }
    }

    /// <summary>The bytes as received.</summary>
    public byte[] Read(string receiptId)
    {
        byte[] file = File.ReadAllBytes(PathOf(receiptId));
        int start = Array.IndexOf(file, (byte)'\n') + 1;
        return file[start..];
    }

    public string PathOf(string receiptId) => Path.Combine(FolderOf(receiptId), receiptId + Extension);

    /// <summary>The receipts archived in the last <see cref="RecoveryDays"/> days whose ids <paramref name="isKnown"/> rejects, complete ones only.</summary>
    public IEnumerable<ReceiptRecord> RecentUnknown(Func<string, bool> isKnown)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            yield break;
        }
        var days = System.IO.Directory.EnumerateDirectories(Directory, "*", SearchOption.AllDirectories)
            .Where(d => Path.GetRelativePath(Directory, d).Count(c => c == Path.DirectorySeparatorChar) == 2)
            .Order(StringComparer.Ordinal)
            .TakeLast(RecoveryDays);
        foreach (string day in days)
        {
            foreach (string file in System.IO.Directory.EnumerateFiles(day, "*" + Extension).Order(StringComparer.Ordinal))
            {
                string id = Path.GetFileNameWithoutExtension(file);
                if (!isKnown(id) && ReadManifest(file) is { } receipt)
                {
                    yield return receipt;
                }
            }
        }
    }

    /// <summary>Deletes the archived file of <paramref name="receiptId"/> (retention).</summary>
    public void Delete(string receiptId) => File.Delete(PathOf(receiptId));

    // A manifest whose byte count disagrees with the file is a write the crash cut short: never acknowledged, so skipped.
    private static ReceiptRecord? ReadManifest(string file)
    {
        using var stream = File.OpenRead(file);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 4096, leaveOpen: true);
        string? line = reader.ReadLine();
        if (line is null)
        {
            return null;
        }
        ReceiptManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<ReceiptManifest>(line);
        }
        catch (JsonException)
        {
            return null;
        }
        if (manifest is null || stream.Length - Encoding.UTF8.GetByteCount(line) - 1 != manifest.Bytes)
        {
            return null;
        }
        return new ReceiptRecord
        {
            Id = manifest.Id,
            ReceivedAt = manifest.ReceivedAt,
            Transport = manifest.Transport,
            TransportPartnerId = manifest.TransportPartnerId,
            OriginalName = manifest.OriginalName,
            SourceKey = manifest.SourceKey,
            Bytes = manifest.Bytes,
            Sha256 = manifest.Sha256,
        };
    }

    // Ids start with the UTC time (R20261128T…): one folder per day keeps listings short.
    private string FolderOf(string receiptId) =>
        Path.Combine(Directory, receiptId.Substring(1, 4), receiptId.Substring(5, 2), receiptId.Substring(7, 2));

    private sealed record ReceiptManifest(string Id, DateTimeOffset ReceivedAt, string Transport, string? TransportPartnerId, string OriginalName, string SourceKey, long Bytes, string Sha256);
}

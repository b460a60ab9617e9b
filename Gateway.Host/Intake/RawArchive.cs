using System.Text.Json;
using Gateway.Host.Tracking;

namespace Gateway.Host.Intake;

/// <summary>
/// The write-ahead record of everything received: each file's bytes and a small manifest, fsync'd (file and folder)
/// before a transport may acknowledge. LiteDB commits are not flushed to disk when they return, so the archive, not
/// the tracking store, is what makes a receipt durable; at start, any archived receipt the store lacks is rebuilt.
/// </summary>
internal sealed class RawArchive(string directory)
{
    private const string ManifestSuffix = ".receipt.json";

    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>Archives <paramref name="content"/> under the receipt's id and returns once both files are on disk.</summary>
    public void Write(ReceiptRecord receipt, ReadOnlySpan<byte> content)
    {
        string folder = FolderOf(receipt.Id);
        System.IO.Directory.CreateDirectory(folder);
        // Data first, manifest last: a manifest means the whole receipt is there.
        DurableFile.Write(Path.Combine(folder, receipt.Id + ".edi"), content);
        var manifest = new ReceiptManifest(receipt.Id, receipt.ReceivedAt, receipt.Transport, receipt.TransportPartnerId, receipt.OriginalName, receipt.SourceKey, receipt.Bytes, receipt.Sha256);
        DurableFile.Write(Path.Combine(folder, receipt.Id + ManifestSuffix), JsonSerializer.SerializeToUtf8Bytes(manifest));
        DurableFile.FlushDirectory(folder);
    }

    public byte[] Read(string receiptId) => File.ReadAllBytes(Path.Combine(FolderOf(receiptId), receiptId + ".edi"));

    public string PathOf(string receiptId) => Path.Combine(FolderOf(receiptId), receiptId + ".edi");

    /// <summary>Every archived receipt, oldest first.</summary>
    public IEnumerable<ReceiptRecord> Manifests()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            yield break;
        }
        foreach (string file in System.IO.Directory.EnumerateFiles(Directory, "*" + ManifestSuffix, SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var manifest = JsonSerializer.Deserialize<ReceiptManifest>(File.ReadAllBytes(file))!;
            yield return new ReceiptRecord
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
    }

    /// <summary>Deletes the archived files of <paramref name="receiptId"/> (retention).</summary>
    public void Delete(string receiptId)
    {
        File.Delete(Path.Combine(FolderOf(receiptId), receiptId + ".edi"));
        File.Delete(Path.Combine(FolderOf(receiptId), receiptId + ManifestSuffix));
    }

    // Ids start with the UTC time (R20261128T…): one folder per day keeps listings short.
    private string FolderOf(string receiptId) =>
        Path.Combine(Directory, receiptId.Substring(1, 4), receiptId.Substring(5, 2), receiptId.Substring(7, 2));

    private sealed record ReceiptManifest(string Id, DateTimeOffset ReceivedAt, string Transport, string? TransportPartnerId, string OriginalName, string SourceKey, long Bytes, string Sha256);
}

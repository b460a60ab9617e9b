using System.Buffers.Binary;
using LiteDB;

namespace Gateway.Host.Tracking;

/// <summary>
/// A receipt's documents written beside the tracking store ahead of their commit: a header with their count, then
/// each document's BSON. Written under a temporary name and renamed, so a file with its final name is complete, and
/// read back whole or not at all.
/// </summary>
internal static class StagedDocumentFile
{
    private static readonly byte[] Magic = "GWSTAGE1"u8.ToArray();

    public static void Write(string path, IReadOnlyCollection<BsonDocument> documents)
    {
        string temporary = Path.Combine(Path.GetDirectoryName(path)!, "." + Path.GetFileName(path) + ".tmp");
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
        {
            Span<byte> count = stackalloc byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(count, documents.Count);
            stream.Write(Magic);
            stream.Write(count);
            foreach (var document in documents)
            {
                stream.Write(BsonSerializer.Serialize(document));   // a BSON document starts with its own length
            }
        }
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The documents in <paramref name="path"/>; <see cref="InvalidDataException"/> naming the file when it is not whole.</summary>
    public static List<BsonDocument> Read(string path)
    {
        byte[] file = File.ReadAllBytes(path);
        if (file.Length < Magic.Length + 4 || !file.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{path} is not a staged documents file");
        }
        int count = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(Magic.Length));
        var documents = new List<BsonDocument>(count);
        int position = Magic.Length + 4;
        while (documents.Count < count)
        {
            int length = file.Length - position >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(position)) : -1;
            if (length < 5 || length > file.Length - position)
            {
                throw new InvalidDataException($"{path} ends after {documents.Count} of its {count} documents (at byte {position})");
            }
            documents.Add(BsonSerializer.Deserialize(file[position..(position + length)]));
            position += length;
        }
        return documents;
    }
}

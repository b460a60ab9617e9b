using System.Text;
using System.Text.Json;
using Gateway.Host.Durability;

namespace Gateway.Host.Tracking;

/// <summary>
/// An append-only file of small records, one JSON array per line, each forced to disk (fsync) before
/// <see cref="Append"/> returns. A torn last line from a crash is dropped on open. The file is held exclusively, so a
/// second gateway on the same data directory fails at start instead of issuing the same numbers.
/// </summary>
internal sealed class DurableJournal : IDisposable
{
    private readonly Lock _gate = new();
    private readonly string _path;
    private FileStream _stream;

    public DurableJournal(string path)
    {
        _path = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        _stream = Open(_path);
        Records = ReadAll(_stream);
    }

    /// <summary>The complete records found when the journal was opened, oldest first.</summary>
    public IReadOnlyList<string[]> Records { get; private set; }

    /// <summary>Appends one record and returns once it is on disk (or, inside a <see cref="JournalBatch"/>, once the batch ends).</summary>
    public void Append(params string[] record)
    {
        byte[] line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(record) + "\n");
        lock (_gate)
        {
            _stream.Write(line);
            if (JournalBatch.Current is { } batch)
            {
                batch.Touch(this);
            }
            else
            {
                _stream.Flush(flushToDisk: true);
            }
        }
    }

    /// <summary>Forces everything appended so far to disk.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            _stream.Flush(flushToDisk: true);
        }
    }

    /// <summary>
    /// Replaces the whole journal with <paramref name="records"/>, atomically: a crash leaves the old or the new file.
    /// Appends and flushes from other threads wait meanwhile; without that, a pipeline's batch flush met the stream
    /// closed for the swap and a good document was dead-lettered (the retention job rewrites the register at start).
    /// </summary>
    public void Rewrite(IEnumerable<string[]> records)
    {
        string temporary = _path + ".new";
        lock (_gate)
        {
            using (var output = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                foreach (var record in records)
                {
                    output.Write(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(record) + "\n"));
                }
                output.Flush(flushToDisk: true);
            }
            _stream.Dispose();
            File.Move(temporary, _path, overwrite: true);
            DurableFile.FlushDirectory(Path.GetDirectoryName(_path)!);
            _stream = Open(_path);
            _stream.Seek(0, SeekOrigin.End);
            Records = [];
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _stream.Dispose();
        }
    }

    private static FileStream Open(string path) =>
        new(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1, FileOptions.None);

    private static List<string[]> ReadAll(FileStream stream)
    {
        var records = new List<string[]>();
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        long complete = 0;
        string text = reader.ReadToEnd();
        int start = 0;
        while (true)
        {
            int end = text.IndexOf('\n', start);
            if (end < 0)
            {
                break;   // no line break: a record torn by a crash; it was never acknowledged
            }
            try
            {
                records.Add(JsonSerializer.Deserialize<string[]>(text.AsSpan(start, end - start)) ?? []);
            }
            catch (JsonException exception)
            {
                throw new InvalidDataException($"{stream.Name} line {records.Count + 1} is not a journal record; restore the file from backup or move it away to start the sequences afresh", exception);
            }
            complete += Encoding.UTF8.GetByteCount(text.AsSpan(start, end + 1 - start));
            start = end + 1;
        }
        stream.SetLength(complete);
        stream.Seek(complete, SeekOrigin.Begin);
        return records;
    }
}

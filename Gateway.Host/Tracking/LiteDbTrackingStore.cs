using LiteDB;

namespace Gateway.Host.Tracking;

/// <summary>The embedded tracking store: one LiteDB file under the data directory.</summary>
internal sealed class LiteDbTrackingStore : ITrackingStore, IDisposable
{
    private readonly LiteDatabase _database;
    private readonly ILiteCollection<ReceiptRecord> _receipts;
    private readonly ILiteCollection<DocumentRecord> _documents;
    private readonly ILiteCollection<OutboundRecord> _outbound;
    private readonly Lock _outboundChanges = new();
    private readonly ILiteCollection<As2MessageRecord> _as2;
    private readonly BsonMapper _mapper;
    private readonly string _stagedFolder;

    public LiteDbTrackingStore(string path, bool readOnly = false)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        _stagedFolder = Path.Combine(folder, Path.GetFileNameWithoutExtension(path) + "-staged");
        var mapper = _mapper = new BsonMapper();
        mapper.Entity<ReceiptRecord>().Id(r => r.Id, autoId: false);
        mapper.Entity<DocumentRecord>().Id(d => d.Id, autoId: false);
        mapper.Entity<OutboundRecord>().Id(o => o.Id, autoId: false);
        mapper.Entity<As2MessageRecord>().Id(m => m.Id, autoId: false);
        OrderLineStorage.Register(mapper);
        _database = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct, ReadOnly = readOnly }, mapper);
        if (!readOnly)
        {
            _database.CheckpointSize = CheckpointPages;
        }
        _receipts = _database.GetCollection<ReceiptRecord>("receipts");
        _documents = _database.GetCollection<DocumentRecord>(DocumentsCollection);
        _outbound = _database.GetCollection<OutboundRecord>("outbound");
        _as2 = _database.GetCollection<As2MessageRecord>("as2messages");
        if (!readOnly)
        {
            _receipts.EnsureIndex(r => r.SourceKey);
            _receipts.EnsureIndex(r => r.Stage);
            _receipts.EnsureIndex(r => r.ReceivedAt);
            _documents.EnsureIndex(d => d.ReceiptId);
            _documents.EnsureIndex(d => d.Status);
            _documents.EnsureIndex(d => d.PartnerId);
            _documents.EnsureIndex(d => d.BusinessReference);
            _documents.EnsureIndex(d => d.PurchaseOrder);
            _outbound.EnsureIndex(o => o.PurchaseOrder);
            _documents.EnsureIndex(d => d.ReceivedAt);
            _outbound.EnsureIndex(o => o.Status);
            _outbound.EnsureIndex(o => o.RelatesTo);
            _outbound.EnsureIndex(o => o.TransportMessageId);
            _outbound.EnsureIndex(o => o.GroupControlNumber);
            _outbound.EnsureIndex(o => o.ControlNumber);
            _outbound.EnsureIndex(o => o.AcknowledgmentDueAt);
            _outbound.EnsureIndex(o => o.AcknowledgmentStatus);
            _outbound.EnsureIndex(o => o.CreatedAt);
            _as2.EnsureIndex(m => m.ReceiptId);
            _as2.EnsureIndex(m => m.MdnSentAt);
        }
    }

    // LiteDB copies its write-ahead log into the data file, inside the commit that passes this many 8 KiB pages
    // (1,000 by default). A 10 MB interchange writes several thousand; checkpointing every 80 MB instead of 8 MB lets
    // pages written twice (a document parsed, then delivered; index pages) be copied once: its 997 went out 15-20 %
    // sooner. The price is a log of up to 80 MB on disk beside the store.
    private const int CheckpointPages = 10_000;

    private const string DocumentsCollection = "documents";

    public ReceiptRecord? FindReceipt(string id) => _receipts.FindById(id);

    public ReceiptRecord? FindReceiptBySource(string sourceKey) => _receipts.FindOne(r => r.SourceKey == sourceKey);

    public IReadOnlyList<ReceiptRecord> UnfinishedReceipts() =>
        _receipts.Find(r => r.Stage != ReceiptStage.Done).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();

    public void Save(ReceiptRecord receipt) => _receipts.Upsert(receipt);

    public DocumentRecord? FindDocument(string id) => _documents.FindById(id);

    public IReadOnlyList<DocumentRecord> DocumentsOf(string receiptId) =>
        _documents.Find(d => d.ReceiptId == receiptId).OrderBy(d => d.Id, StringComparer.Ordinal).ToList();

    public IReadOnlyList<DocumentRecord> QueryDocuments(DocumentQuery query)
    {
        // LiteDB seeks on the index of the first condition only: the most selective one goes first (a business
        // reference names a handful of documents, a partner may have hundreds of thousands).
        var q = _documents.Query();
        if (query.BusinessReference is { } reference)
        {
            q = q.Where(d => d.BusinessReference == reference);
        }
        if (query.PartnerId is { } partner)
        {
            q = q.Where(d => d.PartnerId == partner);
        }
        if (query.Status is { } status)
        {
            q = q.Where(d => d.Status == status);
        }
        if (query.Type is { } type)
        {
            q = q.Where(d => d.Type == type);
        }
        if (query.Direction is { } direction)
        {
            q = q.Where(d => d.Direction == direction);
        }
        if (query.ControlNumber is { } number)
        {
            q = q.Where(d => d.ControlNumber == number || d.GroupControlNumber == number || d.InterchangeControlNumber == number);
        }
        if (query.From is { } from)
        {
            q = q.Where(d => d.ReceivedAt >= from);
        }
        if (query.To is { } to)
        {
            q = q.Where(d => d.ReceivedAt < to);
        }
        return q.OrderByDescending(d => d.ReceivedAt).Skip(query.Skip).Limit(query.Take).ToList();
    }

    // The references are a parameter: LiteDB compiles every distinct expression text to code, and keeps it for good.
    // Query.In writes the values into the text, which cost a compilation per file received and grew without end.
    private const string ReferencesIn = $"$.{nameof(DocumentRecord.BusinessReference)} IN @0";

    public IReadOnlyList<DocumentRecord> DocumentsWithReferences(IReadOnlyCollection<string> businessReferences) =>
        businessReferences.Count == 0 ? []
        : _documents.Find(BsonExpression.Create(ReferencesIn, new BsonArray(businessReferences.Select(r => new BsonValue(r))))).ToList();

    public IReadOnlyList<DocumentRecord> DueForDelivery(DateTimeOffset now, int limit) =>
        _documents.Query().Where(d => d.Status == DocumentStatus.Retrying && d.NextAttemptAt <= now).Limit(limit).ToList();

    public void Save(DocumentRecord document) => _documents.Upsert(document);

    public void SaveAll(IReadOnlyCollection<ReceiptRecord> receipts)
    {
        if (receipts.Count > 0)
        {
            InTransaction(() => _receipts.Upsert(receipts));
        }
    }

    public void SaveAll(IReadOnlyCollection<DocumentRecord> documents, IReadOnlyCollection<ReceiptRecord>? receipts = null) => InTransaction(() =>
    {
        _documents.Upsert(documents);
        if (receipts is not null)
        {
            _receipts.Upsert(receipts);
        }
    });

    public void SaveAll(IReadOnlyCollection<OutboundRecord> outbound)
    {
        if (outbound.Count > 0)
        {
            InTransaction(() => _outbound.Upsert(outbound));
        }
    }

    public void SaveStage(IReadOnlyCollection<ReceiptRecord> receipts, IReadOnlyCollection<DocumentRecord> documents, IReadOnlyCollection<OutboundRecord> outbound)
    {
        // A reprocess of a receipt whose staged documents never committed (a failure, or a file lost) supersedes them.
        var superseded = receipts.Where(r => r.DocumentsStaged).ToList();
        superseded.ForEach(r => r.DocumentsStaged = false);
        InsertElseUpsert(insert =>
        {
            Write(_documents, documents, insert);
            Write(_outbound, outbound, insert);
            _receipts.Upsert(receipts);
        });
        superseded.ForEach(r => File.Delete(StagedPath(r.Id)));
    }

    public StagedDocuments SaveStageAhead(IReadOnlyCollection<ReceiptRecord> receipts, IReadOnlyCollection<DocumentRecord> documents, IReadOnlyCollection<OutboundRecord> outbound)
    {
        // As durable as the commit they stand in for: written, not fsync'd (the archive is the write-ahead record).
        Directory.CreateDirectory(_stagedFolder);
        var bson = documents.Select(_mapper.ToDocument).ToList();
        foreach (var (receipt, ofReceipt) in receipts.GroupJoin(bson, r => r.Id, d => d[nameof(DocumentRecord.ReceiptId)].AsString, (r, d) => (r, d.ToList()), StringComparer.Ordinal))
        {
            StagedDocumentFile.Write(StagedPath(receipt.Id), ofReceipt);
            receipt.DocumentsStaged = true;
        }
        InsertElseUpsert(insert =>
        {
            Write(_outbound, outbound, insert);
            _receipts.Upsert(receipts);
        });
        return new StagedDocuments(receipts, bson);
    }

    public void CommitStaged(StagedDocuments staged)
    {
        var documents = _database.GetCollection(DocumentsCollection);
        foreach (var receipt in staged.Receipts)
        {
            receipt.DocumentsStaged = false;
        }
        InsertElseUpsert(insert =>
        {
            Write(documents, staged.Documents, insert);
            _receipts.Upsert(staged.Receipts);
        });
        foreach (var receipt in staged.Receipts)
        {
            File.Delete(StagedPath(receipt.Id));
        }
    }

    public void CommitStaged(ReceiptRecord receipt)
    {
        string path = StagedPath(receipt.Id);
        List<BsonDocument> documents;
        try
        {
            documents = StagedDocumentFile.Read(path);
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException)
        {
            // Only a machine's crash (the file was never flushed) or a person can do this; the archived file is intact.
            throw new InvalidDataException(
                $"the documents of {receipt.Id} were staged in {path} to commit after its acknowledgments, and that file cannot be read ({exception.Message}); " +
                $"its acknowledgments may have gone out: check them with gateway track show {receipt.Id}, then gateway track reprocess {receipt.Id} parses the archived file again", exception);
        }
        CommitStaged(new StagedDocuments([receipt], documents));
    }

    /// <summary>Where <see cref="SaveStageAhead"/> keeps a receipt's documents until they commit: <c>tracking-staged/ID.bson</c> beside the store.</summary>
    public string StagedPath(string receiptId) => Path.Combine(_stagedFolder, receiptId + ".bson");

    // A stage's records are new, except after a reprocess: inserting them skips the lookup an upsert makes first (5 %
    // of the time before a 10 MB interchange's 997). After a reprocess the insert fails whole on a stored id, is rolled
    // back, and is done again with upserts, so nothing is written twice.
    private void InsertElseUpsert(Action<bool> save)
    {
        try
        {
            InTransaction(() => save(true));
        }
        catch (LiteException exception) when (exception.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            InTransaction(() => save(false));
        }
    }

    private static void Write<T>(ILiteCollection<T> collection, IEnumerable<T> records, bool insert)
    {
        if (insert)
        {
            collection.Insert(records);
        }
        else
        {
            collection.Upsert(records);
        }
    }

    // LiteDB transactions belong to the calling thread; callers never await inside one.
    private void InTransaction(Action work)
    {
        _database.BeginTrans();
        try
        {
            work();
            _database.Commit();
        }
        catch
        {
            _database.Rollback();
            throw;
        }
    }

    public OutboundRecord? FindOutbound(string id) => _outbound.FindById(id);

    public IReadOnlyList<OutboundRecord> QueuedOutbound(IReadOnlyCollection<string> transports, int limit) =>
        _outbound.Query().Where(o => o.Status == "Queued" && transports.Contains(o.Transport)).OrderBy(o => o.CreatedAt).Limit(limit).ToList();

    public IReadOnlyList<OutboundRecord> OutboundFor(string receiptId) => _outbound.Find(o => o.RelatesTo == receiptId).ToList();

    public void Save(OutboundRecord outbound) => _outbound.Upsert(outbound);

    public OutboundRecord? Update(string id, Func<OutboundRecord, bool> change)
    {
        lock (_outboundChanges)
        {
            if (_outbound.FindById(id) is not { } current || !change(current))
            {
                return null;
            }
            _outbound.Upsert(current);
            return current;
        }
    }

    public IReadOnlyList<OutboundRecord> OutboundOfGroup(string partnerId, string groupControlNumber) =>
        _outbound.Find(o => o.GroupControlNumber == groupControlNumber && o.PartnerId == partnerId).ToList();

    public IReadOnlyList<OutboundRecord> OutboundOfInterchange(string partnerId, string controlNumber) =>
        _outbound.Find(o => o.ControlNumber == controlNumber && o.PartnerId == partnerId).ToList();

    // BSON orders null below every date: each "due" query must exclude nulls itself.
    public IReadOnlyList<OutboundRecord> AcknowledgmentsDue(DateTimeOffset now, int limit) =>
        _outbound.Query().Where(o => o.AcknowledgmentDueAt != null && o.AcknowledgmentDueAt <= now && o.AcknowledgmentStatus == null).OrderBy(o => o.AcknowledgmentDueAt).Limit(limit).ToList();

    public IReadOnlyList<OutboundRecord> TransportReceiptsDue(DateTimeOffset now, int limit) =>
        _outbound.Query().Where(o => o.TransportReceiptDueAt != null && o.TransportReceiptDueAt <= now).Limit(limit).ToList();

    public IReadOnlyList<OutboundRecord> OverdueAcknowledgments(int limit) =>
        _outbound.Query().Where(o => o.AcknowledgmentStatus == "Overdue").OrderBy(o => o.AcknowledgmentDueAt).Limit(limit).ToList();

    public IReadOnlyList<DocumentRecord> DocumentsOfOrder(string purchaseOrder) => _documents.Find(d => d.PurchaseOrder == purchaseOrder).ToList();

    public IReadOnlyList<OutboundRecord> OutboundOfOrder(string purchaseOrder) => _outbound.Find(o => o.PurchaseOrder == purchaseOrder).ToList();

    public IReadOnlyList<DocumentRecord> OrdersReceivedSince(DateTimeOffset since, int limit) =>
        _documents.Query().Where(d => d.ReceivedAt >= since && (d.Type == "850" || d.Type == "ORDERS") && d.PurchaseOrder != null).OrderBy(d => d.ReceivedAt).Limit(limit).ToList();

    public IReadOnlyList<OutboundRecord> OutboundOfTypeSince(string kind, DateTimeOffset since, int limit) =>
        _outbound.Query().Where(o => o.Kind == kind && o.CreatedAt >= since && o.PurchaseOrder != null).OrderBy(o => o.CreatedAt).Limit(limit).ToList();

    public OutboundRecord? FindOutboundByMessageId(string messageId) => _outbound.FindOne(o => o.TransportMessageId == messageId);

    public As2MessageRecord? FindAs2Message(string id) => _as2.FindById(id);

    public IReadOnlyList<As2MessageRecord> As2MessagesOf(string receiptId) => _as2.Find(m => m.ReceiptId == receiptId).ToList();

    public IReadOnlyList<As2MessageRecord> PendingAsyncMdns(int limit) =>
        _as2.Query().Where(m => m.AsyncMdnUrl != null && m.MdnSentAt == null).Limit(limit).ToList();

    public void Save(As2MessageRecord message) => _as2.Upsert(message);

    // The date condition goes first: LiteDB seeks on its index (newest first) and filters the partner while reading.
    public IReadOnlyList<DocumentRecord> DocumentsReceivedSince(DateTimeOffset since, string? partnerId, int limit) =>
        (partnerId is null
            ? _documents.Query().Where(d => d.ReceivedAt >= since)
            : _documents.Query().Where(d => d.ReceivedAt >= since).Where(d => d.PartnerId == partnerId))
        .OrderByDescending(d => d.ReceivedAt).Limit(limit).ToList();

    public IReadOnlyList<OutboundRecord> OutboundCreatedSince(DateTimeOffset since, string? partnerId, int limit) =>
        (partnerId is null
            ? _outbound.Query().Where(o => o.CreatedAt >= since)
            : _outbound.Query().Where(o => o.CreatedAt >= since).Where(o => o.PartnerId == partnerId))
        .OrderByDescending(o => o.CreatedAt).Limit(limit).ToList();

    public IReadOnlyList<ReceiptRecord> ReceiptsSince(DateTimeOffset since, int limit) =>
        _receipts.Query().Where(r => r.ReceivedAt >= since).OrderByDescending(r => r.ReceivedAt).Limit(limit).ToList();

    public int CountDocuments(DocumentStatus status) => _documents.Count(d => d.Status == status);

    public int CountOutbound(string status) => _outbound.Count(o => o.Status == status);

    public IReadOnlyList<string> PurgeBefore(DateTimeOffset cutoff)
    {
        var receipts = _receipts.Find(r => r.ReceivedAt < cutoff && r.Stage == ReceiptStage.Done).ToList();
        foreach (var receipt in receipts)
        {
            string id = receipt.Id;
            _documents.DeleteMany(d => d.ReceiptId == id);
            _outbound.DeleteMany(o => o.RelatesTo == id);
            _as2.DeleteMany(m => m.ReceiptId == id);
            _receipts.Delete(id);
            if (receipt.DocumentsStaged)
            {
                File.Delete(StagedPath(id));   // dead-lettered because it could not be read, and never reprocessed
            }
        }
        return [.. receipts.Select(r => r.Id)];
    }

    // The metrics' queries project the few fields they count, and each seeks on an index.
    public IReadOnlyList<(string? PartnerId, string Type, DocumentStatus Status)> AwaitingDelivery(int limit) =>
        [.. new[] { DocumentStatus.Mapped, DocumentStatus.Retrying }.SelectMany(status =>
            _documents.Query().Where(d => d.Status == status).Select(d => new { d.PartnerId, d.Type }).Limit(limit).ToEnumerable()
                .Select(d => (d.PartnerId, d.Type, status)))];

    public IReadOnlyList<(string PartnerId, string Transport, int Attempts)> QueuedOutboundSummary(int limit) =>
        [.. _outbound.Query().Where(o => o.Status == "Queued").Select(o => new { o.PartnerId, o.Transport, o.Attempts }).Limit(limit).ToEnumerable()
            .Select(o => (o.PartnerId, o.Transport, o.Attempts))];

    public IReadOnlyList<(string PartnerId, DateTimeOffset SentAt, bool Overdue)> AwaitedAcknowledgments(DateTimeOffset dueAfter, int limit)
    {
        var overdue = _outbound.Query().Where(o => o.AcknowledgmentStatus == "Overdue")
            .Select(o => new { o.PartnerId, o.SentAt, o.CreatedAt }).Limit(limit).ToEnumerable()
            .Select(o => (o.PartnerId, o.SentAt ?? o.CreatedAt, true));
        var waiting = _outbound.Query().Where(o => o.AcknowledgmentDueAt > dueAfter && o.AcknowledgmentStatus == null)
            .Select(o => new { o.PartnerId, o.SentAt, o.CreatedAt }).Limit(limit).ToEnumerable()
            .Select(o => (o.PartnerId, o.SentAt ?? o.CreatedAt, false));
        return [.. overdue.Concat(waiting)];
    }

    public void Dispose() => _database.Dispose();
}

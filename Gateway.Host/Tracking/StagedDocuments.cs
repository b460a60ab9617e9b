using LiteDB;

namespace Gateway.Host.Tracking;

/// <summary>A stage's documents between <see cref="ITrackingStore.SaveStageAhead"/> and <see cref="ITrackingStore.CommitStaged(StagedDocuments)"/>.</summary>
internal sealed class StagedDocuments(IReadOnlyCollection<ReceiptRecord> receipts, IReadOnlyList<BsonDocument> documents)
{
    public IReadOnlyCollection<ReceiptRecord> Receipts { get; } = receipts;

    /// <summary>Already in the store's BSON form: written to the files, then inserted as they are.</summary>
    public IReadOnlyList<BsonDocument> Documents { get; } = documents;
}

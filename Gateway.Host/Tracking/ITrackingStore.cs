namespace Gateway.Host.Tracking;

/// <summary>
/// Receipts, documents, their timelines and the outbound queue. LiteDB by default; an interface so that a server
/// database can take its place for a cluster. Not the durability point: the raw archive is (see <c>RawArchive</c>).
/// </summary>
internal interface ITrackingStore
{
    ReceiptRecord? FindReceipt(string id);

    ReceiptRecord? FindReceiptBySource(string sourceKey);

    /// <summary>Receipts whose pipeline has not finished, oldest first (resumed at start).</summary>
    IReadOnlyList<ReceiptRecord> UnfinishedReceipts();

    void Save(ReceiptRecord receipt);

    /// <summary>Saves receipts in one transaction.</summary>
    void SaveAll(IReadOnlyCollection<ReceiptRecord> receipts);

    DocumentRecord? FindDocument(string id);

    IReadOnlyList<DocumentRecord> DocumentsOf(string receiptId);

    IReadOnlyList<DocumentRecord> QueryDocuments(DocumentQuery query);

    /// <summary>Every document whose business reference (PO, ASN, invoice number) is one of <paramref name="businessReferences"/>: one query for a whole interchange.</summary>
    IReadOnlyList<DocumentRecord> DocumentsWithReferences(IReadOnlyCollection<string> businessReferences);

    /// <summary>Documents waiting for a delivery attempt at or before <paramref name="now"/>.</summary>
    IReadOnlyList<DocumentRecord> DueForDelivery(DateTimeOffset now, int limit);

    void Save(DocumentRecord document);

    /// <summary>Saves documents, and receipts when given, in one transaction.</summary>
    void SaveAll(IReadOnlyCollection<DocumentRecord> documents, IReadOnlyCollection<ReceiptRecord>? receipts = null);

    /// <summary>Saves receipts with their documents and queued acknowledgments in one transaction.</summary>
    void SaveStage(IReadOnlyCollection<ReceiptRecord> receipts, IReadOnlyCollection<DocumentRecord> documents, IReadOnlyCollection<OutboundRecord> outbound);

    /// <summary>
    /// Saves a stage of many documents in two steps, so its acknowledgments need not wait for the documents' indexes:
    /// the documents are written to a file per receipt beside the store, then the receipts (marked
    /// <see cref="ReceiptRecord.DocumentsStaged"/>) and the acknowledgments commit. <see cref="CommitStaged(StagedDocuments)"/>
    /// commits the documents next.
    /// </summary>
    StagedDocuments SaveStageAhead(IReadOnlyCollection<ReceiptRecord> receipts, IReadOnlyCollection<DocumentRecord> documents, IReadOnlyCollection<OutboundRecord> outbound);

    /// <summary>Commits the documents <see cref="SaveStageAhead"/> staged, with their receipts no longer marked, and removes the files.</summary>
    void CommitStaged(StagedDocuments staged);

    /// <summary>After a crash between the two steps: commits <paramref name="receipt"/>'s documents from its staged file.</summary>
    void CommitStaged(ReceiptRecord receipt);

    OutboundRecord? FindOutbound(string id);

    /// <summary>Queued outbound documents for the given transports, oldest first.</summary>
    IReadOnlyList<OutboundRecord> QueuedOutbound(IReadOnlyCollection<string> transports, int limit);

    IReadOnlyList<OutboundRecord> OutboundFor(string receiptId);

    void Save(OutboundRecord outbound);

    /// <summary>
    /// Changes outbound record <paramref name="id"/> as it is stored now and saves it, one such change at a time. For
    /// the writers that can meet on one record: a send's outcome, the partner's MDN, its 997 or CONTRL, the overdue
    /// check. Saving a copy read earlier would undo what another of them recorded meanwhile. Returns the record as
    /// saved, or null, saving nothing, when it is gone or <paramref name="change"/> returns false.
    /// </summary>
    OutboundRecord? Update(string id, Func<OutboundRecord, bool> change);

    /// <summary>Saves outbound records in one transaction.</summary>
    void SaveAll(IReadOnlyCollection<OutboundRecord> outbound);

    /// <summary>Documents we sent the partner in X12 group <paramref name="groupControlNumber"/> (GS06 without padding).</summary>
    IReadOnlyList<OutboundRecord> OutboundOfGroup(string partnerId, string groupControlNumber);

    /// <summary>Documents we sent the partner in interchange <paramref name="controlNumber"/> (UNB 0020 or ISA13).</summary>
    IReadOnlyList<OutboundRecord> OutboundOfInterchange(string partnerId, string controlNumber);

    /// <summary>Documents whose acknowledgment was due at or before <paramref name="now"/> and has not come.</summary>
    IReadOnlyList<OutboundRecord> AcknowledgmentsDue(DateTimeOffset now, int limit);

    /// <summary>AS2 documents whose asynchronous MDN was due at or before <paramref name="now"/> and has not come.</summary>
    IReadOnlyList<OutboundRecord> TransportReceiptsDue(DateTimeOffset now, int limit);

    /// <summary>Documents whose acknowledgment is overdue, oldest first.</summary>
    IReadOnlyList<OutboundRecord> OverdueAcknowledgments(int limit);

    /// <summary>Documents we received that belong to the purchase order (the journey's inbound side).</summary>
    IReadOnlyList<DocumentRecord> DocumentsOfOrder(string purchaseOrder);

    /// <summary>Documents we sent that belong to the purchase order.</summary>
    IReadOnlyList<OutboundRecord> OutboundOfOrder(string purchaseOrder);

    /// <summary>Purchase orders (850, ORDERS) received since <paramref name="since"/>, oldest first.</summary>
    IReadOnlyList<DocumentRecord> OrdersReceivedSince(DateTimeOffset since, int limit);

    /// <summary>Documents of one type (940, 810…) sent since <paramref name="since"/> that name a purchase order.</summary>
    IReadOnlyList<OutboundRecord> OutboundOfTypeSince(string kind, DateTimeOffset since, int limit);

    /// <summary>The outbound document sent as the AS2 message <paramref name="messageId"/>.</summary>
    OutboundRecord? FindOutboundByMessageId(string messageId);

    As2MessageRecord? FindAs2Message(string id);

    IReadOnlyList<As2MessageRecord> As2MessagesOf(string receiptId);

    /// <summary>Asynchronous MDNs not yet delivered to the partner.</summary>
    IReadOnlyList<As2MessageRecord> PendingAsyncMdns(int limit);

    void Save(As2MessageRecord message);

    /// <summary>Documents received at or after <paramref name="since"/> (of one partner when given), newest first: the console's recent windows.</summary>
    IReadOnlyList<DocumentRecord> DocumentsReceivedSince(DateTimeOffset since, string? partnerId, int limit);

    /// <summary>Outbound documents created at or after <paramref name="since"/> (for one partner when given), newest first.</summary>
    IReadOnlyList<OutboundRecord> OutboundCreatedSince(DateTimeOffset since, string? partnerId, int limit);

    /// <summary>Receipts received at or after <paramref name="since"/>, newest first.</summary>
    IReadOnlyList<ReceiptRecord> ReceiptsSince(DateTimeOffset since, int limit);

    /// <summary>How many documents stand at <paramref name="status"/> now.</summary>
    int CountDocuments(DocumentStatus status);

    /// <summary>How many outbound documents stand at <paramref name="status"/> (Queued, Sent, SendFailed…) now.</summary>
    int CountOutbound(string status);

    /// <summary>Deletes receipts (with their documents and acknowledgments) received before <paramref name="cutoff"/>; returns the receipt ids.</summary>
    IReadOnlyList<string> PurgeBefore(DateTimeOffset cutoff);

    /// <summary>Partner, type and status of documents awaiting delivery (Mapped or Retrying), at most <paramref name="limit"/> of each: the metrics' backlog.</summary>
    IReadOnlyList<(string? PartnerId, string Type, DocumentStatus Status)> AwaitingDelivery(int limit);

    /// <summary>Partner, transport and attempts of queued outbound documents, at most <paramref name="limit"/>: the metrics' outbound backlog.</summary>
    IReadOnlyList<(string PartnerId, string Transport, int Attempts)> QueuedOutboundSummary(int limit);

    /// <summary>
    /// Partner, send time and overdue flag of documents whose acknowledgment has not come: those overdue, and those
    /// still waiting whose deadline is after <paramref name="dueAfter"/> (older ones are overdue by then).
    /// </summary>
    IReadOnlyList<(string PartnerId, DateTimeOffset SentAt, bool Overdue)> AwaitedAcknowledgments(DateTimeOffset dueAfter, int limit);
}

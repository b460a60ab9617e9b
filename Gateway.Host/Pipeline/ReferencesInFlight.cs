using Gateway.Host.Tracking;

namespace Gateway.Host.Pipeline;

/// <summary>
/// The business references (PO, ship notice, invoice numbers) of documents that a parse stage has read but not yet
/// committed. Files taken together are parsed side by side (two workers, a batch each) and committed after, so the
/// store alone cannot tell one of them that another carries the same PO number: without this, each copy of an order
/// sent twice at once reached the ERP.
/// </summary>
/// <remarks>
/// An interchange claims its references before it queries the store, and a receipt's claims are released only after
/// its documents are committed. So an earlier document with the same reference is always in one of the two: in the
/// store when its claim is gone, here while it is not. A claim waits for the earlier claims on its references to be
/// decided; those never wait on it, so there is no cycle.
/// </remarks>
internal sealed class ReferencesInFlight(TimeSpan patience)
{
    /// <summary>
    /// How long a claim waits for earlier ones. Deciding takes milliseconds; past this a fault of ours holds a worker,
    /// and failing the receipt (retried, then dead-lettered for a person) beats a worker that never moves again.
    /// </summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    private readonly object _gate = new();
    private readonly Dictionary<string, List<Claim>> _byReference = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Claim>> _byReceipt = new(StringComparer.Ordinal);

    public ReferencesInFlight()
        : this(Patience)
    {
    }

    /// <summary>
    /// Claims the business references of one interchange's documents for their receipt, waits until the claims made
    /// before it on the same references (by other receipts) are decided, and returns it with their documents.
    /// </summary>
    public Claim Take(string receiptId, IReadOnlyList<DocumentRecord> documents)
    {
        var references = documents.Select(d => d.BusinessReference).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var claim = new Claim(receiptId, documents, references);
        var earlier = new HashSet<Claim>();
        lock (_gate)
        {
            foreach (string reference in references)
            {
                if (!_byReference.TryGetValue(reference, out var claims))
                {
                    _byReference[reference] = claims = [];
                }
                earlier.UnionWith(claims.Where(c => c.ReceiptId != receiptId));
                claims.Add(claim);
            }
            if (!_byReceipt.TryGetValue(receiptId, out var ofReceipt))
            {
                _byReceipt[receiptId] = ofReceipt = [];
            }
            ofReceipt.Add(claim);
            long started = Environment.TickCount64;
            while (earlier.FirstOrDefault(c => !c.IsDecided) is { } undecided)
            {
                var left = patience - TimeSpan.FromMilliseconds(Environment.TickCount64 - started);
                if (left <= TimeSpan.Zero || !Monitor.Wait(_gate, left) && !undecided.IsDecided)
                {
                    throw new TimeoutException($"receipt {receiptId} waited {patience.TotalSeconds:0} s for receipt {undecided.ReceiptId} to decide on the same business references ({string.Join(", ", undecided.References.Intersect(references).Take(3))}); it is retried, then dead-lettered");
                }
            }
            // A claim released meanwhile is committed, so the store query that follows finds its documents, or it failed
            // and they will never be: either way they are not this claim's to count.
            claim.Earlier = [.. earlier.Where(c => !c.IsReleased).SelectMany(c => c.Documents).Where(d => d.BusinessReference is { } r && references.Contains(r))];
        }
        return claim;
    }

    /// <summary>The claim's documents have their statuses: later claims on the same references may read them.</summary>
    public void Decided(Claim claim)
    {
        lock (_gate)
        {
            claim.IsDecided = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Drops the receipts' claims: their documents are committed, or will never be (the stage failed or rejected the file).</summary>
    public void Release(IEnumerable<string> receiptIds)
    {
        lock (_gate)
        {
            foreach (string receiptId in receiptIds)
            {
                if (!_byReceipt.Remove(receiptId, out var claims))
                {
                    continue;
                }
                foreach (var claim in claims)
                {
                    claim.IsDecided = claim.IsReleased = true;
                    foreach (string reference in claim.References)
                    {
                        var withReference = _byReference[reference];
                        withReference.Remove(claim);
                        if (withReference.Count == 0)
                        {
                            _byReference.Remove(reference);
                        }
                    }
                }
            }
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>One interchange's claim on its documents' business references.</summary>
    internal sealed class Claim(string receiptId, IReadOnlyList<DocumentRecord> documents, IReadOnlySet<string> references)
    {
        internal string ReceiptId { get; } = receiptId;

        internal IReadOnlyList<DocumentRecord> Documents { get; } = documents;

        internal IReadOnlySet<string> References { get; } = references;

        internal bool IsDecided { get; set; }

        internal bool IsReleased { get; set; }

        /// <summary>The documents of earlier claims, decided, that share a business reference with this claim's.</summary>
        public IReadOnlyList<DocumentRecord> Earlier { get; set; } = [];
    }
}

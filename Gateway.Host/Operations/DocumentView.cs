using Gateway.Edi;
using Gateway.Edi.Validation;
using Gateway.Host.Intake;
using Gateway.Host.Tracking;
using Gateway.Partners.Loading;
using Gateway.Partners.Profiles;

namespace Gateway.Host.Operations;

/// <summary>
/// Everything support needs about one document, for its console page and <c>GET /api/documents/{id}</c>: the record
/// and its receipt, the acknowledgments and AS2 messages of its file, the document as received (its first
/// <see cref="DocumentRevalidation.MaxSegments"/> segments) with the segments in error explained, and its JSON form.
/// </summary>
internal sealed record DocumentView
{
    public required DocumentRecord Document { get; init; }

    public ReceiptRecord? Receipt { get; init; }

    /// <summary>What we sent back for the file: TA1, 997, 999, CONTRL.</summary>
    public IReadOnlyList<OutboundRecord> Acknowledgments { get; init; } = [];

    public IReadOnlyList<As2MessageRecord> As2Messages { get; init; } = [];

    /// <summary>The document's segments as received, each on its own line; at most <see cref="DocumentRevalidation.MaxSegments"/>.</summary>
    public IReadOnlyList<RawSegment> Segments { get; init; } = [];

    /// <summary>How many segments the document has (more than <see cref="Segments"/> holds when it is huge).</summary>
    public int TotalSegments { get; init; }

    /// <summary>Issues found by validating the archived interchange again, with positions and the codes reported.</summary>
    public IReadOnlyList<DocumentIssue> Issues { get; init; } = [];

    /// <summary>The document's JSON form (what an unmapped endpoint receives and maps read), indented.</summary>
    public string? Json { get; init; }

    /// <summary>Why the raw document cannot be shown (archive purged, not EDI…), or a note that only part of it is.</summary>
    public string? RawNote { get; init; }

    /// <summary>The view of document <paramref name="id"/>, or null when there is none.</summary>
    public static DocumentView? Of(string id, ITrackingStore store, RawArchive archive, ProfileReloader profiles)
    {
        if (store.FindDocument(id) is not { } document)
        {
            return null;
        }
        var receipt = store.FindReceipt(document.ReceiptId);
        var acknowledgments = store.OutboundFor(document.ReceiptId);
        var view = new DocumentView
        {
            Document = document,
            Receipt = receipt,
            Acknowledgments = acknowledgments,
            As2Messages = store.As2MessagesOf(document.ReceiptId),
        };
        byte[] content;
        try
        {
            content = archive.Read(document.ReceiptId);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return view with { RawNote = "The archived file is gone (removed by retention): only the record is left." };
        }
        string ack = acknowledgments.Any(a => a.Kind.StartsWith("999", StringComparison.Ordinal)) ? "999" : "997";
        try
        {
            var found = DocumentRevalidation.Run(content, document.ReceiptId, document.Id, Compliance(profiles, document.PartnerId), ack);
            if (!found.Found)
            {
                return view with { RawNote = $"The document is not in its archived file as an {document.Standard} document ({content.Length:N0} bytes); the file was refused as a whole." };
            }
            return view with
            {
                Segments = found.Segments,
                TotalSegments = found.TotalSegments,
                Issues = found.Issues,
                Json = found.Json,
                RawNote = found.TotalSegments > found.Segments.Count
                    ? $"The first {found.Segments.Count:N0} of {found.TotalSegments:N0} segments; download the raw file for the rest."
                    : null,
            };
        }
        catch (EdiFormatException exception)
        {
            return view with { RawNote = $"The archived file is not readable as EDI ({exception.Message}); download it to look at the bytes." };
        }
    }

    // The compliance the pipeline validated the partner's documents with: Lenient only when every inbound agreement says so.
    private static EdiCompliance Compliance(ProfileReloader profiles, string? partnerId)
    {
        var partner = partnerId is null ? null : profiles.Current.Find(partnerId);
        return partner is not null && partner.Agreements.Any(a => a.Direction == DocumentDirection.Inbound)
            && partner.Agreements.Where(a => a.Direction == DocumentDirection.Inbound).All(a => a.Validation == ValidationStrictness.Lenient)
            ? EdiCompliance.Lenient
            : EdiCompliance.Strict;
    }
}

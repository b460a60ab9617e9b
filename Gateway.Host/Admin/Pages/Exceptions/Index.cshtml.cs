using Gateway.Host.Admin.Security;
using Gateway.Host.Tracking;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Gateway.Host.Admin.Pages.Exceptions;

/// <summary>The exception queue: documents a person must look at (dead-lettered, retrying, held, quarantined, rejected), newest first.</summary>
[Authorize(Policy = AdminPolicies.Viewer)]
public sealed class IndexModel : ConsolePage
{
    /// <summary>The statuses of the queue, in the order the filter offers them.</summary>
    internal static readonly DocumentStatus[] Queue = [DocumentStatus.DeadLettered, DocumentStatus.Retrying, DocumentStatus.Held, DocumentStatus.Quarantined, DocumentStatus.Rejected];

    private const int Take = 200;

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    internal IReadOnlyList<DocumentRecord> Documents { get; private set; } = [];

    public void OnGet()
    {
        var store = Get<ITrackingStore>();
        var statuses = Queue.Where(s => string.IsNullOrEmpty(Status) || string.Equals(s.ToString(), Status, StringComparison.OrdinalIgnoreCase)).ToList();
        Documents = statuses
            .SelectMany(s => store.QueryDocuments(new DocumentQuery { Status = s, Take = Take }))
            .OrderByDescending(d => d.ReceivedAt)
            .Take(Take)
            .ToList();
    }
}

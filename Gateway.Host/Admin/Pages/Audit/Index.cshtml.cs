using Gateway.Host.Admin.Audit;
using Gateway.Host.Admin.Security;
using Microsoft.AspNetCore.Authorization;

namespace Gateway.Host.Admin.Pages.Audit;

/// <summary>Who did what: administrators only, since it shows every user's actions and the addresses they came from.</summary>
[Authorize(Policy = AdminPolicies.Admin)]
public sealed class IndexModel : ConsolePage
{
    internal IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public string? Search { get; private set; }

    public void OnGet(string? search)
    {
        Search = search;
        Entries = Get<AuditLog>().Recent(500, search);
    }
}

using System.Globalization;
using Gateway.Host.Admin.Security;
using Gateway.Host.Tracking;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Gateway.Host.Admin.Pages.Documents;

/// <summary>Document search: by partner, status, type, direction, control number, PO/ASN/invoice number and time, newest first, 50 a page.</summary>
[Authorize(Policy = AdminPolicies.Viewer)]
public sealed class IndexModel : ConsolePage
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Partner { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Type { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Direction { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Control { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Reference { get; set; }

    /// <summary>A date (2026-11-28, from midnight UTC) or a timestamp.</summary>
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Skip { get; set; }

    internal IReadOnlyList<DocumentRecord> Documents { get; private set; } = [];

    internal string? Problem { get; private set; }

    /// <summary>Whether another page may follow (this one is full).</summary>
    internal bool HasNext => Documents.Count == PageSize;

    public void OnGet()
    {
        Skip = Math.Max(0, Skip);
        DocumentStatus? status = null;
        if (!string.IsNullOrWhiteSpace(Status))
        {
            if (!Enum.TryParse<DocumentStatus>(Status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                Problem = $"'{Status}' is not a status.";
                return;
            }
            status = parsed;
        }
        if (!TryDate(From, out var from) || !TryDate(To, out var to))
        {
            Problem = "From and To take a date (2026-11-28) or a timestamp (2026-11-28T07:35:00Z).";
            return;
        }
        Documents = Get<ITrackingStore>().QueryDocuments(new DocumentQuery
        {
            PartnerId = Blank(Partner),
            Status = status,
            Type = Blank(Type),
            Direction = Blank(Direction),
            ControlNumber = Blank(Control),
            BusinessReference = Blank(Reference),
            From = from,
            To = to,
            Skip = Skip,
            Take = PageSize,
        });
    }

    /// <summary>The query string of this search at another page: the filters are kept.</summary>
    internal Dictionary<string, string> At(int skip)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        void Keep(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                values[name] = value;
            }
        }
        Keep("partner", Partner);
        Keep("status", Status);
        Keep("type", Type);
        Keep("direction", Direction);
        Keep("control", Control);
        Keep("reference", Reference);
        Keep("from", From);
        Keep("to", To);
        values["skip"] = Math.Max(0, skip).ToString(CultureInfo.InvariantCulture);
        return values;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool TryDate(string? text, out DateTimeOffset? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        bool ok = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed);
        value = ok ? parsed : null;
        return ok;
    }
}

using System.Globalization;

namespace Gateway.Host.Operations;

/// <summary>How the console writes times and rates: UTC, invariant, the same on every page.</summary>
internal static class ConsoleText
{
    /// <summary><c>2026-11-28 14:02 UTC</c>, or a dash when there is no time.</summary>
    public static string When(DateTimeOffset? at) => at is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : "—";

    /// <summary>A time with how long ago it was (<c>2026-11-28 14:02 UTC (3 h ago)</c>), or <paramref name="none"/>.</summary>
    public static string Ago(DateTimeOffset? at, DateTimeOffset now, string none = "never in the window")
    {
        if (at is not { } value)
        {
            return none;
        }
        var age = now - value;
        string ago = age < TimeSpan.FromMinutes(1) ? "just now"
            : age < TimeSpan.FromHours(1) ? $"{(int)age.TotalMinutes} min ago"
            : age < TimeSpan.FromDays(2) ? $"{(int)age.TotalHours} h ago"
            : $"{(int)age.TotalDays} days ago";
        return $"{When(value)} ({ago})";
    }

    /// <summary>A rate as a percentage with one decimal: <c>12.5%</c>.</summary>
    public static string Percent(double rate) => (rate * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>Milliseconds, or a dash when unknown.</summary>
    public static string Milliseconds(double? value) => value is { } ms ? ms.ToString("0", CultureInfo.InvariantCulture) + " ms" : "—";

    /// <summary>A path segment for a link: escaped, so a PO number with a slash or space stays one segment.</summary>
    public static string Segment(string value) => Uri.EscapeDataString(value);

    /// <summary>The console page of an order's journey.</summary>
    public static string OrderLink(string purchaseOrder, string? partnerId) =>
        $"/orders/{Segment(purchaseOrder)}" + (partnerId is null ? "" : $"?partner={Segment(partnerId)}");
}

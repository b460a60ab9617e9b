using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Gateway.Host.Admin;

/// <summary>
/// The console's stylesheet, compiled into the executable (nothing to deploy beside it). Anonymous because the sign-in
/// page needs it; it holds nothing but styles.
/// </summary>
internal static class ConsoleAssets
{
    private static readonly Lazy<byte[]> Stylesheet = new(() =>
    {
        using var stream = typeof(ConsoleAssets).Assembly.GetManifestResourceStream("Gateway.Host.Admin.console.css")!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static void Map(WebApplication app) =>
        app.MapGet("/console.css", () => Results.Bytes(Stylesheet.Value, "text/css; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
}

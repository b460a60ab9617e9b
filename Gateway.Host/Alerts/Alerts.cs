using System.Net.Http.Json;
using Gateway.Host.Configuration;
using Microsoft.Extensions.Logging;

namespace Gateway.Host.Alerts;

/// <summary>
/// Tells people that something needs them (an overdue acknowledgment, a late MDN): always a warning in the log, and a
/// JSON POST to <c>Gateway:Alerts:WebhookUrl</c> when one is set. Callers raise each alert once; a webhook that fails
/// is logged and not retried, since the log line already holds the alert.
/// </summary>
internal sealed partial class Alerts(GatewaySettings settings, IHttpClientFactory http, TimeProvider time, ILogger<Alerts> log)
{
    public const string ClientName = "alerts";

    /// <summary>One alert: what kind (acknowledgment-overdue, mdn-overdue…), whose, about what, and the next step.</summary>
    public sealed record Alert(string Kind, string PartnerId, string Subject, string Message, DateTimeOffset At);

    public async Task RaiseAsync(string kind, string partnerId, string subject, string message, CancellationToken cancellationToken)
    {
        var alert = new Alert(kind, partnerId, subject, message, time.GetUtcNow());
        LogAlert(kind, partnerId, subject, message);
        if (settings.Alerts.WebhookUrl is not { Length: > 0 } url)
        {
            return;
        }
        try
        {
            using var response = await http.CreateClient(ClientName).PostAsJsonAsync(url, alert, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                LogWebhookFailed(kind, subject, $"HTTP {(int)response.StatusCode}");
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogWebhookFailed(kind, subject, exception.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "ALERT {Kind} for {PartnerId}: {Subject}: {Message}")]
    private partial void LogAlert(string kind, string partnerId, string subject, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The alert webhook did not take the {Kind} alert for {Subject} ({Problem}); the alert is in this log")]
    private partial void LogWebhookFailed(string kind, string subject, string problem);
}

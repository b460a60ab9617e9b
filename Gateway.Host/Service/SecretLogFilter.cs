using Serilog.Events;

namespace Gateway.Host.Service;

/// <summary>
/// Drops the framework log events that carry secrets as structured properties, whatever level the configuration asks
/// for: HttpClient's header events (Verbose; the message masks the values, its properties do not, so an endpoint's API
/// key or bearer token reached the file log) and MVC's handler-arguments event (the sign-in form's password).
/// Issue #11: found by the log canary attack test.
/// </summary>
internal static class SecretLogFilter
{
    public static bool CarriesSecrets(LogEvent logEvent)
    {
        if (!logEvent.Properties.TryGetValue("SourceContext", out var property) || property is not ScalarValue { Value: string source })
        {
            return false;
        }
        return (logEvent.Level == LogEventLevel.Verbose && source.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal))
            || (source.StartsWith("Microsoft.AspNetCore.Mvc", StringComparison.Ordinal) && logEvent.Properties.ContainsKey("Arguments"));
    }
}

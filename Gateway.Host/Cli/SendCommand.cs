using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Gateway.Host.Configuration;

namespace Gateway.Host.Cli;

/// <summary>
/// <c>gateway send --partner ID --type 856 --file event.json</c>: hands a back-end event to the running gateway's
/// outbound API (the gateway owns the control numbers and the queue, so the CLI never writes them itself). The file's
/// content hash is the idempotency key: sending the same file twice sends one document.
/// </summary>
internal static class SendCommand
{
    /// <summary>The environment variable that holds the caller's API token (never a command-line argument, which other users can see).</summary>
    public const string TokenVariable = "GATEWAY_API_TOKEN";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        string? partner = CliInput.Option(args, "--partner");
        string? type = CliInput.Option(args, "--type");
        string? file = CliInput.Option(args, "--file");
        if (partner is null || type is null || file is null || args.Length != 6)
        {
            error.WriteLine("Usage: gateway send --partner ID --type 856 --file event.json   (the gateway must be running)");
            return GatewayCommandLine.Usage;
        }
        var settings = GatewaySettings.Load(Directory.GetCurrentDirectory());
        if (CliInput.ReadFile(file, error) is not byte[] content)
        {
            return GatewayCommandLine.Invalid;
        }
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{settings.Listeners.Admin.TrimEnd('/')}/api/outbound/{Uri.EscapeDataString(partner)}/{Uri.EscapeDataString(type)}")
        {
            Content = new ByteArrayContent(content) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        request.Headers.Add("Idempotency-Key", "file:" + Convert.ToHexStringLower(SHA256.HashData(content)));
        if (Environment.GetEnvironmentVariable(TokenVariable) is not { Length: > 0 } token)
        {
            error.WriteLine($"Set {TokenVariable} to an API token of an Operator ('gateway users token NAME' issues one): the admin API lets nobody in without one.");
            return GatewayCommandLine.Usage;
        }
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        HttpResponseMessage response;
        try
        {
            response = http.Send(request);
        }
        catch (HttpRequestException exception)
        {
            error.WriteLine($"The gateway does not answer at {settings.Listeners.Admin} ({exception.Message}); start it with: gateway run");
            return GatewayCommandLine.Invalid;
        }
        using (response)
        {
            string body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            var json = JsonNode.Parse(body.Length == 0 ? "{}" : body) as JsonObject;
            if (json?["trackingId"] is JsonNode id)
            {
                output.WriteLine(json["repeated"]?.GetValue<bool>() == true
                    ? $"Already sent as {id} (same file); nothing new was queued. See: gateway track show {id}"
                    : $"Queued as {id}. See: gateway track show {id}");
                return GatewayCommandLine.Ok;
            }
            foreach (var problem in json?["problems"]?.AsArray() ?? [])
            {
                error.WriteLine($"error  {(problem?["field"] is JsonNode field ? $"{field}: " : "")}{problem?["message"]}");
            }
            if (json?["error"] is JsonNode message)
            {
                error.WriteLine($"error  {message}");
            }
            return GatewayCommandLine.Invalid;
        }
    }
}

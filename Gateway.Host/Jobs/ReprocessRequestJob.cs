using System.Text.Json.Nodes;
using Gateway.Host.Configuration;
using Gateway.Host.Operations;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Gateway.Host.Jobs;

/// <summary>
/// Carries out <c>gateway track reprocess ID</c>: the command drops a request file under <c>DATA/requests/</c> (it
/// cannot write the store the running service holds); this job hands it to <see cref="DocumentActions"/>, as the
/// console and the admin API do.
/// </summary>
[DisallowConcurrentExecution]
internal sealed partial class ReprocessRequestJob(DocumentActions actions, GatewaySettings settings, ILogger<ReprocessRequestJob> log) : IJob
{
    public const string Suffix = ".reprocess";

    // The command line does not say who ran it: the timeline says what it always said.
    private const string Actor = "an operator";

    public static string RequestsDirectory(GatewaySettings settings) => Path.Combine(settings.DataDirectory, "requests");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        string directory = RequestsDirectory(settings);
        if (!Directory.Exists(directory))
        {
            return;
        }
        foreach (string file in Directory.EnumerateFiles(directory, "*" + Suffix))
        {
            string id = Path.GetFileName(file)[..^Suffix.Length];
            await ReprocessAsync(id, Correction(file), cancellationToken);
            File.Delete(file);
        }
    }

    // A request may carry a corrected body for one call: {"call": NAME or null, "body": {…}}.
    private static (string? Call, JsonObject Body)? Correction(string file)
    {
        try
        {
            string text = File.ReadAllText(file);
            return text.Length > 0 && JsonNode.Parse(text) is JsonObject request && request["body"] is JsonObject body
                ? (request["call"]?.GetValue<string>(), body.DeepClone().AsObject())
                : null;
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or InvalidOperationException)
        {
            // The command checked the body; a request edited by hand since is replayed without a correction.
            return null;
        }
    }

    private async Task ReprocessAsync(string id, (string? Call, JsonObject Body)? correction, CancellationToken cancellationToken)
    {
        var result = correction is { } fix ? await actions.FixAndReplayAsync(id, fix.Call, fix.Body, Actor, cancellationToken) : null;
        if (result is null or { Outcome: DocumentActionOutcome.NotApplicable })
        {
            // A correction that does not apply (no such call, or not dead-lettered) leaves a plain reprocess, as before.
            result = await actions.ReprocessAsync(id, Actor, cancellationToken);
        }
        if (result.Outcome == DocumentActionOutcome.NotFound)
        {
            LogUnknown(id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reprocess request for {TrackingId}: no such receipt or document")]
    private partial void LogUnknown(string trackingId);
}

using System.Text.Json;
using Gateway.Host.Configuration;
using Gateway.Host.Tracking;

namespace Gateway.Host.Cli;

/// <summary><c>gateway acks overdue</c>: documents we sent whose partner acknowledgment did not come in time.</summary>
internal static class AcknowledgmentCommands
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args is not (["overdue"] or ["overdue", "--json"]))
        {
            error.WriteLine("Usage: gateway acks overdue [--json]   documents we sent whose 997/999/CONTRL is overdue (exit 1 when any)");
            return GatewayCommandLine.Usage;
        }
        var settings = GatewaySettings.Load(Directory.GetCurrentDirectory());
        using var store = File.Exists(settings.TrackingDatabase) ? new LiteDbTrackingStore(settings.TrackingDatabase, readOnly: true) : null;
        var overdue = store?.OverdueAcknowledgments(1000) ?? [];
        if (args.Length == 2)
        {
            output.WriteLine(JsonSerializer.Serialize(overdue.Select(o => new { o.Id, o.PartnerId, o.Kind, o.ControlNumber, o.GroupControlNumber, o.DocumentControlNumber, o.BusinessReference, o.Transport, o.Status, o.CreatedAt, o.SentAt, o.AcknowledgmentDueAt }), Json));
            return overdue.Count == 0 ? GatewayCommandLine.Ok : GatewayCommandLine.Invalid;
        }
        if (overdue.Count == 0)
        {
            output.WriteLine("No overdue acknowledgments.");
            return GatewayCommandLine.Ok;
        }
        output.WriteLine($"{"OUTBOUND ID",-24} {"PARTNER",-16} {"TYPE",-6} {"CONTROL",-10} {"REFERENCE",-14} {"DUE (UTC)",-16} SENT");
        foreach (var o in overdue)
        {
            output.WriteLine($"{o.Id,-24} {o.PartnerId,-16} {o.Kind,-6} {o.ControlNumber,-10} {o.BusinessReference ?? "",-14} {o.AcknowledgmentDueAt?.UtcDateTime,-16:yyyy-MM-dd HH:mm} {o.Status} over {o.Transport}");
        }
        output.WriteLine($"{overdue.Count} document(s) without their acknowledgment; gateway track show ID shows each one's timeline.");
        return GatewayCommandLine.Invalid;
    }
}

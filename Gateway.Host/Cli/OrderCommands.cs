using System.Text.Json;
using Gateway.Host.Configuration;
using Gateway.Host.Orders;
using Gateway.Host.Tracking;

namespace Gateway.Host.Cli;

/// <summary><c>gateway orders show|stuck</c>: where a purchase order stands, and which orders need a person.</summary>
internal static class OrderCommands
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        bool json = args.Contains("--json");
        var rest = args.Where(a => a != "--json").ToList();
        string? partner = null;
        int at = rest.IndexOf("--partner");
        if (at >= 0)
        {
            if (at + 1 >= rest.Count)
            {
                return Usage(error);
            }
            partner = rest[at + 1];
            rest.RemoveRange(at, 2);
        }
        var settings = GatewaySettings.Load(Directory.GetCurrentDirectory());
        using var store = File.Exists(settings.TrackingDatabase) ? new LiteDbTrackingStore(settings.TrackingDatabase, readOnly: true) : null;
        var now = TimeProvider.System.GetUtcNow();
        switch (rest)
        {
            case ["show", string purchaseOrder]:
                var journey = store is null ? null : OrderJourney.Of(store, purchaseOrder, partner, settings.Orders, now);
                if (journey is null)
                {
                    error.WriteLine($"No document names PO {purchaseOrder}{(partner is null ? "" : $" for {partner}")}. 'gateway track list --reference {purchaseOrder}' searches by business reference.");
                    return GatewayCommandLine.Invalid;
                }
                Write(journey, json, output);
                return GatewayCommandLine.Ok;
            case ["stuck"]:
                var attention = store is null ? [] : OrderJourney.NeedingAttention(store, settings.Orders, now, settings.RetentionDays);
                if (json)
                {
                    output.WriteLine(JsonSerializer.Serialize(attention, Json));
                }
                else if (attention.Count == 0)
                {
                    output.WriteLine("No stuck orders and no discrepancies.");
                }
                else
                {
                    foreach (var stuck in attention)
                    {
                        output.WriteLine($"PO {stuck.PurchaseOrder} ({stuck.PartnerId ?? "customer unknown"}):");
                        foreach (string line in stuck.Stuck.Concat(stuck.Discrepancies))
                        {
                            output.WriteLine($"  {line}");
                        }
                    }
                }
                return attention.Count == 0 ? GatewayCommandLine.Ok : GatewayCommandLine.Invalid;
            default:
                return Usage(error);
        }
    }

    private static void Write(OrderJourney journey, bool json, TextWriter output)
    {
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(journey, Json));
            return;
        }
        output.WriteLine($"PO {journey.PurchaseOrder} ({journey.PartnerId ?? "customer unknown"})");
        foreach (var step in journey.Steps)
        {
            output.WriteLine($"  {step.At.UtcDateTime:yyyy-MM-dd HH:mm:ss} {step.What,-60} {step.Status,-22} {step.Id}");
        }
        foreach (string stuck in journey.Stuck)
        {
            output.WriteLine($"  STUCK: {stuck}");
        }
        foreach (string discrepancy in journey.Discrepancies)
        {
            output.WriteLine($"  DISCREPANCY: {discrepancy}");
        }
    }

    private static int Usage(TextWriter error)
    {
        error.WriteLine("""
            Usage:
              gateway orders show PO [--partner ID] [--json]   the order's journey: documents, acknowledgments, back-end calls, stuck steps, discrepancies
              gateway orders stuck [--json]                    orders needing a person (exit 1 when any)
            """);
        return GatewayCommandLine.Usage;
    }
}

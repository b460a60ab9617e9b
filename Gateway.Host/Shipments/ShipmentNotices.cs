using System.Text.Json.Nodes;
using Gateway.Host.Configuration;
using Gateway.Host.Intake;
using Gateway.Host.Outbound;
using Gateway.Host.Tracking;
using Gateway.Partners.ControlNumbers;
using Gateway.Partners.Loading;
using Gateway.Partners.Profiles;
using Microsoft.Extensions.Logging;
using static Gateway.Host.Shipments.FormJson;

namespace Gateway.Host.Shipments;

/// <summary>
/// Ship notices back to the customer who ordered: a shipment confirmation (from the ERP, or read from a 3PL's 945)
/// names only the PO number, so the customer is whoever sent that 850 or ORDERS, and what the confirmation leaves
/// out (ship-to, PO date, PO line numbers, carton ids) is taken from that order and our GS1 prefix before the
/// outbound path maps, envelopes, validates and queues the 856 or DESADV.
/// </summary>
internal sealed partial class ShipmentNotices(
    OutboundSubmissions submissions,
    ProfileReloader profiles,
    ITrackingStore store,
    RawArchive archive,
    IControlNumberStore serials,
    GatewaySettings settings,
    ILogger<ShipmentNotices> log)
{
    /// <summary>What became of one shipment: the ship notice's tracking id, the customer and document type, whether it was already known, or the problems that stopped it.</summary>
    public sealed record Result(string? TrackingId, string? PartnerId, string? DocumentType, bool Repeated, IReadOnlyList<(string? Field, string Message)> Problems);

    /// <summary>
    /// Sends the ship notice of <paramref name="shipmentConfirmation"/> (docs/backend-api.md, section 3.2) to the
    /// partner that sent its <c>purchaseOrder</c>; the same <paramref name="idempotencyKey"/> gives the same document.
    /// </summary>
    public Result Submit(JsonObject shipmentConfirmation, string? idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(shipmentConfirmation);
        return Submit(shipmentConfirmation.DeepClone().AsObject(), idempotencyKey, fallbackShipTo: null);
    }

    private Result Submit(JsonObject shipment, string? idempotencyKey, JsonObject? fallbackShipTo)
    {
        if (TextOf(shipment["purchaseOrder"]) is not { } purchaseOrder)
        {
            return Problem(null, "purchaseOrder", "the event lacks purchaseOrder: the customer's PO number says whom the notice is for");
        }
        if (FindOrder(purchaseOrder) is not { } order)
        {
            return Problem(null, "purchaseOrder", $"no purchase order {purchaseOrder} was received from any partner");
        }
        string partnerId = order.PartnerId!;
        if (profiles.Current.Find(partnerId) is not { } partner)
        {
            return Problem(partnerId, null, $"{partnerId}, who sent purchase order {purchaseOrder}, is not a live partner; check partner-profiles/{partnerId}.yaml (gateway partners list)");
        }
        var candidates = partner.Agreements
            .Where(a => a.Direction == DocumentDirection.Outbound
                && ((a.Standard == EdiStandard.X12 && a.Document == "856") || (a.Standard == EdiStandard.Edifact && a.Document == "DESADV")))
            .ToList();
        // A partner set up for both gets the notice in the standard it ordered in.
        var agreement = candidates.FirstOrDefault(a => (a.Standard == EdiStandard.X12) == (order.Standard == "X12")) ?? candidates.FirstOrDefault();
        if (agreement is null)
        {
            return Problem(partnerId, null,
                $"{partnerId} has no outbound agreement for ship notices; add one for document \"856\" (X12) or DESADV (EDIFACT) to partner-profiles/{partnerId}.yaml");
        }
        // Without the order's file (past retention) the event must carry everything itself; the map names what is missing.
        Complete(shipment, ReadOrder(order) ?? new ReceivedOrder(null, null, []), fallbackShipTo);
        if (Lacks(shipment, "shipFrom") && settings.Orders.ShipFrom is { } from)
        {
            shipment["shipFrom"] = Address(from.LocationId, from.Name, from.Address1, from.Address2, from.City, from.Region, from.PostalCode, from.Country);
        }
        if (NumberCartons(shipment) is { Count: > 0 } problems)
        {
            return new Result(null, partnerId, agreement.Document, false, problems);
        }
        var outcome = submissions.Submit(partnerId, agreement.Document, shipment, idempotencyKey);
        return new Result(outcome.TrackingId, partnerId, agreement.Document, outcome.Repeated, outcome.Problems);
    }

    /// <summary>Gives each package without an SSCC a new SSCC-18 under our GS1 company prefix; the problems when it cannot.</summary>
    private List<(string? Field, string Message)> NumberCartons(JsonObject shipment)
    {
        var unlabelled = All(shipment["packages"]).Select((package, index) => (Package: package, Index: index)).Where(p => Lacks(p.Package, "sscc")).ToList();
        if (unlabelled.Count == 0)
        {
            return [];
        }
        if (settings.Orders.Gs1CompanyPrefix is not { Length: > 0 } prefix)
        {
            return [.. unlabelled.Select(p => ((string?)$"packages[{p.Index}].sscc",
                "the carton has no SSCC and Gateway:Orders:Gs1CompanyPrefix is not set; set our GS1 company prefix so the gateway can number cartons, or send the sscc"))];
        }
        if (Sscc.CheckPrefix(prefix) is { } wrong)
        {
            return [(null, wrong)];
        }
        foreach (var (package, index) in unlabelled)
        {
            // The journal of control numbers keeps the last serial on disk before it is used: none is ever issued twice.
            long serial = serials.Allocate($"gs1/{Sscc.ExtensionDigit}{prefix}/sscc", 1, long.MaxValue);
            if (serial > Sscc.MaxSerial(prefix))
            {
                return [($"packages[{index}].sscc", $"every SSCC serial under GS1 company prefix {prefix} (extension digit {Sscc.ExtensionDigit}) is used; GS1 must not see one twice")];
            }
            package["sscc"] = Sscc.Create(prefix, serial);
        }
        return [];
    }

    private static Result Problem(string? partnerId, string? field, string message) => new(null, partnerId, null, false, [(field, message)]);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No ship notice for 945 {TrackingId} from {PartnerId}: {Problems} problem(s), on its timeline")]
    private partial void LogNoShipNotice(string trackingId, string partnerId, int problems);
}

using System.Globalization;
using Gateway.Host.Configuration;
using Gateway.Host.Tracking;

namespace Gateway.Host.Orders;

/// <summary>
/// One purchase order's way through the order-to-cash flow, from what was tracked: 850/ORDERS received, our
/// acknowledgment, the ERP order, the 940 released to the warehouse, its 945, the 856/DESADV and 810/INVOIC sent with
/// the partner's acknowledgments; what is stuck; and where the lines shipped or invoiced differ from the order.
/// </summary>
/// <param name="PurchaseOrder">The customer's PO number.</param>
/// <param name="PartnerId">The customer, when known (the partner that sent the order).</param>
/// <param name="Steps">What happened, oldest first.</param>
/// <param name="Stuck">What should have happened by now and has not, with the next step.</param>
/// <param name="Discrepancies">Line-level differences between ordered, shipped and invoiced.</param>
internal sealed record OrderJourney(string PurchaseOrder, string? PartnerId, IReadOnlyList<OrderJourney.Step> Steps, IReadOnlyList<string> Stuck, IReadOnlyList<string> Discrepancies)
{
    /// <summary>One step: when, what, the tracking id to look at, and how it stands.</summary>
    public sealed record Step(DateTimeOffset At, string What, string Id, string Status);

    private static readonly string[] OrderTypes = ["850", "ORDERS"];
    private static readonly string[] ShipNoticeTypes = ["856", "DESADV"];
    private static readonly string[] InvoiceTypes = ["810", "INVOIC"];

    // Documents we send that start a journey check of their own: a release may wait for its 945, an invoice may name an unknown PO.
    private static readonly string[] StartingPoints = ["940", "810", "INVOIC"];

    /// <summary>The journey of <paramref name="purchaseOrder"/> (of <paramref name="partnerId"/>'s orders when given), or null when nothing names it.</summary>
    public static OrderJourney? Of(ITrackingStore store, string purchaseOrder, string? partnerId, OrderSettings settings, DateTimeOffset now)
    {
        // Another customer's order with the same number is not this journey; the 3PL's documents carry no customer.
        var inbound = store.DocumentsOfOrder(purchaseOrder)
            .Where(d => partnerId is null || !OrderTypes.Contains(d.Type) || d.PartnerId == partnerId)
            .ToList();
        var orders = inbound.Where(d => OrderTypes.Contains(d.Type) && d.Status is not (DocumentStatus.Rejected or DocumentStatus.Duplicate or DocumentStatus.Quarantined))
            .OrderBy(d => d.ReceivedAt)
            .ToList();
        string? customer = partnerId ?? orders.Select(o => o.PartnerId).FirstOrDefault(p => p is not null);
        var outbound = store.OutboundOfOrder(purchaseOrder)
            .Where(o => customer is null || !(ShipNoticeTypes.Contains(o.Kind) || InvoiceTypes.Contains(o.Kind)) || o.PartnerId == customer)
            .ToList();
        if (inbound.Count == 0 && outbound.Count == 0)
        {
            return null;
        }
        var steps = new List<Step>();
        foreach (var document in inbound)
        {
            steps.Add(new Step(document.ReceivedAt, $"{document.Type} {document.BusinessReference} received from {document.PartnerId ?? "(unknown)"}", document.Id, document.Status.ToString()));
            if (OrderTypes.Contains(document.Type))
            {
                foreach (var ack in store.OutboundFor(document.ReceiptId))
                {
                    steps.Add(new Step(ack.SentAt ?? ack.CreatedAt, $"{ack.Kind} sent to {ack.PartnerId}", ack.Id, ack.Status));
                }
            }
            if (document.Status == DocumentStatus.Delivered)
            {
                var delivered = document.Timeline.LastOrDefault(e => e.Step == "Delivered")?.At ?? document.ReceivedAt;
                foreach (var call in document.Calls)
                {
                    steps.Add(new Step(delivered, $"{call.Endpoint} {call.Name}{(call.BackendId is null ? "" : $" {call.BackendId}")}", document.Id, call.Status.ToString()));
                }
            }
        }
        foreach (var sent in outbound)
        {
            steps.Add(new Step(sent.SentAt ?? sent.CreatedAt, $"{sent.Kind} {sent.BusinessReference} sent to {sent.PartnerId} over {sent.Transport}", sent.Id, sent.Status));
            if (sent.AcknowledgmentStatus is { } status)
            {
                steps.Add(new Step(sent.AcknowledgmentReceivedAt ?? sent.AcknowledgmentDueAt ?? sent.CreatedAt, $"{sent.PartnerId}'s acknowledgment of {sent.Kind} {sent.BusinessReference}", sent.AcknowledgmentReceiptId ?? sent.Id, status));
            }
        }
        steps.Sort((a, b) => a.At.CompareTo(b.At));
        return new OrderJourney(purchaseOrder, customer, steps, StuckSteps(orders, inbound, outbound, settings, now), LineDiscrepancies(purchaseOrder, orders, inbound, outbound, settings));
    }

    /// <summary>
    /// Every order of the last <paramref name="days"/> days with something stuck or a discrepancy: orders received,
    /// and warehouse releases and invoices sent (an invoice may name a PO that never came).
    /// </summary>
    public static IReadOnlyList<OrderJourney> NeedingAttention(ITrackingStore store, OrderSettings settings, DateTimeOffset now, int days)
    {
        var since = now.AddDays(-days);
        var keys = store.OrdersReceivedSince(since, 10_000).Select(d => (d.PurchaseOrder!, d.PartnerId))
            .Concat(StartingPoints.SelectMany(kind => store.OutboundOfTypeSince(kind, since, 10_000)).Select(o => (o.PurchaseOrder!, (string?)null)))
            .Distinct();
        var journeys = new List<OrderJourney>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (purchaseOrder, partnerId) in keys)
        {
            if (Of(store, purchaseOrder, partnerId, settings, now) is { } journey && seen.Add($"{journey.PartnerId}|{purchaseOrder}") && (journey.Stuck.Count > 0 || journey.Discrepancies.Count > 0))
            {
                journeys.Add(journey);
            }
        }
        return journeys;
    }

    private static List<string> StuckSteps(List<DocumentRecord> orders, List<DocumentRecord> inbound, List<OutboundRecord> outbound, OrderSettings settings, DateTimeOffset now)
    {
        var stuck = new List<string>();
        bool shipNoticeSent = outbound.Any(o => ShipNoticeTypes.Contains(o.Kind));
        if (orders.Count > 0 && !shipNoticeSent && now - orders[0].ReceivedAt > TimeSpan.FromDays(settings.ShipNoticeWithinDays))
        {
            stuck.Add($"no ship notice {(int)(now - orders[0].ReceivedAt).TotalDays} days after the order (expected within {settings.ShipNoticeWithinDays}); ask the warehouse whether it shipped");
        }
        foreach (var release in outbound.Where(o => o.Kind == "940"))
        {
            var released = release.SentAt ?? release.CreatedAt;
            if (!inbound.Any(d => d.Type == "945" && d.ReceivedAt >= released) && now - released > TimeSpan.FromDays(settings.WarehouseShipWithinDays))
            {
                stuck.Add($"940 {release.BusinessReference} released to {release.PartnerId} on {released.UtcDateTime:yyyy-MM-dd} and no 945 since (expected within {settings.WarehouseShipWithinDays} days); ask {release.PartnerId}");
            }
        }
        if (!shipNoticeSent)
        {
            stuck.AddRange(outbound.Where(o => InvoiceTypes.Contains(o.Kind)).Select(i => $"invoice {i.BusinessReference} sent without a ship notice for the order"));
        }
        foreach (var refused in outbound.Where(o => o.AcknowledgmentStatus is "Rejected" or "Overdue" || o.Status == "SendFailed"))
        {
            string what = refused.Status == "SendFailed" ? "could not be sent" : refused.AcknowledgmentStatus == "Rejected" ? "rejected by the partner" : "acknowledgment overdue";
            stuck.Add($"{refused.Kind} {refused.BusinessReference} to {refused.PartnerId}: {what} (gateway track show {refused.Id})");
        }
        return stuck;
    }

    private static List<string> LineDiscrepancies(string purchaseOrder, List<DocumentRecord> orders, List<DocumentRecord> inbound, List<OutboundRecord> outbound, OrderSettings settings)
    {
        var problems = new List<string>();
        var invoices = outbound.Where(o => InvoiceTypes.Contains(o.Kind)).ToList();
        if (orders.Count == 0)
        {
            problems.AddRange(invoices.Select(i => $"invoice {i.BusinessReference} is for PO {purchaseOrder}, which was never received"));
            return problems;
        }
        var ordered = Totals(orders.SelectMany(o => o.Lines));
        // What the warehouse reports shipping (945) is the truth; without it, what we told the customer (856/DESADV).
        var warehouse = inbound.Where(d => d.Type == "945").SelectMany(d => d.Lines).ToList();
        var shipped = warehouse.Count > 0 ? Totals(warehouse) : Totals(outbound.Where(o => ShipNoticeTypes.Contains(o.Kind)).SelectMany(o => o.Lines));
        var invoiced = Totals(invoices.SelectMany(i => i.Lines));
        foreach (var (item, line) in shipped)
        {
            if (!ordered.TryGetValue(item, out var order))
            {
                problems.Add($"item {item} was shipped ({Number(line.Quantity)}) but never ordered");
            }
            else if (line.Quantity < order.Quantity)
            {
                problems.Add($"item {item}: shipped {Number(line.Quantity)} of {Number(order.Quantity)} ordered (short by {Number(order.Quantity - line.Quantity)})");
            }
            else if (line.Quantity > order.Quantity)
            {
                problems.Add($"item {item}: shipped {Number(line.Quantity)}, more than the {Number(order.Quantity)} ordered");
            }
        }
        foreach (var (item, line) in invoiced)
        {
            if (!ordered.TryGetValue(item, out var order))
            {
                problems.Add($"item {item} was invoiced ({Number(line.Quantity)}) but never ordered");
                continue;
            }
            decimal shippedQuantity = shipped.TryGetValue(item, out var sent) ? sent.Quantity : 0;
            if (shipped.Count > 0 && line.Quantity > shippedQuantity)
            {
                problems.Add($"item {item}: invoiced {Number(line.Quantity)}, more than the {Number(shippedQuantity)} shipped");
            }
            if (line.UnitPrice is decimal price && order.UnitPrice is decimal agreed && agreed != 0 && Math.Abs(price - agreed) / agreed * 100 > settings.PriceTolerancePercent)
            {
                decimal percent = (price - agreed) / agreed * 100;
                problems.Add($"item {item}: invoiced at {Number(price)}, ordered at {Number(agreed)} ({percent.ToString("+0.0;-0.0", CultureInfo.InvariantCulture)}%, tolerance {Number(settings.PriceTolerancePercent)}%)");
            }
        }
        return problems;
    }

    // Quantities per item (our item code, else the buyer's, else the line number); the first price stated.
    private static Dictionary<string, (decimal Quantity, decimal? UnitPrice)> Totals(IEnumerable<OrderLine> lines)
    {
        var totals = new Dictionary<string, (decimal Quantity, decimal? UnitPrice)>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            string key = line.Item ?? line.BuyerItem ?? $"line {line.LineNumber}";
            var (quantity, price) = totals.GetValueOrDefault(key);
            totals[key] = (quantity + (line.Quantity ?? 0), price ?? line.UnitPrice);
        }
        return totals;
    }

    private static string Number(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}

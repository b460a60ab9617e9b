using Gateway.Edi;

namespace Gateway.Host.Orders;

/// <summary>The EDIFACT side: PO numbers and lines of ORDERS, ORDRSP, DESADV and INVOIC.</summary>
internal static partial class OrderFacts
{
    /// <summary>The same for an EDIFACT message (type = UNH 0065: ORDERS, ORDRSP, DESADV, INVOIC).</summary>
    public static (string? PurchaseOrder, List<OrderLine> Lines) OfEdifact(string type, SegmentList segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        string? quantityQualifier = type switch { "ORDERS" or "ORDRSP" => "21", "DESADV" => "12", "INVOIC" => "47", _ => null };
        if (quantityQualifier is null)
        {
            return (null, []);
        }
        bool ordering = type == "ORDERS";
        string? fromBgm = null, fromHeader = null;
        bool inHeader = true;
        var drafts = new List<Draft>();
        Draft? current = null;
        foreach (var segment in segments)
        {
            switch (segment.Tag)
            {
                case "BGM":
                    fromBgm ??= At(Components(segment, 2), 0);
                    break;
                case "LIN":
                    inHeader = false;
                    current = new Draft(new OrderLine { LineNumber = At(Components(segment, 1), 0) });
                    AddItem(current, Components(segment, 3));
                    drafts.Add(current);
                    break;
                case "PIA" when current is { Closed: false } && At(Components(segment, 1), 0) is "1" or "5":
                    for (int position = 2; position <= 6; position++)
                    {
                        AddItem(current, Components(segment, position));
                    }
                    break;
                case "QTY" when current is { Closed: false }:
                    ReadQuantity(current, Components(segment, 1), quantityQualifier, type is "DESADV" or "INVOIC");
                    break;
                case "PRI" when current is { Closed: false }:
                    ReadPrice(current, Components(segment, 1));
                    break;
                case "RFF":
                    var reference = Components(segment, 1);
                    if (inHeader && At(reference, 0) == "ON")
                    {
                        fromHeader ??= At(reference, 1);
                    }
                    else if (current is { Closed: false })
                    {
                        ReadLineReference(current, reference, ordering);
                    }
                    break;
                // These start a subgroup of the line (package, location, allowance, schedule...): its QTY, PRI and RFF are not the line's.
                case "PAC" or "PCI" or "LOC" or "ALC" or "SCC" or "SGP" or "DGS" or "TDT" or "TOD" or "EQD" or "NAD" or "TAX" or "RCS" when current is not null:
                    current.Closed = true;
                    break;
                case "CPS" or "UNS" or "CNT" or "UNT":
                    inHeader = false;
                    current = null;
                    break;
            }
        }
        string? order = ordering ? fromBgm : fromHeader ?? drafts.Select(d => d.Order).FirstOrDefault(o => o is not null);
        drafts.RemoveAll(d => order is not null && d.Order is not null && d.Order != order);
        foreach (var draft in drafts)
        {
            draft.Line.Item = Find(draft.Ids, "SA") ?? Find(draft.Ids, "VN") ?? Find(draft.Ids, "SRV", "SRS", "EN", "UP", "");
            draft.Line.BuyerItem = Find(draft.Ids, "IN") ?? Find(draft.Ids, "BP");
        }
        return (order, Finish(drafts));
    }

    // C212: 7140 item number, 7143 its type (an untyped LIN id is kept as type "").
    private static void AddItem(Draft draft, IReadOnlyList<string> itemNumber)
    {
        if (At(itemNumber, 0) is { } id)
        {
            draft.Ids.Add((At(itemNumber, 1) ?? "", id));
        }
    }

    // C186: 6063 qualifier, 6060 quantity, 6411 unit.
    private static void ReadQuantity(Draft draft, IReadOnlyList<string> quantity, string qualifier, bool ordersAreExtra)
    {
        string? code = At(quantity, 0);
        if (code == qualifier && draft.Line.Quantity is null)
        {
            draft.Line.Quantity = Number(At(quantity, 1));
            draft.Line.UnitOfMeasure = At(quantity, 2);
        }
        else if (code == "21" && ordersAreExtra)
        {
            draft.Line.QuantityOrdered ??= Number(At(quantity, 1));
        }
    }

    // C509: 5125 qualifier (AAA net wins over AAB gross), 5118 price, 5284 unit price basis ("38 per 10 KGM").
    private static void ReadPrice(Draft draft, IReadOnlyList<string> price)
    {
        string? code = At(price, 0);
        if (draft.HasNetPrice || code is not ("AAA" or "AAB") || (code == "AAB" && draft.Line.UnitPrice is not null)
            || Number(At(price, 1)) is not { } amount)
        {
            return;
        }
        draft.Line.UnitPrice = Number(At(price, 4)) is > 0 and var basis ? amount / basis : amount;
        draft.HasNetPrice = code == "AAA";
    }

    // C506: 1153 qualifier, 1154 reference, 1156 line number in the referenced document.
    private static void ReadLineReference(Draft draft, IReadOnlyList<string> reference, bool ordering)
    {
        switch (At(reference, 0))
        {
            case "LI":
                draft.LineReference ??= At(reference, 1);
                break;
            case "ON" when !ordering:
                draft.Order ??= At(reference, 1);
                draft.FallbackReference ??= At(reference, 2);
                break;
        }
    }
}

using System.Globalization;
using Gateway.Edi;

namespace Gateway.Host.Orders;

/// <summary>
/// Reads the customer's PO number and the item lines of an order document, so the gateway can follow an order across
/// its documents (850 → 940 → 945 → 856 → 810) and compare what was ordered, shipped and invoiced.
/// </summary>
/// <remarks>
/// Missing or malformed elements leave a field null; nothing here throws on content. A ship notice or despatch advice
/// may cover several orders (an 856 HL O level each, a DESADV line RFF+ON): only the lines of the order it names first
/// are returned, so that another order's lines never count against that one.
/// </remarks>
internal static class OrderFacts
{
    private const NumberStyles NumberFormat = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    // W01 and W12 pairs (qualifier position; the id follows it), from the 004010 segment definitions.
    private static readonly int[] W01Pairs = [4, 6, 15];
    private static readonly int[] W12Pairs = [7, 17, 21];

    /// <summary>The customer's PO number and the lines of an X12 transaction set; (null, []) for types it does not know.</summary>
    public static (string? PurchaseOrder, List<OrderLine> Lines) OfX12(string type, SegmentList segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        return type switch
        {
            "850" => Baseline(segments, "BEG", 3, "PO1"),
            "855" => Baseline(segments, "BAK", 3, "PO1"),
            "810" => Baseline(segments, "BIG", 4, "IT1"),
            "856" => ShipNotice(segments),
            "940" => Warehouse(segments, "W05", 3, "W01"),
            "945" => Warehouse(segments, "W06", 6, "W12"),
            _ => (null, []),
        };
    }

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

    // 850/855 PO1 and 810 IT1 share a layout: 01 line, 02 quantity, 03 unit, 04 price, 05 price basis, 06/07... id pairs.
    private static (string?, List<OrderLine>) Baseline(SegmentList segments, string headerTag, int orderPosition, string lineTag)
    {
        string? order = null;
        var drafts = new List<Draft>();
        Draft? current = null;
        foreach (var segment in segments)
        {
            string tag = segment.Tag;
            if (tag == headerTag)
            {
                order ??= Value(segment, orderPosition);
            }
            else if (tag == lineTag)
            {
                current = new Draft(new OrderLine
                {
                    LineNumber = Value(segment, 1),
                    Quantity = Number(segment, 2),
                    UnitOfMeasure = Value(segment, 3),
                    UnitPrice = Number(segment, 4) / (Value(segment, 5) switch { "HP" => 100, "TP" => 1000, _ => 1 }),
                });
                AddPairs(current, segment, 6);
                drafts.Add(current);
            }
            else if (tag == "LIN" && current is not null)
            {
                // A LIN inside the PO1 loop names more ids of the same line.
                AddPairs(current, segment, 2);
            }
        }
        return (order, FinishX12(drafts));
    }

    // Each LIN/SN1 is one line (a line packed in two cartons gives two); the HL tree says which order (PRF) it is under.
    private static (string?, List<OrderLine>) ShipNotice(SegmentList segments)
    {
        string? first = null;
        string level = "";
        var parents = new Dictionary<string, string>(StringComparer.Ordinal);
        var orders = new Dictionary<string, string>(StringComparer.Ordinal);
        var drafts = new List<Draft>();
        Draft? current = null;
        foreach (var segment in segments)
        {
            switch (segment.Tag)
            {
                case "HL":
                    level = segment[1];
                    parents.TryAdd(level, segment[2]);
                    current = null;
                    break;
                case "PRF" when Value(segment, 1) is { } order:
                    first ??= order;
                    orders.TryAdd(level, order);
                    break;
                case "LIN":
                    current = new Draft(new OrderLine { LineNumber = Value(segment, 1) }) { Level = level };
                    AddPairs(current, segment, 2);
                    drafts.Add(current);
                    break;
                case "SN1" when current is not null:
                    current.Line.Quantity = Number(segment, 2);
                    current.Line.UnitOfMeasure = Value(segment, 3);
                    current = null;
                    break;
            }
        }
        drafts.RemoveAll(d => first is not null && OrderOf(d.Level, parents, orders) is { } order && order != first);
        return (first, FinishX12(drafts));
    }

    private static string? OrderOf(string? level, Dictionary<string, string> parents, Dictionary<string, string> orders)
    {
        for (int steps = 0; level is not null && steps <= parents.Count; steps++)
        {
            if (orders.TryGetValue(level, out string? order))
            {
                return order;
            }
            level = parents.GetValueOrDefault(level);
        }
        return null;
    }

    // 940 W01 and 945 W12 sit in LX loops: the line number is LX01 unless an N9*LI (in the LX or the line's loop) gives it.
    private static (string?, List<OrderLine>) Warehouse(SegmentList segments, string headerTag, int orderPosition, string lineTag)
    {
        bool shipped = lineTag == "W12";
        string? order = null, loopNumber = null, loopReference = null;
        bool inLoop = false, nested = false;
        var drafts = new List<Draft>();
        Draft? current = null;
        foreach (var segment in segments)
        {
            string tag = segment.Tag;
            if (tag == headerTag)
            {
                order ??= Value(segment, orderPosition);
            }
            else if (tag is "LS" or "LE")
            {
                // An LS...LE loop inside the line has LX and N9 segments of its own.
                nested = tag == "LS";
            }
            else if (nested)
            {
                continue;
            }
            else if (tag == "LX")
            {
                (inLoop, loopNumber, loopReference, current) = (true, Value(segment, 1), null, null);
            }
            else if (tag == lineTag)
            {
                var line = shipped
                    ? new OrderLine { QuantityOrdered = Number(segment, 2), Quantity = Number(segment, 3), UnitOfMeasure = Value(segment, 5) }
                    : new OrderLine { Quantity = Number(segment, 1), UnitOfMeasure = Value(segment, 2) };
                line.LineNumber = loopNumber;
                current = new Draft(line) { FallbackReference = loopReference };
                foreach (int position in shipped ? W12Pairs : W01Pairs)
                {
                    AddPair(current, segment, position);
                }
                drafts.Add(current);
            }
            else if (tag == "N9" && inLoop && Value(segment, 1) == "LI" && Value(segment, 2) is { } reference)
            {
                if (current is null)
                {
                    loopReference ??= reference;
                }
                else
                {
                    current.LineReference ??= reference;
                }
            }
        }
        return (order, FinishX12(drafts));
    }

    private static List<OrderLine> FinishX12(List<Draft> drafts)
    {
        foreach (var draft in drafts)
        {
            draft.Line.Item = Find(draft.Ids, "VP") ?? Find(draft.Ids, "VN") ?? Find(draft.Ids, "SK") ?? Find(draft.Ids, "UP", "EN", "UK", "IN");
            draft.Line.BuyerItem = Find(draft.Ids, "BP") ?? Find(draft.Ids, "IN") ?? Find(draft.Ids, "PI");
            draft.LineReference ??= Find(draft.Ids, "PL");
        }
        return Finish(drafts);
    }

    private static List<OrderLine> Finish(List<Draft> drafts)
    {
        foreach (var draft in drafts)
        {
            draft.Line.LineNumber = draft.LineReference ?? draft.FallbackReference ?? draft.Line.LineNumber;
        }
        return [.. drafts.Select(d => d.Line)];
    }

    private static void AddPairs(Draft draft, Segment segment, int firstQualifier)
    {
        for (int position = firstQualifier; position < segment.ElementCount; position += 2)
        {
            AddPair(draft, segment, position);
        }
    }

    private static void AddPair(Draft draft, Segment segment, int qualifierPosition)
    {
        if (Value(segment, qualifierPosition) is { } qualifier && Value(segment, qualifierPosition + 1) is { } id)
        {
            draft.Ids.Add((qualifier, id));
        }
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

    private static string? Find(List<(string Qualifier, string Id)> ids, params ReadOnlySpan<string> qualifiers)
    {
        foreach (var (qualifier, id) in ids)
        {
            if (qualifiers.Contains(qualifier))
            {
                return id;
            }
        }
        return null;
    }

    private static string? Value(Segment segment, int position) =>
        segment.Has(position) && segment[position].Trim() is { Length: > 0 } value ? value : null;

    private static decimal? Number(Segment segment, int position) => Number(Value(segment, position));

    // X12 and EDIFACT both write '.', but an EDIFACT UNA may declare ',' as the decimal mark; neither uses thousands separators.
    private static decimal? Number(string? text) =>
        text is not null && decimal.TryParse(text.Replace(',', '.'), NumberFormat, CultureInfo.InvariantCulture, out decimal value) ? value : null;

    private static IReadOnlyList<string> Components(Segment segment, int position) => segment.Has(position) ? segment.GetComponents(position) : [];

    private static string? At(IReadOnlyList<string> components, int index) =>
        index < components.Count && components[index].Trim() is { Length: > 0 } value ? value : null;

    /// <summary>A line being read: the ids seen so far, the explicit line references, and which order or HL level it belongs to.</summary>
    private sealed class Draft(OrderLine line)
    {
        public OrderLine Line { get; } = line;

        public List<(string Qualifier, string Id)> Ids { get; } = [];

        /// <summary>The PO line the line names itself: X12 PL id or N9*LI in its loop, EDIFACT RFF+LI.</summary>
        public string? LineReference { get; set; }

        /// <summary>A PO line given less directly: N9*LI of the enclosing LX loop, EDIFACT RFF+ON 1156.</summary>
        public string? FallbackReference { get; set; }

        /// <summary>The order the line says it belongs to (EDIFACT RFF+ON).</summary>
        public string? Order { get; set; }

        /// <summary>The 856 HL level (HL01) the LIN sits in.</summary>
        public string Level { get; init; } = "";

        /// <summary>A subgroup of the EDIFACT line began: later QTY, PRI and RFF belong to it.</summary>
        public bool Closed { get; set; }

        public bool HasNetPrice { get; set; }
    }
}

using Gateway.Edi;

namespace Gateway.Host.Orders;

/// <summary>The X12 side: PO numbers and lines of 850, 855, 856, 810, 940 and 945.</summary>
internal static partial class OrderFacts
{
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
}

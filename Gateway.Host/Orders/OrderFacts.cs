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
internal static partial class OrderFacts
{
    private const NumberStyles NumberFormat = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    private static List<OrderLine> Finish(List<Draft> drafts)
    {
        foreach (var draft in drafts)
        {
            draft.Line.LineNumber = draft.LineReference ?? draft.FallbackReference ?? draft.Line.LineNumber;
        }
        return [.. drafts.Select(d => d.Line)];
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

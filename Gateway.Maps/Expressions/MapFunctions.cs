using System.Globalization;
using Gateway.Maps.JmesPath;

namespace Gateway.Maps.Expressions;

/// <summary>
/// The functions maps may call besides JMESPath's own: code conversion through the map's lookup tables, and the
/// date and number formats EDI uses. None of them reads a file, the clock or the network, so a map's output depends
/// on its document alone, which is what makes a replay produce the same call.
/// </summary>
internal static class MapFunctions
{
    /// <summary>The names of the map functions, for the load-time hint on an unknown function.</summary>
    public static IReadOnlySet<string> Names { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "lookup", "format_date", "decimal", "edi_number", "edi_implied", "concat", "index_items",
    };

    private static readonly string[] DateFormats =
    [
        "yyyyMMdd", "yyMMdd", "yyyyMMddHHmm", "yyMMddHHmm", "yyyyMMddHHmmss", "yyyy-MM-dd", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss",
        "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK", "HHmm", "HHmmss", "HH:mm", "HH:mm:ss",
    ];

    /// <summary>JMESPath's functions and the map functions, with <paramref name="lookups"/> as the tables of <c>lookup</c>.</summary>
    public static IReadOnlyDictionary<string, JmesPathFunction> For(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> lookups) =>
        JmesPathBuiltIns.All.Concat(
        [
            // lookup('table', value): the table's entry for value, or null (write lookup('uom', x) || x to pass unknown codes through).
            new DelegateFunction("lookup", 2, 2, (_, a) =>
            {
                string table = Text(a[0]) ?? "";
                if (!lookups.TryGetValue(table, out var entries))
                {
                    throw new MapEvaluationException($"lookup: the map has no lookup table '{table}'");
                }
                return Text(a[1]) is string key && entries.TryGetValue(key, out string? value) ? value : null;
            }),
            // format_date(value, 'yyyy-MM-dd'): reads CCYYMMDD, YYMMDD, CCYYMMDDHHMM, YYMMDDHHMM, YYYY-MM-DD or an ISO date-time; null stays null.
            new DelegateFunction("format_date", 2, 2, (_, a) =>
            {
                string? text = Text(a[0]);
                string format = Text(a[1]) ?? "yyyy-MM-dd";
                if (string.IsNullOrWhiteSpace(text))
                {
                    return null;
                }
                if (!DateTimeOffset.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
                {
                    throw new MapEvaluationException($"format_date: '{text}' is not a date (expected CCYYMMDD, YYMMDD, CCYYMMDDHHMM or YYYY-MM-DD)");
                }
                return value.ToString(format, CultureInfo.InvariantCulture);
            }),
            // decimal(value) or decimal(value, impliedDecimals): a JSON number from an EDI numeric (TDS01 1234 with 2 implied decimals is 12.34).
            new DelegateFunction("decimal", 1, JmesPathFunction.Variadic, (f, a) =>
            {
                if (Number(a[0], f.Name) is not decimal value)
                {
                    return null;
                }
                int implied = a.Length > 1 ? Decimals(a[1], f.Name) : 0;
                for (int i = 0; i < implied; i++)
                {
                    value /= 10;
                }
                return JmesPathValues.Normalize(value);
            }),
            // edi_number(value, decimals) writes 4.25, edi_number(value) the number as it is; null stays null, unlike to_string, so an absent amount leaves its element out.
            new DelegateFunction("edi_number", 1, JmesPathFunction.Variadic, (f, a) =>
            {
                if (Number(a[0], f.Name) is not decimal value)
                {
                    return null;
                }
                if (a.Length == 1)
                {
                    return JmesPathValues.Normalize(value).ToString(CultureInfo.InvariantCulture);
                }
                int decimals = Decimals(a[1], f.Name);
                return Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            }),
            // edi_implied(value, decimals) writes 425 for 4.25 with 2 decimals (for N2 elements such as TDS01).
            new DelegateFunction("edi_implied", 2, 2, (f, a) =>
            {
                if (Number(a[0], f.Name) is not decimal value)
                {
                    return null;
                }
                int decimals = Decimals(a[1], f.Name);
                for (int i = 0; i < decimals; i++)
                {
                    value *= 10;
                }
                return Math.Round(value, 0, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture);
            }),
            // concat(a, b, …): the texts of the arguments that are not null, joined; null when all are.
            new DelegateFunction("concat", 1, JmesPathFunction.Variadic, (_, a) =>
            {
                var parts = a.Select(Text).Where(t => t is not null).ToList();
                return parts.Count == 0 ? null : string.Concat(parts);
            }),
            // index_items(array, start): copies of the array's objects with index set to start, start + 1, … (HL or CPS numbers).
            new DelegateFunction("index_items", 1, JmesPathFunction.Variadic, (f, a) =>
            {
                if (a[0] is not List<object?> array)
                {
                    return a[0] is null ? JmesPathValues.NewArray() : throw new MapEvaluationException("index_items: the first argument must be an array");
                }
                decimal index = a.Length > 1 && Number(a[1], f.Name) is decimal start ? decimal.Truncate(start) : 1;
                var result = JmesPathValues.NewArray(array.Count);
                foreach (var item in array)
                {
                    var copy = item is Dictionary<string, object?> obj ? new Dictionary<string, object?>(obj, StringComparer.Ordinal) : JmesPathValues.NewObject(2);
                    if (item is not Dictionary<string, object?>)
                    {
                        copy["value"] = item;
                    }
                    copy["index"] = index++;
                    result.Add(copy);
                }
                return result;
            }),
        ]).ToDictionary(f => f.Name, StringComparer.Ordinal);

    private static string? Text(object? value) => value switch
    {
        null => null,
        string text => text,
        decimal number => number.ToString(CultureInfo.InvariantCulture),
        bool flag => flag ? "True" : "False",
        _ => JmesPathValues.ToJson(value),
    };

    private static decimal? Number(object? value, string function)
    {
        string? text = Text(value);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        return decimal.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out decimal number)
            ? number
            : throw new MapEvaluationException($"{function}: '{text}' is not a number");
    }

    private static int Decimals(object? value, string function) =>
        Number(value, function) is decimal d && d == decimal.Truncate(d) && d is >= 0 and <= 10
            ? (int)d
            : throw new MapEvaluationException($"{function}: the number of decimals must be a whole number from 0 to 10");
}

using System.Globalization;
using DevLab.JmesPath.Functions;
using DevLab.JmesPath.Interop;
using Newtonsoft.Json.Linq;

namespace Gateway.Maps.Expressions;

/// <summary>
/// The functions maps may call besides JMESPath's own: code conversion through the map's lookup tables, and the
/// date and number formats EDI uses. None of them reads a file, the clock or the network, so a map's output depends
/// on its document alone, which is what makes a replay produce the same call.
/// </summary>
internal static class MapFunctions
{
    /// <summary>The names <see cref="Register"/> adds, for the load-time check of function calls.</summary>
    public static IReadOnlySet<string> Names { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "lookup", "format_date", "decimal", "edi_number", "edi_implied", "concat", "index_items",
    };

    public static void Register(IRegisterFunctions functions, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> lookups)
    {
        functions.Register("lookup", new LookupFunction(lookups));
        functions.Register("format_date", new FormatDateFunction());
        functions.Register("decimal", new DecimalFunction());
        functions.Register("edi_number", new EdiNumberFunction("edi_number", implied: false));
        functions.Register("edi_implied", new EdiNumberFunction("edi_implied", implied: true));
        functions.Register("concat", new ConcatFunction());
        functions.Register("index_items", new IndexItemsFunction());
    }

    private static string? Text(JToken? token) => token switch
    {
        null or { Type: JTokenType.Null or JTokenType.Undefined } => null,
        JValue { Type: JTokenType.String } value => (string?)value.Value,
        JValue value => Convert.ToString(value.Value, CultureInfo.InvariantCulture),
        _ => token.ToString(Newtonsoft.Json.Formatting.None),
    };

    private static decimal? Number(JToken? token, string function)
    {
        string? text = Text(token);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        return decimal.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out decimal value)
            ? value
            : throw new MapEvaluationException($"{function}: '{text}' is not a number");
    }

    private static int Decimals(JToken token, string function) =>
        Number(token, function) is decimal d && d == decimal.Truncate(d) && d is >= 0 and <= 10
            ? (int)d
            : throw new MapEvaluationException($"{function}: the number of decimals must be a whole number from 0 to 10");

    private static JValue NumberToken(decimal value) =>
        value == decimal.Truncate(value) && Math.Abs(value) < long.MaxValue ? new JValue((long)value) : new JValue(value / 1.000000000000000000000000000000000m);

    /// <summary><c>lookup('table', value)</c>: the table's entry for value, or null (write <c>lookup('uom', x) || x</c> to pass unknown codes through).</summary>
    private sealed class LookupFunction(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> lookups) : JmesPathFunction("lookup", 2)
    {
        public override JToken Execute(params JmesPathFunctionArgument[] args)
        {
            string table = Text(args[0].Token) ?? "";
            if (!lookups.TryGetValue(table, out var entries))
            {
                throw new MapEvaluationException($"lookup: the map has no lookup table '{table}'");
            }
            return Text(args[1].Token) is string key && entries.TryGetValue(key, out string? value) ? new JValue(value) : JValue.CreateNull();
        }
    }

    /// <summary><c>format_date(value, 'yyyy-MM-dd')</c>: reads CCYYMMDD, YYMMDD, CCYYMMDDHHMM, YYMMDDHHMM, YYYY-MM-DD or an ISO date-time; null stays null.</summary>
    private sealed class FormatDateFunction() : JmesPathFunction("format_date", 2)
    {
        private static readonly string[] Formats =
        [
            "yyyyMMdd", "yyMMdd", "yyyyMMddHHmm", "yyMMddHHmm", "yyyyMMddHHmmss", "yyyy-MM-dd", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss",
            "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK", "HHmm", "HHmmss", "HH:mm", "HH:mm:ss",
        ];

        public override JToken Execute(params JmesPathFunctionArgument[] args)
        {
            string? text = Text(args[0].Token);
            string format = Text(args[1].Token) ?? "yyyy-MM-dd";
            if (string.IsNullOrWhiteSpace(text))
            {
                return JValue.CreateNull();
            }
            if (!DateTimeOffset.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
            {
                throw new MapEvaluationException($"format_date: '{text}' is not a date (expected CCYYMMDD, YYMMDD, CCYYMMDDHHMM or YYYY-MM-DD)");
            }
            return new JValue(value.ToString(format, CultureInfo.InvariantCulture));
        }
    }

    /// <summary><c>decimal(value)</c> or <c>decimal(value, impliedDecimals)</c>: a JSON number from an EDI numeric (TDS01 <c>1234</c> with 2 implied decimals is 12.34).</summary>
    private sealed class DecimalFunction() : JmesPathFunction("decimal", 1, variadic: true)
    {
        public override JToken Execute(params JmesPathFunctionArgument[] args)
        {
            if (Number(args[0].Token, Name) is not decimal value)
            {
                return JValue.CreateNull();
            }
            int implied = args.Length > 1 ? Decimals(args[1].Token, Name) : 0;
            for (int i = 0; i < implied; i++)
            {
                value /= 10;
            }
            return NumberToken(value);
        }
    }

    /// <summary>
    /// <c>edi_number(value, decimals)</c> writes <c>4.25</c>, <c>edi_number(value)</c> the number as it is; <c>edi_implied(value, decimals)</c>
    /// writes <c>425</c> (for N2 elements such as TDS01). Null stays null, unlike JMESPath's <c>to_string</c>, so an absent amount leaves its element out.
    /// </summary>
    private sealed class EdiNumberFunction(string name, bool implied) : JmesPathFunction(name, implied ? 2 : 1, variadic: !implied)
    {
        public override JToken Execute(params JmesPathFunctionArgument[] args)
        {
            if (Number(args[0].Token, Name) is not decimal value)
            {
                return JValue.CreateNull();
            }
            if (args.Length == 1)
            {
                return new JValue((value / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture));
            }
            int decimals = Decimals(args[1].Token, Name);
            if (implied)
            {
                for (int i = 0; i < decimals; i++)
                {
                    value *= 10;
                }
                return new JValue(Math.Round(value, 0, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture));
            }
            return new JValue(Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
        }
    }

    /// <summary><c>concat(a, b, …)</c>: the texts of the arguments that are not null, joined; null when all are.</summary>
    private sealed class ConcatFunction() : JmesPathFunction("concat", 1, variadic: true)
    {
        public override JToken Execute(params JmesPathFunctionArgument[] args)
        {
            var parts = args.Select(a => Text(a.Token)).Where(t => t is not null).ToList();
            return parts.Count == 0 ? JValue.CreateNull() : new JValue(string.Concat(parts));
        }
    }

    /// <summary><c>index_items(array, start)</c>: copies of the array's objects with <c>index</c> set to start, start + 1, … (HL or CPS numbers).</summary>
    private sealed class IndexItemsFunction() : JmesPathFunction("index_items", 1, variadic: true)
    {
        public override JToken Execute(params JmesPathFunctionArgument[] args)
        {
            if (args[0].Token is not JArray array)
            {
                return args[0].Token is null or { Type: JTokenType.Null } ? new JArray() : throw new MapEvaluationException("index_items: the first argument must be an array");
            }
            long index = args.Length > 1 && Number(args[1].Token, Name) is decimal start ? (long)start : 1;
            var result = new JArray();
            foreach (var item in array)
            {
                var copy = item is JObject obj ? (JObject)obj.DeepClone() : new JObject { ["value"] = item.DeepClone() };
                copy["index"] = index++;
                result.Add(copy);
            }
            return result;
        }
    }
}

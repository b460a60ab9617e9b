using System.Globalization;
using System.Text;

namespace Gateway.Maps.JmesPath;

/// <summary>The functions of the JMESPath specification, with group_by, items, from_items, zip and the JEP-14 string functions.</summary>
internal static class JmesPathBuiltIns
{
    private const int Any = JmesPathFunction.Variadic;

    public static IEnumerable<JmesPathFunction> All { get; } =
    [
        new DelegateFunction("abs", 1, 1, (f, a) => Math.Abs(f.Number(a, 0))),
        new DelegateFunction("avg", 1, 1, (f, a) => Numbers(f, a, 0) is { Count: > 0 } numbers ? numbers.Sum() / numbers.Count : null),
        new DelegateFunction("ceil", 1, 1, (f, a) => Math.Ceiling(f.Number(a, 0))),
        new DelegateFunction("floor", 1, 1, (f, a) => Math.Floor(f.Number(a, 0))),
        new DelegateFunction("contains", 2, 2, (f, a) => JmesPathValues.Bool(a[0] switch
        {
            string text => a[1] is string part && text.Contains(part, StringComparison.Ordinal),
            List<object?> array => array.Any(item => JmesPathValues.AreEqual(item, a[1])),
            _ => throw f.InvalidType(0, "an array or a string", a[0]),
        })),
        new DelegateFunction("starts_with", 2, 2, (f, a) => JmesPathValues.Bool(f.Text(a, 0).StartsWith(f.Text(a, 1), StringComparison.Ordinal))),
        new DelegateFunction("ends_with", 2, 2, (f, a) => JmesPathValues.Bool(f.Text(a, 0).EndsWith(f.Text(a, 1), StringComparison.Ordinal))),
        new DelegateFunction("join", 2, 2, (f, a) => string.Join(f.Text(a, 0), Texts(f, a, 1))),
        new DelegateFunction("keys", 1, 1, (f, a) => f.Object(a, 0).Keys.Cast<object?>().ToList()),
        new DelegateFunction("values", 1, 1, (f, a) => f.Object(a, 0).Values.ToList()),
        new DelegateFunction("length", 1, 1, (f, a) => (decimal)(a[0] switch
        {
            string text => CodePoints(text),
            List<object?> array => array.Count,
            Dictionary<string, object?> obj => obj.Count,
            _ => throw f.InvalidType(0, "a string, an array or an object", a[0]),
        })),
        new DelegateFunction("map", 2, 2, (f, a) =>
        {
            var expression = f.Reference(a, 0);
            return f.Array(a, 1).Select(expression.Evaluate).ToList();
        }),
        new DelegateFunction("max", 1, 1, (f, a) => Extreme(f, f.Array(a, 0), 0, item => item, largest: true)),
        new DelegateFunction("min", 1, 1, (f, a) => Extreme(f, f.Array(a, 0), 0, item => item, largest: false)),
        new DelegateFunction("max_by", 2, 2, (f, a) => Extreme(f, f.Array(a, 0), 1, f.Reference(a, 1).Evaluate, largest: true)),
        new DelegateFunction("min_by", 2, 2, (f, a) => Extreme(f, f.Array(a, 0), 1, f.Reference(a, 1).Evaluate, largest: false)),
        new DelegateFunction("merge", 1, Any, (f, a) =>
        {
            var result = JmesPathValues.NewObject();
            for (int i = 0; i < a.Length; i++)
            {
                foreach (var (key, value) in f.Object(a, i))
                {
                    result[key] = value;
                }
            }
            return result;
        }),
        new DelegateFunction("not_null", 1, Any, (_, a) => a.FirstOrDefault(v => v is not null)),
        new DelegateFunction("reverse", 1, 1, (f, a) => a[0] switch
        {
            string text => Reverse(text),
            List<object?> array => Enumerable.Reverse(array).ToList(),
            _ => throw f.InvalidType(0, "an array or a string", a[0]),
        }),
        new DelegateFunction("sort", 1, 1, (f, a) => Sorted(f, f.Array(a, 0), 0, item => item)),
        new DelegateFunction("sort_by", 2, 2, (f, a) => Sorted(f, f.Array(a, 0), 1, f.Reference(a, 1).Evaluate)),
        new DelegateFunction("group_by", 2, 2, (f, a) =>
        {
            var expression = f.Reference(a, 1);
            var groups = JmesPathValues.NewObject();
            foreach (var item in f.Array(a, 0))
            {
                switch (expression.Evaluate(item))
                {
                    case string key:
                        if (groups.TryGetValue(key, out var group))
                        {
                            ((List<object?>)group!).Add(item);
                        }
                        else
                        {
                            groups[key] = new List<object?> { item };
                        }
                        break;
                    case null:
                        break;   // an item without a key is in no group
                    case var other:
                        throw f.InvalidType(1, "an expression giving strings", other);
                }
            }
            return groups;
        }),
        new DelegateFunction("sum", 1, 1, (f, a) => Numbers(f, a, 0).Sum()),
        new DelegateFunction("to_array", 1, 1, (_, a) => a[0] is List<object?> ? a[0] : new List<object?> { a[0] }),
        new DelegateFunction("to_string", 1, 1, (_, a) => a[0] as string ?? JmesPathValues.ToJson(a[0])),
        new DelegateFunction("to_number", 1, 1, (_, a) => a[0] switch
        {
            decimal number => number,
            string text when IsJsonNumber(text) && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal number) => number,
            _ => null,
        }),
        new DelegateFunction("type", 1, 1, (_, a) => JmesPathValues.TypeOf(a[0])),
        new DelegateFunction("items", 1, 1, (f, a) => f.Object(a, 0).Select(p => (object?)new List<object?> { p.Key, p.Value }).ToList()),
        new DelegateFunction("from_items", 1, 1, (f, a) =>
        {
            var result = JmesPathValues.NewObject();
            foreach (var item in f.Array(a, 0))
            {
                if (item is not List<object?> { Count: 2 } pair || pair[0] is not string key)
                {
                    throw f.InvalidType(0, "an array of [key, value] pairs", item);
                }
                result[key] = pair[1];
            }
            return result;
        }),
        new DelegateFunction("zip", 1, Any, (f, a) =>
        {
            var arrays = Enumerable.Range(0, a.Length).Select(i => f.Array(a, i)).ToList();
            int count = arrays.Min(array => array.Count);
            return Enumerable.Range(0, count).Select(i => (object?)arrays.Select(array => array[i]).ToList()).ToList();
        }),
        new DelegateFunction("lower", 1, 1, (f, a) => f.Text(a, 0).ToLowerInvariant()),
        new DelegateFunction("upper", 1, 1, (f, a) => f.Text(a, 0).ToUpperInvariant()),
        new DelegateFunction("trim", 1, 2, (f, a) => Trim(f, a, (text, chars) => chars is null ? text.Trim() : text.Trim(chars))),
        new DelegateFunction("trim_left", 1, 2, (f, a) => Trim(f, a, (text, chars) => chars is null ? text.TrimStart() : text.TrimStart(chars))),
        new DelegateFunction("trim_right", 1, 2, (f, a) => Trim(f, a, (text, chars) => chars is null ? text.TrimEnd() : text.TrimEnd(chars))),
        new DelegateFunction("pad_left", 2, 3, (f, a) => Pad(f, a, left: true)),
        new DelegateFunction("pad_right", 2, 3, (f, a) => Pad(f, a, left: false)),
        new DelegateFunction("find_first", 2, 4, (f, a) => Find(f, a, last: false)),
        new DelegateFunction("find_last", 2, 4, (f, a) => Find(f, a, last: true)),
        new DelegateFunction("replace", 3, 4, (f, a) =>
        {
            string text = f.Text(a, 0);
            string old = f.Text(a, 1);
            string replacement = f.Text(a, 2);
            int count = a.Length > 3 ? NonNegative(f, a, 3) : int.MaxValue;
            if (old.Length == 0 || count == 0)
            {
                return text;
            }
            var result = new StringBuilder();
            int at = 0;
            for (int found; count > 0 && (found = text.IndexOf(old, at, StringComparison.Ordinal)) >= 0; count--)
            {
                result.Append(text, at, found - at).Append(replacement);
                at = found + old.Length;
            }
            return result.Append(text, at, text.Length - at).ToString();
        }),
        new DelegateFunction("split", 2, 3, (f, a) =>
        {
            string text = f.Text(a, 0);
            string separator = f.Text(a, 1);
            int count = a.Length > 2 ? NonNegative(f, a, 2) : int.MaxValue;
            if (text.Length == 0)
            {
                return JmesPathValues.NewArray();
            }
            if (separator.Length == 0)
            {
                var characters = text.Select(c => (object?)c.ToString()).ToList();
                if (count < characters.Count - 1)
                {
                    characters[count] = text[count..];
                    characters.RemoveRange(count + 1, characters.Count - count - 1);
                }
                return characters;
            }
            var parts = count == int.MaxValue ? text.Split(separator) : text.Split(separator, count + 1);
            return parts.Select(p => (object?)p).ToList();
        }),
    ];

    private static List<decimal> Numbers(JmesPathFunction f, object?[] arguments, int index) =>
        f.Array(arguments, index).Select(item => item is decimal number ? number : throw f.InvalidType(index, "an array of numbers", item)).ToList();

    private static IEnumerable<string> Texts(JmesPathFunction f, object?[] arguments, int index) =>
        f.Array(arguments, index).Select(item => item as string ?? throw f.InvalidType(index, "an array of strings", item));

    private static int CodePoints(string text)
    {
        int count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }
        return count;
    }

    private static string Reverse(string text)
    {
        var runes = text.EnumerateRunes().ToList();
        runes.Reverse();
        return string.Concat(runes.Select(r => r.ToString()));
    }

    // The keys of the items, all numbers or all strings; anything else is the caller's invalid-type.
    private static List<object?> Keys(JmesPathFunction f, List<object?> items, int index, Func<object?, object?> key)
    {
        var keys = items.Select(key).ToList();
        bool numbers = keys.Count > 0 && keys[0] is decimal;
        foreach (var k in keys)
        {
            if (numbers ? k is not decimal : k is not string)
            {
                throw f.InvalidType(index, index == 0 ? "an array of numbers or of strings" : "an expression giving numbers or strings", k);
            }
        }
        return keys;
    }

    private static int Compare(object? a, object? b) =>
        a is decimal x ? x.CompareTo((decimal)b!) : string.CompareOrdinal((string)a!, (string)b!);

    private static object? Extreme(JmesPathFunction f, List<object?> items, int index, Func<object?, object?> key, bool largest)
    {
        var keys = Keys(f, items, index, key);
        int best = -1;
        for (int i = 0; i < keys.Count; i++)
        {
            if (best < 0 || (largest ? Compare(keys[i], keys[best]) > 0 : Compare(keys[i], keys[best]) < 0))
            {
                best = i;
            }
        }
        return best < 0 ? null : items[best];
    }

    private static List<object?> Sorted(JmesPathFunction f, List<object?> items, int index, Func<object?, object?> key)
    {
        var keys = Keys(f, items, index, key);
        var order = Enumerable.Range(0, items.Count).ToArray();
        // Stable: equal keys keep their order.
        Array.Sort(order, (x, y) => Compare(keys[x], keys[y]) is var c && c != 0 ? c : x.CompareTo(y));
        return order.Select(i => items[i]).ToList();
    }

    // JSON's number grammar: -?digits(.digits)?([eE][+-]?digits)?
    private static bool IsJsonNumber(string text)
    {
        int i = text.StartsWith('-') ? 1 : 0;
        bool valid = Digits(text, ref i);
        if (valid && i < text.Length && text[i] == '.')
        {
            i++;
            valid = Digits(text, ref i);
        }
        if (valid && i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '+' or '-')
            {
                i++;
            }
            valid = Digits(text, ref i);
        }
        return valid && i == text.Length;
    }

    // Moves past the digits at i; whether there was at least one.
    private static bool Digits(string text, ref int i)
    {
        int start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }
        return i > start;
    }

    private static int NonNegative(JmesPathFunction f, object?[] arguments, int index) =>
        f.Whole(arguments, index) is var value and >= 0 ? value : throw new JmesPathException($"invalid-value: {f.Name}() takes a count of 0 or more as argument {index + 1}");

    // Without characters (or with none), Unicode white space is trimmed.
    private static string Trim(JmesPathFunction f, object?[] arguments, Func<string, char[]?, string> trim)
    {
        string text = f.Text(arguments, 0);
        string characters = arguments.Length > 1 ? f.Text(arguments, 1) : "";
        return trim(text, characters.Length == 0 ? null : characters.ToCharArray());
    }

    private static string Pad(JmesPathFunction f, object?[] arguments, bool left)
    {
        string text = f.Text(arguments, 0);
        int width = NonNegative(f, arguments, 1);
        string pad = arguments.Length > 2 ? f.Text(arguments, 2) : " ";
        if (pad.Length != 1)
        {
            throw new JmesPathException($"invalid-value: {f.Name}() pads with one character, not '{pad}'");
        }
        return left ? text.PadLeft(width, pad[0]) : text.PadRight(width, pad[0]);
    }

    private static object? Find(JmesPathFunction f, object?[] arguments, bool last)
    {
        string text = f.Text(arguments, 0);
        string part = f.Text(arguments, 1);
        int start = arguments.Length > 2 ? Position(f, arguments, 2, text.Length) : 0;
        int end = arguments.Length > 3 ? Position(f, arguments, 3, text.Length) : text.Length;
        if (part.Length == 0 || start >= end)
        {
            return null;
        }
        string window = text[start..end];
        int found = last ? window.LastIndexOf(part, StringComparison.Ordinal) : window.IndexOf(part, StringComparison.Ordinal);
        return found < 0 ? null : (decimal)(start + found);
    }

    // A start or end position; negative counts from the end, as Python's slices do.
    private static int Position(JmesPathFunction f, object?[] arguments, int index, int length)
    {
        int value = f.Whole(arguments, index);
        return Math.Clamp(value < 0 ? value + length : value, 0, length);
    }
}

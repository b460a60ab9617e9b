using System.Text;
using System.Text.Json;
using Gateway.Maps;
using Gateway.Maps.Expressions;
using Gateway.Maps.JmesPath;
using Gateway.Tests.Support;

namespace Gateway.Tests.Maps;

/// <summary>
/// The map engine's JMESPath: the specification's expressions and functions, JEP-18 let-expressions, slices of text
/// and arithmetic (which the shipped maps use), and errors that say where and what.
/// </summary>
public sealed class JmesPathTests
{
    private const string Data = """
        {
          "a": {"b": {"c": "x"}},
          "lines": [
            {"n": "1", "qty": 6, "sku": "A", "ids": [["VP", "SKU1"], ["UP", "0123"]]},
            {"n": "2", "qty": 12, "sku": "B", "ids": [["BP", "B-2"]]},
            {"n": "3", "qty": 2, "sku": "A"}
          ],
          "nested": [[1, 2], [3], 4],
          "text": "00340123450000000024",
          "empty": [],
          "price": {"amount": "12.50", "per": "10"}
        }
        """;

    private static readonly IReadOnlyDictionary<string, JmesPathFunction> Functions =
        MapFunctions.For(new Dictionary<string, IReadOnlyDictionary<string, string>> { ["uom"] = new Dictionary<string, string> { ["EA"] = "each" } });

    private static string Evaluate(string expression, string json = Data)
    {
        object? input = JmesPathValues.FromElement(JsonDocument.Parse(json).RootElement);
        return JmesPathValues.ToJson(JmesPathParser.Parse(expression, Functions).Evaluate(input, new JmesPathContext(input, null)));
    }

    [TestCase("a.b.c", "\"x\"")]
    [TestCase("a.missing.c", "null")]
    [TestCase("lines[0].n", "\"1\"")]
    [TestCase("lines[-1].n", "\"3\"")]
    [TestCase("lines[*].n", "[\"1\",\"2\",\"3\"]")]
    [TestCase("lines[?sku=='A'].n", "[\"1\",\"3\"]")]
    [TestCase("lines[?qty > `5`].n | [0]", "\"1\"")]
    [TestCase("lines[*].ids[?[0]=='VP'] | [0][0][1]", "\"SKU1\"")]
    [TestCase("nested[]", "[1,2,3,4]")]
    [TestCase("lines[0:2].n", "[\"1\",\"2\"]")]
    [TestCase("lines[::-1].n", "[\"3\",\"2\",\"1\"]")]
    [TestCase("text[2:]", "\"340123450000000024\"")]
    [TestCase("lines[0].{line: n, item: sku}", "{\"line\":\"1\",\"item\":\"A\"}")]
    [TestCase("[a.b.c, empty]", "[\"x\",[]]")]
    [TestCase("a.*.c", "[\"x\"]")]
    [TestCase("empty || 'none'", "\"none\"")]
    [TestCase("a && lines[0].n", "\"1\"")]
    [TestCase("!empty", "true")]
    [TestCase("`{\"k\": [1, 2.5]}`", "{\"k\":[1,2.5]}")]
    [TestCase("'it\\'s'", "\"it's\"")]
    [TestCase("@.a.b", "{\"c\":\"x\"}")]
    [TestCase("lines[0].{root: $.a.b.c}", "{\"root\":\"x\"}")]
    public void Expressions_follow_the_specification(string expression, string expected) =>
        Assert.That(Evaluate(expression), Is.EqualTo(expected));

    [TestCase("length(lines)", "3")]
    [TestCase("sum(lines[*].qty)", "20")]
    [TestCase("max_by(lines, &qty).n", "\"2\"")]
    [TestCase("sort_by(lines, &sku)[*].n", "[\"1\",\"3\",\"2\"]")]
    [TestCase("map(&n, lines)", "[\"1\",\"2\",\"3\"]")]
    [TestCase("group_by(lines, &sku).A[*].n", "[\"1\",\"3\"]")]
    [TestCase("join('-', lines[*].n)", "\"1-2-3\"")]
    [TestCase("to_string(lines[0].qty)", "\"6\"")]
    [TestCase("to_number('12.5')", "12.5")]
    [TestCase("type(a)", "\"object\"")]
    [TestCase("keys(a.b)", "[\"c\"]")]
    [TestCase("starts_with(text, '00')", "true")]
    [TestCase("not_null(missing, lines[1].n)", "\"2\"")]
    [TestCase("split('a|b|c', '|', `1`)", "[\"a\",\"b|c\"]")]
    [TestCase("decimal(price.amount) / decimal(price.per)", "1.25")]
    [TestCase("`10` % `3` + -`1` * `2`", "-1")]
    [TestCase("`7` // `2`", "3")]
    [TestCase("lookup('uom', 'EA') || 'EA'", "\"each\"")]
    [TestCase("index_items(lines[0:2], `0`)[*].index", "[0,1]")]
    public void Functions_and_arithmetic_compute_on_the_values(string expression, string expected) =>
        Assert.That(Evaluate(expression), Is.EqualTo(expected));

    [TestCase("let $x = a.b.c in lines[*].[n, $x] | [0]", "[\"1\",\"x\"]")]
    [TestCase("let $a = 'outer' in let $a = 'inner', $b = $a in [$a, $b]", "[\"inner\",\"outer\"]")]
    [TestCase("let $n = '2' in lines[?n == $n].sku", "[\"B\"]")]
    [TestCase("let $q = `5` in map(&[n, qty > $q], lines)[*][1]", "[true,true,false]")]
    public void Let_binds_variables_in_the_scope_where_they_are_written(string expression, string expected) =>
        Assert.That(Evaluate(expression), Is.EqualTo(expected));

    [TestCase("a.", "syntax error at position 2, here: 'a.>>': unexpected end of the expression")]
    [TestCase("a ||", "syntax error at position 4")]
    [TestCase("lines[?n=='1'", "syntax error at position 13, here: 'lines[?n=='1'>>': unexpected end of the expression")]
    [TestCase("lines[*].{n: n,\n  q: qty b}", "here: '[*].{n: n,   q: qty >>b}': unexpected 'b'")]
    [TestCase("'open", "the ' opened here is never closed")]
    [TestCase("read_file('/etc/passwd')", "unknown-function: there is no function read_file()")]
    [TestCase("length(a, b)", "invalid-arity: length() takes 1 argument(s), not 2")]
    [TestCase("\"quoted\"(a)", "a function name cannot be quoted")]
    [TestCase("let $x = a b", "expected 'in' after the let bindings")]
    public void An_expression_that_does_not_parse_says_where_and_why(string expression, string message)
    {
        var error = Assert.Throws<JmesPathException>(() => JmesPathParser.Parse(expression, Functions));
        Assert.That(error!.Message, Does.Contain(message));
    }

    [TestCase("sum(lines[*].n)", "invalid-type: sum() takes an array of numbers as argument 1, not string")]
    [TestCase("length(`1`)", "invalid-type: length() takes a string, an array or an object as argument 1, not number")]
    [TestCase("sort_by(lines, &ids)", "invalid-type: sort_by() takes an expression giving numbers or strings as argument 2, not array")]
    [TestCase("lines[::0]", "invalid-value: a slice's step cannot be 0")]
    [TestCase("`1` / `0`", "invalid-value: division by zero")]
    [TestCase("$undefined", "undefined-variable: $undefined")]
    [TestCase("text - `1`", "invalid-type: arithmetic takes numbers, not string")]
    public void A_value_a_function_cannot_take_fails_with_the_specification_error(string expression, string message)
    {
        var error = Assert.Throws<JmesPathException>(() => Evaluate(expression));
        Assert.That(error!.Message, Does.StartWith(message));
    }

    [Test]
    public void A_result_shares_its_input_instead_of_copying_it()
    {
        object? input = JmesPathValues.FromElement(JsonDocument.Parse(Data).RootElement);
        var result = (List<object?>)JmesPathParser.Parse("lines[?sku=='A']", Functions).Evaluate(input, new JmesPathContext(input, null))!;
        var lines = (List<object?>)((Dictionary<string, object?>)input!)["lines"]!;
        Assert.That(result[0], Is.SameAs(lines[0]));
    }

    [Test]
    public void A_damaged_expression_fails_with_a_JMESPath_error_and_never_with_a_crash()
    {
        // The lines of the shipped maps, damaged 100,000 ways: the loader must report each one, not throw.
        var lines = Directory.GetFiles(MapGolden.MapsDirectory, "*.yaml").SelectMany(File.ReadAllLines)
            .Select(l => l.Contains(':', StringComparison.Ordinal) ? l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim() : l.Trim())
            .Where(l => l.Length > 2).ToList();
        const string Pieces = "[]{}().,:*?|&!=<>$@`'\"-+/%\\ \nabc012let in";
        var random = new Random(20261128);
        object? input = JmesPathValues.FromElement(JsonDocument.Parse(Data).RootElement);
        var crashes = new List<string>();
        for (int i = 0; i < 100_000 && crashes.Count < 5; i++)
        {
            var text = new StringBuilder(lines[random.Next(lines.Count)]);
            for (int edits = random.Next(1, 9); edits > 0; edits--)
            {
                int at = random.Next(text.Length + 1);
                char piece = Pieces[random.Next(Pieces.Length)];
                int edit = random.Next(3);
                if (edit == 0)
                {
                    text.Insert(at, piece);
                }
                else if (at < text.Length && edit == 1)
                {
                    text.Remove(at, 1);
                }
                else if (at < text.Length)
                {
                    text[at] = piece;
                }
            }
            try
            {
                JmesPathParser.Parse(text.ToString(), Functions).Evaluate(input, new JmesPathContext(input, null));
            }
            catch (Exception exception) when (exception is JmesPathException or MapEvaluationException)
            {
                // what the loader reports, or what fails one document
            }
            catch (Exception exception)
            {
                crashes.Add($"{exception.GetType().Name} on {text}");
            }
        }
        Assert.That(crashes, Is.Empty);
    }
}

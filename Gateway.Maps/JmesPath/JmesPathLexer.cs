using System.Globalization;
using System.Text.Json;

namespace Gateway.Maps.JmesPath;

/// <summary>Splits an expression into tokens, following the JMESPath grammar (with JEP-18 variables and the root <c>$</c>).</summary>
internal static class JmesPathLexer
{
    public static List<JmesPathToken> Tokenize(string text)
    {
        var tokens = new List<JmesPathToken>();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            int start = i;
            switch (c)
            {
                case ' ' or '\t' or '\n' or '\r':
                    i++;
                    continue;
                case '$':
                    i++;
                    if (i < text.Length && IsIdentifierStart(text[i]))
                    {
                        int nameStart = i;
                        while (i < text.Length && IsIdentifierPart(text[i]))
                        {
                            i++;
                        }
                        tokens.Add(new(TokenKind.Variable, start, text[nameStart..i]));
                    }
                    else
                    {
                        tokens.Add(new(TokenKind.Root, start));
                    }
                    continue;
                case '"':
                    {
                        int end = Closing(text, i, '"');
                        string raw = text[start..(end + 1)];
                        try
                        {
                            tokens.Add(new(TokenKind.QuotedIdentifier, start, JsonSerializer.Deserialize<string>(raw)));
                        }
                        catch (JsonException)
                        {
                            throw JmesPathException.Syntax(text, start, $"{raw} is not a valid quoted identifier");
                        }
                        i = end + 1;
                        continue;
                    }
                case '\'':
                    {
                        int end = Closing(text, i, '\'');
                        tokens.Add(new(TokenKind.Literal, start, text[(start + 1)..end].Replace("\\'", "'", StringComparison.Ordinal)));
                        i = end + 1;
                        continue;
                    }
                case '`':
                    {
                        int end = Closing(text, i, '`');
                        string json = text[(start + 1)..end].Replace("\\`", "`", StringComparison.Ordinal);
                        tokens.Add(new(TokenKind.Literal, start, JsonLiteral(text, start, json)));
                        i = end + 1;
                        continue;
                    }
            }
            if (char.IsAsciiDigit(c) || (c == '-' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                i++;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }
                if (!decimal.TryParse(text.AsSpan(start, i - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out decimal number)
                    || number != decimal.Truncate(number) || number is > int.MaxValue or < int.MinValue)
                {
                    throw JmesPathException.Syntax(text, start, $"'{text[start..i]}' is not a whole number");
                }
                tokens.Add(new(TokenKind.Number, start, (int)number));
                continue;
            }
            if (Symbol(text, i) is { } symbol)
            {
                tokens.Add(new(symbol.Kind, start));
                i += symbol.Text.Length;
                continue;
            }
            if (IsIdentifierStart(c))
            {
                while (i < text.Length && IsIdentifierPart(text[i]))
                {
                    i++;
                }
                tokens.Add(new(TokenKind.Identifier, start, text[start..i]));
                continue;
            }
            throw JmesPathException.Syntax(text, start, $"unexpected character '{c}'");
        }
        tokens.Add(new(TokenKind.End, text.Length));
        return tokens;
    }

    // Every operator and mark, longer ones first so that "||" is not read as two "|"; Describe names tokens by it too.
    private static readonly (string Text, TokenKind Kind)[] Symbols =
    [
        ("||", TokenKind.Or), ("&&", TokenKind.And), ("!=", TokenKind.NotEqual), ("<=", TokenKind.LessOrEqual), (">=", TokenKind.GreaterOrEqual),
        ("==", TokenKind.Equal), ("//", TokenKind.IntegerDivide), ("[?", TokenKind.Filter), ("[]", TokenKind.Flatten),
        (".", TokenKind.Dot), ("*", TokenKind.Star), ("[", TokenKind.LeftBracket), ("]", TokenKind.RightBracket), ("{", TokenKind.LeftBrace),
        ("}", TokenKind.RightBrace), ("(", TokenKind.LeftParen), (")", TokenKind.RightParen), (",", TokenKind.Comma), (":", TokenKind.Colon),
        ("@", TokenKind.Current), ("|", TokenKind.Pipe), ("&", TokenKind.ExpressionReference), ("!", TokenKind.Not), ("<", TokenKind.Less),
        (">", TokenKind.Greater), ("=", TokenKind.Assign), ("+", TokenKind.Plus), ("-", TokenKind.Minus), ("/", TokenKind.Divide),
        ("%", TokenKind.Modulo), ("\u2212", TokenKind.Minus), ("\u00d7", TokenKind.Multiply), ("\u00f7", TokenKind.Divide),
    ];

    private static (string Text, TokenKind Kind)? Symbol(string text, int at)
    {
        foreach (var symbol in Symbols)
        {
            if (text.AsSpan(at).StartsWith(symbol.Text, StringComparison.Ordinal))
            {
                return symbol;
            }
        }
        return null;
    }

    // The index of the quote closing the one at start; a backslash escapes the next character.
    private static int Closing(string text, int start, char quote)
    {
        for (int i = start + 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == quote)
            {
                return i;
            }
        }
        throw JmesPathException.Syntax(text, start, $"the {quote} opened here is never closed");
    }

    // A JSON literal; the specification's deprecated form that is not JSON (`foo`) is read as a string, as other implementations do.
    private static object? JsonLiteral(string text, int start, string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return JmesPathValues.FromElement(document.RootElement);
        }
        catch (JsonException)
        {
            try
            {
                return JsonSerializer.Deserialize<string>($"\"{json.TrimStart()}\"");
            }
            catch (JsonException)
            {
                return json.TrimStart();
            }
        }
        catch (OverflowException)
        {
            throw JmesPathException.Syntax(text, start, $"`{json}` holds a number out of range");
        }
    }

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    internal static string Describe(JmesPathToken token) => token.Kind switch
    {
        TokenKind.End => "end of the expression",
        TokenKind.Identifier or TokenKind.QuotedIdentifier or TokenKind.Number => $"'{token.Value}'",
        TokenKind.Variable => $"'${token.Value}'",
        TokenKind.Literal => "a literal",
        TokenKind.Root => "'$'",
        var kind => $"'{Symbols.First(s => s.Kind == kind).Text}'",
    };
}

namespace Gateway.Maps.JmesPath;

/// <summary>
/// A top-down operator-precedence parser for JMESPath (the specification's grammar, with JEP-18 let-expressions and
/// the root <c>$</c>). Function names and their argument counts are checked here, so a map with a misspelt or
/// misused function is refused when it loads rather than on its first document.
/// </summary>
internal sealed class JmesPathParser
{
    // Operators bind tighter the higher their power; a projection's right side runs until an operator below ProjectionStop.
    private const int ProjectionStop = 10;

    private readonly string _text;
    private readonly List<JmesPathToken> _tokens;
    private readonly IReadOnlyDictionary<string, JmesPathFunction> _functions;
    private int _at;

    private JmesPathParser(string text, IReadOnlyDictionary<string, JmesPathFunction> functions)
    {
        _text = text;
        _tokens = JmesPathLexer.Tokenize(text);
        _functions = functions;
    }

    /// <exception cref="JmesPathException">The text is not an expression, or calls a function that does not exist or with the wrong number of arguments.</exception>
    public static JmesPathNode Parse(string text, IReadOnlyDictionary<string, JmesPathFunction> functions)
    {
        var parser = new JmesPathParser(text, functions);
        var node = parser.Expression(0);
        if (parser.Current.Kind != TokenKind.End)
        {
            throw parser.Unexpected(parser.Current);
        }
        return node;
    }

    private JmesPathToken Current => _tokens[_at];

    private JmesPathToken Peek(int ahead) => _tokens[Math.Min(_at + ahead, _tokens.Count - 1)];

    private static int Power(TokenKind kind) => kind switch
    {
        TokenKind.Pipe => 1,
        TokenKind.Or => 2,
        TokenKind.And => 3,
        TokenKind.Equal or TokenKind.NotEqual or TokenKind.Less or TokenKind.LessOrEqual or TokenKind.Greater or TokenKind.GreaterOrEqual => 5,
        TokenKind.Plus or TokenKind.Minus => 6,
        TokenKind.Multiply or TokenKind.Divide or TokenKind.Modulo or TokenKind.IntegerDivide => 7,
        TokenKind.Flatten => 9,
        TokenKind.Star => 20,
        TokenKind.Filter => 21,
        TokenKind.Dot => 40,
        TokenKind.Not => 45,
        TokenKind.LeftBrace => 50,
        TokenKind.LeftBracket => 55,
        TokenKind.LeftParen => 60,
        _ => 0,
    };

    private JmesPathNode Expression(int power)
    {
        var token = Current;
        _at++;
        var left = Prefix(token);
        while (power < Power(Current.Kind))
        {
            var next = Current;
            _at++;
            left = Infix(next, left);
        }
        return left;
    }

    private JmesPathNode Prefix(JmesPathToken token)
    {
        switch (token.Kind)
        {
            case TokenKind.Literal:
                return new LiteralNode(token.Value);
            case TokenKind.Identifier when (string)token.Value! == "let" && Current.Kind == TokenKind.Variable:
                return Let();
            case TokenKind.Identifier:
                return new FieldNode((string)token.Value!);
            case TokenKind.QuotedIdentifier:
                if (Current.Kind == TokenKind.LeftParen)
                {
                    throw JmesPathException.Syntax(_text, token.Position, "a function name cannot be quoted");
                }
                return new FieldNode((string)token.Value!);
            case TokenKind.Star:
                return new ValueProjectionNode(CurrentNode.Instance, Current.Kind == TokenKind.RightBracket ? CurrentNode.Instance : ProjectionRight(Power(TokenKind.Star)));
            case TokenKind.Filter:
                return Filter(CurrentNode.Instance);
            case TokenKind.LeftBrace:
                return Hash();
            case TokenKind.LeftParen:
                var inner = Expression(0);
                Expect(TokenKind.RightParen);
                return inner;
            case TokenKind.Flatten:
                return new ProjectionNode(new FlattenNode(CurrentNode.Instance), ProjectionRight(Power(TokenKind.Flatten)));
            case TokenKind.Not:
                return new NotNode(Expression(Power(TokenKind.Not)));
            case TokenKind.Minus or TokenKind.Plus:
                return new ArithmeticNode(token.Kind, new LiteralNode(0m), Expression(Power(TokenKind.Not)));
            case TokenKind.LeftBracket:
                if (Current.Kind is TokenKind.Number or TokenKind.Colon)
                {
                    return ProjectIfSlice(CurrentNode.Instance, IndexOrSlice());
                }
                if (Current.Kind == TokenKind.Star && Peek(1).Kind == TokenKind.RightBracket)
                {
                    _at += 2;
                    return new ProjectionNode(CurrentNode.Instance, ProjectionRight(Power(TokenKind.Star)));
                }
                return List();
            case TokenKind.Current:
                return CurrentNode.Instance;
            case TokenKind.Root:
                return new RootNode();
            case TokenKind.Variable:
                return new VariableNode((string)token.Value!);
            case TokenKind.ExpressionReference:
                return new ReferenceNode(Expression(0));
            default:
                throw Unexpected(token);
        }
    }

    private JmesPathNode Infix(JmesPathToken token, JmesPathNode left)
    {
        switch (token.Kind)
        {
            case TokenKind.Dot:
                if (Current.Kind == TokenKind.Star)
                {
                    _at++;
                    return new ValueProjectionNode(left, ProjectionRight(Power(TokenKind.Dot)));
                }
                return new ChainNode(left, DotRight(Power(TokenKind.Dot)));
            case TokenKind.Pipe:
                return new ChainNode(left, Expression(Power(TokenKind.Pipe)));
            case TokenKind.Or:
                return new OrNode(left, Expression(Power(TokenKind.Or)));
            case TokenKind.And:
                return new AndNode(left, Expression(Power(TokenKind.And)));
            case TokenKind.LeftParen:
                return Function(token, left);
            case TokenKind.Filter:
                return Filter(left);
            case TokenKind.Equal or TokenKind.NotEqual or TokenKind.Less or TokenKind.LessOrEqual or TokenKind.Greater or TokenKind.GreaterOrEqual:
                return new ComparisonNode(token.Kind, left, Expression(Power(token.Kind)));
            case TokenKind.Flatten:
                return new ProjectionNode(new FlattenNode(left), ProjectionRight(Power(TokenKind.Flatten)));
            case TokenKind.Plus or TokenKind.Minus or TokenKind.Multiply or TokenKind.Divide or TokenKind.Modulo or TokenKind.IntegerDivide:
                return new ArithmeticNode(token.Kind, left, Expression(Power(token.Kind)));
            case TokenKind.Star:
                // Between two operands, * multiplies (a wildcard is only ever a prefix, or after '.' or '[').
                return new ArithmeticNode(TokenKind.Multiply, left, Expression(Power(TokenKind.Multiply)));
            case TokenKind.LeftBracket:
                if (Current.Kind is TokenKind.Number or TokenKind.Colon)
                {
                    return ProjectIfSlice(left, IndexOrSlice());
                }
                Expect(TokenKind.Star);
                Expect(TokenKind.RightBracket);
                return new ProjectionNode(left, ProjectionRight(Power(TokenKind.Star)));
            default:
                throw Unexpected(token);
        }
    }

    private FunctionNode Function(JmesPathToken token, JmesPathNode left)
    {
        if (left is not FieldNode { Name: var name })
        {
            throw JmesPathException.Syntax(_text, token.Position, "only a function name can be called");
        }
        var arguments = new List<JmesPathNode>();
        while (Current.Kind != TokenKind.RightParen)
        {
            arguments.Add(Expression(0));
            if (Current.Kind == TokenKind.Comma)
            {
                _at++;
                if (Current.Kind == TokenKind.RightParen)
                {
                    throw Unexpected(Current);
                }
            }
            else if (Current.Kind != TokenKind.RightParen)
            {
                throw Unexpected(Current);
            }
        }
        _at++;
        if (!_functions.TryGetValue(name, out var function))
        {
            throw new JmesPathException($"unknown-function: there is no function {name}()");
        }
        if (arguments.Count < function.Minimum || arguments.Count > function.Maximum)
        {
            string expected = function.Maximum == function.Minimum ? $"{function.Minimum}"
                : function.Maximum == JmesPathFunction.Variadic ? $"{function.Minimum} or more"
                : $"{function.Minimum} to {function.Maximum}";
            throw new JmesPathException($"invalid-arity: {name}() takes {expected} argument(s), not {arguments.Count}");
        }
        return new FunctionNode(function, arguments);
    }

    private FilterNode Filter(JmesPathNode left)
    {
        var condition = Expression(0);
        Expect(TokenKind.RightBracket);
        var right = Current.Kind == TokenKind.Flatten ? CurrentNode.Instance : ProjectionRight(Power(TokenKind.Filter));
        return new FilterNode(left, condition, right);
    }

    // let $a = x, $b = y in body
    private LetNode Let()
    {
        var bindings = new List<(string, JmesPathNode)>();
        while (true)
        {
            var variable = Current;
            Expect(TokenKind.Variable);
            Expect(TokenKind.Assign);
            bindings.Add(((string)variable.Value!, Expression(0)));
            if (Current.Kind != TokenKind.Comma)
            {
                break;
            }
            _at++;
        }
        if (Current is not { Kind: TokenKind.Identifier, Value: "in" })
        {
            throw JmesPathException.Syntax(_text, Current.Position, $"expected 'in' after the let bindings, found {JmesPathLexer.Describe(Current)}");
        }
        _at++;
        return new LetNode(bindings, Expression(0));
    }

    private JmesPathNode IndexOrSlice()
    {
        if (Current.Kind == TokenKind.Colon || Peek(1).Kind == TokenKind.Colon)
        {
            var parts = new int?[3];
            int part = 0;
            while (Current.Kind != TokenKind.RightBracket)
            {
                if (Current.Kind == TokenKind.Colon)
                {
                    if (++part == 3)
                    {
                        throw Unexpected(Current);
                    }
                }
                else if (Current.Kind == TokenKind.Number)
                {
                    parts[part] = (int)Current.Value!;
                }
                else
                {
                    throw Unexpected(Current);
                }
                _at++;
            }
            _at++;
            return new SliceNode(parts[0], parts[1], parts[2]);
        }
        var index = new IndexNode((int)Current.Value!);
        _at++;
        Expect(TokenKind.RightBracket);
        return index;
    }

    private JmesPathNode ProjectIfSlice(JmesPathNode left, JmesPathNode right) =>
        right is SliceNode
            ? new ProjectionNode(new ChainNode(left, right), ProjectionRight(Power(TokenKind.Star)), slice: true)
            : new ChainNode(left, right);

    private JmesPathNode ProjectionRight(int power)
    {
        if (Power(Current.Kind) < ProjectionStop)
        {
            return CurrentNode.Instance;
        }
        switch (Current.Kind)
        {
            case TokenKind.LeftBracket or TokenKind.Filter:
                return Expression(power);
            case TokenKind.Dot:
                _at++;
                return DotRight(power);
            default:
                throw Unexpected(Current);
        }
    }

    private JmesPathNode DotRight(int power)
    {
        switch (Current.Kind)
        {
            case TokenKind.Identifier or TokenKind.QuotedIdentifier or TokenKind.Star:
                return Expression(power);
            case TokenKind.LeftBracket:
                _at++;
                return List();
            case TokenKind.LeftBrace:
                _at++;
                return Hash();
            default:
                throw Unexpected(Current);
        }
    }

    private ListNode List()
    {
        var items = new List<JmesPathNode>();
        while (true)
        {
            items.Add(Expression(0));
            if (Current.Kind == TokenKind.RightBracket)
            {
                _at++;
                return new ListNode(items);
            }
            Expect(TokenKind.Comma);
        }
    }

    private HashNode Hash()
    {
        var pairs = new List<(string, JmesPathNode)>();
        while (true)
        {
            var key = Current;
            if (key.Kind is not (TokenKind.Identifier or TokenKind.QuotedIdentifier))
            {
                throw Unexpected(key);
            }
            _at++;
            Expect(TokenKind.Colon);
            pairs.Add(((string)key.Value!, Expression(0)));
            if (Current.Kind == TokenKind.RightBrace)
            {
                _at++;
                return new HashNode(pairs);
            }
            Expect(TokenKind.Comma);
        }
    }

    private void Expect(TokenKind kind)
    {
        if (Current.Kind != kind)
        {
            throw Unexpected(Current);
        }
        _at++;
    }

    private JmesPathException Unexpected(JmesPathToken token) =>
        JmesPathException.Syntax(_text, token.Position, $"unexpected {JmesPathLexer.Describe(token)}");
}

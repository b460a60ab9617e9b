namespace Gateway.Maps.JmesPath;

/// <summary>
/// A function expressions may call: its name, how many arguments it takes (checked when the expression is parsed)
/// and what it does with their values (types checked when it runs, with the specification's invalid-type error).
/// </summary>
internal abstract class JmesPathFunction(string name, int minimum, int maximum)
{
    /// <summary>As the maximum: any number of arguments from the minimum on.</summary>
    public const int Variadic = int.MaxValue;

    protected JmesPathFunction(string name, int arguments)
        : this(name, arguments, arguments)
    {
    }

    public string Name => name;

    public int Minimum => minimum;

    public int Maximum => maximum;

    public abstract object? Invoke(object?[] arguments);

    public JmesPathException InvalidType(int index, string expected, object? actual) =>
        new($"invalid-type: {Name}() takes {expected} as argument {index + 1}, not {JmesPathValues.TypeOf(actual)}");

    public string Text(object?[] arguments, int index) =>
        arguments[index] as string ?? throw InvalidType(index, "a string", arguments[index]);

    public decimal Number(object?[] arguments, int index) =>
        arguments[index] is decimal number ? number : throw InvalidType(index, "a number", arguments[index]);

    public List<object?> Array(object?[] arguments, int index) =>
        arguments[index] as List<object?> ?? throw InvalidType(index, "an array", arguments[index]);

    public Dictionary<string, object?> Object(object?[] arguments, int index) =>
        arguments[index] as Dictionary<string, object?> ?? throw InvalidType(index, "an object", arguments[index]);

    public ExpressionReference Reference(object?[] arguments, int index) =>
        arguments[index] as ExpressionReference ?? throw InvalidType(index, "an expression (&…)", arguments[index]);

    /// <summary>A whole number argument (a count, width or position).</summary>
    public int Whole(object?[] arguments, int index) =>
        arguments[index] is decimal number && number == decimal.Truncate(number) && number is >= int.MinValue and <= int.MaxValue
            ? (int)number
            : throw InvalidType(index, "a whole number", arguments[index]);
}

/// <summary>A function whose body is a delegate: how the built-in functions and the map functions are written.</summary>
internal sealed class DelegateFunction(string name, int minimum, int maximum, Func<DelegateFunction, object?[], object?> body) : JmesPathFunction(name, minimum, maximum)
{
    public override object? Invoke(object?[] arguments) => body(this, arguments);
}

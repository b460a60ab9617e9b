namespace Gateway.Maps.JmesPath;

/// <summary>What an expression sees besides the current value: the input it started from (<c>$</c>) and the variables in scope.</summary>
internal readonly record struct JmesPathContext(object? Root, Variables? Variables);

/// <summary>One variable bound by a let-expression, linked to the scope it was bound in (JEP-18 lexical scoping).</summary>
internal sealed class Variables(Variables? outer, string name, object? value)
{
    public bool TryGet(string wanted, out object? found)
    {
        if (string.Equals(name, wanted, StringComparison.Ordinal))
        {
            found = value;
            return true;
        }
        if (outer is not null)
        {
            return outer.TryGet(wanted, out found);
        }
        found = null;
        return false;
    }
}

/// <summary>An <c>&amp;expression</c> passed to a function (sort_by, map, …), with the scope it was written in.</summary>
internal sealed class ExpressionReference(JmesPathNode expression, JmesPathContext context)
{
    public object? Evaluate(object? value) => expression.Evaluate(value, context);
}

/// <summary>A node of a parsed expression. Evaluation only reads its input and never changes a value it was given.</summary>
internal abstract class JmesPathNode
{
    public abstract object? Evaluate(object? current, JmesPathContext context);

    public virtual IEnumerable<JmesPathNode> Children => [];
}

internal sealed class CurrentNode : JmesPathNode
{
    public static readonly CurrentNode Instance = new();

    public override object? Evaluate(object? current, JmesPathContext context) => current;
}

internal sealed class RootNode : JmesPathNode
{
    public override object? Evaluate(object? current, JmesPathContext context) => context.Root;
}

internal sealed class LiteralNode(object? value) : JmesPathNode
{
    public override object? Evaluate(object? current, JmesPathContext context) => value;
}

internal sealed class FieldNode(string name) : JmesPathNode
{
    public string Name => name;

    public override object? Evaluate(object? current, JmesPathContext context) =>
        current is Dictionary<string, object?> obj && obj.TryGetValue(name, out var value) ? value : null;
}

/// <summary><c>a.b</c>, <c>a[0]</c> and <c>a | b</c>: the right side evaluated on what the left side gave.</summary>
internal sealed class ChainNode(JmesPathNode left, JmesPathNode right) : JmesPathNode
{
    public override object? Evaluate(object? current, JmesPathContext context) => right.Evaluate(left.Evaluate(current, context), context);

    public override IEnumerable<JmesPathNode> Children => [left, right];
}

internal sealed class IndexNode(int index) : JmesPathNode
{
    public override object? Evaluate(object? current, JmesPathContext context)
    {
        if (current is not List<object?> array)
        {
            return null;
        }
        int at = index < 0 ? array.Count + index : index;
        return at >= 0 && at < array.Count ? array[at] : null;
    }
}

/// <summary><c>[start:stop:step]</c> of an array or a text, with Python's rules for absent and negative bounds.</summary>
internal sealed class SliceNode(int? start, int? stop, int? step) : JmesPathNode
{
    public override object? Evaluate(object? current, JmesPathContext context)
    {
        if (current is string text)
        {
            var characters = text.EnumerateRunes().Select(r => (object?)r.ToString()).ToList();
            return string.Concat(Slice(characters).Cast<string>());
        }
        return current is List<object?> array ? Slice(array) : null;
    }

    private List<object?> Slice(List<object?> array)
    {
        int by = step ?? 1;
        if (by == 0)
        {
            throw new JmesPathException("invalid-value: a slice's step cannot be 0");
        }
        int count = array.Count;
        int lower = by < 0 ? -1 : 0;
        int upper = by < 0 ? count - 1 : count;
        int from = Bound(start, by < 0 ? upper : lower);
        int to = Bound(stop, by < 0 ? lower : upper);
        var result = JmesPathValues.NewArray();
        for (int i = from; by > 0 ? i < to : i > to; i += by)
        {
            result.Add(array[i]);
        }
        return result;

        int Bound(int? value, int absent)
        {
            if (value is not int given)
            {
                return absent;
            }
            int at = given < 0 ? given + count : given;
            return Math.Clamp(at, lower, upper);
        }
    }
}

/// <summary>
/// <c>left[*].right</c>, <c>left[].right</c>, <c>left[1:3].right</c>: right on every item of the array left gives; null
/// results are left out. A slice of a text is a text, not projected (<paramref name="slice"/>).
/// </summary>
internal sealed class ProjectionNode(JmesPathNode left, JmesPathNode right, bool slice = false) : JmesPathNode
{
    public override object? Evaluate(object? current, JmesPathContext context)
    {
        var value = left.Evaluate(current, context);
        if (value is not List<object?> items)
        {
            return slice && value is string ? value : null;
        }
        var result = JmesPathValues.NewArray(items.Count);
        foreach (var item in items)
        {
            if (right.Evaluate(item, context) is { } projected)
            {
                result.Add(projected);
            }
        }
        return result;
    }

    public override IEnumerable<JmesPathNode> Children => [left, right];
}

/// <summary><c>left.*.right</c>: right on every value of the object left gives.</summary>
internal sealed class ValueProjectionNode(JmesPathNode left, JmesPathNode right) : JmesPathNode
{
    public override object? Evaluate(object? current, JmesPathContext context)
    {
        if (left.Evaluate(current, context) is not Dictionary<string, object?> obj)
        {
            return null;
        }
        var result = JmesPathValues.NewArray(obj.Count);
        foreach (var item in obj.Values)
        {
            if (right.Evaluate(item, context) is { } value)
            {
                result.Add(value);
            }
        }
        return result;
    }

    public override IEnumerable<JmesPathNode> Children => [left, right];
}

/// <summary><c>left[?condition].right</c>.</summary>
internal sealed class FilterNode(JmesPathNode left, JmesPathNode condition, JmesPathNode right) : JmesPathNode
{
    public override object? Evaluate(object? current, JmesPathContext context)
    {
        if (left.Evaluate(current, context) is not List<object?> items)
        {
            return null;
        }
        var result = JmesPathValues.NewArray();
        foreach (var item in items)
        {
            if (JmesPathValues.IsTrue(condition.Evaluate(item, context)) && right.Evaluate(item, context) is { } value)
            {
                result.Add(value);
            }
        }
        return result;
    }

    public override IEnumerable<JmesPathNode> Children => [left, condition, right];
}

/// <summary><c>child[]</c>: the array child gives, with arrays in it merged one level.</summary>
internal sealed class FlattenNode(JmesPathNode child) : JmesPathNode
{
    public override object? Evaluate(object? current, JmesPathContext context)
    {
        if (child.Evaluate(current, context) is not List<object?> items)
        {
            return null;
        }
        var result = JmesPathValues.NewArray(items.Count);
        foreach (var item in items)
        {
            if (item is List<object?> inner)
            {
                result.AddRange(inner);
            }
            else
            {
                result.Add(item);
            }
        }
        return result;
    }

    public override IEnumerable<JmesPathNode> Children => [child];
}

internal sealed class ComparisonNode(TokenKind comparison, JmesPathNode left, JmesPathNode right) : JmesPathNode
{
    public override object? Evaluate(object? current, JmesPathContext context)
    {
        object? a = left.Evaluate(current, context);
        object? b = right.Evaluate(current, context);
        switch (comparison)
        {
            case TokenKind.Equal:
                return JmesPathValues.Bool(JmesPathValues.AreEqual(a, b));
            case TokenKind.NotEqual:
                return JmesPathValues.Bool(!JmesPathValues.AreEqual(a, b));
        }
        if (a is not decimal x || b is not decimal y)
        {
            return null;   // only numbers are ordered
        }
        return JmesPathValues.Bool(comparison switch
        {
            TokenKind.Less => x < y,
            TokenKind.LessOrEqual => x <= y,
            TokenKind.Greater => x > y,
            _ => x >= y,
        });
    }

    public override IEnumerable<JmesPathNode> Children => [left, right];
}

/// <summary><c>a + b</c>, <c>a - b</c>, <c>a * b</c>, <c>a / b</c>, <c>a % b</c>, <c>a // b</c> (and unary minus as 0 - b); null when either side is null.</summary>
internal sealed class ArithmeticNode(TokenKind operation, JmesPathNode left, JmesPathNode right) : JmesPathNode
{
    public override object? Evaluate(object? current, JmesPathContext context)
    {
        object? a = left.Evaluate(current, context);
        object? b = right.Evaluate(current, context);
        if (a is null || b is null)
        {
            return null;
        }
        if (a is not decimal x || b is not decimal y)
        {
            throw new JmesPathException($"invalid-type: arithmetic takes numbers, not {JmesPathValues.TypeOf(a is decimal ? b : a)}");
        }
        if (y == 0 && operation is TokenKind.Divide or TokenKind.Modulo or TokenKind.IntegerDivide)
        {
            throw new JmesPathException("invalid-value: division by zero");
        }
        return operation switch
        {
            TokenKind.Plus => x + y,
            TokenKind.Minus => x - y,
            TokenKind.Multiply => x * y,
            TokenKind.Divide => x / y,
            TokenKind.Modulo => x - (y * Math.Floor(x / y)),   // the sign of the divisor, as in Python
            _ => Math.Floor(x / y),
        };
    }

    public override IEnumerable<JmesPathNode> Children => [left, right];
}

internal sealed class OrNode(JmesPathNode left, JmesPathNode right) : JmesPathNode
{
    public override object? Evaluate(object? current, JmesPathContext context) =>
        left.Evaluate(current, context) is var value && JmesPathValues.IsTrue(value) ? value : right.Evaluate(current, context);

    public override IEnumerable<JmesPathNode> Children => [left, right];
}

internal sealed class AndNode(JmesPathNode left, JmesPathNode right) : JmesPathNode
{
    public override object? Evaluate(object? current, JmesPathContext context) =>
        left.Evaluate(current, context) is var value && !JmesPathValues.IsTrue(value) ? value : right.Evaluate(current, context);

    public override IEnumerable<JmesPathNode> Children => [left, right];
}

internal sealed class NotNode(JmesPathNode child) : JmesPathNode
{
    public override object? Evaluate(object? current, JmesPathContext context) => JmesPathValues.Bool(!JmesPathValues.IsTrue(child.Evaluate(current, context)));

    public override IEnumerable<JmesPathNode> Children => [child];
}

/// <summary><c>[a, b]</c>: null on null, else a new array of the items' values (nulls kept).</summary>
internal sealed class ListNode(IReadOnlyList<JmesPathNode> items) : JmesPathNode
{
    public override object? Evaluate(object? current, JmesPathContext context)
    {
        if (current is null)
        {
            return null;
        }
        var result = JmesPathValues.NewArray(items.Count);
        foreach (var item in items)
        {
            result.Add(item.Evaluate(current, context));
        }
        return result;
    }

    public override IEnumerable<JmesPathNode> Children => items;
}

/// <summary><c>{key: value, …}</c>: null on null, else a new object.</summary>
internal sealed class HashNode(IReadOnlyList<(string Key, JmesPathNode Value)> pairs) : JmesPathNode
{
    public IEnumerable<string> Keys => pairs.Select(p => p.Key);

    public override object? Evaluate(object? current, JmesPathContext context)
    {
        if (current is null)
        {
            return null;
        }
        var result = JmesPathValues.NewObject(pairs.Count);
        foreach (var (key, value) in pairs)
        {
            result[key] = value.Evaluate(current, context);
        }
        return result;
    }

    public override IEnumerable<JmesPathNode> Children => pairs.Select(p => p.Value);
}

internal sealed class FunctionNode(JmesPathFunction function, IReadOnlyList<JmesPathNode> arguments) : JmesPathNode
{
    public override object? Evaluate(object? current, JmesPathContext context)
    {
        var values = new object?[arguments.Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = arguments[i].Evaluate(current, context);
        }
        return function.Invoke(values);
    }

    public override IEnumerable<JmesPathNode> Children => arguments;
}

internal sealed class ReferenceNode(JmesPathNode expression) : JmesPathNode
{
    public override object? Evaluate(object? current, JmesPathContext context) => new ExpressionReference(expression, context);

    public override IEnumerable<JmesPathNode> Children => [expression];
}

/// <summary><c>let $a = x, $b = y in body</c>: the bindings are evaluated on the current value, in the scope around the let.</summary>
internal sealed class LetNode(IReadOnlyList<(string Name, JmesPathNode Value)> bindings, JmesPathNode body) : JmesPathNode
{
    public override object? Evaluate(object? current, JmesPathContext context)
    {
        var scope = context.Variables;
        foreach (var (name, value) in bindings)
        {
            scope = new Variables(scope, name, value.Evaluate(current, context));
        }
        return body.Evaluate(current, context with { Variables = scope });
    }

    public override IEnumerable<JmesPathNode> Children => bindings.Select(b => b.Value).Append(body);
}

internal sealed class VariableNode(string name) : JmesPathNode
{
    public override object? Evaluate(object? current, JmesPathContext context) =>
        context.Variables is { } variables && variables.TryGet(name, out var value)
            ? value
            : throw new JmesPathException($"undefined-variable: ${name} is not bound by a let-expression around it");
}

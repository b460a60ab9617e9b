using System.Globalization;
using System.Text.RegularExpressions;
using Gateway.Partners.Profiles;
using Gateway.Text;
using Gateway.Yaml;

namespace Gateway.Partners.Loading;

/// <summary>
/// Turns a <see cref="YamlNode"/> tree into profile objects, field by field, reporting every unknown field, wrong type,
/// bad value and missing field with its line and path, and carrying on so that one run lists all of them.
/// </summary>
internal sealed class ProfileBinder(ProfileErrorList errors)
{
    public T? Bind<T>(YamlNode root) where T : class => BindObject(typeof(T), root, "") as T;

    private object? BindObject(Type type, YamlNode node, string path)
    {
        errors.Remember(path, node);
        if (node is YamlScalar { IsNull: true })
        {
            node = new YamlMapping([], node.Line, node.Column);
        }
        if (node is not YamlMapping mapping)
        {
            errors.Add(node.Line, node.Column, path, $"expected a mapping (key: value lines), found {node.Kind}");
            return null;
        }
        var map = ProfileFieldMap.For(type);
        object target = Activator.CreateInstance(type)!;
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Entries)
        {
            string fieldPath = path.Length == 0 ? key.Value : $"{path}.{key.Value}";
            var field = map.Find(key.Value);
            if (field is null)
            {
                errors.Add(key.Line, key.Column, fieldPath, UnknownField(key.Value, map));
                continue;
            }
            present.Add(field.Name);
            errors.Remember(fieldPath, value);
            if (value is YamlScalar { IsNull: true } && field.ItemType is null && !IsObject(field.Property.PropertyType))
            {
                if (field.IsRequired)
                {
                    string hint = field.Description is null ? "" : $" ({field.Description})";
                    errors.Add(key.Line, key.Column, fieldPath, $"has no value; write one after '{key.Value}:'{hint}");
                }
                continue;   // an optional "key:" with nothing keeps its default
            }
            object? bound = field.ItemType is null
                ? BindValue(field.Property.PropertyType, value, fieldPath, field)
                : BindList(field, value, fieldPath);
            if (bound is not null)
            {
                field.Property.SetValue(target, bound);
            }
        }
        foreach (var field in map.Fields.Where(f => f.IsRequired && !present.Contains(f.Name)))
        {
            string fieldPath = path.Length == 0 ? field.Name : $"{path}.{field.Name}";
            string hint = field.Description is null ? "" : $" ({field.Description})";
            errors.Add(mapping.Line, mapping.Column, fieldPath, $"missing; add '{field.Name}:'{hint}");
        }
        return target;
    }

    private object? BindList(ProfileField field, YamlNode node, string path)
    {
        if (node is YamlScalar { IsNull: true })
        {
            return null;
        }
        if (node is not YamlSequence sequence)
        {
            errors.Add(node.Line, node.Column, path, $"expected a list (- item lines), found {node.Kind}");
            return null;
        }
        var type = field.ItemType!;
        var list = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(type))!;
        for (int i = 0; i < sequence.Items.Count; i++)
        {
            string itemPath = $"{path}[{i}]";
            errors.Remember(itemPath, sequence.Items[i]);
            object? item = BindValue(type, sequence.Items[i], itemPath, field);
            if (item is not null)
            {
                list.Add(item);
            }
        }
        return list;
    }

    private object? BindValue(Type type, YamlNode node, string path, ProfileField field)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (IsObject(target))
        {
            return BindObject(target, node, path);
        }
        if (node is not YamlScalar scalar)
        {
            errors.Add(node.Line, node.Column, path, $"expected {Expected(target)}, found {node.Kind}");
            return null;
        }
        if (target == typeof(SecretReference))
        {
            return BindSecret(scalar, path);
        }
        object? value = Convert(target, scalar, path);
        if (value is not null && !Satisfies(field, value, scalar, path))
        {
            return null;
        }
        return value;
    }

    private object? Convert(Type target, YamlScalar scalar, string path)
    {
        string text = scalar.Value;
        if (target == typeof(string))
        {
            return text;
        }
        if (target == typeof(int) || target == typeof(long))
        {
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long number)
                && (target == typeof(long) || number is >= int.MinValue and <= int.MaxValue))
            {
                return target == typeof(int) ? (object)(int)number : number;
            }
            bool digits = text.Length > 0 && text.TrimStart('-', '+').All(char.IsAsciiDigit);
            errors.Add(scalar.Line, scalar.Column, path, digits ? $"{text} is far too large" : $"'{text}' is not a whole number");
            return null;
        }
        if (target == typeof(bool))
        {
            if (text is "true" or "false")
            {
                return text == "true";
            }
            errors.Add(scalar.Line, scalar.Column, path, $"'{text}' is not true or false");
            return null;
        }
        if (target.IsEnum)
        {
            var names = ProfileFieldMap.EnumNames(target);
            foreach (var (name, value) in names)
            {
                if (name == text)
                {
                    return value;
                }
            }
            string allowed = string.Join(", ", names.Select(n => n.Name));
            var near = names.FirstOrDefault(n => string.Equals(n.Name, text, StringComparison.OrdinalIgnoreCase) || EditDistance.Between(n.Name, text) <= 1);
            string hint = near.Name is null ? "" : $"; did you mean '{near.Name}'?";
            errors.Add(scalar.Line, scalar.Column, path, $"'{text}' is not one of {allowed}{hint}");
            return null;
        }
        throw new NotSupportedException($"Profile field type {target} has no YAML form.");
    }

    private SecretReference? BindSecret(YamlScalar scalar, string path)
    {
        if (SecretReference.TryParse(scalar.Value, out var reference))
        {
            return reference;
        }
        // Never echo the value: it may be the secret itself.
        if (scalar.Value.StartsWith("env:", StringComparison.Ordinal))
        {
            errors.Add(scalar.Line, scalar.Column, path, "after 'env:' write an environment variable name: letters, digits and '_', not starting with a digit");
            return null;
        }
        if (scalar.Value.StartsWith("file:", StringComparison.Ordinal))
        {
            errors.Add(scalar.Line, scalar.Column, path, "after 'file:' write the path of a file holding only the secret");
            return null;
        }
        errors.Add(scalar.Line, scalar.Column, path,
            "a secret must be a reference, env:NAME (an environment variable) or file:PATH (a file holding only the secret), never the value itself; "
            + "move the value out of this file and rotate it if this file was shared");
        return null;
    }

    private bool Satisfies(ProfileField field, object value, YamlScalar scalar, string path)
    {
        if (value is string text)
        {
            if (field.Length is { } length && (text.Length > length.MaximumLength || text.Length < length.MinimumLength))
            {
                string rule = text.Length == 0 ? "must not be empty"
                    : text.Length > length.MaximumLength ? $"is {text.Length} characters; at most {length.MaximumLength} are allowed"
                    : $"is {text.Length} characters; at least {length.MinimumLength} are needed";
                errors.Add(scalar.Line, scalar.Column, path, $"'{text}' {rule}");
                return false;
            }
            if (field.Pattern is { } pattern && !Regex.IsMatch(text, pattern.Pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
            {
                errors.Add(scalar.Line, scalar.Column, path, $"'{text}' is not valid: {pattern.ErrorMessage ?? $"it must match {pattern.Pattern}"}");
                return false;
            }
        }
        if (field.Range is { } range && value is int or long)
        {
            long number = System.Convert.ToInt64(value, CultureInfo.InvariantCulture);
            long min = System.Convert.ToInt64(range.Minimum, CultureInfo.InvariantCulture);
            long max = System.Convert.ToInt64(range.Maximum, CultureInfo.InvariantCulture);
            if (number < min || number > max)
            {
                errors.Add(scalar.Line, scalar.Column, path, $"{number} is outside {min} to {max}");
                return false;
            }
        }
        return true;
    }

    private static string UnknownField(string name, ProfileFieldMap map)
    {
        var near = map.Fields.Select(f => f.Name)
            .Where(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase) || EditDistance.Between(n, name) <= 2)
            .OrderBy(n => EditDistance.Between(n, name))
            .FirstOrDefault();
        string suggestion = near is null ? "" : $"did you mean '{near}'? ";
        return $"unknown field '{name}'; {suggestion}known fields here: {string.Join(", ", map.Fields.Select(f => f.Name))}";
    }

    private static bool IsObject(Type type) => type.IsClass && type != typeof(string) && type != typeof(SecretReference);

    private static string Expected(Type type) =>
        type == typeof(bool) ? "true or false"
        : type == typeof(int) || type == typeof(long) ? "a whole number"
        : type.IsEnum ? $"one of {string.Join(", ", ProfileFieldMap.EnumNames(type).Select(n => n.Name))}"
        : "a single value";
}


namespace Gateway.Edi.Schemas;

/// <summary>A simple data element of the dictionary: type, lengths and, for ID elements, codes.</summary>
internal sealed record ElementDefinition(string Reference, string Name, string Type, int MinLength, int MaxLength)
{
    private readonly Dictionary<string, string>? _codes;
    private Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _codeLookup;

    /// <summary>Code values and their descriptions; null when the list is external.</summary>
    public IReadOnlyDictionary<string, string>? Codes
    {
        get => _codes;
        init
        {
            _codes = value is null ? null : new Dictionary<string, string>(value, StringComparer.Ordinal);
            if (_codes is not null)
            {
                _codeLookup = _codes.GetAlternateLookup<ReadOnlySpan<char>>();
            }
        }
    }

    /// <summary>Whether <paramref name="code"/> is one of <see cref="Codes"/>, without making a string.</summary>
    public bool HasCode(ReadOnlySpan<char> code) => _codes is not null && _codeLookup.ContainsKey(code);

    /// <summary>The codes only describe common values; others are accepted.</summary>
    public bool CodesPartial { get; init; }

    /// <summary>The type as a value to switch on.</summary>
    public ElementType Kind { get; } = Type switch
    {
        "ID" => ElementType.Identifier,
        "R" => ElementType.Decimal,
        "DT" => ElementType.Date,
        "TM" => ElementType.Time,
        "B" => ElementType.Binary,
        "A" => ElementType.Alphabetic,
        ['N', >= '0' and <= '9'] => ElementType.Numeric,
        _ => ElementType.AlphaNumeric,
    };
}

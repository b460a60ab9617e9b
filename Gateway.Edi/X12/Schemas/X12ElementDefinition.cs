
namespace Gateway.Edi.X12.Schemas;

/// <summary>A simple data element of the dictionary: type, lengths and, for ID elements, codes.</summary>
internal sealed record X12ElementDefinition(string Reference, string Name, string Type, int MinLength, int MaxLength)
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
    public X12ElementType Kind { get; } = Type switch
    {
        "ID" => X12ElementType.Identifier,
        "R" => X12ElementType.Decimal,
        "DT" => X12ElementType.Date,
        "TM" => X12ElementType.Time,
        "B" => X12ElementType.Binary,
        ['N', >= '0' and <= '9'] => X12ElementType.Numeric,
        _ => X12ElementType.AlphaNumeric,
    };
}


namespace Gateway.Edi.Schemas;

/// <summary>A simple data element of the dictionary: type, lengths and, for ID elements, codes.</summary>
internal sealed record ElementDefinition(string Reference, string Name, string Type, int MinLength, int MaxLength)
{
    private readonly Dictionary<string, string>? _codes;
    private Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _codeLookup;
    private CodeSet? _codeSet;

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
                _codeSet = new CodeSet(_codes.Keys);
            }
        }
    }

    /// <summary>Whether <paramref name="code"/> is one of <see cref="Codes"/>, without making a string.</summary>
    public bool HasCode(ReadOnlySpan<char> code) => _codes is not null && _codeLookup.ContainsKey(code);

    /// <summary>Whether <paramref name="code"/>, read as Latin-1, is one of <see cref="Codes"/>; short codes without decoding.</summary>
    public bool HasCode(ReadOnlySpan<byte> code)
    {
        if (_codeSet is null)
        {
            return false;
        }
        if (code.Length is > 0 and <= CodeSet.MaxLength)
        {
            return _codeSet.Contains(code);
        }
        if ((code.Length > 0 && !_codeSet.HasLongCodes) || code.Length > 64)
        {
            return false;
        }
        Span<char> chars = stackalloc char[code.Length];
        System.Text.Encoding.Latin1.GetChars(code, chars);
        return _codeLookup.ContainsKey(chars);
    }

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

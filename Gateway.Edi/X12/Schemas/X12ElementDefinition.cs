using System.Collections.Frozen;

namespace Gateway.Edi.X12.Schemas;

/// <summary>A simple data element of the dictionary: type, lengths and, for ID elements, codes.</summary>
internal sealed record X12ElementDefinition(string Reference, string Name, string Type, int MinLength, int MaxLength)
{
    /// <summary>Code values and their descriptions; null when the list is external.</summary>
    public FrozenDictionary<string, string>? Codes { get; init; }

    /// <summary>The codes only describe common values; others are accepted.</summary>
    public bool CodesPartial { get; init; }

    /// <summary>For Nn types, the implied decimal places; -1 for other types.</summary>
    public int ImpliedDecimals => Type.Length == 2 && Type[0] == 'N' && char.IsAsciiDigit(Type[1]) ? Type[1] - '0' : -1;
}

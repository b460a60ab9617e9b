using System.Buffers;
using System.Text;

namespace Gateway.Edi.Edifact;

/// <summary>The syntax identifiers of UNB S001 0001: how bytes decode, and which characters level A and B allow.</summary>
internal static class EdifactCharacterSets
{
    // Level A: upper case, digits, space and . , - ( ) / = ' + : ? ! " % & * ; < >  (ISO 9735 part 1, annex A).
    private static readonly SearchValues<byte> LevelA = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,-()/='+:?!\"%&*;<>"u8);

    // Level B adds lower case and @ [ ] { } _ \ | ~ # $.
    private static readonly SearchValues<byte> LevelB = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 .,-()/='+:?!\"%&*;<>@[]{}_\\|~#$"u8);

    static EdifactCharacterSets() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Whether <paramref name="syntaxIdentifier"/> is one we read.</summary>
    public static bool IsKnown(string syntaxIdentifier) => Lookup(syntaxIdentifier) is not null;

    /// <summary>The encoding of <paramref name="syntaxIdentifier"/>; Latin-1 for an unknown one, which keeps every byte.</summary>
    public static Encoding EncodingOf(string syntaxIdentifier) => Lookup(syntaxIdentifier) ?? Encoding.Latin1;

    /// <summary>For levels A and B, the bytes allowed in values; null when the set is not restricted that way.</summary>
    public static SearchValues<byte>? Repertoire(string syntaxIdentifier) => syntaxIdentifier switch
    {
        "UNOA" => LevelA,
        "UNOB" => LevelB,
        _ => null,
    };

    private static Encoding? Lookup(string syntaxIdentifier) => syntaxIdentifier switch
    {
        "UNOA" or "UNOB" => Encoding.ASCII,
        "UNOC" => Encoding.Latin1,
        "UNOD" => Encoding.GetEncoding("iso-8859-2"),
        "UNOE" => Encoding.GetEncoding("iso-8859-5"),
        "UNOF" => Encoding.GetEncoding("iso-8859-7"),
        "UNOG" => Encoding.GetEncoding("iso-8859-3"),
        "UNOH" => Encoding.GetEncoding("iso-8859-4"),
        "UNOI" => Encoding.GetEncoding("iso-8859-6"),
        "UNOJ" => Encoding.GetEncoding("iso-8859-8"),
        "UNOK" => Encoding.GetEncoding("iso-8859-9"),
        "UNOL" => Encoding.GetEncoding("iso-8859-15"),
        "UNOW" or "UNOY" => Encoding.UTF8,
        "UNOX" => Encoding.Latin1,
        _ => null,
    };
}

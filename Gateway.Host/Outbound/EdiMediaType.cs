namespace Gateway.Host.Outbound;

/// <summary>The media type an EDI file travels as (RFC 1767): application/edi-x12 or application/edifact.</summary>
internal static class EdiMediaType
{
    public static string Of(string fileName, byte[] content) =>
        fileName.EndsWith(".x12", StringComparison.OrdinalIgnoreCase) || (content.Length > 3 && content[0] == (byte)'I' && content[1] == (byte)'S' && content[2] == (byte)'A')
            ? "application/edi-x12"
            : "application/edifact";
}

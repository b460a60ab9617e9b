using System.Diagnostics.CodeAnalysis;

namespace Gateway.Edi;

/// <summary>Throw helpers, kept out of hot methods so those stay small.</summary>
internal static class EdiThrow
{
    [DoesNotReturn]
    public static void Format(string message, long bytePosition, int segmentIndex, int elementIndex = -1) =>
        throw new EdiFormatException(
            $"{message} (byte {bytePosition}, segment {segmentIndex}{(elementIndex >= 0 ? $", element {elementIndex}" : "")})",
            bytePosition, segmentIndex, elementIndex);

}

namespace Gateway.Tests.Support;

/// <summary>Damage done to good files: truncation, byte flips, delimiter swaps and splices.</summary>
internal static class Mutations
{
    /// <summary>A damaged copy of <paramref name="seed"/>.</summary>
    public static byte[] Apply(byte[] seed, Random random)
    {
        byte[] data = (byte[])seed.Clone();
        if (data.Length == 0)
        {
            return data;   // an earlier damage (a cut) left nothing to damage
        }
        switch (random.Next(4))
        {
            case 0:
                return data[..random.Next(data.Length + 1)];
            case 1:
                for (int i = random.Next(1, 4); i > 0; i--)
                {
                    data[random.Next(data.Length)] = (byte)random.Next(256);
                }
                return data;
            case 2:
                // The header's delimiter positions: ISA's (3, 104, 105) and UNA's (3 to 8).
                byte[] delimiters = [.. data.AsSpan(0, Math.Min(9, data.Length)), .. data.Length > 105 ? data.AsSpan(104, 2) : [], (byte)'*', (byte)'~', (byte)':', (byte)'+', (byte)'\'', (byte)'?', (byte)'\n', (byte)'^'];
                byte from = delimiters[random.Next(delimiters.Length)], to = delimiters[random.Next(delimiters.Length)];
                int start = random.Next(data.Length);
                for (int i = start; i < data.Length && i < start + 200; i++)
                {
                    data[i] = data[i] == from ? to : data[i] == to ? from : data[i];
                }
                return data;
            default:
                int at = random.Next(data.Length), length = random.Next(1, 40);
                byte[] copy = data[at..Math.Min(data.Length, at + length)];
                int insert = random.Next(data.Length);
                return [.. data[..insert], .. copy, .. data[insert..]];
        }
    }
}

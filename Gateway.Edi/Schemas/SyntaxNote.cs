namespace Gateway.Edi.Schemas;

/// <summary>A syntax note in X12 notation, such as <c>P0102</c> (paired) or <c>C0405</c> (conditional).</summary>
/// <remarks>P: all or none. R: at least one. E: at most one. C: if the first, then all the others.
/// L: if the first, then at least one of the others.</remarks>
internal sealed record SyntaxNote(char Kind, int[] Positions)
{
    /// <summary>The positions as bits (bit p for position p), so a note is checked with two bit operations.</summary>
    public ulong Mask { get; } = Positions.Aggregate(0UL, (m, p) => m | (1UL << p));

    /// <summary>The bit of the first position, the one C and L notes are conditioned on.</summary>
    public ulong FirstBit { get; } = 1UL << Positions[0];

    public static SyntaxNote Parse(string note)
    {
        if (note.Length < 5 || note.Length % 2 == 0 || "PREC L".IndexOf(note[0], StringComparison.Ordinal) < 0 || note[0] == ' ')
        {
            throw new FormatException($"Syntax note '{note}' is not a letter P, R, E, C or L followed by two-digit positions.");
        }
        var positions = new List<int>();
        for (int i = 1; i < note.Length; i += 2)
        {
            int position = int.Parse(note.AsSpan(i, 2), System.Globalization.CultureInfo.InvariantCulture);
            positions.Add(position is >= 1 and <= 63 ? position : throw new FormatException($"Syntax note '{note}' names position {position}; 1 to 63 are possible."));
        }
        return new SyntaxNote(note[0], [.. positions]);
    }

    public override string ToString() => Kind + string.Concat(Positions.Select(p => p.ToString("00", System.Globalization.CultureInfo.InvariantCulture)));
}

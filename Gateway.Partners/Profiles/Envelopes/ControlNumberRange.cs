using System.ComponentModel.DataAnnotations;

namespace Gateway.Partners.Profiles.Envelopes;

/// <summary>An inclusive range of control numbers.</summary>
public sealed class ControlNumberRange
{
    // ISA13 is nine digits; the wider EDIFACT references still fit in these bounds.
    [Range(1, 999999999)]
    public long From { get; init; } = 1;

    [Range(1, 999999999)]
    public long To { get; init; } = 999999999;
}

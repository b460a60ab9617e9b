using System.ComponentModel;

namespace Gateway.Partners.Profiles.Envelopes;

/// <summary>The range each level's control numbers are drawn from; a sequence wraps to <c>from</c> after <c>to</c>.</summary>
public sealed class ControlNumberRanges
{
    [Description("Interchange (ISA13, UNB 0020). Default 1 to 999999999.")]
    public ControlNumberRange Interchange { get; init; } = new();

    [Description("Group (GS06, UNG 0048). Default 1 to 999999999.")]
    public ControlNumberRange Group { get; init; } = new();

    [Description("Document (ST02, UNH 0062). Default 1 to 999999999.")]
    public ControlNumberRange Document { get; init; } = new();
}

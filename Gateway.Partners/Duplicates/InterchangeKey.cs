using Gateway.Partners.Profiles;

namespace Gateway.Partners.Duplicates;

/// <summary>What makes an interchange the same one again: the partner, the standard and its control number (ISA13, UNB 0020).</summary>
public sealed record InterchangeKey(string PartnerId, EdiStandard Standard, string ControlNumber)
{
    /// <summary>The key as one string: <c>acme-retail/x12/000000001</c>.</summary>
    public override string ToString() => $"{PartnerId}/{(Standard == EdiStandard.X12 ? "x12" : "edifact")}/{ControlNumber}";
}

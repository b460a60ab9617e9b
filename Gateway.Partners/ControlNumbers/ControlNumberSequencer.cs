using Gateway.Partners.Profiles;

namespace Gateway.Partners.ControlNumbers;

/// <summary>Issues control numbers for what we send, one sequence per partner, standard and level, within the partner's ranges.</summary>
public sealed class ControlNumberSequencer(IControlNumberStore store)
{
    /// <summary>The next control number for <paramref name="partner"/> at <paramref name="level"/>.</summary>
    public long Next(PartnerProfile partner, EdiStandard standard, ControlNumberLevel level)
    {
        ArgumentNullException.ThrowIfNull(partner);
        var ranges = standard == EdiStandard.X12 ? partner.Envelope.X12.ControlNumbers : partner.Envelope.Edifact.ControlNumbers;
        var range = level switch
        {
            ControlNumberLevel.Interchange => ranges.Interchange,
            ControlNumberLevel.Group => ranges.Group,
            _ => ranges.Document,
        };
        return store.Allocate(SequenceName(partner.Id, standard, level), range.From, range.To);
    }

    /// <summary>The store key of a sequence: <c>acme-retail/x12/interchange</c>.</summary>
    public static string SequenceName(string partnerId, EdiStandard standard, ControlNumberLevel level) =>
        $"{partnerId}/{(standard == EdiStandard.X12 ? "x12" : "edifact")}/{level.ToString().ToLowerInvariant()}";
}

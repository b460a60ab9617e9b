using Gateway.Partners.Profiles;

namespace Gateway.Partners.Identification;

/// <summary>The partner an interchange came from, or why none could be trusted with it.</summary>
/// <param name="Outcome">Identified, or the reason not.</param>
/// <param name="Partner">The partner the sender identity belongs to, when any does.</param>
/// <param name="Message">A sentence for the timeline and support staff.</param>
public sealed record IdentificationResult(IdentificationOutcome Outcome, PartnerProfile? Partner, string Message)
{
    /// <summary>True when the interchange may go on to the partner's agreements.</summary>
    public bool IsIdentified => Outcome == IdentificationOutcome.Identified;
}

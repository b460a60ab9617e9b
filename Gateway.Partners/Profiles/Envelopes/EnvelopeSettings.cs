using System.ComponentModel;

namespace Gateway.Partners.Profiles.Envelopes;

/// <summary>How we build the envelopes of what we send to one partner.</summary>
public sealed class EnvelopeSettings
{
    [Description("ISA/GS settings for X12 documents we send.")]
    public X12EnvelopeSettings X12 { get; init; } = new();

    [Description("UNA/UNB settings for EDIFACT documents we send.")]
    public EdifactEnvelopeSettings Edifact { get; init; } = new();
}

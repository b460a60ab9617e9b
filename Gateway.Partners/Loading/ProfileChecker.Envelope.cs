using Gateway.Partners.Profiles.Envelopes;

namespace Gateway.Partners.Loading;

internal sealed partial class ProfileChecker
{
    private void CheckEnvelope()
    {
        var x12 = profile.Envelope.X12;
        CheckDelimiters("envelope.x12",
            [("elementSeparator", x12.ElementSeparator), ("componentSeparator", x12.ComponentSeparator), ("repetitionSeparator", x12.RepetitionSeparator), ("segmentTerminator", x12.SegmentTerminator)]);
        CheckRanges(x12.ControlNumbers, "envelope.x12.controlNumbers");
        var edifact = profile.Envelope.Edifact;
        CheckDelimiters("envelope.edifact",
            [("componentSeparator", edifact.ComponentSeparator), ("elementSeparator", edifact.ElementSeparator), ("releaseCharacter", edifact.ReleaseCharacter), ("repetitionSeparator", edifact.RepetitionSeparator), ("segmentTerminator", edifact.SegmentTerminator)]);
        CheckRanges(edifact.ControlNumbers, "envelope.edifact.controlNumbers");
        if (edifact.SyntaxVersion < 4 && edifact.SyntaxIdentifier is "UNOW" or "UNOY")
        {
            errors.AddAt("envelope.edifact.syntaxIdentifier", $"{edifact.SyntaxIdentifier} needs syntax version 4; set syntaxVersion: 4 or use UNOC");
        }
    }

    private void CheckDelimiters(string path, (string Name, string Value)[] delimiters)
    {
        for (int i = 0; i < delimiters.Length; i++)
        {
            var (name, value) = delimiters[i];
            if (value.Length == 1 && (char.IsAsciiLetterOrDigit(value[0]) || value[0] == ' ' || value[0] > '\x7E' && !char.IsControl(value[0])))
            {
                errors.AddAt($"{path}.{name}", $"'{value}' would also appear in data; pick a character that never does, such as the default");
            }
            for (int j = 0; j < i; j++)
            {
                if (delimiters[j].Value == value)
                {
                    errors.AddAt($"{path}.{name}", $"'{value}' is also the {delimiters[j].Name}; each delimiter must differ");
                }
            }
        }
    }

    private void CheckRanges(ControlNumberRanges ranges, string path)
    {
        foreach (var (name, range) in new[] { ("interchange", ranges.Interchange), ("group", ranges.Group), ("document", ranges.Document) })
        {
            if (range.From >= range.To)
            {
                errors.AddAt($"{path}.{name}", $"from {range.From} is not below to {range.To}; a sequence needs room to count");
            }
        }
    }
}

namespace Gateway.Edi.Edifact;

/// <summary>What a partner's APERAK says about a message we sent: a status, the references it names, its errors.</summary>
public sealed record EdifactApplicationAcknowledgment(
    EdifactApplicationStatus Status,
    IReadOnlyList<(string Qualifier, string Value)> References,
    IReadOnlyList<(string Code, string Text)> Errors)
{
    /// <summary>Reads an APERAK message.</summary>
    /// <remarks>The verdict comes from BGM: response type 4343 (AP accepted, RE rejected, CA conditionally accepted)
    /// or message function 1225 (29 accepted, 27 not accepted, 30 accepted with amendment). Without a verdict
    /// there, any ERC makes it a rejection: the safe reading for the person who must follow it up.</remarks>
    /// <exception cref="ArgumentException">The message is not an APERAK.</exception>
    public static EdifactApplicationAcknowledgment Read(EdifactMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Type != "APERAK")
        {
            throw new ArgumentException($"Message {message.ReferenceNumber} is a {message.Type}, not an APERAK.", nameof(message));
        }
        EdifactApplicationStatus? verdict = null;
        var references = new List<(string, string)>();
        var errors = new List<(string Code, string Text)>();
        foreach (Segment segment in message.Segments)
        {
            switch (segment.Tag)
            {
                case "BGM":
                    verdict = segment[4] switch
                    {
                        "AP" => EdifactApplicationStatus.Accepted,
                        "RE" => EdifactApplicationStatus.Rejected,
                        "CA" => EdifactApplicationStatus.PartiallyAccepted,
                        _ => segment[3] switch
                        {
                            "29" => EdifactApplicationStatus.Accepted,
                            "27" => EdifactApplicationStatus.Rejected,
                            "30" => EdifactApplicationStatus.PartiallyAccepted,
                            _ => null,
                        },
                    };
                    break;
                case "RFF":
                    IReadOnlyList<string> reference = segment.GetComponents(1);
                    references.Add((reference[0], reference.Count > 1 ? reference[1] : ""));
                    break;
                case "ERC":
                    errors.Add((segment.GetComponents(1)[0], ""));
                    break;
                case "FTX" when errors.Count > 0 && errors[^1].Text.Length == 0:
                    errors[^1] = (errors[^1].Code, string.Join(" ", segment.GetComponents(4).Where(t => t.Length > 0)));
                    break;
            }
        }
        EdifactApplicationStatus status = verdict ?? (errors.Count > 0 ? EdifactApplicationStatus.Rejected : EdifactApplicationStatus.Accepted);
        return new EdifactApplicationAcknowledgment(status, references, errors);
    }
}

/// <summary>The verdict of an application acknowledgment.</summary>
public enum EdifactApplicationStatus
{
    /// <summary>The partner's application took the message.</summary>
    Accepted,

    /// <summary>Taken in part, or on conditions.</summary>
    PartiallyAccepted,

    /// <summary>Not taken.</summary>
    Rejected,
}

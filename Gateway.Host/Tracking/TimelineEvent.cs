namespace Gateway.Host.Tracking;

/// <summary>One step in the life of a received file or a document.</summary>
internal sealed class TimelineEvent
{
    public DateTimeOffset At { get; set; }

    public string Step { get; set; } = "";

    public string Message { get; set; } = "";
}

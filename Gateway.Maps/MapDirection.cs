namespace Gateway.Maps;

/// <summary>Which way a map turns data.</summary>
public enum MapDirection
{
    /// <summary>A partner's document becomes back-end calls.</summary>
    Inbound,

    /// <summary>A back-end event becomes a document for a partner.</summary>
    Outbound,
}

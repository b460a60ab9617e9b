using Gateway.Host.Orders;
using LiteDB;
using JsonSerializer = System.Text.Json.JsonSerializer;

namespace Gateway.Host.Tracking;

/// <summary>
/// How a record's item lines are stored: one compact JSON value, not a sub-document per line. Lines are read back
/// whole (order journeys, ship notices) and never queried, and a 200-line order saved as 200 BSON documents made
/// serialising and writing them a tenth of the gateway's CPU under load. Records written as arrays still read.
/// </summary>
internal static class OrderLineStorage
{
    private static readonly BsonMapper Plain = new();

    public static void Register(BsonMapper mapper) => mapper.RegisterType(Write, Read);

    private static BsonValue Write(List<OrderLine> lines) =>
        lines.Count == 0 ? new BsonArray() : new BsonValue(JsonSerializer.SerializeToUtf8Bytes(lines));

    private static List<OrderLine> Read(BsonValue value) => value switch
    {
        { IsBinary: true } => JsonSerializer.Deserialize<List<OrderLine>>(value.AsBinary) ?? [],
        { IsArray: true } => [.. value.AsArray.Where(v => v.IsDocument).Select(v => Plain.ToObject<OrderLine>(v.AsDocument))],
        _ => [],
    };
}

using System.Text.Json;
using Gateway.Edi.Validation;
using Gateway.Edi.X12;

namespace Gateway.Host.Cli;

/// <summary>Streams the envelope summary of an X12 file as the JSON of <c>gateway edi parse</c>.</summary>
internal static class X12ParseSummary
{
    public static void Write(Stream stream, Utf8JsonWriter json)
    {
        using var reader = new X12Reader(stream, leaveOpen: true);
        var warnings = new List<EdiIssue>();
        json.WriteStartObject();
        json.WriteStartArray("interchanges");
        bool inInterchange = false;
        while (reader.Read())
        {
            warnings.AddRange(reader.Issues);
            switch (reader.Kind)
            {
                case X12ReadKind.InterchangeStart:
                    X12Interchange i = reader.Interchange!;
                    json.WriteStartObject();
                    json.WriteString("standard", "X12");
                    ParseSummaryJson.WriteParty(json, "sender", i.SenderQualifier, i.SenderId);
                    ParseSummaryJson.WriteParty(json, "receiver", i.ReceiverQualifier, i.ReceiverId);
                    json.WriteString("controlNumber", i.ControlNumber);
                    json.WriteString("usage", i.UsageIndicator);
                    json.WriteString("version", i.Version);
                    json.WriteStartArray("groups");
                    inInterchange = true;
                    break;
                case X12ReadKind.GroupStart:
                    X12FunctionalGroup g = reader.Group!;
                    ParseSummaryJson.StartGroup(json, g.FunctionalId, g.ControlNumber, g.Version);
                    break;
                case X12ReadKind.TransactionSet:
                    X12TransactionSet set = reader.TransactionSet!;
                    if (set.Group is null)
                    {
                        break;
                    }
                    json.WriteStartObject();
                    json.WriteString("type", set.Type);
                    json.WriteString("controlNumber", set.ControlNumber);
                    json.WriteNumber("segmentCount", set.SegmentCount);
                    json.WriteNumber("bytePosition", set.BytePosition);
                    json.WriteEndObject();
                    break;
                case X12ReadKind.GroupEnd:
                    ParseSummaryJson.EndList(json);
                    break;
                case X12ReadKind.InterchangeEnd:
                    ParseSummaryJson.EndList(json);
                    inInterchange = false;
                    break;
            }
        }
        warnings.AddRange(reader.Issues);
        if (inInterchange)
        {
            ParseSummaryJson.EndList(json);
        }
        json.WriteEndArray();
        ParseSummaryJson.WriteWarnings(json, warnings);
        json.WriteEndObject();
    }
}

using System.Text.Json;
using Gateway.Edi.Edifact;
using Gateway.Edi.Validation;

namespace Gateway.Host.Cli;

/// <summary>Streams the envelope summary of an EDIFACT file as the JSON of <c>gateway edi parse</c>.</summary>
/// <remarks>An interchange without UNG has one group whose <c>functionalId</c> is null (DESIGN.md).</remarks>
internal static class EdifactParseSummary
{
    public static void Write(Stream stream, Utf8JsonWriter json)
    {
        using var reader = new EdifactReader(stream, leaveOpen: true);
        var warnings = new List<EdiIssue>();
        json.WriteStartObject();
        json.WriteStartArray("interchanges");
        bool inInterchange = false, inGroup = false;
        while (reader.Read())
        {
            warnings.AddRange(reader.Issues);
            switch (reader.Kind)
            {
                case EdifactReadKind.InterchangeStart:
                    EdifactInterchange i = reader.Interchange!;
                    json.WriteStartObject();
                    json.WriteString("standard", "EDIFACT");
                    ParseSummaryJson.WriteParty(json, "sender", i.SenderQualifier, i.SenderId);
                    ParseSummaryJson.WriteParty(json, "receiver", i.RecipientQualifier, i.RecipientId);
                    json.WriteString("controlNumber", i.ControlReference);
                    json.WriteString("usage", i.IsTest ? "T" : "P");
                    json.WriteString("syntax", $"{i.SyntaxIdentifier}:{i.SyntaxVersion}");
                    json.WriteStartArray("groups");
                    inInterchange = true;
                    break;
                case EdifactReadKind.GroupStart:
                    EdifactGroup g = reader.Group!;
                    ParseSummaryJson.StartGroup(json, g.FunctionalId, g.ReferenceNumber, g.Version);
                    inGroup = true;
                    break;
                case EdifactReadKind.Message:
                    EdifactMessage m = reader.Message!;
                    if (!inGroup)
                    {
                        ParseSummaryJson.StartGroup(json, null, null, m.Directory);
                        inGroup = true;
                    }
                    json.WriteStartObject();
                    json.WriteString("type", m.Type);
                    json.WriteString("controlNumber", m.ReferenceNumber);
                    json.WriteNumber("segmentCount", m.SegmentCount);
                    json.WriteString("directory", m.Directory);
                    json.WriteNumber("bytePosition", m.BytePosition);
                    json.WriteEndObject();
                    break;
                case EdifactReadKind.GroupEnd:
                    EndGroup(json, ref inGroup);
                    break;
                case EdifactReadKind.InterchangeEnd:
                    EndGroup(json, ref inGroup);
                    ParseSummaryJson.EndList(json);
                    inInterchange = false;
                    break;
            }
        }
        warnings.AddRange(reader.Issues);
        if (inInterchange)
        {
            EndGroup(json, ref inGroup);
            ParseSummaryJson.EndList(json);
        }
        json.WriteEndArray();
        ParseSummaryJson.WriteWarnings(json, warnings);
        json.WriteEndObject();
    }

    private static void EndGroup(Utf8JsonWriter json, ref bool inGroup)
    {
        if (inGroup)
        {
            ParseSummaryJson.EndList(json);
            inGroup = false;
        }
    }
}

using System.Text.Json;
using Gateway.Edi.Validation;

namespace Gateway.Host.Cli;

/// <summary>The JSON pieces that <c>gateway edi parse</c> writes the same way for X12 and EDIFACT.</summary>
internal static class ParseSummaryJson
{
    public static void WriteParty(Utf8JsonWriter json, string name, string qualifier, string id)
    {
        json.WriteStartObject(name);
        json.WriteString("qualifier", qualifier);
        json.WriteString("id", id);
        json.WriteEndObject();
    }

    /// <summary>Opens a group object and its <c>documents</c> array.</summary>
    public static void StartGroup(Utf8JsonWriter json, string? functionalId, string? controlNumber, string version)
    {
        json.WriteStartObject();
        json.WriteString("functionalId", functionalId);
        json.WriteString("controlNumber", controlNumber);
        json.WriteString("version", version);
        json.WriteStartArray("documents");
    }

    /// <summary>Closes an interchange's <c>groups</c> or a group's <c>documents</c>, and the object holding it.</summary>
    public static void EndList(Utf8JsonWriter json)
    {
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static void WriteWarnings(Utf8JsonWriter json, List<EdiIssue> warnings)
    {
        json.WriteStartArray("warnings");
        foreach (EdiIssue w in warnings)
        {
            json.WriteStringValue(w.ToString());
        }
        json.WriteEndArray();
    }
}

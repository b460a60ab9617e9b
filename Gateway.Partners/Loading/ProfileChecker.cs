using Gateway.Edi.Edifact.Schemas;
using Gateway.Edi.X12.Schemas;
using Gateway.Partners.Profiles;
using Gateway.Partners.Profiles.Transports;

namespace Gateway.Partners.Loading;

/// <summary>The checks one profile needs beyond its field types: consistent agreements, configured transports, files and references that exist.</summary>
internal sealed partial class ProfileChecker(PartnerProfile profile, ProfileErrorList errors, ProfileCheckOptions options)
{
    public void Check(string fileName)
    {
        string expectedId = Path.GetFileNameWithoutExtension(fileName);
        if (profile.Id.Length > 0 && profile.Id != expectedId)
        {
            errors.AddAt("id", $"'{profile.Id}' does not match the file name {fileName}; rename the file to {profile.Id}.yaml or set id: {expectedId}");
        }
        CheckAgreements();
        CheckTransports();
        CheckEnvelope();
    }

    private void CheckAgreements()
    {
        if (profile.Agreements.Count == 0 && !errors.HasProblemAt("agreements"))
        {
            errors.AddAt("agreements", "no agreements: add at least one (standard, version, document, direction)");
        }
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < profile.Agreements.Count; i++)
        {
            var agreement = profile.Agreements[i];
            string path = $"agreements[{i}]";
            if (agreement.Version.Length == 0 || agreement.Document.Length == 0)
            {
                continue;   // already reported as missing or invalid
            }
            string key = agreement.ToString();
            if (seen.TryGetValue(key, out int first))
            {
                errors.AddAt(path, $"a second agreement for {key} (the first is agreements[{first}]); keep one");
            }
            seen.TryAdd(key, i);
            CheckStandard(agreement, path);
            CheckAcknowledgments(agreement, path);
            CheckReferences(agreement, path);
        }
    }

    private void CheckStandard(Agreement agreement, string path)
    {
        bool x12 = agreement.Standard == EdiStandard.X12;
        bool x12Version = char.IsAsciiDigit(agreement.Version[0]);
        if (x12 != x12Version)
        {
            errors.AddAt($"{path}.version", $"'{agreement.Version}' is not {(x12 ? "an X12 version such as 004010" : "an EDIFACT directory such as D96A")}; check standard and version");
            return;
        }
        if (x12 != char.IsAsciiDigit(agreement.Document[0]))
        {
            errors.AddAt($"{path}.document", $"'{agreement.Document}' is not {(x12 ? "an X12 transaction set such as 850" : "an EDIFACT message type such as ORDERS")}; check standard and document");
            return;
        }
        bool supported = x12
            ? X12SchemaSet.Standard.Supports(agreement.Version, agreement.Document)
            : EdifactSchemaSet.Standard.Supports(agreement.Version, agreement.Document);
        if (!supported)
        {
            errors.AddAt($"{path}.document",
                $"the gateway has no schema for {agreement}; its documents are checked at envelope level only. Schemas: {SupportedDocuments(x12)}",
                ProfileSeverity.Warning);
        }
        bool identities = x12
            ? profile.Identities.X12.Count > 0 && profile.OurIdentity.X12 is not null
            : profile.Identities.Edifact.Count > 0 && profile.OurIdentity.Edifact is not null;
        if (!identities)
        {
            string section = x12 ? "x12" : "edifact";
            errors.AddAt(path, $"an {(x12 ? "X12" : "EDIFACT")} agreement needs identities.{section} (the partner's envelope ids) and ourIdentity.{section}");
        }
    }

    private void CheckAcknowledgments(Agreement agreement, string path)
    {
        var acks = agreement.Acknowledgments;
        path += ".acknowledgments";
        if (agreement.Standard == EdiStandard.X12)
        {
            if (acks.Contrl is not null)
            {
                errors.AddAt($"{path}.contrl", "CONTRL is EDIFACT's acknowledgment; an X12 agreement uses functional (997/999) and ta1");
            }
            if (acks.Functional == FunctionalAcknowledgment.Ack999 && string.CompareOrdinal(agreement.Version, "005010") < 0)
            {
                errors.AddAt($"{path}.functional", $"the 999 exists from version 005010; a {agreement.Version} partner gets a 997");
            }
        }
        else if (acks.Functional is not null || acks.Ta1 is not null)
        {
            errors.AddAt($"{path}.{(acks.Functional is not null ? "functional" : "ta1")}", "997/999 and TA1 are X12 acknowledgments; an EDIFACT agreement uses contrl");
        }
        if (acks.ExpectedWithinHours is not null && agreement.Direction == DocumentDirection.Inbound)
        {
            errors.AddAt($"{path}.expectedWithinHours", "applies to outbound agreements (how soon the partner must acknowledge what we send); remove it here");
        }
    }

    private void CheckReferences(Agreement agreement, string path)
    {
        if (agreement.Transport is { } transport && !profile.Transports.Has(transport))
        {
            errors.AddAt($"{path}.transport", $"'{Name(transport)}' is not configured; add transports.{Name(transport)} or choose one of: {ConfiguredTransports()}");
        }
        else if (agreement.Transport is null && agreement.Direction == DocumentDirection.Outbound)
        {
            errors.AddAt(path, $"an outbound agreement needs 'transport:' to say how we send it; one of: {ConfiguredTransports()}");
        }
        if (agreement.Map is { } map && options.MapsDirectory is { } maps && !MapExists(maps, map))
        {
            errors.AddAt($"{path}.map", $"no map '{map}' in {maps}; maps there: {ListOrNone(MapNames(maps))}");
        }
        if (agreement.Endpoint is { } endpoint && options.Endpoints is { } endpoints && !endpoints.Contains(endpoint))
        {
            errors.AddAt($"{path}.endpoint", $"no endpoint '{endpoint}' in Gateway:Endpoints of appsettings.json; endpoints there: {ListOrNone(endpoints.Order())}");
        }
    }

    private string ConfiguredTransports() =>
        ListOrNone(Enum.GetValues<TransportKind>().Where(profile.Transports.Has).Select(Name));

    private static string Name(TransportKind kind) => ProfileNames.Of(kind);

    private static bool MapExists(string directory, string map) => MapNames(directory).Contains(map, StringComparer.Ordinal);

    private static IEnumerable<string> MapNames(string directory) =>
        System.IO.Directory.Exists(directory)
            ? System.IO.Directory.EnumerateFiles(directory).Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal)
            : [];

    private static string ListOrNone(IEnumerable<string> names)
    {
        string list = string.Join(", ", names);
        return list.Length == 0 ? "(none)" : list;
    }

    private static string SupportedDocuments(bool x12) => x12
        ? string.Join("; ", X12SchemaSet.Standard.Versions.Order(StringComparer.Ordinal).Select(v => $"{v}: {string.Join(" ", X12SchemaSet.Standard.TransactionSets(v).Order(StringComparer.Ordinal))}"))
        : string.Join("; ", EdifactSchemaSet.Standard.Directories.Order(StringComparer.Ordinal).Select(d => $"{d}: {string.Join(" ", EdifactSchemaSet.Standard.Messages(d))}"));
}

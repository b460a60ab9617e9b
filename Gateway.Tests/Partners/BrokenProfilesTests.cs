using Gateway.Partners.Loading;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Partners;

/// <summary>
/// One defect at a time in an otherwise valid profile: the loader must name the line and field path, say what is wrong,
/// and keep the partner off.
/// </summary>
public class BrokenProfilesTests
{
    private const string FileName = "partner-profiles/base.yaml";

    // An X12 004010 850 inbound partner over a folder: the smallest profile with no problems at all. Line numbers in the
    // table below count from here; sections are appended after line 18 or agreement fields inserted after line 15.
    private const string Base = """
        id: base
        name: Base Partner
        identities:
          x12:
            - qualifier: ZZ
              id: BASEPARTNER
        ourIdentity:
          x12:
            qualifier: ZZ
            id: DISTRIBUTOR
        agreements:
          - standard: x12
            version: "004010"
            document: "850"
            direction: inbound
        transports:
          folder:
            inbox: folders/base/inbox

        """;

    // Lines 19 to 25: an AS2 partnership whose certificates SetUp writes.
    private const string As2 = Base + """
          as2:
            partnerAs2Id: BASEAS2
            ourAs2Id: DISTRIBUTOR
            url: https://as2.base.example/receive
            partnerCertificate: certs/partner.cer
            ourCertificate:
              file: certs/ours.pfx

        """;

    // Lines 19 to 24: an SFTP server whose password file SetUp writes.
    private const string Sftp = Base + """
          sftp:
            host: sftp.base.example
            user: distributor
            hostKeyFingerprint: SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8
            password: file:secrets/sftp-password
            inboundFolder: /outbox

        """;

    private const string InlinePassword = "hunter2";

    private string _directory = "";
    private ProfileCheckOptions _options = null!;

    [SetUp]
    public void CreateDirectory()
    {
        _directory = Directory.CreateTempSubdirectory("gateway-profiles-").FullName;
        TestCertificates.WriteAs2Pair(_directory);
        File.WriteAllText(Path.Combine(_directory, "certs", "readme.cer"), "Ask the partner for their public certificate.\n");
        Directory.CreateDirectory(Path.Combine(_directory, "secrets"));
        File.WriteAllText(Path.Combine(_directory, "secrets", "sftp-password"), "not-a-real-password\n");
        string maps = Directory.CreateDirectory(Path.Combine(_directory, "maps")).FullName;
        File.WriteAllText(Path.Combine(maps, "x12-850-to-erp.yaml"), "# a map\n");
        _options = new ProfileCheckOptions
        {
            ProfilesDirectory = _directory,
            MapsDirectory = maps,
            Endpoints = new HashSet<string>(StringComparer.Ordinal) { "erp" },
            TimeProvider = new FakeTimeProvider(TestCertificates.Now),
        };
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [TestCaseSource(nameof(ValidProfiles))]
    public void LoadText_ValidProfile_IsUsableWithoutProblems(string yaml)
    {
        var loaded = Load(yaml);
        Assert.That(loaded.Problems, Is.Empty, Describe(loaded));
        Assert.That(loaded.IsUsable, Is.True);
    }

    [TestCaseSource(nameof(BrokenProfiles))]
    public void LoadText_OneDefect_ReportsLinePathAndMessage(string yaml, int line, string path, string message)
    {
        var loaded = Load(yaml);
        Assert.That(loaded.Problems, Has.Some.Matches<ProfileError>(e =>
            e.Severity == ProfileSeverity.Error && e.Line == line && e.Path == path && e.Message.Contains(message, StringComparison.Ordinal)),
            $"expected line {line}, {path}: …{message}…; got:\n{Describe(loaded)}");
        Assert.That(loaded.IsUsable, Is.False, Describe(loaded));
    }

    [Test]
    public void LoadText_PasswordWrittenInline_NeverRepeatsIt()
    {
        var loaded = Load(Edit(Sftp, "file:secrets/sftp-password", InlinePassword));
        Assert.That(loaded.Problems.Select(p => p.ToString()), Has.Some.Contains("transports.sftp.password").And.All.Not.Contains(InlinePassword));
    }

    [Test]
    public void LoadText_LeadingByteOrderMark_IsIgnored()
    {
        Assert.That(Load("\uFEFF" + Base).Problems, Is.Empty);
    }

    [Test]
    public void LoadText_NestedThousandsDeep_IsRefusedAtTheLimitNotParsedToTheEnd()
    {
        var loaded = Load(Base + "extra: " + new string('[', 5_000) + "\n");
        Assert.That(loaded.Problems.Select(p => p.ToString()), Has.Some.Contains("nested more than 64 levels deep"));
    }

    [Test]
    public void ToString_Error_NamesFileLineAndPath()
    {
        var loaded = Load(Edit(Sftp, "    inboundFolder:", "    port: 70000\n    inboundFolder:"));
        Assert.That(loaded.Problems.Select(p => p.ToString()),
            Has.Member("partner-profiles/base.yaml line 24, transports.sftp.port: 70000 is outside 1 to 65535"));
    }

    private static IEnumerable<TestCaseData> ValidProfiles()
    {
        yield return new TestCaseData(Base).SetArgDisplayNames("folder");
        yield return new TestCaseData(As2).SetArgDisplayNames("AS2");
        yield return new TestCaseData(Sftp).SetArgDisplayNames("SFTP");
        yield return new TestCaseData(Agreement("    map: x12-850-to-erp\n    endpoint: erp\n")).SetArgDisplayNames("map and endpoint");
    }

    private static IEnumerable<TestCaseData> BrokenProfiles()
    {
        // YAML itself.
        yield return Case("bad indentation", Edit(Base, "    version:", "   version:"), 13, "", "YAML syntax: ");
        yield return Case("unclosed bracket", Edit(Base, "inbox: folders/base/inbox", "inbox: [folders/base/inbox"), 19, "", "YAML syntax: ");
        yield return Case("duplicate key", Edit(Base, "name: Base Partner\n", "name: Base Partner\nname: Base Partner Inc.\n"), 3, "",
            "'name' is written twice (first on line 2); keep one");
        yield return Case("anchor", Edit(Base, "name: Base Partner", "name: &title Base Partner"), 2, "", "anchors (&title) are not supported");
        yield return Case("alias", Base + "envelope:\n  x12:\n    controlNumbers:\n      interchange: &range { from: 1, to: 5000 }\n      group: *range\n", 23, "",
            "aliases (*range) are not supported");
        yield return Case("second document", Base + "---\nid: other\n", 19, "", "the file holds one YAML document");
        yield return Case("empty file", "", 0, "", "the file is empty");
        yield return Case("only comments", "# to do: fill in\n", 0, "", "the file is empty");

        // Fields and types.
        yield return Case("unknown top-level field", Edit(Base, "name: Base", "nmae: Base"), 2, "nmae", "unknown field 'nmae'; did you mean 'name'?");
        yield return Case("unknown agreement field", Edit(Base, "direction:", "directon:"), 15, "agreements[0].directon",
            "unknown field 'directon'; did you mean 'direction'?");
        yield return Case("unknown transport", Edit(Base, "  folder:", "  foldr:"), 17, "transports.foldr", "unknown field 'foldr'; did you mean 'folder'?");
        yield return Case("list where a mapping goes", Edit(Base, "    qualifier: ZZ\n    id: DISTRIBUTOR", "    - qualifier: ZZ\n      id: DISTRIBUTOR"), 9,
            "ourIdentity.x12", "expected a mapping (key: value lines), found a list");
        yield return Case("mapping where a value goes", Edit(Base, "name: Base Partner", "name:\n  legal: Base Partner"), 3, "name",
            "expected a single value, found a mapping");
        yield return Case("list where a value goes", Edit(Base, "name: Base Partner", "name: [Base, Partner]"), 2, "name", "expected a single value, found a list");
        yield return Case("text where a number goes", Agreement("    duplicateWindowDays: thirty\n"), 16, "agreements[0].duplicateWindowDays",
            "'thirty' is not a whole number");
        yield return Case("yes for a boolean", Base + "envelope:\n  x12:\n    lineBreakAfterSegment: yes\n", 21, "envelope.x12.lineBreakAfterSegment",
            "'yes' is not true or false");
        yield return Case("unknown encryption", As2 + "    encryption: aes512\n", 26, "transports.as2.encryption", "'aes512' is not one of aes128, aes192, aes256");
        yield return Case("enum in the wrong case", Edit(Base, "standard: x12", "standard: X12"), 12, "agreements[0].standard",
            "'X12' is not one of x12, edifact; did you mean 'x12'?");
        yield return Case("missing name", Edit(Base, "name: Base Partner\n", ""), 1, "name", "missing; add 'name:' (The name support staff see.)");
        yield return Case("missing transports", Edit(Base, "transports:\n  folder:\n    inbox: folders/base/inbox\n", ""), 1, "transports", "missing; add 'transports:'");
        yield return Case("missing qualifier", Edit(Base, "    - qualifier: ZZ\n      id:", "    - id:"), 5, "identities.x12[0].qualifier", "missing; add 'qualifier:'");

        // Values.
        yield return Case("X12 id of 16 characters", Edit(Base, "id: BASEPARTNER", "id: BASEPARTNER12345"), 6, "identities.x12[0].id",
            "'BASEPARTNER12345' is 16 characters; at most 15 are allowed");
        yield return Case("id with uppercase", Edit(Base, "id: base", "id: Base"), 1, "id", "'Base' is not valid: use lowercase letters");
        yield return Case("version 4010", Edit(Base, "\"004010\"", "\"4010\""), 13, "agreements[0].version", "'4010' is not valid: write an X12 version such as 004010");
        yield return Case("qualifier Z", Edit(Base, "- qualifier: ZZ", "- qualifier: Z"), 5, "identities.x12[0].qualifier",
            "'Z' is not valid: write the two-character ID qualifier");
        yield return Case("port 70000", Sftp + "    port: 70000\n", 25, "transports.sftp.port", "70000 is outside 1 to 65535");
        yield return Case("duplicateWindowDays -1", Agreement("    duplicateWindowDays: -1\n"), 16, "agreements[0].duplicateWindowDays", "-1 is outside 0 to 3650");
        yield return Case("bad host key fingerprint", Edit(Sftp, "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8", "SHA256:abc"), 22,
            "transports.sftp.hostKeyFingerprint", "'SHA256:abc' is not valid: write the SHA256 fingerprint");
        yield return Case("bad sender address", Base + "  email:\n    allowedSenders: [edi-at-base.example]\n", 20, "transports.email.allowedSenders[0]",
            "'edi-at-base.example' is not valid: write an address such as edi@partner.example");
        yield return Case("password written inline", Edit(Sftp, "file:secrets/sftp-password", InlinePassword), 23, "transports.sftp.password",
            "a secret must be a reference, env:NAME (an environment variable) or file:PATH");
        yield return Case("schedule of four fields", Sftp + "    schedule: \"*/5 * * *\"\n", 25, "transports.sftp.schedule", "'*/5 * * *' has 4 fields; write five");
        yield return Case("schedule hour 25", Sftp + "    schedule: \"*/5 25 * * *\"\n", 25, "transports.sftp.schedule", "'*/5 25 * * *' is not a cron schedule");

        // Found by the first run of this table: each was accepted or crashed the load.
        yield return Case("required id with no value", Edit(Base, "id: base", "id:"), 1, "id", "has no value; write one after 'id:'");
        yield return Case("required qualifier with no value", Edit(Base, "    - qualifier: ZZ", "    - qualifier:"), 5, "identities.x12[0].qualifier", "has no value");
        yield return Case("required direction as ~", Edit(Base, "direction: inbound", "direction: ~"), 15, "agreements[0].direction", "has no value");
        yield return Case("unclosed bracket mid-file", Edit(Base, "    - qualifier: ZZ\n      id: BASEPARTNER\n", "    [{ qualifier: ZZ, id: BASEPARTNER }\n"), 5, "",
            "YAML syntax: an unclosed [ or {");
        yield return Case("tab indentation", Edit(Base, "    inbox:", "\tinbox:"), 18, "", "a tab in the indentation");
        yield return Case("env reference with a bad name", Edit(Sftp, "file:secrets/sftp-password", "env:BAD-NAME"), 23, "transports.sftp.password",
            "after 'env:' write an environment variable name");
        yield return Case("number far too large", Agreement("    duplicateWindowDays: 99999999999\n"), 16, "agreements[0].duplicateWindowDays", "99999999999 is far too large");

        // Agreements.
        yield return Case("id not the file name", Edit(Base, "id: base", "id: other"), 1, "id",
            "'other' does not match the file name base.yaml; rename the file to other.yaml or set id: base");
        yield return Case("no agreements", Edit(Base, "agreements:\n  - standard: x12\n    version: \"004010\"\n    document: \"850\"\n    direction: inbound\n",
            "agreements: []\n"), 11, "agreements", "no agreements: add at least one");
        yield return Case("duplicate agreement", Agreement("  - standard: x12\n    version: \"004010\"\n    document: \"850\"\n    direction: inbound\n"), 16, "agreements[1]",
            "a second agreement for X12 004010 850 inbound (the first is agreements[0]); keep one");
        yield return Case("X12 version with EDIFACT standard", Edit(Base, "standard: x12", "standard: edifact"), 13, "agreements[0].version",
            "'004010' is not an EDIFACT directory such as D96A; check standard and version");
        yield return Case("CONTRL on X12", Agreement("    acknowledgments:\n      contrl: always\n"), 17, "agreements[0].acknowledgments.contrl",
            "CONTRL is EDIFACT's acknowledgment");
        yield return Case("999 for 004010", Agreement("    acknowledgments:\n      functional: \"999\"\n"), 17, "agreements[0].acknowledgments.functional",
            "the 999 exists from version 005010; a 004010 partner gets a 997");
        yield return Case("expectedWithinHours inbound", Agreement("    acknowledgments:\n      expectedWithinHours: 24\n"), 17,
            "agreements[0].acknowledgments.expectedWithinHours", "applies to outbound agreements");
        yield return Case("outbound without transport", Edit(Base, "direction: inbound", "direction: outbound"), 12, "agreements[0]",
            "an outbound agreement needs 'transport:' to say how we send it; one of: folder");
        yield return Case("transport not configured", Agreement("    transport: as2\n"), 16, "agreements[0].transport",
            "'as2' is not configured; add transports.as2 or choose one of: folder");
        yield return Case("map not found", Agreement("    map: x12-850-to-crm\n"), 16, "agreements[0].map", "no map 'x12-850-to-crm' in ");
        yield return Case("endpoint unknown", Agreement("    endpoint: crm\n"), 16, "agreements[0].endpoint",
            "no endpoint 'crm' in Gateway:Endpoints of appsettings.json; endpoints there: erp");
        yield return Case("EDIFACT agreement without identities.edifact",
            Agreement("  - standard: edifact\n    version: D96A\n    document: ORDERS\n    direction: inbound\n"), 16, "agreements[1]",
            "an EDIFACT agreement needs identities.edifact (the partner's envelope ids) and ourIdentity.edifact");

        // Transports.
        yield return Case("no transport", Edit(Base, "transports:\n  folder:\n    inbox: folders/base/inbox\n", "transports: {}\n"), 16, "transports",
            "no transport: add at least one of as2, sftp, email or folder");
        yield return Case("missing certificate file", Edit(As2, "certs/partner.cer", "certs/missing.cer"), 23, "transports.as2.partnerCertificate",
            "missing.cer does not exist; put the file there or correct the path");
        yield return Case("control character in a certificate path", Edit(As2, "certs/partner.cer", "\"certs/part\\0ner.cer\""), 23, "transports.as2.partnerCertificate",
            "the file name holds a control character the file system refuses");
        yield return Case("text file as certificate", Edit(As2, "certs/partner.cer", "certs/readme.cer"), 23, "transports.as2.partnerCertificate",
            "certs/readme.cer is not a certificate in PEM or DER form");
        yield return Case("certificate as key pair", Edit(As2, "file: certs/ours.pfx", "file: certs/partner.cer"), 25, "transports.as2.ourCertificate.file",
            "certs/partner.cer cannot be opened as a .pfx/.p12 key pair");
        yield return Case("3des without allowLegacyAlgorithms", As2 + "    encryption: 3des\n", 26, "transports.as2.encryption", "3des is a legacy algorithm");
        yield return Case("sha1 without allowLegacyAlgorithms", As2 + "    signing: sha1\n", 26, "transports.as2.signing", "sha1 is a legacy algorithm");
        yield return Case("async MDN without asyncMdnUrl", As2 + "    mdn: async\n", 20, "transports.as2.asyncMdnUrl", "missing: mdn is async");
        yield return Case("http URL with encryption none", Edit(As2, "https://", "http://") + "    encryption: none\n", 26, "transports.as2.encryption",
            "none over plain http");
        yield return Case("URL without scheme", Edit(As2, "https://", ""), 22, "transports.as2.url", "'as2.base.example/receive' is not an http(s) URL");
        yield return Case("sftp without credentials", Edit(Sftp, "    password: file:secrets/sftp-password\n", ""), 20, "transports.sftp",
            "no credential: add password (env:NAME or file:PATH) or privateKey");
        yield return Case("sftp without folders", Edit(Sftp, "    inboundFolder: /outbox\n", ""), 20, "transports.sftp",
            "neither inboundFolder nor outboundFolder is given");
        yield return Case("afterPickup move without moveTo", Sftp + "    afterPickup: move\n", 20, "transports.sftp.moveTo", "missing: afterPickup is move");
        yield return Case("empty allowedSenders", Base + "  email:\n    allowedSenders: []\n", 20, "transports.email.allowedSenders",
            "empty: list the addresses the partner sends from");

        // Envelopes.
        yield return Case("same delimiter twice", Base + "envelope:\n  x12:\n    componentSeparator: \"*\"\n", 21, "envelope.x12.componentSeparator",
            "'*' is also the elementSeparator; each delimiter must differ");
        yield return Case("letter as delimiter", Base + "envelope:\n  x12:\n    segmentTerminator: \"A\"\n", 21, "envelope.x12.segmentTerminator",
            "'A' would also appear in data");
        yield return Case("controlNumbers from not below to", Base + "envelope:\n  x12:\n    controlNumbers:\n      interchange: { from: 500, to: 500 }\n", 22,
            "envelope.x12.controlNumbers.interchange", "from 500 is not below to 500");
        yield return Case("UNOW with syntax version 3", Base + "envelope:\n  edifact:\n    syntaxIdentifier: UNOW\n", 21, "envelope.edifact.syntaxIdentifier",
            "UNOW needs syntax version 4");
    }

    private static TestCaseData Case(string scenario, string yaml, int line, string path, string message) =>
        new TestCaseData(yaml, line, path, message).SetArgDisplayNames(scenario);

    // Base with agreement fields (or further agreements) inserted after line 15.
    private static string Agreement(string lines) => Edit(Base, "    direction: inbound\n", "    direction: inbound\n" + lines);

    private static string Edit(string text, string old, string replacement) =>
        text.Contains(old, StringComparison.Ordinal)
            ? text.Replace(old, replacement, StringComparison.Ordinal)
            : throw new ArgumentException($"'{old}' is not in the profile", nameof(old));

    private static string Describe(LoadedProfile loaded) =>
        loaded.Problems.Count == 0 ? "(no problems)" : string.Join("\n", loaded.Problems.Select(p => p.ToString()));

    private LoadedProfile Load(string yaml) => ProfileLoader.LoadText(FileName, yaml, _options);
}

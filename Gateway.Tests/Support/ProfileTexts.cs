namespace Gateway.Tests.Support;

/// <summary>Small valid profile files for tests that need partners, not profile edge cases.</summary>
internal static class ProfileTexts
{
    /// <summary>GLOBEX sending 850s to the ERP over <paramref name="transports"/>, a block as <see cref="SshServer.ProfileBlock"/> writes it.</summary>
    public static string Globex(string transports, string id = "globex") => $$"""
        id: {{id}}
        name: Globex
        identities:
          x12:
            - { qualifier: ZZ, id: GLOBEX }
        ourIdentity:
          x12: { qualifier: ZZ, id: DISTRIBUTOR }
        agreements:
          - { standard: x12, version: "004010", document: "850", direction: inbound, endpoint: erp }
        transports:
        {{transports}}
        """;

    /// <summary>PARTNER sending 850s to the ERP by mail from <see cref="MailServer.Partner"/>.</summary>
    public static string MailPartner() => $$"""
        id: partner
        name: Partner by mail
        identities:
          x12:
            - { qualifier: ZZ, id: PARTNER }
        ourIdentity:
          x12: { qualifier: ZZ, id: DISTRIBUTOR }
        agreements:
          - { standard: x12, version: "004010", document: "850", direction: inbound, endpoint: erp }
        transports:
          email:
            allowedSenders: [{{MailServer.Partner}}]
            outboundAddress: {{MailServer.Partner}}
        """;

    /// <summary>An X12 004010 partner sending 850s and receiving 856s on the folder transport; <paramref name="envelope"/> is appended as written.</summary>
    public static string X12Partner(string id, string x12Id, string ourId = "DISTRIBUTOR", string envelope = "") => $$"""
        id: {{id}}
        name: Partner {{id}}
        identities:
          x12:
            - qualifier: ZZ
              id: {{x12Id}}
        ourIdentity:
          x12: { qualifier: ZZ, id: {{ourId}} }
        agreements:
          - standard: x12
            version: "004010"
            document: "850"
            direction: inbound
          - standard: x12
            version: "004010"
            document: "856"
            direction: outbound
            transport: folder
            acknowledgments: { expectedWithinHours: 24 }
        transports:
          folder: { inbox: folders/{{id}}/inbox, outbox: folders/{{id}}/outbox }

        """ + envelope;

    /// <summary>An EDIFACT D96A partner sending ORDERS by folder.</summary>
    public static string EdifactPartner(string id, string gln, string? qualifier = "14", string ourGln = "4000000000001") => $$"""
        id: {{id}}
        name: Partner {{id}}
        identities:
          edifact:
            - id: "{{gln}}"
        {{(qualifier is null ? "" : $"      qualifier: \"{qualifier}\"")}}
        ourIdentity:
          edifact: { id: "{{ourGln}}", qualifier: "14" }
        agreements:
          - standard: edifact
            version: D96A
            document: ORDERS
            direction: inbound
        transports:
          folder: { inbox: folders/{{id}}/inbox }
        """;
}

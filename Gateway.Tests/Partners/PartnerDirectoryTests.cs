using Gateway.Partners.Identification;
using Gateway.Partners.Loading;
using Gateway.Partners.Profiles;
using Gateway.Tests.Support;

namespace Gateway.Tests.Partners;

/// <summary>Identity resolution: envelope sender/receiver and transport identity to partner and agreement.</summary>
public class PartnerDirectoryTests
{
    private static readonly PartnerDirectory Directory = new([
        Load("acme", ProfileTexts.X12Partner("acme", "ACME")),
        Load("globex", ProfileTexts.X12Partner("globex", "GLOBEX", ourId: "DIST2")),
        Load("europa", ProfileTexts.EdifactPartner("europa", "4012345000009")),
        Load("loose", ProfileTexts.EdifactPartner("loose", "LOOSE", qualifier: null)),
    ]);

    [Test]
    public void IdentifyX12_KnownSenderAndOurIdentity_Identified()
    {
        var result = Directory.IdentifyX12("ZZ", "ACME           ", "ZZ", "DISTRIBUTOR    ", receivedFrom: null);
        Assert.That(result.Outcome, Is.EqualTo(IdentificationOutcome.Identified));
        Assert.That(result.Partner!.Id, Is.EqualTo("acme"));
    }

    [Test]
    public void IdentifyX12_UnknownSender_NamesTheIdentityAndTheFix()
    {
        var result = Directory.IdentifyX12("ZZ", "NOBODY", "ZZ", "DISTRIBUTOR", receivedFrom: null);
        Assert.That(result.Outcome, Is.EqualTo(IdentificationOutcome.UnknownSender));
        Assert.That(result.Partner, Is.Null);
        Assert.That(result.Message, Does.Contain("ZZ:NOBODY").And.Contain("identities.x12"));
    }

    [Test]
    public void IdentifyX12_SameIdOtherQualifier_IsUnknown()
    {
        Assert.That(Directory.IdentifyX12("01", "ACME", "ZZ", "DISTRIBUTOR", null).Outcome, Is.EqualTo(IdentificationOutcome.UnknownSender));
    }

    [Test]
    public void IdentifyX12_ReceiverIsOurIdentityWithAnotherPartner_UnknownReceiver()
    {
        var result = Directory.IdentifyX12("ZZ", "GLOBEX", "ZZ", "DISTRIBUTOR", null);
        Assert.That(result.Outcome, Is.EqualTo(IdentificationOutcome.UnknownReceiver));
        Assert.That(result.Partner!.Id, Is.EqualTo("globex"));
        Assert.That(result.Message, Does.Contain("ZZ:DIST2"));
    }

    [Test]
    public void IdentifyX12_ArrivedOverAnotherPartnersTransport_TransportMismatch()
    {
        var result = Directory.IdentifyX12("ZZ", "ACME", "ZZ", "DISTRIBUTOR", receivedFrom: Directory.Find("globex"));
        Assert.That(result.Outcome, Is.EqualTo(IdentificationOutcome.TransportMismatch));
        Assert.That(result.Message, Does.Contain("globex"));
    }

    [Test]
    public void IdentifyX12_ArrivedOverItsOwnTransport_Identified()
    {
        Assert.That(Directory.IdentifyX12("ZZ", "ACME", "ZZ", "DISTRIBUTOR", Directory.Find("acme")).IsIdentified, Is.True);
    }

    [Test]
    public void IdentifyEdifact_QualifierMustMatchWhenTheProfileGivesOne()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Directory.IdentifyEdifact("4012345000009", "14", "4000000000001", "14", null).Partner?.Id, Is.EqualTo("europa"));
            Assert.That(Directory.IdentifyEdifact("4012345000009", "ZZZ", "4000000000001", "14", null).Outcome, Is.EqualTo(IdentificationOutcome.UnknownSender));
            Assert.That(Directory.IdentifyEdifact("LOOSE", "ZZZ", "4000000000001", "14", null).Partner?.Id, Is.EqualTo("loose"));
            Assert.That(Directory.IdentifyEdifact("LOOSE", null, "4000000000001", "14", null).IsIdentified, Is.True);
            Assert.That(Directory.IdentifyEdifact("4012345000009", "14", "4000000000002", "14", null).Outcome, Is.EqualTo(IdentificationOutcome.UnknownReceiver));
        });
    }

    [Test]
    public void FindAgreement_MatchesVersionPrefixDocumentAndDirection()
    {
        var acme = Directory.Find("acme")!;
        Assert.Multiple(() =>
        {
            Assert.That(PartnerDirectory.FindAgreement(acme, EdiStandard.X12, "004010VICS", "850", DocumentDirection.Inbound)?.Document, Is.EqualTo("850"));
            Assert.That(PartnerDirectory.FindAgreement(acme, EdiStandard.X12, "004010", "850", DocumentDirection.Outbound), Is.Null);
            Assert.That(PartnerDirectory.FindAgreement(acme, EdiStandard.X12, "005010", "850", DocumentDirection.Inbound), Is.Null);
            Assert.That(PartnerDirectory.FindAgreement(acme, EdiStandard.X12, "004010", "856", DocumentDirection.Outbound)?.Transport, Is.Not.Null);
        });
    }

    private static PartnerProfile Load(string id, string text)
    {
        var loaded = ProfileLoader.LoadText($"{id}.yaml", text, new ProfileCheckOptions { ProfilesDirectory = Path.GetTempPath() });
        Assert.That(loaded.Problems, Is.Empty, string.Join("\n", loaded.Problems));
        return loaded.Profile!;
    }
}

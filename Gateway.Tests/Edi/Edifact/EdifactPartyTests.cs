using System.Text;
using Gateway.Edi.Edifact;
using Gateway.Edi.Validation;

namespace Gateway.Tests.Edi.Edifact;

/// <summary>Unknown sender (0085 23) and recipient (0085 7), checked only when identities are given.</summary>
public class EdifactPartyTests
{
    private const string Interchange = "UNB+UNOC:3+STRANGER:14+US:14+261128:1200+9'UNZ+0+9'";

    [Test]
    public void Validate_SenderNotAmongKnownPartners_Reports23()
    {
        EdiIssue issue = Validate(new EdifactValidatorOptions { KnownSenderIds = ["PARTNER"] }).Single();
        Assert.That((issue.Code, issue.SegmentTag, issue.ElementPosition, issue.ComponentPosition), Is.EqualTo((EdiIssueCode.UnknownSender, "UNB", 2, 1)));
        Assert.That(EdifactSyntaxErrorCodes.Of(issue.Code), Is.EqualTo("23"));
    }

    [Test]
    public void Validate_RecipientNotOurs_Reports7()
    {
        EdiIssue issue = Validate(new EdifactValidatorOptions { OurRecipientIds = ["WE"] }).Single();
        Assert.That((issue.Code, EdifactSyntaxErrorCodes.Of(issue.Code)), Is.EqualTo((EdiIssueCode.UnknownReceiver, "7")));
    }

    [Test]
    public void Validate_NoIdentitiesGiven_AcceptsAnyParty()
    {
        Assert.That(Validate(EdifactValidatorOptions.Default), Is.Empty);
    }

    private static List<EdiIssue> Validate(EdifactValidatorOptions options) =>
        [.. new EdifactValidator(options).ValidateStream(new MemoryStream(Encoding.ASCII.GetBytes(Interchange))).Single().AllIssues];
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Gateway.Tests.Support;

namespace Gateway.Tests.Attacks;

/// <summary>
/// Issue #11 item 3: the attack classes this folder tries (cases tried, failures) and the ones other fixtures already
/// cover, printed as one table when the folder's tests end.
/// </summary>
[SetUpFixture]
public sealed class AttackSummary
{
    private static readonly ConcurrentDictionary<string, (int Cases, int Failures, string Tests)> Rows = new(StringComparer.Ordinal);

    /// <summary>Attack classes covered by existing tests elsewhere (not repeated here), with the tests that cover them.</summary>
    private static readonly (string Class, int Cases, string Tests)[] Catalogue =
    [
        ("AS2 unsigned / unencrypted (insufficient security)", 2, "As2ReceiveTests.Refused_message_… EncryptedButNotSigned, SignedButNotEncrypted"),
        ("AS2 wrong signer / unknown partnership", 2, "As2ReceiveTests.Refused_message_… SignedByAnotherCertificate, UnknownPartnership"),
        ("AS2 tampered after signing", 1, "As2ReceiveTests.Refused_message_… ContentChangedAfterSigning"),
        ("AS2 weak algorithms (SHA-1, 3DES, MD5 MIC)", 3, "As2ReceiveTests.Refused_message_… Sha1Signature, TripleDesEncryption, Md5OnlyMicRequested"),
        ("AS2 wrong recipient key / malformed Message-ID", 2, "As2ReceiveTests.Refused_message_… EncryptedToAnotherCertificate, MessageIdWithSpace"),
        ("AS2 compression bomb / corrupt compression", 2, "As2ReceiveTests.Refused_message_… CompressionBomb, CorruptCompressedData"),
        ("AS2 oversized body", 1, "As2ReceiveTests.A_body_over_the_partnership_limit_is_refused_before_it_is_read"),
        ("AS2 same Message-ID replayed", 1, "As2ReceiveTests.A_repeated_Message_ID_gets_the_original_MDN_and_is_not_processed_again"),
        ("AS2 partner listener surface", 5, "As2ReceiveTests.The_partner_listener_serves_nothing_but_AS2_and_health"),
        ("Async MDN to a URL the message names (loopback other port)", 1, "As2SendTests.An_asynchronous_MDN_we_owe_goes_only_to_the_partners_own_address"),
        ("Forged (unsigned) async MDN", 1, "As2SendTests.An_asynchronous_MDN_posted_to_the_partner_listener_closes_the_delivery"),
        ("SFTP remote names (backslash traversal, control, shell)", 4, "SftpTransportTests.Remote_names_are_data_and_never_reach_a_local_path"),
        ("SFTP host key not pinned", 1, "SftpTransportTests.A_host_key_that_is_not_the_pinned_one_is_refused_before_any_credential"),
        ("Email from a stranger / unsigned S/MIME", 3, "EmailTransportTests.Mail_from_a_stranger_…, SecureEmailTests.Mail_not_signed_by_the_partner_is_quarantined"),
        ("Every admin route: anonymous, each role (route inventory)", 3, "RouteInventoryTests.Every_route_…, Anonymous_callers_…, Each_API_token_…"),
        ("Console sessions: lockout, CSRF, role change, revoked token, headers", 7, "ConsoleSecurityTests.*"),
        ("Same interchange twice (envelope duplicate, TA1 025)", 2, "GatewayServiceTests.SameInterchangeTwice_…, EdifactInterchangeTwice_…"),
        ("Unknown sender in the envelope", 1, "GatewayServiceTests.UnknownSender_IsQuarantinedWithoutAcknowledgment"),
    ];

    /// <summary>Adds the outcome of one test to its attack class's row.</summary>
    public static void Record(string attackClass, int cases, int failures, string test) =>
        Rows.AddOrUpdate(attackClass, (cases, failures, test), (_, row) => (row.Cases + cases, row.Failures + failures, row.Tests + ", " + test));

    [OneTimeTearDown]
    public void Print()
    {
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"{"Attack class",-62} | {"Cases",5} | {"Failures",8} | Tests");
        table.AppendLine(new string('-', 120));
        foreach (var (name, row) in Rows.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            table.AppendLine(CultureInfo.InvariantCulture, $"{name,-62} | {row.Cases,5} | {row.Failures,8} | {row.Tests}");
        }
        foreach (var (name, cases, tests) in Catalogue)
        {
            table.AppendLine(CultureInfo.InvariantCulture, $"{"(existing) " + name,-62} | {cases,5} | {"-",8} | {tests}");
        }
        table.AppendLine(CultureInfo.InvariantCulture, $"Tried here: {Rows.Values.Sum(r => r.Cases)} cases, {Rows.Values.Sum(r => r.Failures)} failures, {Rows.Count} classes; catalogued elsewhere: {Catalogue.Length} classes, {Catalogue.Sum(c => c.Cases)} cases.");
        RunSummary.Publish("attacks", table.ToString());
    }
}

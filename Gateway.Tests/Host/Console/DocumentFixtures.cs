using Gateway.Host.Tracking;
using Gateway.Tests.Support;

namespace Gateway.Tests.Host.Console;

/// <summary>Documents for the console's document tests: a valid PO, one with a bad element, and waiting for them to settle.</summary>
internal static class DocumentFixtures
{
    /// <summary>A PO whose first line orders "ABC" (PO102, Quantity Ordered, must be numeric): the 997 says AK3 PO1 8 and AK4 2 with code 6.</summary>
    public static string InvalidOrder(int controlNumber) =>
        GatewayFiles.X12Orders("ACME", "DISTRIBUTOR", controlNumber).Replace("PO1*1*3*EA*", "PO1*1*ABC*EA*", StringComparison.Ordinal);

    public static string Reference(int controlNumber) => $"{controlNumber}-PO000001";

    /// <summary>Drops <paramref name="content"/> into ACME's inbox and waits for its document to reach <paramref name="status"/>.</summary>
    public static async Task<DocumentRecord> DropAsync(TestGateway gateway, string name, string content, int controlNumber, DocumentStatus status)
    {
        gateway.Drop(gateway.InboxOf("acme"), name, content);
        DocumentRecord? found = null;
        await TestGateway.WaitUntil(() => (found = Find(gateway, controlNumber)) is { } d && d.Status == status, $"interchange {controlNumber} {status}");
        return found!;
    }

    private static DocumentRecord? Find(TestGateway gateway, int controlNumber) =>
        gateway.Store.QueryDocuments(new DocumentQuery { ControlNumber = $"{controlNumber:000000000}" }) is [var first, ..] ? first : null;
}

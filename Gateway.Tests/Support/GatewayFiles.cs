namespace Gateway.Tests.Support;

/// <summary>Interchanges with chosen identities and control numbers, for tests that drive the running gateway.</summary>
internal static class GatewayFiles
{
    /// <summary>A valid 004010 850 interchange from <paramref name="sender"/> to <paramref name="receiver"/> (ZZ qualifiers) with ISA13 and GS06 = <paramref name="controlNumber"/>.</summary>
    public static string X12Orders(string sender, string receiver, int controlNumber, int sets = 1, string usage = "P") =>
        X12Samples.PurchaseOrders(sets, lines: 2)
            .Replace("ZZ*SENDER         *ZZ*RECEIVER       *", $"ZZ*{sender,-15}*ZZ*{receiver,-15}*", StringComparison.Ordinal)
            .Replace("*000000001*0*P*", $"*{controlNumber:000000000}*0*{usage}*", StringComparison.Ordinal)
            .Replace("GS*PO*SENDER*RECEIVER*20241128*1200*1*", $"GS*PO*{sender}*{receiver}*20241128*1200*{controlNumber}*", StringComparison.Ordinal)
            .Replace($"GE*{sets}*1~", $"GE*{sets}*{controlNumber}~", StringComparison.Ordinal)
            .Replace("IEA*1*000000001~", $"IEA*1*{controlNumber:000000000}~", StringComparison.Ordinal)
            .Replace("BEG*00*SA*PO", $"BEG*00*SA*{controlNumber}-PO", StringComparison.Ordinal);
}

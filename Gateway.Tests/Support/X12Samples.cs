using System.Text;

namespace Gateway.Tests.Support;

/// <summary>Small generated X12 interchanges for tests that must not depend on the corpus.</summary>
internal static class X12Samples
{
    public const string Isa = "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *241128*1200*U*00401*000000001*0*P*>~";

    /// <summary>A valid 004010 850 interchange with <paramref name="sets"/> transaction sets of <paramref name="lines"/> PO1 lines each.</summary>
    public static string PurchaseOrders(int sets = 1, int lines = 2, string separator = "\n")
    {
        var sb = new StringBuilder();
        sb.Append(Isa).Append(separator);
        sb.Append("GS*PO*SENDER*RECEIVER*20241128*1200*1*X*004010~").Append(separator);
        for (int s = 1; s <= sets; s++)
        {
            var body = new List<string>
            {
                $"ST*850*{s:0000}",
                $"BEG*00*SA*PO{s:000000}**20241128",
                "REF*DP*038",
                "DTM*002*20241205",
                "N1*ST*WAREHOUSE 7*92*0007",
                "N3*1 MAIN ST",
                "N4*SPRINGFIELD*IL*62701*US",
            };
            for (int l = 1; l <= lines; l++)
            {
                body.Add($"PO1*{l}*{l * 3}*EA*{l}.25**VP*SKU{l:00000}*UP*0001234567{l % 10}");
                body.Add($"PID*F****WIDGET NUMBER {l}");
            }
            body.Add($"CTT*{lines}");
            body.Add($"SE*{body.Count + 1}*{s:0000}");
            foreach (string segment in body)
            {
                sb.Append(segment).Append('~').Append(separator);
            }
        }
        sb.Append($"GE*{sets}*1~").Append(separator);
        sb.Append("IEA*1*000000001~").Append(separator);
        return sb.ToString();
    }

    public static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text));
}

using System.Text;

namespace Gateway.Benchmarks;

/// <summary>Writes one interchange of 850s with 20 PO1 lines each, valid against the 004010 schema, up to a size.</summary>
internal static class BatchGenerator
{
    public static void Write(string path, long bytes)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20) { NewLine = "\n" };
        writer.WriteLine("ISA*00*          *00*          *ZZ*BENCHSENDER    *ZZ*BENCHRECEIVER  *261128*1200*U*00401*000000001*0*P*>~");
        writer.WriteLine("GS*PO*BENCHSENDER*BENCHRECEIVER*20261128*1200*1*X*004010~");
        int sets = 0;
        var body = new StringBuilder();
        while (writer.BaseStream.Position < bytes - 2000)
        {
            sets++;
            body.Clear();
            int segments = 0;
            void Segment(string text)
            {
                body.Append(text).Append("~\n");
                segments++;
            }
            Segment($"ST*850*{sets:000000000}");
            Segment($"BEG*00*SA*PO{sets:0000000000}**20261128");
            Segment("REF*DP*038");
            Segment("DTM*002*20261205");
            Segment("N1*ST*DISTRIBUTION CENTER 7*92*0007");
            Segment("N3*1200 INDUSTRIAL PARKWAY");
            Segment("N4*SPRINGFIELD*IL*62701*US");
            for (int line = 1; line <= 20; line++)
            {
                Segment($"PO1*{line}*{line * 6}*EA*{line}.75**VP*SKU{sets % 9000 + line:00000}*UP*0123456789{line:00}");
                Segment($"PID*F****WIDGET MODEL {line} BLUE");
            }
            Segment("CTT*20");
            Segment($"SE*{segments + 1}*{sets:000000000}");
            writer.Write(body);
        }
        writer.WriteLine($"GE*{sets}*1~");
        writer.WriteLine("IEA*1*000000001~");
    }

    /// <summary>Writes one EDIFACT interchange of D96A ORDERS with 20 lines each, valid against the schema, up to a size.</summary>
    public static void WriteOrders(string path, long bytes)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20) { NewLine = "\n" };
        writer.WriteLine("UNB+UNOC:3+5412345000013:14+5498765000012:14+261128:1200+1'");
        int messages = 0;
        var body = new StringBuilder();
        while (writer.BaseStream.Position < bytes - 2000)
        {
            messages++;
            body.Clear();
            int segments = 0;
            void Segment(string text)
            {
                body.Append(text).Append("'\n");
                segments++;
            }
            Segment($"UNH+{messages}+ORDERS:D:96A:UN:EAN008");
            Segment($"BGM+220+PO{messages:0000000000}+9");
            Segment("DTM+137:20261128:102");
            Segment("DTM+2:20261205:102");
            Segment("NAD+BY+5412345000013::9");
            Segment("NAD+DP+5412345000020::9");
            Segment("NAD+SU+5498765000012::9");
            Segment("CUX+2:EUR:9");
            for (int line = 1; line <= 20; line++)
            {
                Segment($"LIN+{line}++40008621414{line:00}:SRS");
                Segment($"IMD+F++:::WIDGET MODEL {line} BLUE");
                Segment($"QTY+21:{line * 6}");
                Segment($"PRI+AAA:{line}.75");
            }
            Segment("UNS+S");
            Segment("CNT+2:20");
            Segment($"UNT+{segments + 1}+{messages}");
            writer.Write(body);
        }
        writer.WriteLine($"UNZ+{messages}+1'");
    }
}

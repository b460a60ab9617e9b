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
}

using System.Diagnostics;
using System.Globalization;
using Gateway.Benchmarks;

// Without arguments: generate the 10 MB and 100 MB files, then measure each phase in fresh child processes:
// "measure PHASE FILE" warms up and times; "memory PHASE FILE" makes one pass and reports its peak.
if (args is ["measure", string measuredPhase, string measuredFile])
{
    Console.WriteLine(Measurement.Run(measuredPhase, measuredFile));
    return 0;
}
// "cpu PHASE FILE PASSES": processor time per MB over that many passes after warm-up; steadier than MB/s on a shared machine.
if (args is ["cpu", string cpuPhase, string cpuFile, string cpuPasses])
{
    Console.WriteLine(Measurement.Cpu(cpuPhase, cpuFile, int.Parse(cpuPasses, CultureInfo.InvariantCulture)));
    return 0;
}
if (args is ["memory", string memoryPhase, string memoryFile])
{
    Console.WriteLine(Measurement.Memory(memoryPhase, memoryFile));
    return 0;
}

if (args is ["endtoend", string gatewayExecutable])
{
    HttpFloor.Run();
    EndToEnd.Run(gatewayExecutable);
    return 0;
}

// "as2 GATEWAY [MESSAGES SENDERS]": the AS2 load (issue #8), 4,000 messages just started and 4,000 warm, from 16 senders by default.
if (args is ["as2", string as2Gateway])
{
    As2Load.Run(as2Gateway);
    return 0;
}
if (args is ["as2", string as2SweepGateway, string as2Messages, string as2Senders])
{
    As2Load.Run(as2SweepGateway, int.Parse(as2Messages, CultureInfo.InvariantCulture), int.Parse(as2Senders, CultureInfo.InvariantCulture));
    return 0;
}

// "soak GATEWAY": issue #11's load, AS2 + SFTP + folder for SOAK_MINUTES; run by tests/soak/run.sh, which starts the SFTP server.
if (args is ["soak", string soakGateway])
{
    Soak.Run(soakGateway);
    return Environment.ExitCode;
}

string directory = Path.Combine(Path.GetTempPath(), "gateway-bench");
Directory.CreateDirectory(directory);
Console.WriteLine($"X12 850 and EDIFACT ORDERS batch benchmark, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
Console.WriteLine($"{"standard",-8} {"file",-7} {"phase",-16} {"MB/s",8} {"docs/s",10} {"peak MiB",9}");
// The last run repeats the 100 MB file with a 4 MiB gen0 budget: the default budget is sized from the
// CPU cache and dominates the peak; only DOTNET_GCgen0size sets it (runtimeconfig does not).
foreach ((string standard, int megabytes, string? gen0) in new[]
{
    ("X12", 10, (string?)null), ("X12", 100, null), ("X12", 100, "0x400000"),
    ("EDIFACT", 10, null), ("EDIFACT", 100, null), ("EDIFACT", 100, "0x400000"),
})
{
    string file = Path.Combine(directory, standard == "X12" ? $"850-batch-{megabytes}mb.edi" : $"orders-batch-{megabytes}mb.edi");
    if (!File.Exists(file) || new FileInfo(file).Length < megabytes * 1_000_000L)
    {
        if (standard == "X12")
        {
            BatchGenerator.Write(file, megabytes * 1_000_000L);
        }
        else
        {
            BatchGenerator.WriteOrders(file, megabytes * 1_000_000L);
        }
    }
    foreach (string phase in Measurement.Phases)
    {
        string speed = Child("measure", phase, file, gen0);
        string peak = Child("memory", phase, file, gen0);
        Console.WriteLine($"{standard,-8} {megabytes + " MB",-7} {speed} {peak,9}{(gen0 is null ? "" : "   (gen0 4 MiB)")}");
    }
}

static string Child(string command, string phase, string file, string? gen0)
{
    // Under "dotnet Gateway.Benchmarks.dll" the process is dotnet itself: hand it the assembly again.
    string[] host = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? [typeof(Measurement).Assembly.Location] : [];
    var start = new ProcessStartInfo(Environment.ProcessPath!, [.. host, command, phase, file]) { RedirectStandardOutput = true };
    if (gen0 is not null)
    {
        start.Environment["DOTNET_GCgen0size"] = gen0;
    }
    using Process child = Process.Start(start)!;
    string line = child.StandardOutput.ReadToEnd().Trim();
    child.WaitForExit();
    return line;
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"files in {directory}"));
return 0;

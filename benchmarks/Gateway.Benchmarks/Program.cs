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
if (args is ["memory", string memoryPhase, string memoryFile])
{
    Console.WriteLine(Measurement.Memory(memoryPhase, memoryFile));
    return 0;
}

string directory = Path.Combine(Path.GetTempPath(), "gateway-bench");
Directory.CreateDirectory(directory);
Console.WriteLine($"X12 850 batch benchmark, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
Console.WriteLine($"{"file",-8} {"phase",-16} {"MB/s",8} {"sets/s",10} {"peak MiB",9}");
// The last run repeats the 100 MB file with a 4 MiB gen0 budget: the default budget is sized from the
// CPU cache and dominates the peak; only DOTNET_GCgen0size sets it (runtimeconfig does not).
foreach ((int megabytes, string? gen0) in new[] { (10, (string?)null), (100, null), (100, "0x400000") })
{
    string file = Path.Combine(directory, $"850-batch-{megabytes}mb.edi");
    if (!File.Exists(file) || new FileInfo(file).Length < megabytes * 1_000_000L)
    {
        BatchGenerator.Write(file, megabytes * 1_000_000L);
    }
    foreach (string phase in Measurement.Phases)
    {
        string speed = Child("measure", phase, file, gen0);
        string peak = Child("memory", phase, file, gen0);
        Console.WriteLine($"{megabytes + " MB",-8} {speed} {peak,9}{(gen0 is null ? "" : "   (gen0 4 MiB)")}");
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

using System.Diagnostics;
using System.Globalization;
using Gateway.Benchmarks;

// Without arguments: generate the 10 MB and 100 MB files, then measure each phase in a fresh child
// process (so each peak working set is its own). With "measure PHASE FILE": one measurement.
if (args is ["measure", string measuredPhase, string measuredFile])
{
    Console.WriteLine(Measurement.Run(measuredPhase, measuredFile));
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
        // Under "dotnet Gateway.Benchmarks.dll" the process is dotnet itself: hand it the assembly again.
        string[] host = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? [typeof(Measurement).Assembly.Location] : [];
        var start = new ProcessStartInfo(Environment.ProcessPath!, [.. host, "measure", phase, file]) { RedirectStandardOutput = true };
        if (gen0 is not null)
        {
            start.Environment["DOTNET_GCgen0size"] = gen0;
        }
        using Process child = Process.Start(start)!;
        string line = child.StandardOutput.ReadToEnd().Trim();
        child.WaitForExit();
        Console.WriteLine($"{megabytes + " MB",-8} {line}{(gen0 is null ? "" : "   (gen0 4 MiB)")}");
    }
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"files in {directory}"));
return 0;

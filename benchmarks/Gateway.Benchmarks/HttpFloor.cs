using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Gateway.Benchmarks;

/// <summary>
/// What loopback HTTP alone costs on this machine: an HttpClient posting sales-order-sized bodies to the loopback back
/// end with the gateway's delivery concurrency, nothing else. The end-to-end rows cannot beat half its calls/s (two
/// calls per document), and its CPU per call is paid by every document before any EDI work.
/// </summary>
internal static class HttpFloor
{
    // As many calls as the end-to-end 10 MB interchange makes (5,905 orders, two calls each).
    private const int Calls = 11_810;

    public static void Run()
    {
        using var erp = new LoopbackErp();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{erp.Port}/erp/") };
        string body = "{\"order\":\"" + new string('x', 1200) + "\"}";
        Post(http, body, 0, 2000);   // warm-up: connections open, the code compiled
        int earlier = erp.Keys.Count;
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        Post(http, body, 2000, Calls);
        double seconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        double cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        if (erp.Keys.Count - earlier != Calls)
        {
            throw new InvalidOperationException($"HTTP floor: {erp.Keys.Count - earlier} of {Calls} calls arrived");
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"HTTP alone (loopback, 16 at a time, client and server in one process): {Calls / seconds:N0} calls/s, {1e6 * cpu / Calls:N0} µs of CPU per call, so at most {Calls / seconds / 2:N0} documents/s at two calls each"));
    }

    private static void Post(HttpClient http, string body, int first, int count) =>
        Parallel.ForAsync(first, first + count, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, token) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "sales-orders") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("Idempotency-Key", i.ToString(CultureInfo.InvariantCulture));
            using var response = await http.SendAsync(request, token);
            response.EnsureSuccessStatusCode();
        }).GetAwaiter().GetResult();
}

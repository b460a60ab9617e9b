using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net.Sockets;
using System.Text;
using Gateway.Tests.Support;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.X509;

namespace Gateway.Tests.Attacks;

/// <summary>
/// Compression and size bombs against the real gateway in a child process, adding to the dispositions
/// As2ReceiveTests already checks the oracles of issue #11: each refused in ≤ 2 s, the child's peak memory (VmHWM)
/// grows by less than 200 MB over the bombs sent one at a time, and the process is alive afterwards (a normal message still gets a
/// processed MDN and reaches the ERP).
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class BombTests
{
    private const long Gibibyte = 1024L * 1024 * 1024;
    private const double Seconds = 2;
    private const long MemoryBound = 200L * 1024 * 1024;

    // Five bombs at once (29 MB on the wire, 20 GiB if expanded): each may hold its body, its decrypted and decoded
    // copies and up to the 8 MB budget while the server GC collects lazily; the bound is a tenth of ONE expansion.
    private const long ParallelMemoryBound = 400L * 1024 * 1024;

    private int _interchange = 1800;

    private (string Edi, string Po) Order()
    {
        int number = Interlocked.Increment(ref _interchange);
        return (GatewayFiles.X12Orders("SENDER", "RECEIVER", number), $"{number}-PO000001");
    }

    [Test]
    public async Task Bombs_are_refused_within_two_seconds_with_bounded_memory_and_the_gateway_stays_alive()
    {
        var cases = new AttackCases("Compression / size bombs (≤ 2 s, memory bounded, alive)", "BombTests.Bombs_are_refused_…");
        await using var as2 = await As2Partnership.StartAsync(as2Extra: "    maxMessageSizeMb: 8", start: false);
        // 4 GiB of zeros behind a 4 MB zlib stream, made without compressing 4 GiB (see ZlibZeros).
        byte[] bomb = CompressedEntity(ZlibZeros(Encoding.ASCII.GetBytes("Content-Type: application/edi-x12\r\n\r\n"), 4 * Gibibyte));
        byte[] signedBomb = await OpensslPeer.EncryptAsync(await OpensslPeer.SignAsync(bomb, as2.Partner), as2.Ours);
        // A bomb inside a bomb: the compressed 4 GiB compressed again (a zlib stream of zeros is itself repetitive).
        byte[] nested = CompressedEntity(Zlib(bomb));
        byte[] nestedBomb = await OpensslPeer.EncryptAsync(await OpensslPeer.SignAsync(nested, as2.Partner), as2.Ours);
        var (warmEdi, warmPo) = Order();
        byte[] warm = await as2.SignedAndEncryptedAsync(warmEdi);
        var (aliveEdi, alivePo) = Order();
        byte[] alive = await as2.SignedAndEncryptedAsync(aliveEdi);

        using var child = GatewayChild.Start(as2.Gateway);
        await WaitForListenerAsync(as2, child);
        int pid = ChildPid(as2.Gateway);
        // A normal message first, so the baseline includes a warmed-up receive path (JIT, crypto, stores).
        cases.Check(await ProcessedAsync(as2, warm) is null, "the warm-up message was not processed");
        long before = Status(pid, "VmHWM");
        TestContext.Progress.WriteLine($"bomb sizes: signed+encrypted 4 GiB bomb {signedBomb.Length:N0} bytes, nested {nestedBomb.Length:N0} bytes; VmHWM before {before / 1024 / 1024} MB");

        await cases.RunAsync("4 GiB compression bomb, signed and encrypted", () => RefusedAsync(as2, signedBomb, "decompression-failed"));
        // A second compression layer is refused by design (unexpected-processing-error) before it is expanded.
        await cases.RunAsync("compression bomb inside a compression bomb, signed and encrypted", () => RefusedAsync(as2, nestedBomb, "processed/error"));
        await cases.RunAsync("4 GiB compression bomb, neither signed nor encrypted", () => RefusedAsync(as2, bomb, "processed/error"));
        await cases.RunAsync("Content-Length 10 GB, headers only", () => TooLargeAsync(as2, 10_000_000_000, chunked: false));
        await cases.RunAsync("chunked body without Content-Length, 256 MB on offer", () => TooLargeAsync(as2, 256L * 1024 * 1024, chunked: true));
        long sequential = Status(pid, "VmHWM");
        TestContext.Progress.WriteLine($"VmHWM after the bombs one at a time {sequential / 1024 / 1024} MB (+{(sequential - before) / 1024 / 1024} MB)");
        cases.Check(sequential - before < MemoryBound, $"peak memory grew by {(sequential - before) / 1024 / 1024} MB with one bomb at a time");
        await cases.RunAsync("the same 4 GiB bomb five times in parallel", async () =>
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => RefusedAsync(as2, signedBomb, "decompression-failed", seconds: 5 * Seconds)));
            return answers.FirstOrDefault(a => a is not null);
        });

        long after = Status(pid, "VmHWM");
        TestContext.Progress.WriteLine($"VmHWM after {after / 1024 / 1024} MB (+{(after - before) / 1024 / 1024} MB), VmRSS {Status(pid, "VmRSS") / 1024 / 1024} MB");
        cases.Check(after - before < ParallelMemoryBound, $"peak memory grew by {(after - before) / 1024 / 1024} MB with five bombs at once");
        cases.Check(!child.HasExited, $"the gateway exited: {child.Errors}");
        await cases.RunAsync("a normal message after the bombs", async () =>
            await ProcessedAsync(as2, alive) is { } failure ? failure
            : await Eventually(() => as2.Gateway.Erp.Calls.Any(c => c.Body.Contains(alivePo, StringComparison.Ordinal)), 20) ? null
            : "not delivered to the ERP");
        cases.Check(as2.Gateway.Erp.Calls.Any(c => c.Body.Contains(warmPo, StringComparison.Ordinal)), "the warm-up message was not delivered");
        cases.Check(as2.Gateway.Erp.DistinctKeys == 2, $"the ERP got {as2.Gateway.Erp.DistinctKeys} distinct keys, expected 2 (the bombs delivered something)");
        cases.Finish();
    }

    private static async Task<string?> ProcessedAsync(As2Partnership as2, byte[] message)
    {
        using var response = await as2.PostAsync(message);
        string disposition = As2Partnership.MdnFields(await As2Partnership.EntityAsync(response)).GetValueOrDefault("Disposition", "");
        return disposition.EndsWith("; processed", StringComparison.Ordinal) ? null : $"HTTP {(int)response.StatusCode}, disposition '{disposition}'";
    }

    private static async Task<string?> RefusedAsync(As2Partnership as2, byte[] message, string expected, double seconds = Seconds)
    {
        var clock = Stopwatch.StartNew();
        using var response = await as2.PostAsync(message);
        double elapsed = clock.Elapsed.TotalSeconds;
        string disposition = As2Partnership.MdnFields(await As2Partnership.EntityAsync(response)).GetValueOrDefault("Disposition", "");
        TestContext.Progress.WriteLine($"  refused in {elapsed:F2} s: {disposition}");
        return !disposition.Contains(expected, StringComparison.Ordinal) ? $"HTTP {(int)response.StatusCode}, disposition '{disposition}'"
            : elapsed > seconds ? $"answered in {elapsed:F2} s"
            : null;
    }

    // Offers a body of `size` bytes (declared in Content-Length, or chunked) and expects 413 before the body is taken.
    private static async Task<string?> TooLargeAsync(As2Partnership as2, long size, bool chunked)
    {
        var uri = new Uri(as2.ListenerUrl);
        using var client = new TcpClient();
        await client.ConnectAsync(uri.Host, uri.Port);
        var stream = client.GetStream();
        var clock = Stopwatch.StartNew();
        string headers = $"POST /as2 HTTP/1.1\r\nHost: {uri.Authority}\r\nAS2-Version: 1.2\r\nAS2-From: \"{As2Partnership.PartnerAs2Id}\"\r\nAS2-To: {As2Partnership.OurAs2Id}\r\n"
            + $"Message-ID: {As2Partnership.NewMessageId()}\r\nContent-Type: application/pkcs7-mime; smime-type=enveloped-data\r\n"
            + (chunked ? "Transfer-Encoding: chunked\r\n" : $"Content-Length: {size.ToString(CultureInfo.InvariantCulture)}\r\n") + "\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(headers));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var answer = ReadAnswerAsync(stream, timeout.Token);
        if (chunked)
        {
            byte[] chunk = [.. Encoding.ASCII.GetBytes("10000\r\n"), .. new byte[0x10000], .. "\r\n"u8];
            try
            {
                for (long sent = 0; sent < size && !answer.IsCompleted; sent += 0x10000)
                {
                    await stream.WriteAsync(chunk, timeout.Token);
                }
            }
            catch (IOException)
            {
                // The server closed the connection on the body it refused.
            }
        }
        string status = await answer;
        double elapsed = clock.Elapsed.TotalSeconds;
        TestContext.Progress.WriteLine($"  {(chunked ? "chunked" : "declared")} {size:N0} bytes: '{status}' after {elapsed:F2} s");
        return !status.StartsWith("HTTP/1.1 413", StringComparison.Ordinal) ? $"answer '{status}'"
            : elapsed > Seconds ? $"answered in {elapsed:F2} s"
            : null;
    }

    private static async Task<string> ReadAnswerAsync(NetworkStream stream, CancellationToken cancellation)
    {
        var line = new StringBuilder();
        byte[] one = new byte[1];
        try
        {
            while (await stream.ReadAsync(one, cancellation) == 1 && one[0] != '\n')
            {
                line.Append((char)one[0]);
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException)
        {
            line.Append(CultureInfo.InvariantCulture, $" ({exception.GetType().Name})");
        }
        return line.ToString().Trim();
    }

    /// <summary>
    /// A zlib stream of <paramref name="prefix"/> then <paramref name="zeros"/> zero bytes, at the best ratio (about
    /// 1:1000), made in a second: deflate flushed after each MiB of zeros writes the same bytes for each MiB once the
    /// window holds only zeros, so one flushed MiB is repeated (checked against the next one) and the stream ends with an
    /// empty final block and the Adler-32 of the whole content.
    /// </summary>
    private static byte[] ZlibZeros(byte[] prefix, long zeros)
    {
        const int MiB = 1024 * 1024;
        using var raw = new MemoryStream();
        using var deflate = new DeflateStream(raw, CompressionLevel.SmallestSize, leaveOpen: true);
        byte[] block = new byte[MiB];
        deflate.Write(prefix);
        deflate.Flush();
        byte[] head = Take(raw);
        var repeats = new List<byte[]>();
        for (int i = 0; i < 3; i++)
        {
            deflate.Write(block);
            deflate.Flush();
            repeats.Add(Take(raw));
        }
        Assert.That(repeats[2], Is.EqualTo(repeats[1]), "a flushed MiB of zeros deflates to the same bytes each time");
        using var output = new MemoryStream();
        output.Write([0x78, 0xDA]);
        output.Write(head);
        output.Write(repeats[0]);
        for (long i = 1; i < zeros / MiB; i++)
        {
            output.Write(repeats[1]);
        }
        // The empty final block (fixed Huffman, end of block) and the checksum: zeros leave a alone and add a to b.
        output.Write([0x03, 0x00]);
        uint a = 1, b = 0;
        foreach (byte x in prefix)
        {
            a = (a + x) % 65521;
            b = (b + a) % 65521;
        }
        b = (uint)((b + (ulong)a * (ulong)(zeros / MiB * MiB)) % 65521);
        uint adler = (b << 16) | a;
        output.Write([(byte)(adler >> 24), (byte)(adler >> 16), (byte)(adler >> 8), (byte)adler]);
        byte[] result = output.ToArray();
        // The construction is checked on a small size, where inflating takes no time: 3 MiB of zeros after the prefix.
        if (zeros > 3 * MiB)
        {
            using var check = new ZLibStream(new MemoryStream(ZlibZeros(prefix, 3 * MiB)), CompressionMode.Decompress);
            using var inflated = new MemoryStream();
            check.CopyTo(inflated);
            Assert.That(inflated.ToArray(), Is.EqualTo(prefix.Concat(new byte[3 * MiB]).ToArray()), "the hand-made zlib stream inflates to prefix + zeros");
        }
        return result;
    }

    private static byte[] Take(MemoryStream raw)
    {
        byte[] taken = raw.ToArray();
        raw.SetLength(0);
        return taken;
    }

    private static byte[] Zlib(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(data);
        }
        return output.ToArray();
    }

    /// <summary>A MIME entity of RFC 5402 compressed-data (zlib) around an already compressed zlib stream.</summary>
    private static byte[] CompressedEntity(byte[] zlib)
    {
        var compressed = new CompressedData(new AlgorithmIdentifier(CmsObjectIdentifiers.ZlibCompress), new ContentInfo(CmsObjectIdentifiers.Data, new DerOctetString(zlib)));
        byte[] der = new ContentInfo(CmsObjectIdentifiers.CompressedData, compressed).GetEncoded(Asn1Encodable.Der);
        byte[] header = Encoding.ASCII.GetBytes("Content-Type: application/pkcs7-mime; smime-type=compressed-data; name=\"smime.p7z\"\r\nContent-Transfer-Encoding: binary\r\n\r\n");
        return [.. header, .. der];
    }

    private static async Task WaitForListenerAsync(As2Partnership as2, GatewayChild child)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        string health = as2.ListenerUrl[..^"/as2".Length] + "/health";
        var clock = Stopwatch.StartNew();
        while (true)
        {
            Assert.That(child.HasExited, Is.False, () => child.Errors);
            try
            {
                using var response = await client.GetAsync(health);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            Assert.That(clock.Elapsed.TotalSeconds, Is.LessThan(60), "the child's partner listener did not start");
            await Task.Delay(200);
        }
    }

    // The child's process id: the one process whose command line names this gateway's own temporary folder.
    private static int ChildPid(TestGateway gateway)
    {
        string marker = $"--Gateway:DataDirectory={gateway.DataDirectory}";
        var pids = new List<int>();
        foreach (string directory in Directory.GetDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
            {
                try
                {
                    if (File.ReadAllText(Path.Combine(directory, "cmdline")).Split('\0').Contains(marker))
                    {
                        pids.Add(pid);
                    }
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    // A process that ended meanwhile, or another user's.
                }
            }
        }
        Assert.That(pids, Has.Count.EqualTo(1), "one child process runs over this gateway's folder");
        return pids[0];
    }

    /// <summary>A memory figure of /proc/PID/status (VmHWM: peak resident set; VmRSS: current), in bytes.</summary>
    private static long Status(int pid, string field)
    {
        string line = File.ReadAllLines($"/proc/{pid}/status").Single(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line[(field.Length + 1)..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture) * 1024;
    }

    private static async Task<bool> Eventually(Func<bool> condition, double seconds)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed.TotalSeconds > seconds)
            {
                return false;
            }
            await Task.Delay(50);
        }
        return true;
    }
}

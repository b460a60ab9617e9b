using System.Net;
using Gateway.Host.Tracking;
using Gateway.Tests.Support;

namespace Gateway.Tests.Host.As2;

/// <summary>
/// The AS2 promise OpenAS2 #260 broke: no MDN before the content is durable, and a retry after a crash neither loses
/// the message nor processes it twice. The gateway runs as a child process and is killed (SIGKILL) after durable
/// intake but before the MDN leaves.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class As2CrashTests
{
    [Test]
    public async Task Killed_before_the_MDN_the_partners_retry_gets_a_processed_MDN_and_one_delivery()
    {
        await using var as2 = await As2Partnership.StartAsync(start: false);
        var gateway = as2.Gateway;
        string edi = GatewayFiles.X12Orders("SENDER", "RECEIVER", 4242);
        byte[] signed = await OpensslPeer.SignAsync(As2Partnership.PayloadEntity(edi), as2.Partner);
        byte[] message = await OpensslPeer.EncryptAsync(signed, as2.Ours);
        string messageId = As2Partnership.NewMessageId();

        using (var doomed = GatewayChild.Start(gateway, crashAt: "before-mdn"))
        {
            await WaitForListenerAsync(as2, doomed);
            Assert.That(async () => await as2.PostAsync(message, messageId), Throws.InstanceOf<HttpRequestException>(), "the connection dies: no MDN was sent");
            Assert.That(await doomed.WaitForExitAsync(30), Is.True);
            Assert.That(doomed.ExitCode, Is.EqualTo(137), doomed.Errors);
        }

        using (var restarted = GatewayChild.Start(gateway))
        {
            await WaitForListenerAsync(as2, restarted);
            using var retry = await as2.PostAsync(message, messageId);
            Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            byte[] mdn = await As2Partnership.EntityAsync(retry);
            Assert.That(await OpensslPeer.SmimeVerifiesAsync(mdn, as2.Ours), Is.True);
            Assert.That(As2Partnership.MdnFields(mdn)["Disposition"], Does.EndWith("; processed"));
            Assert.That(As2Partnership.MdnFields(mdn)["Received-Content-MIC"], Is.EqualTo(await OpensslPeer.DigestBase64Async(OpensslPeer.ExtractFirstPart(signed)) + ", sha-256"));
            await TestGateway.WaitUntil(() => gateway.Erp.DistinctKeys == 1, "the order at the ERP", seconds: 60);
            await Task.Delay(1000);
            restarted.Kill();
        }

        using var store = new LiteDbTrackingStore(Path.Combine(gateway.DataDirectory, "tracking.db"), readOnly: true);
        Assert.Multiple(() =>
        {
            Assert.That(gateway.Erp.DistinctKeys, Is.EqualTo(1), "delivered once");
            Assert.That(store.QueryDocuments(new DocumentQuery { Take = 100 }), Has.Count.EqualTo(1), "one document: the retry was recognised as the same receipt");
        });
    }

    private static async Task WaitForListenerAsync(As2Partnership as2, GatewayChild child)
    {
        using var client = new HttpClient();
        string health = as2.ListenerUrl[..^"/as2".Length] + "/health";
        await TestGateway.WaitUntil(() =>
        {
            Assert.That(child.HasExited, Is.False, () => child.Errors);
            try
            {
                return client.GetAsync(health).Result.IsSuccessStatusCode;
            }
            catch (AggregateException exception) when (exception.InnerException is HttpRequestException)
            {
                return false;
            }
        }, "the partner listener", seconds: 60);
    }
}

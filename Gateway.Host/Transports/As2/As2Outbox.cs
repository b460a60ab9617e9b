using System.Net;
using Gateway.Host.Admin.Metrics;
using Gateway.Host.Outbound;
using Gateway.Host.Tracking;
using Gateway.Partners.Loading;
using Gateway.Partners.Profiles.Transports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gateway.Host.Transports.As2;

/// <summary>
/// Sends queued documents to AS2 partners and proves they arrived: each message is signed (and encrypted,
/// compressed) as the profile says, posted with a Message-ID fixed before the first attempt so retries reuse it,
/// and closed only by an MDN whose signature is the partner's and whose Received-Content-MIC equals ours.
/// Connection errors, 408, 425, 429 and 5xx are retried with backoff; other answers and error MDNs are not
/// (draft-ietf-ediint-rfc4130bis §5.4). Also delivers our asynchronous MDNs and takes the partners' ones.
/// </summary>
internal sealed partial class As2Outbox(ITrackingStore store, ProfileReloader profiles, As2Keys keys, IHttpClientFactory http, GatewayMetrics metrics, TimeProvider time, ILogger<As2Outbox> log)
{
    public const string ClientName = "as2";

    private const int MaxAttempts = 10;

    /// <summary>How long an asynchronous MDN may take before the document is reported (AS2 products send them within minutes).</summary>
    public static readonly TimeSpan AsyncMdnWait = TimeSpan.FromHours(1);

    public async Task SendDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = store.QueuedOutbound(["as2"], 100).Where(o => o.NextAttemptAt is null || o.NextAttemptAt <= now).ToList();
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, SendAsync);
        var mdns = store.PendingAsyncMdns(100).Where(m => m.MdnNextAttemptAt is null || m.MdnNextAttemptAt <= now).ToList();
        await Parallel.ForEachAsync(mdns, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, DeliverMdnAsync);
    }

    private async ValueTask SendAsync(OutboundRecord item, CancellationToken cancellationToken)
    {
        if (profiles.Current.Find(item.PartnerId)?.Transports.As2 is not { } as2)
        {
            Retry(item, $"{item.PartnerId} has no transports.as2 in its profile; add it, the document stays queued");
            return;
        }
        As2Envelope.Packed packed;
        try
        {
            item.TransportMessageId ??= As2Names.NewMessageId(as2.OurAs2Id);
            packed = As2Envelope.Pack(item.Content, EdiMediaType.Of(item.FileName, item.Content), item.FileName, as2, keys.Ours(as2), keys.PartnerEncryption(as2), time.GetUtcNow());
        }
        catch (Exception exception) when (exception is As2KeyException or System.Security.Cryptography.CryptographicException)
        {
            Retry(item, $"cannot build the AS2 message: {exception.Message}; fix the certificates of transports.as2, the document stays queued");
            return;
        }
        item.ExpectedMic = $"{packed.Mic}, {packed.MicAlg}";
        // The Message-ID is stored before the first post: a retry after a crash sends the same one.
        store.Save(item);
        using var request = Request(item, as2, packed);
        HttpResponseMessage response;
        try
        {
            response = await http.CreateClient(ClientName).SendAsync(request, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Retry(item, $"posting to {as2.Url} failed: {exception.Message}");
            return;
        }
        using (response)
        {
            int status = (int)response.StatusCode;
            if (status is 408 or 425 or 429 or >= 500)
            {
                Retry(item, $"{as2.Url} answered HTTP {status} {response.ReasonPhrase}");
                return;
            }
            if (!response.IsSuccessStatusCode)
            {
                Failed(item, $"{as2.Url} refused the message with HTTP {status} {response.ReasonPhrase}; check the partnership with the partner, then resend");
                store.Save(item);
                return;
            }
            string posted = $"posted to {as2.Url} as {item.TransportMessageId} (HTTP {status}), MIC {item.ExpectedMic}";
            LogSent(item.Kind, item.ControlNumber, item.PartnerId, item.TransportMessageId!);
            (As2Mdn.Received? Received, string? Problem) mdn = (null, null);
            if (as2.Mdn == MdnMode.Sync)
            {
                byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                mdn = ReadMdn(as2, MimeBytes.Compose([("Content-Type", response.Content.Headers.ContentType?.ToString() ?? "")], body));
            }
            // Recorded on the record as stored now: a partner may post its asynchronous MDN, or even its 997, before it
            // answers the post, and what those recorded stays.
            store.Update(item.Id, current =>
            {
                RecordSent(current, as2, posted);
                if (mdn.Received is { } received)
                {
                    Settle(current, as2, received);
                }
                else if (mdn.Problem is { } problem)
                {
                    Failed(current, problem);
                }
                return true;
            });
        }
    }

    private HttpRequestMessage Request(OutboundRecord item, As2Settings as2, As2Envelope.Packed packed)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, as2.Url) { Content = new ByteArrayContent(packed.Body) };
        request.Headers.TryAddWithoutValidation("AS2-Version", "1.2");
        request.Headers.TryAddWithoutValidation("AS2-From", As2Names.Quoted(as2.OurAs2Id));
        request.Headers.TryAddWithoutValidation("AS2-To", As2Names.Quoted(as2.PartnerAs2Id));
        request.Headers.TryAddWithoutValidation("Message-ID", item.TransportMessageId);
        request.Headers.TryAddWithoutValidation("Subject", $"{item.Kind} {item.ControlNumber}");
        request.Headers.TryAddWithoutValidation("MIME-Version", "1.0");
        request.Headers.Date = time.GetUtcNow();
        if (as2.Mdn != MdnMode.None)
        {
            request.Headers.TryAddWithoutValidation("Disposition-Notification-To", as2.AsyncMdnUrl ?? as2.OurAs2Id);
            if (as2.MdnSigned)
            {
                request.Headers.TryAddWithoutValidation("Disposition-Notification-Options", $"signed-receipt-protocol=optional, pkcs7-signature; signed-receipt-micalg=optional, {packed.MicAlg}");
            }
            if (as2.Mdn == MdnMode.Async && as2.AsyncMdnUrl is { } url)
            {
                request.Headers.TryAddWithoutValidation("Receipt-Delivery-Option", url);
            }
        }
        request.Content.Headers.TryAddWithoutValidation("Content-Type", packed.ContentType);
        if (packed.TransferEncoding is { } encoding)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Transfer-Encoding", encoding);
        }
        return request;
    }

    /// <summary>An asynchronous MDN a partner posted to the partner listener: matched to what we sent by Original-Message-ID.</summary>
    public As2Response ReceiveMdn(As2Request request)
    {
        string from = request.As2Name("as2-from") ?? "";
        string to = request.As2Name("as2-to") ?? "";
        var partner = profiles.Current.FindByAs2(from, to);
        if (partner?.Transports.As2 is not { } as2)
        {
            LogUnknownMdn(Intake.RemoteNames.Safe(from), Intake.RemoteNames.Safe(to));
            return As2Response.Empty(403);
        }
        As2Mdn.Received received;
        try
        {
            received = As2Mdn.Read(request.Entity(), as2, keys.PartnerSigners(as2));
        }
        catch (Exception exception) when (exception is As2FailureException or FormatException)
        {
            LogBadMdn(partner.Id, exception.Message);
            return As2Response.Empty(400);
        }
        if (as2.MdnSigned && !received.Signed)
        {
            // Anyone can post to the listener: an unsigned receipt proves nothing and must not settle (or fail) a delivery.
            LogBadMdn(partner.Id, "it is not signed, though the partnership asks for signed MDNs");
            return As2Response.Empty(400);
        }
        var item = received.Report.OriginalMessageId is { } original ? store.FindOutboundByMessageId(original) : null;
        if (item is null || item.PartnerId != partner.Id)
        {
            LogUnmatchedMdn(partner.Id, Intake.RemoteNames.Safe(received.Report.OriginalMessageId ?? "(none)"));
            return As2Response.Empty(404);
        }
        store.Update(item.Id, current =>
        {
            Settle(current, as2, received);
            return true;
        });
        return As2Response.Empty(200);
    }

    private void RecordSent(OutboundRecord item, As2Settings as2, string posted)
    {
        bool settled = item.TransportReceipt is not null;   // its asynchronous MDN came before the post's answer
        item.Attempts++;
        item.SentAt = time.GetUtcNow();
        (item.LastError, item.NextAttemptAt) = (null, null);
        Event(item, "Sent", settled ? $"{posted}; its MDN had come already" : posted);
        if (settled)
        {
            return;
        }
        item.Status = "Sent";
        if (as2.Mdn != MdnMode.Sync)
        {
            item.TransportReceiptDueAt = as2.Mdn == MdnMode.Async ? item.SentAt + AsyncMdnWait : null;
            Event(item, "Sent", as2.Mdn == MdnMode.Async ? $"waiting for the asynchronous MDN at {as2.AsyncMdnUrl}, due by {item.TransportReceiptDueAt:yyyy-MM-dd HH:mm} UTC" : "no MDN requested (mdn: none)");
        }
    }

    // The synchronous MDN read (and its signature checked) before the record's update, which holds a lock.
    private (As2Mdn.Received? Received, string? Problem) ReadMdn(As2Settings as2, byte[] mdn)
    {
        try
        {
            return (As2Mdn.Read(mdn, as2, keys.PartnerSigners(as2)), null);
        }
        catch (Exception exception) when (exception is As2FailureException or FormatException)
        {
            return (null, $"the MDN cannot be accepted: {exception.Message}. The partner may have the document: ask them before resending");
        }
    }

    // The receipt closes the loop only when it is the partner's, for this message, positive, and for the same content.
    private void Settle(OutboundRecord item, As2Settings as2, As2Mdn.Received received)
    {
        var report = received.Report;
        item.TransportReceipt = report.Disposition;
        item.TransportReceiptDueAt = null;
        string? problem =
            as2.MdnSigned && !received.Signed ? "the MDN is not signed, though a signed one was asked for: there is no proof of receipt"
            : report.OriginalMessageId != item.TransportMessageId ? $"the MDN answers {report.OriginalMessageId}, not {item.TransportMessageId}"
            : !report.Processed ? $"the partner refused the message: {report.DispositionValue}"
            : !SameMic(report, item.ExpectedMic) ? $"the MDN's Received-Content-MIC ({report.Mic}, {report.MicAlg}) differs from ours ({item.ExpectedMic}): the partner did not get the content we sent"
            : null;
        if (problem is not null)
        {
            Failed(item, problem + "; check with the partner, then resend");
            return;
        }
        item.Status = "TransportAcknowledged";
        item.TransportAcknowledgedAt = time.GetUtcNow();
        Event(item, "TransportAcknowledged", $"MDN {report.DispositionValue}, MIC matches{(received.Signed ? ", signed by the partner" : "")}");
        LogAcknowledged(item.Kind, item.ControlNumber, item.PartnerId, item.TransportMessageId!);
    }

    private static bool SameMic(As2Mdn.Report report, string? expected)
    {
        if (expected is null || report.Mic is null)
        {
            return false;
        }
        int comma = expected.LastIndexOf(',');
        return report.Mic == expected[..comma].Trim()
            && As2Algorithms.FindMicAlg(report.MicAlg ?? "") is { } theirs && As2Algorithms.FindMicAlg(expected[(comma + 1)..]) is { } ours && theirs == ours;
    }

    private async ValueTask DeliverMdnAsync(As2MessageRecord message, CancellationToken cancellationToken)
    {
        var as2 = profiles.Current.Find(message.PartnerId)?.Transports.As2;
        if (as2 is null || message.AsyncMdnUrl is null)
        {
            return;
        }
        var mdn = MimeBytes.Read(message.Mdn);
        using var request = new HttpRequestMessage(HttpMethod.Post, message.AsyncMdnUrl) { Content = new ByteArrayContent(mdn.Body.ToArray()) };
        foreach (var (name, value) in As2Receiver.ResponseHeaders(as2))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        request.Content.Headers.TryAddWithoutValidation("Content-Type", mdn.Headers["content-type"]);
        try
        {
            using var response = await http.CreateClient(ClientName).SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                message.MdnSentAt = time.GetUtcNow();
                message.MdnLastError = null;
                store.Save(message);
                return;
            }
            MdnRetry(message, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            MdnRetry(message, exception.Message);
        }
    }

    private void MdnRetry(As2MessageRecord message, string reason)
    {
        message.MdnAttempts++;
        message.MdnLastError = reason;
        var delay = TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Math.Min(message.MdnAttempts - 1, 10))));
        message.MdnNextAttemptAt = time.GetUtcNow() + delay;
        store.Save(message);
        LogMdnRetry(message.PartnerId, message.MessageId, message.AsyncMdnUrl ?? "", reason, delay);
    }

    private void Retry(OutboundRecord item, string reason)
    {
        var delay = OutboundBackoff.Fail(item, reason, time);
        if (item.Attempts >= MaxAttempts)
        {
            Failed(item, $"{reason}; gave up after {item.Attempts} attempts (resend with gateway track reprocess once the partner is reachable)");
            store.Save(item);
            return;
        }
        Event(item, "Retrying", $"{reason}; next try in {delay} with the same Message-ID");
        metrics.OutboundRetry(item);
        store.Save(item);
        LogRetrying(item.Kind, item.PartnerId, reason, delay);
    }

    private void Failed(OutboundRecord item, string reason)
    {
        item.Status = "SendFailed";
        item.LastError = reason;
        item.NextAttemptAt = null;
        Event(item, "SendFailed", reason);
        LogFailed(item.Kind, item.ControlNumber, item.PartnerId, reason);
    }

    private void Event(OutboundRecord item, string step, string message) =>
        item.Timeline.Add(new TimelineEvent { At = time.GetUtcNow(), Step = step, Message = message });

    /// <summary>The HTTP client AS2 posts with: no redirects (a partner URL is pinned in its profile), two minutes per attempt.</summary>
    public static void Configure(IServiceCollection services) =>
        services.AddHttpClient(ClientName, client => client.Timeout = TimeSpan.FromMinutes(2))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(2), AutomaticDecompression = DecompressionMethods.None });

    [LoggerMessage(Level = LogLevel.Information, Message = "Posted {DocumentType} {ControlNumber} to {PartnerId} over AS2 as {MessageId}")]
    private partial void LogSent(string documentType, string controlNumber, string partnerId, string messageId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{PartnerId} acknowledged {DocumentType} {ControlNumber} ({MessageId}) with a valid MDN")]
    private partial void LogAcknowledged(string documentType, string controlNumber, string partnerId, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AS2 post of {DocumentType} to {PartnerId} failed: {Reason}; next try in {Delay}")]
    private partial void LogRetrying(string documentType, string partnerId, string reason, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "AS2 {DocumentType} {ControlNumber} to {PartnerId} failed: {Reason}")]
    private partial void LogFailed(string documentType, string controlNumber, string partnerId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Asynchronous MDN for {MessageId} to {PartnerId} at {Url} failed: {Reason}; next try in {Delay}")]
    private partial void LogMdnRetry(string partnerId, string messageId, string url, string reason, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An MDN came from '{As2From}' to '{As2To}', which is no partnership; refused")]
    private partial void LogUnknownMdn(string as2From, string as2To);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An MDN from {PartnerId} was refused: {Problem}")]
    private partial void LogBadMdn(string partnerId, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An MDN from {PartnerId} answers {MessageId}, which we never sent to them; ignored")]
    private partial void LogUnmatchedMdn(string partnerId, string messageId);
}

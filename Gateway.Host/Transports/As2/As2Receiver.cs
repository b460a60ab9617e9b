using Gateway.Host.Intake;
using Gateway.Host.Pipeline;
using Gateway.Host.Tracking;
using Gateway.Partners.Loading;
using Gateway.Partners.Profiles;
using Gateway.Partners.Profiles.Transports;
using Microsoft.Extensions.Logging;

namespace Gateway.Host.Transports.As2;

/// <summary>
/// Receives AS2 messages: identifies the partnership from AS2-From/AS2-To, opens the security layers against the
/// partner's policy, hands the content to durable intake, and only then answers with the MDN (in the response, or
/// later to the partner's Receipt-Delivery-Option URL). A refused message is archived as quarantined and answered
/// with the RFC disposition; a Message-ID seen before with success gets its original MDN and nothing more.
/// </summary>
internal sealed partial class As2Receiver(ProfileReloader profiles, As2Keys keys, DurableIntake intake, ITrackingStore store, TimeProvider time, ILogger<As2Receiver> log)
{
    // A retry racing its original must find the original's record: one message id at a time, different ones in parallel.
    private readonly SemaphoreSlim[] _stripes = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>The largest body any partnership accepts, so the listener can refuse a larger one before reading it.</summary>
    public long MaxBodyBytes(As2Request request) =>
        (request.As2Name("as2-from") is { } from && request.As2Name("as2-to") is { } to && profiles.Current.FindByAs2(from, to)?.Transports.As2 is { } as2
            ? as2.MaxMessageSizeMb
            : profiles.Current.Partners.Select(p => p.Transports.As2?.MaxMessageSizeMb ?? 0).DefaultIfEmpty(1).Max()) * 1024L * 1024L;

    public async Task<As2Response> ReceiveAsync(As2Request request)
    {
        string from = request.As2Name("as2-from") ?? "";
        string to = request.As2Name("as2-to") ?? "";
        var partner = profiles.Current.FindByAs2(from, to);
        if (partner?.Transports.As2 is not { } partnership)
        {
            LogUnknown(RemoteNames.Safe(from), RemoteNames.Safe(to));
            string detail = $"no partnership from '{from}' to '{to}'";
            Quarantine(request, null, $"AS2 {As2FailureException.UnknownTradingRelationship}: {detail}");
            return Refusal(request, null, null, As2FailureException.UnknownTradingRelationship, detail);
        }
        if (request.MessageIdProblem() is { } problem)
        {
            LogRefused(partner.Id, "(invalid)", As2FailureException.InvalidMessageId, problem);
            Quarantine(request, partner.Id, $"AS2 {As2FailureException.InvalidMessageId}: {problem}");
            return Refusal(request, partner, null, As2FailureException.InvalidMessageId, problem);
        }
        string messageId = request.Header("message-id")!;
        var stripe = _stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(messageId) % (uint)_stripes.Length)];
        await stripe.WaitAsync();
        try
        {
            return await ReceiveAsync(request, partner, partnership, messageId);
        }
        finally
        {
            stripe.Release();
        }
    }

    private async Task<As2Response> ReceiveAsync(As2Request request, PartnerProfile partner, As2Settings partnership, string messageId)
    {
        string recordId = $"{partner.Id}|{messageId}";
        if (store.FindAs2Message(recordId) is { Processed: true } earlier)
        {
            LogDuplicate(partner.Id, messageId, earlier.ReceiptId ?? "");
            return Repeat(earlier);
        }
        var micDigest = request.MicAlgs.Count == 0 ? As2Algorithms.Of(As2SigningAlgorithm.Sha256) : As2Algorithms.Choose(request.MicAlgs, partnership);
        if (micDigest is null)
        {
            string detail = $"none of the requested MIC algorithms ({string.Join(", ", request.MicAlgs)}) is allowed for this partnership";
            LogRefused(partner.Id, messageId, "unsupported MIC-algorithms", detail);
            string receiptId = Quarantine(request, partner.Id, $"AS2 failed: {detail}");
            var report = new As2Mdn.Report(messageId, As2Mdn.UnsupportedMicAlgorithms, null, null, null);
            return Answer(request, partner, partnership, recordId, receiptId, report, processed: false, detail, sign: false, null);
        }
        As2Envelope.Opened opened;
        try
        {
            opened = As2Envelope.Open(request.Entity(), partnership, keys.Ours(partnership), keys.PartnerSigners(partnership), micDigest);
        }
        catch (As2FailureException failure)
        {
            LogRefused(partner.Id, messageId, failure.Modifier, failure.Detail);
            string receiptId = Quarantine(request, partner.Id, $"AS2 {failure.Modifier}: {failure.Detail}");
            var report = new As2Mdn.Report(messageId, As2Mdn.Disposition(failure.Modifier), null, null, null);
            return Answer(request, partner, partnership, recordId, receiptId, report, processed: false, failure.Detail, request.WantsSignedMdn, micDigest);
        }
        catch (Exception exception) when (exception is As2KeyException or FormatException)
        {
            LogFailed(partner.Id, messageId, exception.Message);
            string receiptId = Quarantine(request, partner.Id, $"AS2 {As2FailureException.UnexpectedProcessingError}: {exception.Message}");
            var report = new As2Mdn.Report(messageId, As2Mdn.Disposition(As2FailureException.UnexpectedProcessingError), null, null, null);
            return Answer(request, partner, partnership, recordId, receiptId, report, processed: false, "the message could not be processed; the partner's support was told why", sign: false, null);
        }
        // Durable intake before the MDN: once the partner holds a positive receipt, the content is safe on disk.
        string name = RemoteNames.Safe(opened.FileName ?? messageId.Trim('<', '>'));
        string tracking = await intake.AcceptAsync(new IntakeRequest("as2", partner.Id, name, $"as2:{partner.Id}:{messageId}", opened.Payload));
        CrashPoints.Reach("before-mdn");
        LogReceived(tracking, partner.Id, messageId, opened.Signed, opened.Encrypted, opened.Compressed);
        var processedReport = new As2Mdn.Report(messageId, As2Mdn.Disposition(null), opened.Mic, micDigest.MicAlg, null);
        return Answer(request, partner, partnership, recordId, tracking, processedReport, processed: true, null, request.WantsSignedMdn, micDigest);
    }

    private As2Response Answer(As2Request request, PartnerProfile partner, As2Settings partnership, string recordId, string? receiptId, As2Mdn.Report report, bool processed, string? detail, bool sign, As2Algorithms.Digest? digest)
    {
        var now = time.GetUtcNow();
        string? text = detail is null ? null : $"The AS2 message {report.OriginalMessageId} was refused: {report.DispositionValue}. {detail}.";
        byte[] mdn = request.WantsMdn ? As2Mdn.Build(report, partnership.OurAs2Id, text, sign ? keys.Ours(partnership) : null, digest, now) : [];
        string? asyncUrl = request.WantsMdn ? AsyncUrl(request, partner, partnership) : null;
        var record = new As2MessageRecord
        {
            Id = recordId,
            PartnerId = partner.Id,
            MessageId = report.OriginalMessageId ?? "",
            ReceivedAt = now,
            ReceiptId = receiptId,
            Processed = processed,
            Disposition = report.Disposition,
            Mdn = mdn,
            AsyncMdnUrl = asyncUrl,
            MdnSentAt = asyncUrl is null ? now : null,
        };
        store.Save(record);
        if (mdn.Length == 0)
        {
            return As2Response.Empty(200);
        }
        return asyncUrl is null ? As2Response.Mdn(mdn, ResponseHeaders(partnership)) : As2Response.Empty(200);
    }

    // A Receipt-Delivery-Option is followed only to the partner's own MDN address: never to a URL a message names freely.
    private string? AsyncUrl(As2Request request, PartnerProfile partner, As2Settings partnership)
    {
        if (request.ReceiptDeliveryOption is not { } requested)
        {
            return null;
        }
        bool allowed = Uri.TryCreate(requested, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && (partnership.PartnerMdnUrl is { } expected
            ? string.Equals(requested, expected, StringComparison.Ordinal)
            : Uri.TryCreate(partnership.Url, UriKind.Absolute, out var own) && Uri.Compare(uri, own, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0);
        if (allowed)
        {
            return requested;
        }
        LogAsyncUrlRefused(partner.Id, RemoteNames.Safe(requested));
        return null;
    }

    private As2Response Repeat(As2MessageRecord earlier)
    {
        if (earlier.Mdn.Length == 0)
        {
            return As2Response.Empty(200);
        }
        if (earlier.AsyncMdnUrl is not null)
        {
            // The partner did not get (or lost) the asynchronous MDN: send the original again.
            earlier.MdnSentAt = null;
            earlier.MdnNextAttemptAt = null;
            store.Save(earlier);
            return As2Response.Empty(200);
        }
        var partnership = profiles.Current.Find(earlier.PartnerId)?.Transports.As2;
        return As2Response.Mdn(earlier.Mdn, partnership is null ? [] : ResponseHeaders(partnership));
    }

    private As2Response Refusal(As2Request request, PartnerProfile? partner, string? messageId, string modifier, string detail)
    {
        if (!request.WantsMdn)
        {
            return As2Response.Empty(200);
        }
        // Without a partnership there is no key to sign with; an invalid Message-ID is never echoed back.
        var report = new As2Mdn.Report(messageId, As2Mdn.Disposition(modifier), null, null, null);
        string ourId = partner?.Transports.As2?.OurAs2Id ?? request.As2Name("as2-to") ?? "";
        byte[] mdn = As2Mdn.Build(report, RemoteNames.Safe(ourId), $"The AS2 message was refused: {modifier}. {detail}.", null, null, time.GetUtcNow());
        return As2Response.Mdn(mdn, partner?.Transports.As2 is { } as2 ? ResponseHeaders(as2) : []);
    }

    private string Quarantine(As2Request request, string? partnerId, string reason) =>
        intake.Accept(new IntakeRequest("as2", partnerId, RemoteNames.Safe(request.Header("message-id") ?? "as2-message"), $"as2-refused:{partnerId}:{Guid.NewGuid():N}", request.Body, reason));

    public static IEnumerable<(string, string)> ResponseHeaders(As2Settings partnership) =>
    [
        ("AS2-Version", "1.2"),
        ("AS2-From", As2Names.Quoted(partnership.OurAs2Id)),
        ("AS2-To", As2Names.Quoted(partnership.PartnerAs2Id)),
        ("Message-ID", As2Names.NewMessageId(partnership.OurAs2Id)),
    ];

    [LoggerMessage(Level = LogLevel.Information, Message = "Received {TrackingId} from {PartnerId} over AS2 as {MessageId} (signed {Signed}, encrypted {Encrypted}, compressed {Compressed}); MDN processed")]
    private partial void LogReceived(string trackingId, string partnerId, string messageId, bool signed, bool encrypted, bool compressed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AS2 message {MessageId} from {PartnerId} refused with {Disposition}: {Detail}. The body is quarantined; the partner got the MDN")]
    private partial void LogRefused(string partnerId, string messageId, string disposition, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "AS2 message {MessageId} from {PartnerId} could not be processed: {Problem}. Fix the partnership's certificates and ask the partner to resend")]
    private partial void LogFailed(string partnerId, string messageId, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AS2 message from '{As2From}' to '{As2To}' refused: no partner profile has this partnership (transports.as2 partnerAs2Id/ourAs2Id). Quarantined")]
    private partial void LogUnknown(string as2From, string as2To);

    [LoggerMessage(Level = LogLevel.Information, Message = "AS2 message {MessageId} from {PartnerId} was received before as {TrackingId}; the original MDN is returned and nothing is processed again")]
    private partial void LogDuplicate(string partnerId, string messageId, string trackingId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{PartnerId} asked for its MDN at '{Url}', which is not the partner's MDN address (transports.as2.partnerMdnUrl, or the host of url); the MDN goes in the HTTP response instead")]
    private partial void LogAsyncUrlRefused(string partnerId, string url);
}

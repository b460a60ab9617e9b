using System.Text.Json.Nodes;
using Gateway.Edi;
using Gateway.Edi.Edifact;
using Gateway.Edi.X12;
using Gateway.Edi.X12.Json;

namespace Gateway.Host.Pipeline;

/// <summary>
/// The JSON form of chosen documents of an archived receipt, read again from its bytes one document at a time, so
/// the tracking store never holds document bodies and a large batch never sits in memory. Document ids are
/// positional (<c>RECEIPT-interchange-document</c>) and counted exactly as the parse stage counts them.
/// </summary>
internal static class DocumentBodies
{
    /// <summary>Each wanted document, in file order, with a function that builds its JSON form (call it on any thread: building is the costly part).</summary>
    public static IEnumerable<(string Id, Func<JsonObject> Json)> Read(string receiptId, byte[] content, IReadOnlySet<string> wanted)
    {
        using var stream = new MemoryStream(content, writable: false);
        int interchange = 0;
        int document = 0;
        if (EdiSyntaxDetector.Detect(content) == EdiSyntax.Edifact)
        {
            using var reader = new EdifactReader(stream, leaveOpen: true);
            while (reader.Read())
            {
                if (reader.Kind == EdifactReadKind.InterchangeStart)
                {
                    (interchange, document) = (interchange + 1, 0);
                }
                else if (reader.Kind == EdifactReadKind.Message && wanted.Contains($"{receiptId}-{interchange}-{++document}"))
                {
                    var message = reader.Message!;
                    yield return ($"{receiptId}-{interchange}-{document}", () => EdifactDocumentJson.ToJson(message));
                }
            }
            yield break;
        }
        using var x12 = new X12Reader(stream, leaveOpen: true);
        while (x12.Read())
        {
            if (x12.Kind == X12ReadKind.InterchangeStart)
            {
                (interchange, document) = (interchange + 1, 0);
            }
            else if (x12.Kind == X12ReadKind.TransactionSet && wanted.Contains($"{receiptId}-{interchange}-{++document}"))
            {
                var set = x12.TransactionSet!;
                yield return ($"{receiptId}-{interchange}-{document}", () => X12DocumentJson.ToJson(set));
            }
        }
    }
}

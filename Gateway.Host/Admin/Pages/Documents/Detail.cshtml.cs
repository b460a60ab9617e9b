using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Host.Admin.Audit;
using Gateway.Host.Admin.Security;
using Gateway.Host.Api;
using Gateway.Host.Intake;
using Gateway.Host.Mapping;
using Gateway.Host.Operations;
using Gateway.Host.Tracking;
using Gateway.Partners.Loading;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Hosting;

namespace Gateway.Host.Admin.Pages.Documents;

/// <summary>
/// One document: facts, timeline, issues, the segments as received with those in error explained, its JSON form,
/// acknowledgments, AS2 messages, back-end calls, and (for Operators) reprocess, replay and fix-and-replay.
/// </summary>
[Authorize(Policy = AdminPolicies.Viewer)]
public sealed class DetailModel : ConsolePage
{
    internal DocumentView View { get; private set; } = null!;

    /// <summary>Whether the signed-in user may act (the forms are hidden otherwise, and refused when posted).</summary>
    internal bool CanAct => AdminSecurity.Allows(User, Role.Operator);

    internal string? FixCall { get; private set; }

    internal string FixBody { get; private set; } = "";

    internal string? FixProblem { get; private set; }

    public IActionResult OnGet(string id)
    {
        if (DocumentView.Of(id, Get<ITrackingStore>(), Get<RawArchive>(), Get<ProfileReloader>()) is not { } view)
        {
            return NotFound($"No document '{id}'.");
        }
        View = view;
        if (CanAct && view.Document.Status is DocumentStatus.DeadLettered or DocumentStatus.Retrying)
        {
            (FixCall, string? body, FixProblem) = CallBodies.Current(view.Document, view.Json, null, Get<DocumentMapper>());
            FixBody = body ?? "";
        }
        return Page();
    }

    /// <summary>The archived file the document came in, as received.</summary>
    public IActionResult OnGetRaw(string id)
    {
        var store = Get<ITrackingStore>();
        if (store.FindReceipt(store.FindDocument(id)?.ReceiptId ?? id) is not { } receipt)
        {
            return NotFound($"No document '{id}'.");
        }
        try
        {
            return File(Get<RawArchive>().Read(receipt.Id), "application/octet-stream", DocumentApi.RawFileName(receipt));
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return NotFound("The archived file is gone (removed by retention).");
        }
    }

    public Task<IActionResult> OnPostReprocessAsync(string id) =>
        ActAsync("reprocess", id, null, actions => actions.ReprocessAsync(id, AdminClaims.NameOf(User), Stopping));

    public Task<IActionResult> OnPostReplayAsync(string id, [FromForm] string? step)
    {
        if (!DocumentActions.TryParseStep(step, out var from))
        {
            Flash($"Choose a step to replay from: {string.Join(", ", DocumentActions.StepNames)}.");
            return Task.FromResult<IActionResult>(RedirectToPage(new { id }));
        }
        return ActAsync("replay", id, $"from {DocumentActions.StepNames[(int)from]}", actions => actions.ReplayFromAsync(id, from, AdminClaims.NameOf(User), Stopping));
    }

    public Task<IActionResult> OnPostFixAsync(string id, [FromForm] string? call, [FromForm] string? body)
    {
        if (!CanAct)
        {
            return Task.FromResult<IActionResult>(Refuse("fix-and-replay", id));
        }
        JsonObject? corrected = null;
        string? problem = null;
        try
        {
            // Strict: a repeated property is a problem to show, not an ArgumentException (500) on first read.
            corrected = JsonNode.Parse(body ?? "", documentOptions: EventRequest.Strict) as JsonObject;
        }
        catch (JsonException exception)
        {
            problem = exception.Message;
        }
        if (corrected is null)
        {
            Flash($"The body must be one JSON object{(problem is null ? "" : $" ({problem})")}: nothing was sent.");
            return Task.FromResult<IActionResult>(RedirectToPage(new { id }));
        }
        string? name = string.IsNullOrWhiteSpace(call) ? null : call.Trim();
        return ActAsync("fix-and-replay", id, name is null ? null : $"call {name}", actions => actions.FixAndReplayAsync(id, name, corrected, AdminClaims.NameOf(User), Stopping));
    }

    private CancellationToken Stopping => Get<IHostApplicationLifetime>().ApplicationStopping;

    // Operators only; audited via the console either way; the outcome comes back as the flash of the reloaded page.
    private async Task<IActionResult> ActAsync(string action, string id, string? detail, Func<DocumentActions, Task<DocumentActionResult>> run)
    {
        if (!CanAct)
        {
            return Refuse(action, id);
        }
        var audit = Get<AuditLog>();
        string actor = AdminClaims.NameOf(User);
        string? remote = HttpContext.Connection.RemoteIpAddress?.ToString();
        DocumentActionResult result;
        try
        {
            result = await run(Get<DocumentActions>());
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            audit.Record(actor, "console", action, id, "failed", exception.Message, remote);
            throw;
        }
        audit.Record(actor, "console", action, id, result.Allowed ? "ok" : "refused", detail is null ? result.Message : $"{detail}: {result.Message}", remote);
        Flash(result.Allowed ? result.Message : $"Not done: {result.Message}");
        return RedirectToPage(new { id });
    }

    private ForbidResult Refuse(string action, string id)
    {
        Get<AuditLog>().Record(AdminClaims.NameOf(User), "console", action, id, "refused", "needs the Operator role", HttpContext.Connection.RemoteIpAddress?.ToString());
        return Forbid();
    }
}

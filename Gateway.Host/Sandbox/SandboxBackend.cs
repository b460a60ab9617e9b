using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Host.Admin.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gateway.Host.Sandbox;

/// <summary>
/// A stand-in ERP, CRM and 3PL for demos and first runs: it records every call under /sandbox/{system}/, answers
/// 201 the first time an idempotency key is seen and 200 (the same answer) when it is replayed, and lists what it got
/// at GET /sandbox/{system}. Calls are appended to DATA/sandbox/calls.jsonl, so the list survives a restart.
/// </summary>
internal sealed class SandboxBackend
{
    private readonly Lock _gate = new();
    private readonly string _file;
    private readonly List<JsonObject> _calls = [];
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);

    private readonly TimeProvider _time;

    public SandboxBackend(string dataDirectory, TimeProvider time)
    {
        _time = time;
        _file = Path.Combine(dataDirectory, "sandbox", "calls.jsonl");
        Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
        if (File.Exists(_file))
        {
            foreach (string line in File.ReadLines(_file).Where(l => l.Length > 0))
            {
                if (JsonNode.Parse(line) is JsonObject call)
                {
                    _calls.Add(call);
                    _keys.Add(Key(call["system"]!.GetValue<string>(), call["idempotencyKey"]?.GetValue<string>()));
                }
            }
        }
    }

    public void Map(IEndpointRouteBuilder endpoints)
    {
        // A stand-in ERP for the demo run, not part of the admin plane: callers on this machine, no sign-in.
        var sandbox = endpoints.MapGroup("/sandbox").RequireAuthorization(AdminPolicies.Loopback).ExcludeFromDescription();
        sandbox.MapPost("/{system}/{**path}", ReceiveAsync);
        sandbox.MapPut("/{system}/{**path}", ReceiveAsync);
        sandbox.MapGet("/{system}", (string system) => Results.Json(Calls(system)));
    }

    public IReadOnlyList<JsonObject> Calls(string system)
    {
        lock (_gate)
        {
            return _calls.Where(c => c["system"]!.GetValue<string>() == system).Select(c => (JsonObject)c.DeepClone()).ToList();
        }
    }

    private async Task<IResult> ReceiveAsync(HttpContext context, string system, string? path)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        string body = await reader.ReadToEndAsync(context.RequestAborted);
        string? key = context.Request.Headers["Idempotency-Key"].FirstOrDefault();
        var call = new JsonObject
        {
            ["system"] = system,
            ["method"] = context.Request.Method,
            ["path"] = path ?? "",
            ["idempotencyKey"] = key,
            ["trackingId"] = context.Request.Headers["X-Gateway-Tracking-Id"].FirstOrDefault(),
            ["receivedAt"] = _time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["body"] = TryParse(body),
        };
        bool replay;
        lock (_gate)
        {
            replay = key is not null && !_keys.Add(Key(system, key));
            call["replay"] = replay;
            _calls.Add(call);
            File.AppendAllText(_file, call.ToJsonString() + "\n");
        }
        var answer = new JsonObject { ["id"] = $"{system}-{(key ?? Guid.NewGuid().ToString()).GetHashCode(StringComparison.Ordinal):x8}", ["replay"] = replay };
        return Results.Json(answer, statusCode: replay ? StatusCodes.Status200OK : StatusCodes.Status201Created);
    }

    private static JsonNode? TryParse(string body)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return body;
        }
    }

    private static string Key(string system, string? key) => $"{system}\n{key}";
}

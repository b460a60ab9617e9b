using System.Text;
using System.Text.Json;
using Gateway.Host.Admin.Audit;
using Gateway.Host.Admin.Security;
using Gateway.Host.Configuration;

namespace Gateway.Host.Cli;

/// <summary>
/// <c>gateway users …</c>: the only way to create console users and API tokens (there is no default user), run on the
/// gateway's machine in its folder. Passwords come from a no-echo prompt or standard input, never from arguments
/// (other users can read a process's arguments); tokens are shown once. Every change goes into the audit log.
/// </summary>
internal static class UserCommands
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private const string UsageText = """
        Usage:
          gateway users list [--json]
          gateway users add NAME --role Viewer|Operator|PartnerAdmin|Admin [--no-password]
          gateway users password NAME
          gateway users role NAME ROLE
          gateway users remove NAME
          gateway users token NAME [--label TEXT]    issue an API token (shown once)
          gateway users revoke NAME TOKEN-ID
        Passwords are asked for without echo, or read from the first line of standard input when it is redirected.
        --no-password makes a user for API tokens only (a back end, Prometheus).
        """;

    public static int Run(string[] args, TextReader input, bool interactive, TextWriter output, TextWriter error)
    {
        var settings = GatewaySettings.Load(Directory.GetCurrentDirectory());
        Directory.CreateDirectory(settings.DataDirectory);
        var users = new UserDirectory(settings.DataDirectory, TimeProvider.System);
        var audit = new AuditLog(settings.DataDirectory, TimeProvider.System);
        string actor = "os:" + Environment.UserName;
        string command = args.Length > 0 ? args[0] : "";
        string name = args.Length > 1 ? args[1] : "";
        switch (command)
        {
            case "list":
                return List(users, args.Contains("--json"), output);
            case "add" when args.Length >= 2 && Role(CliInput.Option(args, "--role"), error) is { } role:
                {
                    string? password = args.Contains("--no-password") ? null : ReadPassword(input, interactive, output, error);
                    if (password is null && !args.Contains("--no-password"))
                    {
                        return GatewayCommandLine.Invalid;
                    }
                    return Done(users.Add(name, role, password), audit, actor, "users-add", name, $"role {role}", output, error,
                        $"User '{name.ToLowerInvariant()}' added as {role}.{(password is null ? " Issue it a token: gateway users token " + name.ToLowerInvariant() : " They can sign in to the console now.")}");
                }
            case "password" when args.Length == 2:
                {
                    if (ReadPassword(input, interactive, output, error) is not { } password)
                    {
                        return GatewayCommandLine.Invalid;
                    }
                    return Done(users.SetPassword(name, password), audit, actor, "users-password", name, null, output, error,
                        $"Password of '{name}' changed; their console sessions have ended.");
                }
            case "role" when args.Length == 3 && Role(args[2], error) is { } newRole:
                return Done(users.SetRole(name, newRole), audit, actor, "users-role", name, $"role {newRole}", output, error,
                    $"'{name}' is now {newRole}; their console sessions have ended.");
            case "remove" when args.Length == 2:
                return Done(users.Remove(name), audit, actor, "users-remove", name, null, output, error, $"User '{name}' removed, with their tokens and sessions.");
            case "token" when args.Length >= 2:
                {
                    string label = CliInput.Option(args, "--label") ?? "api";
                    var (token, problem) = users.IssueToken(name, label);
                    if (Done(problem, audit, actor, "users-token", name, $"label {label}", output, error, $"API token for '{name}' ({label}); it is shown only now, keep it in your secret store:") != GatewayCommandLine.Ok)
                    {
                        return GatewayCommandLine.Invalid;
                    }
                    output.WriteLine(token);
                    return GatewayCommandLine.Ok;
                }
            case "revoke" when args.Length == 3:
                return Done(users.RevokeToken(name, args[2]), audit, actor, "users-revoke", name, $"token {args[2]}", output, error, $"Token {args[2]} of '{name}' revoked.");
            default:
                error.WriteLine(UsageText);
                return GatewayCommandLine.Usage;
        }
    }

    private static int List(UserDirectory users, bool json, TextWriter output)
    {
        var all = users.All();
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(all.Select(u => new
            {
                name = u.Name,
                role = u.Role.ToString(),
                password = u.PasswordHash.Length > 0,
                createdAt = u.CreatedAt,
                tokens = u.Tokens.Select(t => new { id = t.Id, label = t.Label, createdAt = t.CreatedAt }),
            }), Indented));
            return GatewayCommandLine.Ok;
        }
        if (all.Count == 0)
        {
            output.WriteLine("No users yet: nobody can sign in. Add the first: gateway users add NAME --role Admin");
            return GatewayCommandLine.Ok;
        }
        output.WriteLine($"{"NAME",-24} {"ROLE",-13} {"PASSWORD",-9} TOKENS");
        foreach (var user in all)
        {
            output.WriteLine($"{user.Name,-24} {user.Role,-13} {(user.PasswordHash.Length > 0 ? "yes" : "no"),-9} {string.Join(", ", user.Tokens.Select(t => $"{t.Id} ({t.Label})"))}");
        }
        return GatewayCommandLine.Ok;
    }

    private static int Done(string? problem, AuditLog audit, string actor, string action, string target, string? detail, TextWriter output, TextWriter error, string success)
    {
        audit.Record(actor, "cli", action, target.ToLowerInvariant(), problem is null ? "ok" : "failed", problem ?? detail);
        if (problem is not null)
        {
            error.WriteLine(problem);
            return GatewayCommandLine.Invalid;
        }
        output.WriteLine(success);
        return GatewayCommandLine.Ok;
    }

    private static Role? Role(string? text, TextWriter error)
    {
        if (text is not null && Enum.TryParse<Role>(text, ignoreCase: true, out var role) && Enum.IsDefined(role))
        {
            return role;
        }
        error.WriteLine($"{(text is null ? "--role is required" : $"'{text}' is not a role")}: one of {string.Join(", ", Enum.GetNames<Role>())}");
        return null;
    }

    // Twice without echo at a terminal; the first line of standard input otherwise (scripts, provisioning).
    private static string? ReadPassword(TextReader input, bool interactive, TextWriter output, TextWriter error)
    {
        string? password;
        if (interactive)
        {
            password = Prompt("Password: ", output);
            if (Prompt("Again: ", output) != password)
            {
                error.WriteLine("The two passwords differ; nothing was changed.");
                return null;
            }
        }
        else
        {
            password = input.ReadLine();
        }
        if (string.IsNullOrEmpty(password))
        {
            error.WriteLine("No password given (type it at the prompt, or pipe it on standard input).");
            return null;
        }
        if (PasswordHash.Weakness(password) is { } weakness)
        {
            error.WriteLine(weakness);
            return null;
        }
        return password;
    }

    private static string Prompt(string question, TextWriter output)
    {
        output.Write(question);
        var typed = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                output.WriteLine();
                return typed.ToString();
            }
            if (key.Key == ConsoleKey.Backspace)
            {
                typed.Length = Math.Max(0, typed.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }
    }
}

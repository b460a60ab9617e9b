using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Gateway.Host.Durability;

namespace Gateway.Host.Admin.Security;

/// <summary>
/// The admin plane's users and API tokens, in <c>DATA/users.json</c>. Written only by <c>gateway users …</c> (the
/// service reads it, and sees changes at the next request), atomically, so a crash leaves the old or the new file.
/// There is no built-in user and no default password: until someone runs <c>gateway users add</c>, nobody gets in.
/// </summary>
internal sealed partial class UserDirectory(string dataDirectory, TimeProvider time)
{
    public const string FileName = "users.json";
    public const string TokenPrefix = "gw_";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly Lock _lock = new();
    private (DateTime Written, long Length) _loadedVersion;
    private List<AdminUser> _users = [];

    public string Path { get; } = System.IO.Path.Combine(dataDirectory, FileName);

    public IReadOnlyList<AdminUser> All()
    {
        lock (_lock)
        {
            var info = new FileInfo(Path);
            var version = info.Exists ? (info.LastWriteTimeUtc, info.Length) : (DateTime.MinValue, -1L);
            if (version != _loadedVersion)
            {
                _users = info.Exists ? JsonSerializer.Deserialize<List<AdminUser>>(File.ReadAllBytes(Path), Json) ?? [] : [];
                _loadedVersion = version;
            }
            return _users;
        }
    }

    public AdminUser? Find(string name) => All().FirstOrDefault(u => u.Name == Normalize(name));

    /// <summary>The user whose password this is, or null (unknown name, no password, wrong password).</summary>
    public AdminUser? Verify(string name, string password)
    {
        var user = Find(name);
        if (user is null || user.PasswordHash.Length == 0)
        {
            // Same work as a real check, so a wrong name answers no faster than a wrong password.
            _ = Security.PasswordHash.Verify(password, DecoyHash.Value);
            return null;
        }
        return Security.PasswordHash.Verify(password, user.PasswordHash) ? user : null;
    }

    /// <summary>The user and token a presented bearer token belongs to, or null.</summary>
    public (AdminUser User, ApiToken Token)? FindByToken(string presented)
    {
        if (!presented.StartsWith(TokenPrefix, StringComparison.Ordinal))
        {
            return null;
        }
        byte[] digest = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        foreach (var user in All())
        {
            foreach (var token in user.Tokens)
            {
                if (CryptographicOperations.FixedTimeEquals(digest, Convert.FromHexString(token.Sha256)))
                {
                    return (user, token);
                }
            }
        }
        return null;
    }

    /// <summary>Adds a user; null when done, else why not (bad name, taken, weak password).</summary>
    public string? Add(string name, Role role, string? password, int iterations = Security.PasswordHash.DefaultIterations)
    {
        string normalized = Normalize(name);
        if (!ValidName().IsMatch(normalized))
        {
            return $"'{name}' is not a user name: 1 to 64 of a-z, 0-9, '.', '_', '-', '@'";
        }
        if (password is not null && Security.PasswordHash.Weakness(password) is { } weakness)
        {
            return weakness;
        }
        return Change(users =>
        {
            if (users.Any(u => u.Name == normalized))
            {
                return $"user '{normalized}' exists; 'gateway users password' or 'gateway users role' change it";
            }
            users.Add(new AdminUser
            {
                Name = normalized,
                Role = role,
                PasswordHash = password is null ? "" : Security.PasswordHash.Create(password, iterations),
                Stamp = NewStamp(),
                CreatedAt = time.GetUtcNow(),
            });
            return null;
        });
    }

    public string? SetPassword(string name, string password, int iterations = Security.PasswordHash.DefaultIterations) =>
        Security.PasswordHash.Weakness(password) ?? Change(name, user =>
        {
            user.PasswordHash = Security.PasswordHash.Create(password, iterations);
            user.Stamp = NewStamp();
        });

    public string? SetRole(string name, Role role) => Change(name, user =>
    {
        user.Role = role;
        user.Stamp = NewStamp();
    });

    public string? Remove(string name) => Change(users => users.RemoveAll(u => u.Name == Normalize(name)) == 0 ? $"no user '{name}'" : null);

    /// <summary>Issues a token for the user; returns it (shown once, never stored) or the reason it cannot.</summary>
    public (string? Token, string? Error) IssueToken(string name, string label)
    {
        string token = TokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        string? error = Change(name, user => user.Tokens.Add(new ApiToken
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)),
            Label = label,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token))),
            CreatedAt = time.GetUtcNow(),
        }));
        return error is null ? (token, null) : (null, error);
    }

    public string? RevokeToken(string name, string tokenId) =>
        Change(users => users.FirstOrDefault(u => u.Name == Normalize(name)) is not { } user ? $"no user '{name}'"
            : user.Tokens.RemoveAll(t => t.Id == tokenId) == 0 ? $"user '{user.Name}' has no token '{tokenId}'"
            : null);

    private string? Change(string name, Action<AdminUser> change) => Change(users =>
    {
        if (users.FirstOrDefault(u => u.Name == Normalize(name)) is not { } user)
        {
            return $"no user '{name}'; 'gateway users list' shows them";
        }
        change(user);
        return null;
    });

    private string? Change(Func<List<AdminUser>, string?> change)
    {
        lock (_lock)
        {
            var users = File.Exists(Path) ? JsonSerializer.Deserialize<List<AdminUser>>(File.ReadAllBytes(Path), Json) ?? [] : [];
            if (change(users) is { } error)
            {
                return error;
            }
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            DurableFile.Write(Path, JsonSerializer.SerializeToUtf8Bytes(users, Json));
            DurableFile.FlushDirectory(System.IO.Path.GetDirectoryName(Path)!);
            _loadedVersion = default;
            return null;
        }
    }

    private static string Normalize(string name) => name.Trim().ToLowerInvariant();

    private static string NewStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static readonly Lazy<string> DecoyHash = new(() => Security.PasswordHash.Create(Guid.NewGuid().ToString()));

    [GeneratedRegex("^[a-z0-9._@-]{1,64}$")]
    private static partial Regex ValidName();
}

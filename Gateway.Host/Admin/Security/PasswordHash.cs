using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Gateway.Host.Admin.Security;

/// <summary>
/// Passwords stored as PBKDF2-HMAC-SHA256 (OWASP's 600,000 iterations) with a random salt, in one self-describing
/// string <c>pbkdf2-sha256$ITERATIONS$SALT$HASH</c>, so the cost can rise later without breaking stored hashes.
/// </summary>
internal static class PasswordHash
{
    public const int DefaultIterations = 600_000;
    public const int MinimumLength = 12;
    private const string Scheme = "pbkdf2-sha256";

    public static string Create(string password, int iterations = DefaultIterations)
    {
        byte[] salt = RandomNumberGenerator.GetBytes(16);
        byte[] hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, 32);
        return string.Join('$', Scheme, iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    public static bool Verify(string password, string stored)
    {
        string[] parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int iterations) || iterations < 1)
        {
            return false;
        }
        byte[] expected;
        byte[] salt;
        try
        {
            (salt, expected) = (Convert.FromBase64String(parts[2]), Convert.FromBase64String(parts[3]));
        }
        catch (FormatException)
        {
            return false;
        }
        byte[] actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Why <paramref name="password"/> is too weak to store, or null.</summary>
    public static string? Weakness(string password) =>
        password.Length < MinimumLength ? $"a password needs at least {MinimumLength} characters"
        : password.Distinct().Count() < 5 ? "a password needs at least 5 different characters"
        : null;
}

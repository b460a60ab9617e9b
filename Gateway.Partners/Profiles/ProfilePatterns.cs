namespace Gateway.Partners.Profiles;

/// <summary>Regular expressions shared by several profile fields.</summary>
internal static class ProfilePatterns
{
    public const string EmailAddress = "^[^@\\s<>]+@[^@\\s<>]+\\.[^@\\s<>]+$";

    // X12 basic and extended character sets without the characters commonly used as delimiters.
    public const string X12Identifier = "^[A-Za-z0-9 !&()+,./:;?=%@'\\-\"]+$";
}

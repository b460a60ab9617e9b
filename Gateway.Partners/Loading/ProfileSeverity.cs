namespace Gateway.Partners.Loading;

/// <summary>How much a profile problem matters: an error keeps the partner from going live, a warning does not.</summary>
public enum ProfileSeverity
{
    /// <summary>The profile cannot be used until this is fixed.</summary>
    Error,

    /// <summary>The profile works, but someone should look (a certificate about to expire, say).</summary>
    Warning,
}

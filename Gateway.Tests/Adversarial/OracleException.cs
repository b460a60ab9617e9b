namespace Gateway.Tests.Adversarial;

/// <summary>An outcome that is documented in type but wrong in substance: a position outside the input, a changed payload accepted.</summary>
internal sealed class OracleException(string message) : Exception(message)
{
    public static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new OracleException(message);
        }
    }
}

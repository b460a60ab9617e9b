namespace Gateway.Tests.Adversarial;

/// <summary>One kind of failure in a run: how often it happened and the first few inputs that showed it.</summary>
internal sealed class FuzzFailure(string signature)
{
    public string Signature { get; } = signature;

    public int Count { get; set; }

    public List<string> Examples { get; } = [];
}

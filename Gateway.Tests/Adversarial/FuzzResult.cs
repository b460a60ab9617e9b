namespace Gateway.Tests.Adversarial;

/// <summary>An input's outcome, and the oracle checks to run after the clock stops (reading our own acknowledgments again is not the product's time).</summary>
internal sealed record FuzzResult(string Outcome, Action? CheckAfterTiming = null)
{
    public static implicit operator FuzzResult(string outcome) => new(outcome);
}

namespace Gateway.Tests.Adversarial;

/// <summary>One generated input: the mutations that made it, its bytes, and a category-specific variant (which policy, which layer).</summary>
internal sealed record FuzzCase(string Mutation, byte[] Input, int Variant = 0);

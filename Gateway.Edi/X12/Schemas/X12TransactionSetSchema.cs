namespace Gateway.Edi.X12.Schemas;

/// <summary>The structure of one transaction set in one version.</summary>
internal sealed class X12TransactionSetSchema(string id, string name, string functionalGroup, string version, X12LoopDefinition root, X12Dictionary dictionary)
{
    public string Id { get; } = id;

    public string Name { get; } = name;

    /// <summary>The GS01 code the set belongs in, for example <c>PO</c> for an 850.</summary>
    public string FunctionalGroup { get; } = functionalGroup;

    public string Version { get; } = version;

    /// <summary>The whole set as a loop whose entries run from ST to SE.</summary>
    public X12LoopDefinition Root { get; } = root;

    public X12Dictionary Dictionary { get; } = dictionary;
}

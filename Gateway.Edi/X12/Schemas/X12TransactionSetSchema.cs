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

    /// <summary>Every segment tag the set uses, at any depth.</summary>
    public IReadOnlySet<string> Tags { get; } = TagsOf(root);

    private static HashSet<string> TagsOf(X12LoopDefinition loop)
    {
        var tags = new HashSet<string>(StringComparer.Ordinal);
        foreach (X12StructureEntry e in loop.Entries)
        {
            if (e.Loop is not null)
            {
                tags.UnionWith(TagsOf(e.Loop));
            }
            else
            {
                tags.Add(e.Tag);
            }
        }
        return tags;
    }
}

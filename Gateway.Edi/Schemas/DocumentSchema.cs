namespace Gateway.Edi.Schemas;

/// <summary>The structure of one document type in one version: an X12 transaction set or an EDIFACT message.</summary>
internal sealed class DocumentSchema(string id, string name, string functionalGroup, string version, LoopDefinition root, SegmentDictionary dictionary)
{
    public string Id { get; } = id;

    public string Name { get; } = name;

    /// <summary>The GS01 code an X12 set belongs in, for example <c>PO</c> for an 850; the message type for EDIFACT.</summary>
    public string FunctionalGroup { get; } = functionalGroup;

    public string Version { get; } = version;

    /// <summary>The whole document as a loop whose entries run from ST to SE, or UNH to UNT.</summary>
    public LoopDefinition Root { get; } = IndexTags(root);

    public SegmentDictionary Dictionary { get; } = dictionary;

    /// <summary>Every segment tag the set uses, at any depth.</summary>
    public IReadOnlySet<string> Tags { get; } = TagsOf(root);

    private static LoopDefinition IndexTags(LoopDefinition root)
    {
        root.IndexTags();
        return root;
    }

    private static HashSet<string> TagsOf(LoopDefinition loop)
    {
        var tags = new HashSet<string>(StringComparer.Ordinal);
        foreach (StructureEntry e in loop.Entries)
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

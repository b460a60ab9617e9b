using Gateway.Edi;

namespace Gateway.Tests;

public class ArchitectureTests
{
    [Test]
    public void GatewayEdi_ReferencesNoOtherGatewayAssembly()
    {
        var references = typeof(EdiDelimiters).Assembly.GetReferencedAssemblies().Select(a => a.Name);
        Assert.That(references, Has.None.StartsWith("Gateway."));
    }
}

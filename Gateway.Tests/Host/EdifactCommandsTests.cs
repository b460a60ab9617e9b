using System.Text.Json;
using Gateway.Host.Cli;

namespace Gateway.Tests.Host;

/// <summary>The command-line contract of DESIGN.md for EDIFACT files: the standard is detected from the file.</summary>
public class EdifactCommandsTests
{
    private static string Sample => Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "edifact", "ORDERS", "sample-orders.edi");

    [Test]
    public void Parse_EdifactWithoutGroups_HasOneGroupWithNullFunctionalId()
    {
        (int code, string output) = Run("parse", Sample);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement interchange = json.RootElement.GetProperty("interchanges")[0];
        JsonElement group = interchange.GetProperty("groups").EnumerateArray().Single();
        JsonElement document = group.GetProperty("documents")[0];
        Assert.That(code, Is.EqualTo(0));
        Assert.That(interchange.GetProperty("standard").GetString(), Is.EqualTo("EDIFACT"));
        Assert.That(interchange.GetProperty("controlNumber").GetString(), Is.EqualTo("ORD0001"));
        Assert.That(group.GetProperty("functionalId").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That((document.GetProperty("type").GetString(), document.GetProperty("controlNumber").GetString(), document.GetProperty("segmentCount").GetInt32()),
            Is.EqualTo(("ORDERS", "1", 19)));
    }

    [Test]
    public void Validate_ValidOrders_Exits0()
    {
        (int code, string output) = Run("validate", Sample);
        Assert.That(code, Is.EqualTo(0), output);
    }

    [Test]
    public void Validate_WrongUntCount_Exits1WithCode()
    {
        string file = Path.Combine(Directory.CreateTempSubdirectory("gateway-cli-").FullName, "bad.edi");
        File.WriteAllText(file, File.ReadAllText(Sample).Replace("UNT+19+1", "UNT+18+1", StringComparison.Ordinal));
        (int code, string output) = Run("validate", file);
        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Does.Contain("SegmentCountMismatch").And.Contain("UNT01"));
    }

    [Test]
    public void Ack_Edifact_PrintsContrl()
    {
        (int code, string output) = Run("ack", Sample, "--positive");
        Assert.That(code, Is.EqualTo(0));
        Assert.That(output, Does.Contain("UNH+1+CONTRL:D:3:UN'").And.Contain("UCI+ORD0001+5412345000013:14+5498765000012:14+7'").And.Contain("UCM+1+ORDERS:D:96A:UN:EAN008+7'"));
    }

    [Test]
    public void Json_Edifact_PrintsTheMessageInItsJsonForm()
    {
        (int code, string output) = Run("json", Sample);
        using JsonDocument json = JsonDocument.Parse(output);
        Assert.That(code, Is.EqualTo(0));
        Assert.That(json.RootElement.GetProperty("BGM").GetProperty("BGM02").GetString(), Is.EqualTo("PO-778812"));
    }

    [Test]
    public void Ack_X12OnlyOption_Exits64NamingIt()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = GatewayCommandLine.Run(["edi", "ack", Sample, "--999"], output, error);
        Assert.That(code, Is.EqualTo(64));
        Assert.That(output.ToString(), Is.Empty);
        Assert.That(error.ToString(), Does.Contain("'--999'").And.Contain("[--positive] [--when-requested]"));
    }

    private static (int Code, string Output) Run(string command, string file, params string[] options)
    {
        var output = new StringWriter();
        int code = GatewayCommandLine.Run(["edi", command, file, .. options], output, new StringWriter());
        return (code, output.ToString());
    }
}

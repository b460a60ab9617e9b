using System.Text.Json;
using Gateway.Host.Cli;
using Gateway.Tests.Support;

namespace Gateway.Tests.Host;

/// <summary>The command-line contract of DESIGN.md: <c>gateway edi parse|validate|ack</c>, their JSON keys and exit codes.</summary>
public class EdiCommandsTests
{
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("gateway-cli-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void Parse_X12File_PrintsContractJsonAndExits0()
    {
        (int code, string output, _) = Run("parse", X12Samples.PurchaseOrders(sets: 2, lines: 3));
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement interchange = json.RootElement.GetProperty("interchanges")[0];
        JsonElement group = interchange.GetProperty("groups")[0];
        JsonElement document = group.GetProperty("documents")[1];
        Assert.That(code, Is.EqualTo(0));
        Assert.That(interchange.GetProperty("standard").GetString(), Is.EqualTo("X12"));
        Assert.That(interchange.GetProperty("sender").GetProperty("id").GetString(), Is.EqualTo("SENDER"));
        Assert.That(interchange.GetProperty("receiver").GetProperty("qualifier").GetString(), Is.EqualTo("ZZ"));
        Assert.That(interchange.GetProperty("controlNumber").GetString(), Is.EqualTo("000000001"));
        Assert.That(interchange.GetProperty("usage").GetString(), Is.EqualTo("P"));
        Assert.That(group.GetProperty("functionalId").GetString(), Is.EqualTo("PO"));
        Assert.That(group.GetProperty("version").GetString(), Is.EqualTo("004010"));
        Assert.That(document.GetProperty("type").GetString(), Is.EqualTo("850"));
        Assert.That(document.GetProperty("controlNumber").GetString(), Is.EqualTo("0002"));
        Assert.That(document.GetProperty("segmentCount").GetInt32(), Is.EqualTo(15));
    }

    [Test]
    public void Validate_ValidFile_Exits0()
    {
        (int code, string output, _) = Run("validate", X12Samples.PurchaseOrders());
        Assert.That(code, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("valid (1 documents)"));
    }

    [Test]
    public void Validate_InvalidFile_PrintsPositionAndCodeAndExits1()
    {
        (int code, string output, _) = Run("validate", X12Samples.PurchaseOrders().Replace("SE*13*0001", "SE*12*0001"));
        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Does.Contain("SegmentCountMismatch").And.Contain("byte ").And.Contain("SE01"));
    }

    [TestCase("parse")]
    [TestCase("validate")]
    [TestCase("ack")]
    public void AnyCommand_NotEdi_Exits2WithReason(string command)
    {
        (int code, _, string error) = Run(command, "Dear partner, please find attached our order.");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("not readable as EDI").And.Contain("No ISA header"));
    }

    [Test]
    public void Ack_X12File_PrintsA997MirroringThePartnerAndExits0()
    {
        (int code, string output, _) = Run("ack", X12Samples.PurchaseOrders());
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(code, Is.EqualTo(0));
        Assert.That(lines[0], Does.StartWith("ISA*00*          *00*          *ZZ*RECEIVER       *ZZ*SENDER         *"));
        Assert.That(lines[1..], Is.EqualTo(new[]
        {
            lines[1], "ST*997*0001~", "AK1*PO*1~", "AK2*850*0001~", "AK5*A~", "AK9*A*1*1*1~", "SE*6*0001~", "GE*1*1~", "IEA*1*000000001~",
        }));
        Assert.That(lines[1], Does.StartWith("GS*FA*RECEIVER*SENDER*"));
    }

    [Test]
    public void Ack_With999Option_Prints999()
    {
        (_, string output, _) = Run("ack", X12Samples.PurchaseOrders(), "--999");
        Assert.That(output, Does.Contain("ST*999*0001~").And.Contain("IK5*A~"));
    }

    [TestCase("--ta1", "alwys")]
    [TestCase("--positive")]
    [TestCase("--ta1")]
    public void Ack_UnknownOptionOrValue_Exits64NamingIt(params string[] options)
    {
        (int code, string output, string error) = Run("ack", X12Samples.PurchaseOrders(), options);
        Assert.That(code, Is.EqualTo(64));
        Assert.That(output, Is.Empty);
        Assert.That(error, Does.Contain($"'{options[^1]}'").And.Contain("--ta1 auto|always|never"));
    }

    [TestCase("always", true)]
    [TestCase("never", false)]
    public void Ack_Ta1Option_ChoosesWhetherATa1IsSent(string value, bool sent)
    {
        (int code, string output, _) = Run("ack", X12Samples.PurchaseOrders(), "--ta1", value);
        Assert.That(code, Is.EqualTo(0));
        Assert.That(output, sent ? Does.Contain("TA1*000000001*") : Does.Not.Contain("TA1*"));
    }

    private (int Code, string Output, string Error) Run(string command, string content, params string[] options)
    {
        string file = Path.Combine(_directory, "input.edi");
        File.WriteAllText(file, content);
        var output = new StringWriter();
        var error = new StringWriter();
        int code = GatewayCommandLine.Run(["edi", command, file, .. options], output, error);
        return (code, output.ToString(), error.ToString());
    }
}

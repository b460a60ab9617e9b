using Gateway.Host.Tracking;
using Gateway.Partners.Duplicates;
using Gateway.Partners.Profiles;

namespace Gateway.Tests.Host.Tracking;

/// <summary>The duplicate-interchange register: same partner and control number within the window, durable across restarts.</summary>
public class FileInterchangeRegisterTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan ThirtyDays = TimeSpan.FromDays(30);
    private static readonly InterchangeKey Acme1 = new("acme", EdiStandard.X12, "000000001");
    private string _directory = "";

    private string JournalPath => Path.Combine(_directory, "interchanges.journal");

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("gateway-register-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void Register_SameControlNumberWithinTheWindowAfterARestart_ReturnsTheFirst()
    {
        using (var register = new FileInterchangeRegister(JournalPath))
        {
            Assert.That(register.Register(Acme1, "T1", Monday, ThirtyDays), Is.Null);
        }
        using var reopened = new FileInterchangeRegister(JournalPath);
        var earlier = reopened.Register(Acme1, "T2", Monday.AddDays(29), ThirtyDays);
        Assert.That(earlier, Is.EqualTo(new InterchangeRegistration(Acme1, "T1", Monday)));
    }

    [Test]
    public void Register_SameTrackingIdAgain_IsAResumeNotADuplicate()
    {
        using var register = new FileInterchangeRegister(JournalPath);
        register.Register(Acme1, "T1", Monday, ThirtyDays);
        Assert.That(register.Register(Acme1, "T1", Monday.AddMinutes(5), ThirtyDays), Is.Null);
    }

    [Test]
    public void Register_AfterTheWindow_IsNewAndBecomesTheReference()
    {
        using var register = new FileInterchangeRegister(JournalPath);
        register.Register(Acme1, "T1", Monday, ThirtyDays);
        Assert.That(register.Register(Acme1, "T2", Monday.AddDays(31), ThirtyDays), Is.Null);
        Assert.That(register.Register(Acme1, "T3", Monday.AddDays(32), ThirtyDays)?.TrackingId, Is.EqualTo("T2"));
    }

    [Test]
    public void Register_OtherPartnerOrStandardWithTheSameNumber_IsNotADuplicate()
    {
        using var register = new FileInterchangeRegister(JournalPath);
        register.Register(Acme1, "T1", Monday, ThirtyDays);
        Assert.Multiple(() =>
        {
            Assert.That(register.Register(Acme1 with { PartnerId = "globex" }, "T2", Monday, ThirtyDays), Is.Null);
            Assert.That(register.Register(Acme1 with { Standard = EdiStandard.Edifact }, "T3", Monday, ThirtyDays), Is.Null);
        });
    }

    [Test]
    public void Purge_ForgetsOldRegistrationsDurably()
    {
        using (var register = new FileInterchangeRegister(JournalPath))
        {
            register.Register(Acme1, "T1", Monday, ThirtyDays);
            register.Register(Acme1 with { ControlNumber = "000000002" }, "T2", Monday.AddDays(10), ThirtyDays);
            Assert.That(register.Purge(Monday.AddDays(5)), Is.EqualTo(1));
        }
        using var reopened = new FileInterchangeRegister(JournalPath);
        Assert.Multiple(() =>
        {
            Assert.That(reopened.Register(Acme1, "T9", Monday.AddDays(6), ThirtyDays), Is.Null);
            Assert.That(reopened.Register(Acme1 with { ControlNumber = "000000002" }, "T9", Monday.AddDays(11), ThirtyDays)?.TrackingId, Is.EqualTo("T2"));
        });
    }
}

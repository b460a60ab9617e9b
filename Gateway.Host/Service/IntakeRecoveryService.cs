using Gateway.Host.Intake;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gateway.Host.Service;

/// <summary>
/// Before any transport starts: rebuilds receipts that were archived but not recorded when the gateway stopped, and
/// queues every unfinished receipt, so a file picked up again after a crash is recognised as already received.
/// </summary>
internal sealed partial class IntakeRecoveryService(DurableIntake intake, ILogger<IntakeRecoveryService> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var (rebuilt, resumed) = intake.Recover();
        LogRecovered(resumed, rebuilt);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Intake recovered: {Resumed} unfinished receipt(s) queued, {Rebuilt} rebuilt from the archive")]
    private partial void LogRecovered(int resumed, int rebuilt);
}

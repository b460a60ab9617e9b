namespace Gateway.Tests.Attacks;

/// <summary>
/// The cases of one attack test: each case is checked and counted, a failing case is kept with its reason (the test
/// goes on with the next), and <see cref="Finish"/> records the row for the summary and fails the test if any case failed.
/// </summary>
internal sealed class AttackCases(string attackClass, string test)
{
    private readonly List<string> _failures = [];

    public int Tried { get; private set; }

    /// <summary>Counts one case; <paramref name="holds"/> false records <paramref name="what"/> as a failure.</summary>
    public void Check(bool holds, string what)
    {
        Tried++;
        if (!holds)
        {
            _failures.Add(what);
        }
    }

    /// <summary>Runs one case whose answer is a failure reason, or null when the oracle holds; an exception is a failure too.</summary>
    public async Task RunAsync(string name, Func<Task<string?>> run)
    {
        Tried++;
        try
        {
            if (await run() is { } failure)
            {
                _failures.Add($"{name}: {failure}");
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            _failures.Add($"{name}: {exception.GetType().Name}: {exception.Message}");
        }
    }

    public void Finish()
    {
        AttackSummary.Record(attackClass, Tried, _failures.Count, test);
        Assert.That(_failures, Is.Empty, $"{attackClass}: {_failures.Count} of {Tried} cases failed");
    }
}

namespace Gateway.Tests.Support;

/// <summary>
/// The summary tables of the adversarial suites (issue #11). NUnit shows progress output only at higher verbosity, so
/// each table is also written beside the test assembly as <c>summary-NAME.txt</c>, which the test command prints
/// after the run.
/// </summary>
internal static class RunSummary
{
    public static void Publish(string name, string table)
    {
        TestContext.Progress.WriteLine(table);
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, $"summary-{name}.txt"), table);
    }
}

using System.Diagnostics;
using System.Text;

namespace Gateway.Tests.Adversarial;

/// <summary>
/// Runs one category of generated malformed inputs: times each, counts each outcome, and records every failure (an
/// exception the product does not document, a broken oracle, or an input slower than the limit twice in a row) with
/// a reproducer. Failures whose signature is in <see cref="KnownBugs"/> are counted apart and do not fail the run.
/// </summary>
internal sealed class MalformedInputRun(string category, int count)
{
    private const int ExamplesPerSignature = 3;
    private const int MaxRetimed = 200;
    private static readonly TimeSpan HangReport = TimeSpan.FromSeconds(10);

    private readonly SortedDictionary<string, int> _outcomes = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, FuzzFailure> _failures = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, FuzzFailure> _known = new(StringComparer.Ordinal);
    private long _caseStarted;
    private FuzzCase? _current;

    public string Category { get; } = category;

    public int Seed { get; } = FuzzSettings.SeedOf(category);

    public int Tried { get; private set; }

    public double SlowestMilliseconds { get; private set; }

    public string SlowestMutation { get; private set; } = "";

    public TimeSpan Elapsed { get; private set; }

    public IReadOnlyDictionary<string, int> Outcomes => _outcomes;

    public IReadOnlyCollection<FuzzFailure> Failures => _failures.Values;

    public IReadOnlyCollection<FuzzFailure> Known => _known.Values;

    public int FailureCount => _failures.Values.Sum(f => f.Count);

    public int KnownCount => _known.Values.Sum(f => f.Count);

    /// <summary>Generates <c>count</c> cases with <paramref name="generate"/> and classifies each with <paramref name="classify"/>, which returns the outcome's name.</summary>
    public void Run(Func<Random, FuzzCase> generate, Func<FuzzCase, FuzzResult> classify)
    {
        TestContext.Progress.WriteLine($"[adversarial] {Category}: {count:N0} cases, seed {Seed} (GATEWAY_FUZZ_SEED={FuzzSettings.Seed})");
        var total = Stopwatch.StartNew();
        var slow = new List<(int Index, FuzzCase Case, string Outcome, double First)>();
        using var watchdog = new Timer(_ => Watch(), null, HangReport, HangReport);
        for (int n = 0; n < count; n++)
        {
            var fuzzCase = generate(new Random(FuzzSettings.CaseSeed(Seed, n)));
            if (fuzzCase.Input.Length > FuzzSettings.MaxInputBytes)
            {
                fuzzCase = fuzzCase with { Input = fuzzCase.Input[..FuzzSettings.MaxInputBytes], Mutation = fuzzCase.Mutation + "+cut64k" };
            }
            var (outcome, error, milliseconds, _) = Attempt(fuzzCase, classify, ownTime: false);
            Tried++;
            if (error is null && milliseconds > FuzzSettings.SlowMilliseconds && slow.Count < MaxRetimed)
            {
                slow.Add((n, fuzzCase, outcome!, milliseconds));
                continue;
            }
            if (error is null && milliseconds > FuzzSettings.SlowMilliseconds)
            {
                error = new OracleException($"slow: {milliseconds:F0} ms (over {MaxRetimed} slow inputs, so not timed again), over {FuzzSettings.SlowMilliseconds} ms");
            }
            Count(n, fuzzCase, outcome, error, milliseconds);
        }
        // A slow input is timed again once every other input has run, and judged by the time its own thread spent on a
        // core (wall time where the system does not say): the first thousands of inputs run while the JIT still
        // compiles and optimises (the shipped gateway is precompiled), and other suites run beside this one.
        foreach (var (n, fuzzCase, outcome, first) in slow)
        {
            var (again, error, milliseconds, own) = Attempt(fuzzCase, classify, ownTime: true);
            double judged = double.IsNaN(own) ? Math.Min(first, milliseconds) : own;
            if (error is null && again != outcome)
            {
                error = new OracleException($"the same input gave '{outcome}', then '{again}'");
            }
            else if (error is null && judged > FuzzSettings.SlowMilliseconds)
            {
                error = new OracleException($"slow: {first:F0} ms, then {milliseconds:F0} ms{(double.IsNaN(own) ? "" : $" of which {own:F0} ms on a core")}, over {FuzzSettings.SlowMilliseconds} ms");
            }
            Count(n, fuzzCase, again, error, judged);
        }
        Elapsed = total.Elapsed;
        MalformedInputSummary.Add(this);
        TestContext.Progress.WriteLine(MalformedInputSummary.Row(this));
    }

    private void Count(int index, FuzzCase fuzzCase, string? outcome, Exception? error, double milliseconds)
    {
        if (milliseconds > SlowestMilliseconds)
        {
            (SlowestMilliseconds, SlowestMutation) = (milliseconds, fuzzCase.Mutation);
        }
        if (error is null)
        {
            _outcomes[outcome!] = _outcomes.GetValueOrDefault(outcome!) + 1;
        }
        else
        {
            Record(index, fuzzCase, error);
        }
    }

    /// <summary>What the assertion prints: every failure signature with its reproducers.</summary>
    public static string Describe(IEnumerable<FuzzFailure> failures)
    {
        var text = new StringBuilder();
        foreach (var failure in failures)
        {
            text.Append(failure.Count).Append(" × ").Append(failure.Signature).Append('\n');
            foreach (string example in failure.Examples)
            {
                text.Append("    ").Append(example).Append('\n');
            }
        }
        return text.ToString();
    }

    // Wall milliseconds, and with ownTime the thread's milliseconds on a core (NaN where unknown or not asked).
    private (string? Outcome, Exception? Error, double Milliseconds, double Own) Attempt(FuzzCase fuzzCase, Func<FuzzCase, FuzzResult> classify, bool ownTime)
    {
        _current = fuzzCase;
        double ownStart = ownTime ? ThreadCpuTime.Milliseconds() : double.NaN;
        long start = Stopwatch.GetTimestamp();
        Interlocked.Exchange(ref _caseStarted, start);
        double milliseconds = 0;
        try
        {
            var result = classify(fuzzCase);
            milliseconds = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            double own = ownTime ? ThreadCpuTime.Milliseconds() - ownStart : double.NaN;
            Interlocked.Exchange(ref _caseStarted, 0);
            result.CheckAfterTiming?.Invoke();
            return (result.Outcome, null, milliseconds, own);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return (null, exception, milliseconds > 0 ? milliseconds : Stopwatch.GetElapsedTime(start).TotalMilliseconds, double.NaN);
        }
        finally
        {
            Interlocked.Exchange(ref _caseStarted, 0);
        }
    }

    // A real hang never returns: say which input it is while the test still runs, so a CI timeout leaves a reproducer.
    private void Watch()
    {
        long started = Interlocked.Read(ref _caseStarted);
        if (started != 0 && Stopwatch.GetElapsedTime(started) > HangReport && _current is { } stuck)
        {
            TestContext.Progress.WriteLine($"[adversarial] {Category}: one input has run for over {HangReport.TotalSeconds:F0} s ({stuck.Mutation}): {Reproducer(stuck)}");
        }
    }

    private void Record(int index, FuzzCase fuzzCase, Exception error)
    {
        string signature = Signature(error);
        var target = KnownBugs.Matches(Category, signature) ? _known : _failures;
        if (!target.TryGetValue(signature, out var failure))
        {
            failure = new FuzzFailure(signature);
            target[signature] = failure;
        }
        failure.Count++;
        if (failure.Count <= ExamplesPerSignature)
        {
            failure.Examples.Add($"case {index} ({fuzzCase.Mutation}, variant {fuzzCase.Variant}, {fuzzCase.Input.Length} bytes): {error.GetType().Name}: {Shorten(error.Message)}");
            failure.Examples.Add($"  input: {Reproducer(fuzzCase)}");
            failure.Examples.Add($"  saved: {Save(index, fuzzCase)}");
            if (error is not OracleException && failure.Count == 1)
            {
                failure.Examples.Add($"  stack: {Shorten(error.StackTrace ?? "", 1500)}");
            }
        }
    }

    /// <summary>The exception type and the first gateway frame it came from (or the oracle's words), which names one bug across inputs.</summary>
    public static string Signature(Exception error)
    {
        if (error is OracleException)
        {
            string message = error.Message;
            int colon = message.IndexOf(':', StringComparison.Ordinal);
            return "oracle: " + (colon > 0 ? message[..colon] : message);
        }
        var frame = new StackTrace(error, fNeedFileInfo: false).GetFrames()
            .Select(f => f.GetMethod())
            .FirstOrDefault(m => m?.DeclaringType?.FullName?.StartsWith("Gateway.", StringComparison.Ordinal) == true && m.DeclaringType.Namespace != typeof(MalformedInputRun).Namespace);
        string where = frame is null ? "?" : $"{frame.DeclaringType!.FullName!.Split('+')[0]}.{frame.Name}";
        return $"{error.GetType().FullName} at {where}";
    }

    /// <summary>The input as text when it is short printable ASCII, else as base64.</summary>
    public static string Reproducer(FuzzCase fuzzCase)
    {
        byte[] input = fuzzCase.Input;
        bool printable = input.Length <= 600 && input.All(b => b is >= 0x20 and < 0x7F or (byte)'\r' or (byte)'\n' or (byte)'\t');
        return printable
            ? "text \"" + Encoding.ASCII.GetString(input).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\""
            : $"base64 {Shorten(Convert.ToBase64String(input), 600)}";
    }

    // The whole input, for a reproducer longer than the message can hold.
    private string Save(int index, FuzzCase fuzzCase)
    {
        string folder = Directory.CreateDirectory(Path.Combine(TestContext.CurrentContext.WorkDirectory, "adversarial-failures")).FullName;
        string file = Path.Combine(folder, $"{Category.Replace(' ', '-').Replace('/', '-')}-seed{FuzzSettings.Seed}-case{index}.bin");
        File.WriteAllBytes(file, fuzzCase.Input);
        return file;
    }

    private static string Shorten(string text, int length = 300) => text.Length <= length ? text : text[..length] + $"…(+{text.Length - length})";
}

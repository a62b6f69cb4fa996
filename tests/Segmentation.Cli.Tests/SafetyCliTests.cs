using System.Diagnostics;
using System.Text;

namespace Segmentation.Cli.Tests;

/// <summary>
/// The CLI under hostile or careless use: every failure is one line naming the file, row, column or option with its exit
/// code (README, "Exit codes"), never a stack trace; outputs are safe to open in a spreadsheet and appear whole; Ctrl-C
/// and SIGTERM cancel, print "cancelled" and exit 130 without a partial file.
/// </summary>
public sealed class SafetyCliTests
{
    private const string Tx = "transaction_id,customer_id,timestamp,amount\n";

    private static void NoTrace(string stderr)
    {
        Assert.DoesNotContain("   at ", stderr);
        Assert.DoesNotContain("Exception", stderr);
        Assert.DoesNotContain("Unhandled", stderr);
    }

    public static TheoryData<string, string[], int, string> Failures() => new()
    {
        // name, files (name=content, '|' separated), expected exit code, expected text in the message
        { "no accepted transaction", [Tx + "T1,C1,2026-01-05,abc\n"], 2, "no transaction was accepted" },
        { "columns null", [Tx + "T1,C1,2026-01-05,5\n", "schema.json={\"tables\":{\"transactions\":{\"columns\":null}}}"], 2, "tables.transactions.columns is null" },
        { "tables null", [Tx + "T1,C1,2026-01-05,5\n", "schema.json={\"tables\":null}"], 2, "\"tables\" is null" },
        { "file outside", [Tx + "T1,C1,2026-01-05,5\n", "schema.json={\"tables\":{\"transactions\":{\"file\":\"../../etc/passwd\"}}}"], 2, "tables.transactions.file" },
        { "proc environ", [Tx + "T1,C1,2026-01-05,5\n", "schema.json={\"tables\":{\"transactions\":{\"file\":\"/proc/self/environ\"}}}"], 2, "tables.transactions.file" },
        { "glob", [Tx + "T1,C1,2026-01-05,5\n", "schema.json={\"tables\":{\"transactions\":{\"file\":\"tx*.csv\"}}}"], 2, "file pattern" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Run_failures_are_one_line_with_their_exit_code(string name, string[] files, int exit, string expected)
    {
        using var dir = new TempDirectory();
        var data = Path.Combine(dir.Path, "data");
        Directory.CreateDirectory(data);
        foreach (var f in files)
        {
            int eq = f.IndexOf('=', StringComparison.Ordinal);
            bool named = f.StartsWith("schema.json=", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(data, named ? "schema.json" : "transactions.csv"), named ? f[(eq + 1)..] : f);
        }
        var (code, _, stderr) = SegProcess.Run("run", "--data", data, "--out", dir.File("out"), "--as-of", "2026-10-31");
        Assert.True(code == exit, $"{name}: exit {code}\n{stderr}");
        Assert.Contains(expected, stderr);
        NoTrace(stderr);
        Assert.DoesNotContain("SEG_PSEUDONYM_KEY", stderr);
    }

    [Fact]
    public void Verbose_adds_the_trace_after_the_one_line_message()
    {
        using var dir = new TempDirectory();
        dir.Write("transactions.csv", Tx + "T1,C1,2026-01-05,5\n");
        dir.Write("schema.json", "{\"tables\":null}");
        var (code, _, stderr) = SegProcess.Run("data", "check", "--data", dir.Path, "--rejects", dir.File("r.csv"), "--verbose");
        Assert.Equal(2, code);
        Assert.Contains("error: ", stderr);
        Assert.Contains("\"tables\" is null", stderr);
        Assert.Contains("   at Segmentation.Data.SchemaMapping.Check", stderr);
    }

    [Fact]
    public void Options_pointing_at_the_wrong_thing_are_named()
    {
        using var dir = new TempDirectory();
        var data = Path.Combine(dir.Path, "data");
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "transactions.csv"), Tx + "T1,C1,2026-01-05,5\n");

        var (code, _, stderr) = SegProcess.Run("data", "check", "--data", data, "--as-of", "2026-10-31", "--rejects", dir.Path);
        Assert.Equal(6, code);
        Assert.Contains("is a folder", stderr);
        NoTrace(stderr);

        (code, _, stderr) = SegProcess.Run("run", "--data", data, "--out", Path.Combine(data, "transactions.csv"), "--as-of", "2026-10-31");
        Assert.Equal(1, code);
        Assert.Contains("--out", stderr);

        (code, _, stderr) = SegProcess.Run("data", "check", "--data", data, "--schema", "/nonexistent.json", "--rejects", dir.File("r.csv"));
        Assert.Equal(1, code);
        Assert.Contains("--schema /nonexistent.json: no such file", stderr);
        NoTrace(stderr);

        (code, _, stderr) = SegProcess.Run("rfm", "--data", data, "--snapshot", "1900-01-01", "--out", dir.File("rfm.csv"));
        Assert.Equal(1, code);
        Assert.Contains("--snapshot", stderr);
        NoTrace(stderr);

        (code, _, stderr) = SegProcess.Run("evaluate", "--data", RepoPaths.Data("sample"), "--month", "1999-01");
        Assert.Equal(1, code);
        Assert.Contains("--month", stderr);
        NoTrace(stderr);

        var key = dir.File("key.txt");
        File.WriteAllText(key, "                ");
        (code, _, stderr) = SegProcess.Run("data", "check", "--data", data, "--as-of", "2026-10-31", "--pseudonym-key", key, "--rejects", dir.File("r.csv"));
        Assert.Equal(2, code);
        Assert.Contains("pseudonymisation key", stderr);
    }

    [Fact]
    public void A_k_beyond_the_customers_is_a_usage_error()
    {
        using var dir = new TempDirectory();
        var features = dir.Write("features.csv", "customer_id,x,y\n" + string.Join("", Enumerable.Range(1, 30).Select(i => $"C{i},{i},{i % 7}\n")));
        var (code, _, stderr) = SegProcess.Run("cluster", "--input", features, "--features", "x,y", "--k", "1000", "--out", dir.File("m.json"));
        Assert.Equal(1, code);
        Assert.Contains("--k 1000", stderr);
        NoTrace(stderr);
    }

    /// <summary>rejects.csv and rfm.csv of one run: formulas neutralised, personal values masked, escapes not printed.</summary>
    [Fact]
    public void Run_outputs_are_safe_to_open_and_to_print()
    {
        using var dir = new TempDirectory();
        var data = Path.Combine(dir.Path, "data");
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "transactions.csv"),
            "transaction_id,customer_id,timestamp,amount,\u001b[31mnote\u001b[0m\n" +
            "T1,\"=cmd|' /C calc'!A0\",2026-01-05,5,x\n" +
            "T2,C2,2026-01-06,-59.6,x\n" +
            "T3,C3,2026-01-07,alice.victim@example.com,x\n" +
            "T4,C4,2026-01-07,=HYPERLINK(\"http://evil\"),x\n" +
            "T5,@SUM(1),2026-01-08,7,x\n");
        var outDir = dir.File("out");
        var (code, stdout, stderr) = SegProcess.Run("run", "--data", data, "--out", outDir, "--as-of", "2026-10-31");
        Assert.True(code == 0, stderr);
        // The header's escape sequence is stripped (Spectre's own styling, if the terminal asks for it, is not data).
        Assert.DoesNotContain("\u001b[31m", stdout + stderr);
        Assert.Contains("(not read): note", stdout);
        var rejects = File.ReadAllText(Path.Combine(outDir, "rejects.csv"));
        Assert.DoesNotContain("alice.victim@example.com", rejects);
        Assert.Contains("a***@***.com", rejects);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\")\"", rejects);
        var rfm = File.ReadAllLines(Path.Combine(outDir, "rfm.csv"));
        Assert.Contains(rfm, l => l.StartsWith("'=cmd|' /C calc'!A0,", StringComparison.Ordinal));
        Assert.Contains(rfm, l => l.StartsWith("'@SUM(1),", StringComparison.Ordinal));
        Assert.DoesNotContain(rfm, l => l.StartsWith('=') || l.StartsWith('@') || l.StartsWith('+'));
        Assert.Empty(Directory.GetFiles(outDir, ".*"));
    }

    [Fact]
    public void Features_csv_neutralises_formula_like_ids()
    {
        using var dir = new TempDirectory();
        var data = Path.Combine(dir.Path, "data");
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "transactions.csv"), Tx + "T1,\"=1+1\",2026-01-05,5\nT2,C2,2026-01-06,-3\nT3,C2,2026-01-07,9\n");
        var output = dir.File("features.csv");
        var (code, _, stderr) = SegProcess.Run("features", "--data", data, "--out", output, "--snapshot", "2026-10-31");
        Assert.True(code == 0, stderr);
        var lines = File.ReadAllLines(output);
        Assert.Contains(lines, l => l.StartsWith("'=1+1,", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith('='));
    }

    /// <summary>
    /// Ctrl-C and SIGTERM in the middle of reading a large input: "cancelled", exit 130, the previous run's rfm.csv as it
    /// was and no new or partial file beside it.
    /// </summary>
    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task A_signal_cancels_the_run_and_leaves_no_partial_output(string signal)
    {
        using var dir = new TempDirectory();
        var data = Path.Combine(dir.Path, "data");
        Directory.CreateDirectory(data);
        using (var w = new StreamWriter(Path.Combine(data, "transactions.csv"), false, new UTF8Encoding(false), 1 << 20))
        {
            w.Write(Tx);
            for (int i = 0; i < 1_500_000; i++) w.Write($"T{i},C{i % 50_000},2026-{1 + i % 9:D2}-{1 + i % 28:D2} 10:00:00,{i % 997}.5\n");
        }
        var outDir = Directory.CreateDirectory(dir.File("out")).FullName;
        File.WriteAllText(Path.Combine(outDir, "rfm.csv"), "previous run\n");

        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(SegProcess.Dll);
        foreach (var a in new[] { "run", "--data", data, "--out", outDir, "--as-of", "2026-10-31" }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = new StringBuilder();
        var reading = new ManualResetEventSlim();
        p.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (stderr) stderr.AppendLine(e.Data);
            if (e.Data.Contains("reading transactions.csv", StringComparison.Ordinal)) reading.Set();
        };
        p.BeginErrorReadLine();
        var stdout = p.StandardOutput.ReadToEndAsync();
        Assert.True(reading.Wait(TimeSpan.FromMinutes(2)), "the run never started reading");
        Thread.Sleep(1500);
        Assert.False(p.HasExited, "the input was read too fast to interrupt: make it larger");
        using (var kill = Process.Start("kill", ["-" + signal, p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!) kill.WaitForExit();
        Assert.True(p.WaitForExit(TimeSpan.FromSeconds(60)), "the run did not stop within a minute of the signal");
        p.WaitForExit();
        await stdout;
        string err;
        lock (stderr) err = stderr.ToString();
        Assert.Equal(130, p.ExitCode);
        Assert.Contains("cancelled", err);
        NoTrace(err);
        Assert.Equal("previous run\n", File.ReadAllText(Path.Combine(outDir, "rfm.csv")));
        Assert.Equal(["rfm.csv"], Directory.GetFiles(outDir).Select(Path.GetFileName));
    }
}

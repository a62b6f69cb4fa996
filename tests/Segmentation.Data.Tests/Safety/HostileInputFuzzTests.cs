using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using CsCheck;
using DuckDB.NET.Data;
using Segmentation.Analytics.Serialization;
using Xunit.Abstractions;

namespace Segmentation.Data.Tests.Safety;

/// <summary>
/// Property-based fuzzing of whole data directories (CSV, gzip, Parquet, schema.json) built from hostile cells —
/// formulas, terminal escapes, quotes, NULs, huge fields, broken bytes — with planted personal values. For every case:
/// no exception but a located <see cref="DataFileException"/> or a schema <see cref="InvalidDataException"/>; rows
/// reconcile; nothing is written outside the run folder; no planted value appears in any output file or message.
/// </summary>
/// <remarks>
/// Cases are drawn from CsCheck generators with a fixed PCG seed (<c>SEG_FUZZ_SEED</c>, default 20261), so a run
/// replays the same sequence; it runs for <c>SEG_FUZZ_SECONDS</c> (default 4 s, bounded for CI; set 60+ for a long run).
/// </remarks>
public sealed class HostileInputFuzzTests(ITestOutputHelper output)
{
    private static readonly DateTime AsOf = new(2026, 10, 31);

    /// <summary>Personal values planted in non-identifier columns; none may come out in the clear.</summary>
    private static readonly string[] Planted =
    [
        "leak.one@victim-mail.example", "13987654321", "139-8765-4320", "(021) 5555-0199", "11010519491231002X",
        "110105 19491231 003X", "ID:11010519491231004X", "１３９８７６５４３２１", "欧阳娜", "王建国",
    ];

    private static readonly string[] Hostile =
    [
        "=cmd|' /C calc'!A0", "=HYPERLINK(\"http://evil\",\"x\")", "+1+2", "@SUM(A1)", "-2+3", "\t=1", "\u001b[2J\u001b[31mred",
        "a\"b", "x,y", "line\nbreak", "nul\0byte", "\u202Egnp.exe", new string('w', 3000), "", " ", "NA", "null",
    ];

    private static readonly string[] Amounts = ["5", "12.50", "-59.6", "0", "abc", "1e999", "NaN", "1,234.5", "¥30", "-"];
    private static readonly string[] Times = ["2026-01-05 10:00:00", "2026-02-30", "2099-01-01", "25/01/2026", "2026-03-01T10:00:00+08:00", ""];
    private static readonly string[] Channels = ["web", "store", "app", "线上", "other"];

    private static readonly string?[] Schemas =
    [
        null, null, null,
        """{"tables":{"transactions":{"file":"../outside.csv"}}}""",
        """{"tables":{"transactions":{"file":"tx*.csv"}}}""",
        """{"tables":{"transactions":{"file":"/etc/hostname"}}}""",
        """{"tables":{"transactions":{"columns":null}}}""",
        """{"tables":null}""",
        """{"tables":{"transactions":{"na":["NA","null"],"invalid_optional":"clear"}}}""",
        """{"tables":{"transactions":{"categories":{"channel":["web","store","=cmd"]},"closed":true}}}""",
        """{"tables":{"transactions":{"query":"SELECT * FROM read_csv('/etc/passwd')"}}}""",
        """{"tables":{"customers":{"columns":{"industry":"\u001b[31mindustry"}}}}""",
        "{ not json",
    ];

    private sealed record FuzzCase(string[][] Rows, string[] Industries, int Format, int Schema, int Corrupt, int CorruptAt);

    private static readonly Gen<string> Cell = Gen.Frequency(
        (3, Gen.OneOf(Amounts)), (2, Gen.OneOf(Hostile)), (2, Gen.OneOf(Planted)), (1, Gen.String[0, 20]));

    private static readonly Gen<FuzzCase> Cases =
        from rows in Gen.Select(Gen.Int[1, 8], Cell, Gen.Frequency((4, Gen.OneOf(Times)), (1, Cell)), Gen.Frequency((3, Gen.OneOf(Channels)), (2, Cell)), Gen.Int[0, 9])
            .Select((c, amount, time, channel, extra) => new[] { "T" + extra, "C" + c, time, amount, channel }
                .Concat(extra == 0 ? [Planted[c % Planted.Length]] : []).ToArray()).Array[1, 30]
        from industries in Gen.Frequency((3, Gen.OneOf(Planted)), (2, Gen.OneOf(Hostile)), (2, Gen.OneOf("Retail", "制造业", "Finance"))).Array[8]
        from format in Gen.Int[0, 5]
        from schema in Gen.Int[0, Schemas.Length - 1]
        from corrupt in Gen.Int[0, 7]
        from at in Gen.Int[0, 100_000]
        select new FuzzCase(rows, industries, format, schema, corrupt, at);

    [Fact]
    public void Hostile_data_directories_are_read_safely()
    {
        double seconds = double.TryParse(Environment.GetEnvironmentVariable("SEG_FUZZ_SECONDS"), System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 4;
        ulong seed = ulong.TryParse(Environment.GetEnvironmentVariable("SEG_FUZZ_SEED"), out var sd) ? sd : 20261;
        var pcg = new PCG(1, seed);
        var watch = Stopwatch.StartNew();
        int cases = 0, loaded = 0, refused = 0;
        var reasons = new Dictionary<string, int>();
        while (cases < 3 || watch.Elapsed.TotalSeconds < seconds)
        {
            var c = Cases.Generate(pcg, null, out _);
            try
            {
                if (Run(c) is { } reason)
                {
                    refused++;
                    reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
                }
                else loaded++;
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"case {cases} (SEG_FUZZ_SEED={seed}) failed: {e}\ncase: {Describe(c)}");
            }
            cases++;
        }
        output.WriteLine($"{cases} cases in {watch.Elapsed.TotalSeconds:F1} s ({cases / watch.Elapsed.TotalSeconds:F1} cases/s): {loaded} loaded, {refused} refused with a message");
        foreach (var (reason, n) in reasons.OrderByDescending(kv => kv.Value)) output.WriteLine($"  refused {n}×: {reason}");
        Assert.True(loaded > 0, "no case loaded: the generator only makes broken inputs");
    }

    private static string Describe(FuzzCase c) =>
        $"format {c.Format}, schema {c.Schema}, corrupt {c.Corrupt}@{c.CorruptAt}, rows: " + string.Join(" | ", c.Rows.Select(r => string.Join(";", r.Select(x => x.Length > 20 ? x[..20] + "…" : x))));

    /// <summary>Builds and reads one case; null when it loaded, else the (shortened) message it was refused with.</summary>
    private static string? Run(FuzzCase c)
    {
        using var root = new TempDirectory();
        var data = Path.Combine(root.Path, "data");
        var run = Path.Combine(root.Path, "run");
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(root.Path, "outside.csv"), "transaction_id,customer_id,timestamp,amount\nT1,C1,2026-01-05,5\n");
        WriteTransactions(c, data);
        var customers = new StringBuilder("customer_id,industry\n");
        for (int i = 0; i < c.Industries.Length; i++) customers.Append($"C{i + 1},{Quote(c.Industries[i])}\n");
        File.WriteAllText(Path.Combine(data, "customers.csv"), customers.ToString());
        if (Schemas[c.Schema] is { } schema) File.WriteAllText(Path.Combine(data, "schema.json"), schema);
        var before = Snapshot(root.Path);

        string message;
        try
        {
            using var ws = DataWorkspace.Load(data, new IngestOptions(AsOf));
            Assert.True(ws.Report.Reconciles, "rows do not reconcile");
            using (var outputs = new OutputSet())
            {
                outputs.AddText(Path.Combine(run, "rejects.csv"), ws.Report.WriteRejects);
                outputs.AddText(Path.Combine(run, "transactions.csv"), w => DataFrameCsv.Write(ws.Table("transactions"), w));
                outputs.Commit();
            }
            message = string.Join("\n", ws.Report.Tables.SelectMany(t => t.Warnings.Select(w => w.Message)));
            CheckOutputs(root.Path, run, before, message);
            return null;
        }
        catch (Exception e) when (e is DataFileException or InvalidDataException)
        {
            message = e.Message;
            Assert.True(message.Length < 3000, $"message of {message.Length} characters");
            CheckOutputs(root.Path, run, before, message);
            var problem = message.Replace(root.Path, "", StringComparison.Ordinal);
            return problem.Length > 90 ? problem[..90] : problem;
        }
    }

    private static void CheckOutputs(string root, string run, IReadOnlyDictionary<string, long> before, string message)
    {
        Assert.False(message.Contains('\u001b', StringComparison.Ordinal), "escape in message: " + message.Replace('\u001b', '^'));
        Assert.False(message.Contains("victim", StringComparison.Ordinal), "planted value in message: " + message);
        foreach (var p in Planted) Assert.False(message.Contains(p, StringComparison.Ordinal), $"planted value '{p}' in message: {message}");
        var after = Snapshot(root);
        foreach (var (path, length) in after)
        {
            if (path.StartsWith(run + Path.DirectorySeparatorChar, StringComparison.Ordinal)) continue;
            Assert.True(before.TryGetValue(path, out var old) && old == length, $"written outside the run folder: {path}");
        }
        foreach (var file in after.Keys.Where(p => p.StartsWith(run + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
        {
            Assert.DoesNotContain(".tmp", Path.GetFileName(file));
            var text = File.ReadAllText(file);
            foreach (var p in Planted) Assert.DoesNotContain(p, text);
            Assert.DoesNotContain("victim", text);
            Assert.DoesNotContain("\n=cmd", text);
            Assert.DoesNotContain(",=cmd", text);
            Assert.DoesNotContain(",@SUM", text);
        }
    }

    private static Dictionary<string, long> Snapshot(string root) =>
        Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .ToDictionary(f => f, f => new FileInfo(f).Length);

    private static void WriteTransactions(FuzzCase c, string data)
    {
        var sb = new StringBuilder("transaction_id,customer_id,timestamp,amount,channel\n");
        foreach (var row in c.Rows) sb.Append(string.Join(",", row.Select(Quote))).Append('\n');
        var bytes = Encoding.UTF8.GetBytes(sb.ToString());
        if (c.Corrupt == 0) bytes = [.. bytes[..(c.CorruptAt % bytes.Length)], 0xFF, 0xFE, 0x00, 0xC3, .. bytes[(c.CorruptAt % bytes.Length)..]];
        if (c.Corrupt == 1) bytes = bytes[..(c.CorruptAt % bytes.Length)];
        switch (c.Format)
        {
            case 3: // gzip (and, when corrupt, a gzip cut short)
                using (var ms = new MemoryStream())
                {
                    using (var gz = new GZipStream(ms, CompressionLevel.Fastest)) gz.Write(bytes);
                    var gzBytes = ms.ToArray();
                    if (c.Corrupt == 2) gzBytes = gzBytes[..(gzBytes.Length / 2)];
                    File.WriteAllBytes(Path.Combine(data, "transactions.csv.gz"), gzBytes);
                }
                break;
            case 4: // Parquet of the same text cells
                var csv = Path.Combine(data, "..", "staging.csv");
                File.WriteAllBytes(csv, bytes);
                using (var db = new DuckDBConnection("DataSource=:memory:"))
                {
                    db.Open();
                    using var cmd = db.CreateCommand();
                    cmd.CommandText = $"COPY (SELECT * FROM read_csv('{csv}', all_varchar = true, header = true, strict_mode = false, ignore_errors = true)) TO '{Path.Combine(data, "transactions.parquet")}' (FORMAT parquet)";
                    try { cmd.ExecuteNonQuery(); }
                    catch (DuckDBException) { File.WriteAllBytes(Path.Combine(data, "transactions.parquet"), bytes); } // not Parquet at all: must be refused cleanly
                }
                File.Delete(csv);
                break;
            default:
                File.WriteAllBytes(Path.Combine(data, "transactions.csv"), bytes);
                break;
        }
    }

    private static string Quote(string s) => s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}

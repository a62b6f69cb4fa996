using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using Segmentation.Analytics.Evaluation;
using Segmentation.Data;
using Segmentation.Reports.Monthly;

namespace Segmentation.Benchmarks;

/// <summary>
/// Issue 7's figure: the monthly job end to end — ingest and validate, feature tables, fit the segmentation model (k-means
/// on C customers with validation), assign, evaluate (KPIs over 13 months, comparisons, churn models, migration, drift) and
/// render the PDF — for C customers over 24 months (N transactions generated in DuckDB SQL as Parquet, plus customers and
/// feedback). Prints wall time per stage and the peak working set. Args: [customers=1000000] [transactions=12000000]
/// </summary>
public sealed class EndToEndBench : IBench
{
    public string Name => "e2e";

    public string Description => "monthly job end to end (ingest → model → assign → evaluate → PDF) for C customers × 24 months";

    public void Run(string[] args, TextWriter output)
    {
        int customers = args.Length > 0 && int.TryParse(args[0], out var c) ? c : 1_000_000;
        long n = args.Length > 1 && long.TryParse(args[1], out var a) ? a : 12L * customers;
        var dir = Generate(customers, n, output);

        var sw = Stopwatch.StartNew();
        // Wall time per stage, and the process's CPU time (user + system, all threads): on a shared machine the wall time grows
        // with the load, the CPU time much less, so the two together tell a slow stage from a busy machine.
        var stages = new List<(string, double, double, string)>();
        double last = 0, lastCpu = Cpu();
        var progress = new Progress(s =>
        {
            double cpu = Cpu();
            stages.Add((s, sw.Elapsed.TotalSeconds - last, cpu - lastCpu, Memory()));
            last = sw.Elapsed.TotalSeconds;
            lastCpu = cpu;
        });
        // SEG_COPY_PARQUET=1: copy the validated Parquet rows into DuckDB instead of querying the files in place (to compare).
        var options = new MonthlyRunOptions(new DateOnly(2026, 10, 1), ManagementStart: new DateOnly(2025, 11, 1), MarketingBudget: 1_000_000m);
        var ingest = new IngestOptions(options.MonthEnd.ToDateTime(TimeOnly.MinValue), CopyParquet: Environment.GetEnvironmentVariable("SEG_COPY_PARQUET") == "1");
        var run = MonthlyEvaluation.Run(dir, options, ingest, progress);
        double evaluated = sw.Elapsed.TotalSeconds;
        var pdf = Path.Combine(dir, "report.pdf");
        new MonthlyReport(run, ReportLanguage.Zh).GeneratePdf(pdf);
        double total = sw.Elapsed.TotalSeconds;
        stages.Add(("(end of evaluation)", evaluated - last, Cpu() - lastCpu, Memory()));
        foreach (var (stage, seconds, cpu, memory) in stages) output.WriteLine($"   {seconds,7:F1} s (cpu {cpu,6:F1} s)  until: {stage,-52} [{memory}]");
        output.WriteLine($"   load average at the end: {LoadAverage()}; process cpu {Cpu():F1} s; garbage collections " +
                         $"{GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} (gen 0/1/2), paused {GC.GetTotalPauseDuration().TotalSeconds:F1} s; " +
                         $"JIT {System.Runtime.JitInfo.GetCompilationTime().TotalSeconds:F1} s ({System.Runtime.JitInfo.GetCompiledMethodCount():N0} methods)");
        output.WriteLine($"   PDF {total - evaluated:F1} s ({new FileInfo(pdf).Length / 1024:N0} KiB); end to end {total:F1} s; rows read {run.DataQuality.RowsRead:N0}; " +
                         $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e9:F2} GB");
    }

    /// <summary>
    /// The benchmark's data in <c>TMPDIR/seg-bench-e2e-C-N</c> (made once, reused): C customers (Parquet), N transactions over 24
    /// months from 2024-11 (Parquet, zstd; a quarter of them on the first C/4 customers, customer types by id modulo 4) and 2 C
    /// feedback rows, all from DuckDB hashes of the row number (same C and N → same files). Shared with <see cref="ClusterEndToEndBench"/>.
    /// </summary>
    internal static string Generate(long customers, long n, TextWriter output)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"seg-bench-e2e-{customers}-{n}");
        if (!File.Exists(Path.Combine(dir, "transactions.parquet")))
        {
            Directory.CreateDirectory(dir);
            var sw0 = Stopwatch.StartNew();
            using var con = new DuckDBConnection("DataSource=:memory:");
            con.Open();
            using var cmd = con.CreateCommand();
            // Customers with a behavioural type (a hash) so that segments exist: frequency and order value differ by type.
            cmd.CommandText = $"""
                COPY (SELECT 'C' || lpad(CAST(i AS VARCHAR), 8, '0') AS customer_id, DATE '2023-01-01' + CAST(hash(i) % 600 AS INTEGER) AS signup_date,
                       CAST(1950 + hash(i * 3) % 55 AS BIGINT) AS birth_year, ['F', 'M'][1 + CAST(hash(i * 5) % 2 AS INTEGER)] AS gender
                FROM range({customers}) t(i)) TO '{dir}/customers.parquet' (FORMAT parquet);
                COPY (SELECT 'T' || lpad(CAST(i AS VARCHAR), 10, '0') AS transaction_id,
                       'C' || lpad(CAST(cust AS VARCHAR), 8, '0') AS customer_id,
                       TIMESTAMP '2024-11-01' + to_seconds(CAST(hash(i * 7 + 1) % 63072000 AS BIGINT)) AS "timestamp",
                       CASE WHEN hash(i * 3) % 40 = 0 THEN -1 ELSE 1 END * round((5 + (hash(i * 13) % 3000) / 100.0) * (1 + cust % 4 * 3), 2) AS amount,
                       round((5 + (hash(i * 13) % 3000) / 100.0) * (1 + cust % 4 * 3) * 0.6, 2) AS cost,
                       CAST(1 + hash(i * 17) % 3 AS BIGINT) AS quantity,
                       ['web', 'app', 'store', 'phone'][1 + CAST((hash(i * 19) % 2 + cust % 2 * 2) AS INTEGER)] AS channel,
                       ['apparel', 'beauty', 'electronics', 'grocery', 'home', 'sports'][1 + CAST(hash(i * 23) % 6 AS INTEGER)] AS category,
                       'east' AS region, CAST(NULL AS VARCHAR) AS campaign_id, hash(i * 3) % 40 = 0 AS is_return
                FROM (SELECT i, CASE WHEN hash(i * 31) % 3 = 0 THEN hash(i) % ({customers} // 4) ELSE hash(i) % {customers} END AS cust FROM range({n}) t(i)))
                TO '{dir}/transactions.parquet' (FORMAT parquet, COMPRESSION zstd);
                COPY (SELECT 'C' || lpad(CAST(i % {customers} AS VARCHAR), 8, '0') AS customer_id,
                       DATE '2024-11-01' + CAST(i // {customers} * 300 + hash(i) % 280 AS INTEGER) AS "date",
                       CAST(1 + hash(i * 5) % 5 AS BIGINT) AS csat, CAST(hash(i * 11) % 11 AS BIGINT) AS nps,
                       hash(i * 13) % 25 = 0 AS complaint, CAST(hash(i * 17) % 3 AS BIGINT) AS referred_customers
                FROM range({customers * 2L}) t(i)) TO '{dir}/feedback.parquet' (FORMAT parquet);
                """;
            cmd.ExecuteNonQuery();
            output.WriteLine($"   data: {customers:N0} customers, {n:N0} transactions, {customers * 2L:N0} feedback rows (made in {sw0.Elapsed.TotalSeconds:F1} s)");
        }
        return dir;
    }

    /// <summary>
    /// Two randomised campaigns for <see cref="Generate"/>'s customers, written beside them when missing (campaigns.parquet,
    /// campaign_assignments.parquet): 2 % of the customers each (half treatment, half control, by DuckDB hashes of the customer
    /// number), one in June and one in September 2026. Returns the campaign assignments' row count.
    /// </summary>
    internal static long GenerateCampaigns(string dir, long customers, TextWriter output)
    {
        if (!File.Exists(Path.Combine(dir, "campaign_assignments.parquet")))
        {
            using var con = new DuckDBConnection("DataSource=:memory:");
            con.Open();
            using var cmd = con.CreateCommand();
            cmd.CommandText = $"""
                COPY (SELECT * FROM (VALUES ('K01', 'Summer coupons', 'prospects', DATE '2026-06-01', DATE '2026-06-14', 250000.0),
                                            ('K02', 'Autumn loyalty points', 'prospects', DATE '2026-09-01', DATE '2026-09-14', 400000.0))
                      t(campaign_id, name, target_segment, "start", "end", cost)) TO '{dir}/campaigns.parquet' (FORMAT parquet);
                COPY (SELECT campaign_id, 'C' || lpad(CAST(i AS VARCHAR), 8, '0') AS customer_id,
                             CASE WHEN hash(i * 53 + k) % 2 = 0 THEN 'treatment' ELSE 'control' END AS "group"
                      FROM range({customers}) t(i), (VALUES ('K01', 41), ('K02', 43)) c(campaign_id, k)
                      WHERE hash(i * k) % 100 < 2) TO '{dir}/campaign_assignments.parquet' (FORMAT parquet);
                """;
            cmd.ExecuteNonQuery();
        }
        using var count = new DuckDBConnection("DataSource=:memory:");
        count.Open();
        using var c = count.CreateCommand();
        c.CommandText = $"SELECT count(*) FROM '{dir}/campaign_assignments.parquet'";
        long rows = Convert.ToInt64(c.ExecuteScalar(), CultureInfo.InvariantCulture);
        output.WriteLine($"   campaigns: 2 randomised campaigns, {rows:N0} assigned customers");
        return rows;
    }

    private static double Cpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>Working set, its peak so far, and the managed heap at this moment.</summary>
    private static string Memory()
    {
        using var process = Process.GetCurrentProcess();
        return $"working set {process.WorkingSet64 / 1e9:F2} GB, peak {process.PeakWorkingSet64 / 1e9:F2} GB, managed heap {GC.GetTotalMemory(false) / 1e9:F2} GB";
    }

    private sealed class Progress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}

using System.Diagnostics;
using DuckDB.NET.Data;
using Segmentation.Data;
using Segmentation.Analytics.Evaluation;

namespace Segmentation.Benchmarks;

/// <summary>
/// Issue 6's figure: the KPI table (per segment × month, with feedback) for C customers over 24 months, computed in the engine
/// from N transactions generated in DuckDB SQL (Parquet, validated once before timing). Times the whole
/// <see cref="KpiCalculator.Compute"/> call: assignment upload, SQL, C# combination. Args: [transactions=12000000] [customers=1000000]
/// </summary>
public sealed class KpiBench : IBench
{
    public string Name => "kpi";

    public string Description => "KPI table per segment × month (24 months) for C customers / N transactions in DuckDB";

    public void Run(string[] args, TextWriter output)
    {
        long n = args.Length > 0 && long.TryParse(args[0], out var a) ? a : 12_000_000;
        int customers = args.Length > 1 && int.TryParse(args[1], out var c) ? c : 1_000_000;
        var dir = Path.Combine(Path.GetTempPath(), $"seg-bench-kpi-{n}-{customers}");
        Directory.CreateDirectory(dir);
        var transactions = Path.Combine(dir, "transactions.parquet");
        var feedback = Path.Combine(dir, "feedback.parquet");
        if (!File.Exists(transactions) || !File.Exists(feedback))
        {
            var sw0 = Stopwatch.StartNew();
            using var con = new DuckDBConnection("DataSource=:memory:");
            con.Open();
            using var cmd = con.CreateCommand();
            cmd.CommandText = $"""
                COPY ({BenchData.TransactionsSelect(n, customers, campaigns: false)}) TO '{transactions}' (FORMAT parquet, COMPRESSION zstd);
                COPY (SELECT 'C' || lpad(CAST(i % {customers} AS VARCHAR), 8, '0') AS customer_id,
                       DATE '2024-11-01' + CAST(i // {customers} * 30 + hash(i) % 28 AS INTEGER) AS "date",
                       CAST(1 + hash(i * 5) % 5 AS BIGINT) AS csat, CAST(hash(i * 11) % 11 AS BIGINT) AS nps,
                       hash(i * 13) % 25 = 0 AS complaint, CAST(hash(i * 17) % 3 AS BIGINT) AS referred_customers
                FROM range({customers * 2L}) t(i)) TO '{feedback}' (FORMAT parquet, COMPRESSION zstd);
                """;
            cmd.ExecuteNonQuery();
            output.WriteLine($"   data: {n:N0} transactions, {customers:N0} customers, {customers * 2L:N0} feedback rows (made in {sw0.Elapsed.TotalSeconds:F1} s)");
        }

        var keys = new[] { "s0", "s1", "s2", "s3", "s4", "s5" };
        var ids = new string[customers];
        var segs = new string[customers];
        for (int i = 0; i < customers; i++)
        {
            ids[i] = "C" + i.ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
            segs[i] = keys[(int)((uint)(i * 2654435761u) % keys.Length)];
        }
        var assignment = new SegmentAssignment(ids, segs, keys.Select((k, r) => new SegmentDefinition(k, k, k, r)).ToArray());

        var swLoad = Stopwatch.StartNew();
        using var ws = DataWorkspace.Create(new IngestOptions(new DateTime(2026, 11, 1)));
        ws.Ingest("transactions", transactions);
        ws.Ingest("feedback", feedback);
        output.WriteLine($"   ingest + validate (not timed below): {swLoad.Elapsed.TotalSeconds:F1} s");

        var options = new KpiOptions(new DateOnly(2026, 10, 1), ReportingCycle.Monthly, 24);
        for (int run = 1; run <= 3; run++)
        {
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            var table = KpiCalculator.Compute(ws, assignment, options);
            double t = sw.Elapsed.TotalSeconds;
            // CPU seconds of the process (DuckDB's threads included): on a shared machine, CPU / cores bounds the unloaded wall time.
            double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
            var total = table.Total(23);
            output.WriteLine($"   run {run}: KPI table {table.Rows.Count} rows ({keys.Length} segments + total × 24 months) in {t:F2} s wall, {cpu:F1} CPU-s ({cpu / Environment.ProcessorCount:F1} s on {Environment.ProcessorCount} idle cores); " +
                             $"last month active {total.ActiveCustomers:N0}, churned {total.ChurnedCustomers:N0}, revenue {total.Revenue:N0}; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e9:F1} GB");
        }
    }
}

using System.Diagnostics;
using DuckDB.NET.Data;
using Microsoft.Data.Analysis;
using Segmentation.Data;
using Segmentation.Data.Sql;
using Segmentation.Analytics.Features;

namespace Segmentation.Benchmarks;

/// <summary>
/// Issue 2's and 18's figures: ingest (validate every row) + per-customer aggregation of N transactions from Parquet into a
/// per-customer DataFrame, against a pandas peer applying the same validation rules and aggregation (timed in the same run,
/// the ratio printed) and the same aggregation written with DataFrame.LoadCsv + GroupBy.
/// Args: [transactions=10000000] [customers=1000000] [--skip-loadcsv] [--skip-csv] (Parquet path only) [--skip-pandas]
/// </summary>
public sealed class IngestBench : IBench
{
    private static readonly DateTime Snapshot = new(2026, 10, 31);

    public string Name => "ingest";

    public string Description => "validate + aggregate N transactions (Parquet) → per-customer DataFrame; vs DataFrame.LoadCsv + GroupBy";

    public void Run(string[] args, TextWriter output)
    {
        long n = args.Length > 0 && long.TryParse(args[0], out var a) ? a : 10_000_000;
        long customers = args.Length > 1 && long.TryParse(args[1], out var c) ? c : 1_000_000;
        bool skipLoadCsv = args.Contains("--skip-loadcsv");
        var dir = Path.Combine(Path.GetTempPath(), $"seg-bench-ingest-{n}");
        Directory.CreateDirectory(dir);
        var parquet = Path.Combine(dir, "transactions.parquet");
        var csv = Path.Combine(dir, "transactions.csv");
        if (!File.Exists(parquet) || !File.Exists(csv))
        {
            var sw0 = Stopwatch.StartNew();
            using var con = new DuckDBConnection("DataSource=:memory:");
            con.Open();
            using var cmd = con.CreateCommand();
            string select = BenchData.TransactionsSelect(n, customers, campaigns: true);
            cmd.CommandText = $"COPY ({select}) TO '{parquet}' (FORMAT parquet, COMPRESSION zstd)";
            cmd.ExecuteNonQuery();
            cmd.CommandText = $"COPY (SELECT * FROM '{parquet}') TO '{csv}' (HEADER, DELIMITER ',')";
            cmd.ExecuteNonQuery();
            output.WriteLine($"   data: {n:N0} transactions, {customers:N0} customers; Parquet {new FileInfo(parquet).Length / 1e6:F0} MB, CSV {new FileInfo(csv).Length / 1e6:F0} MB (made in {sw0.Elapsed.TotalSeconds:F1} s)");
        }

        if (args.Contains("--data-only")) return;
        var ours = new List<double>();
        for (int run = 1; run <= 3; run++)
        {
            var sw = Stopwatch.StartNew();
            using var ws = DataWorkspace.Create(new IngestOptions(new DateTime(2026, 11, 1)));
            var ingest = ws.Ingest("transactions", parquet);
            double tIngest = sw.Elapsed.TotalSeconds;
            var frame = ws.CustomerAggregates(Snapshot);
            double tTotal = sw.Elapsed.TotalSeconds;
            ours.Add(tTotal);
            output.WriteLine($"   run {run}: Parquet → validate ({ingest.RowsAccepted:N0} accepted, {ingest.Rejects.Count:N0} rejected) {tIngest:F2} s; + aggregate → DataFrame {frame.Rows.Count:N0} × {frame.Columns.Count}: total {tTotal:F2} s");
            if (run != 3) continue;
            // The SQL definition of the same aggregates, timed in the same workspace, and the two frames compared cell by cell.
            var sw1 = Stopwatch.StartNew();
            var sql = ws.Query(CustomerAggregateQuery.Render(ws.Dialect, Snapshot));
            double tSql = sw1.Elapsed.TotalSeconds;
            output.WriteLine($"   the same aggregates by the SQL query (CustomerAggregateQuery): {tSql:F2} s against {tTotal - tIngest:F2} s; frames {(SameFrame(sql, frame) ? "identical" : "DIFFERENT")}");
        }

        if (!args.Contains("--skip-pandas"))
        {
            // Issue 18's peer, in the same run: pandas with the same validation rules and the same per-customer aggregation.
            // Without pyarrow pandas cannot read Parquet, so it reads the CSV twin of the same rows (its read is shown apart).
            output.WriteLine("   pandas peer (bench/Segmentation.Benchmarks/Peers/ingest_peer.py; reads the CSV of the same rows: no pyarrow for Parquet here):");
            var peer = Peer.PythonFile(Path.Combine(AppContext.BaseDirectory, "Peers", "ingest_peer.py"), csv, "2026-11-01", "2026-10-31", "2");
            var totals = new List<(double Total, double WithoutRead)>();
            foreach (var line in peer.Split('\n'))
            {
                if (!line.StartsWith("PEER ", StringComparison.Ordinal)) { if (line.Length > 0) output.WriteLine(line); continue; }
                var parts = line.Split(' ');
                totals.Add((double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), double.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture)));
            }
            if (totals.Count > 0)
            {
                double best = totals.Min(t => t.Total), bestWithoutRead = totals.Min(t => t.WithoutRead);
                output.WriteLine($"   best: ours {ours.Min():F2} s (Parquet), pandas {best:F2} s (CSV; {bestWithoutRead:F2} s without the read); " +
                    $"ours/pandas {ours.Min() / best:F2} (issue 18: ≤ 0.5; {ours.Min() / bestWithoutRead:F2} against pandas without its read)");
            }
        }

        if (args.Contains("--skip-csv")) return;
        for (int run = 1; run <= 2; run++)
        {
            var sw = Stopwatch.StartNew();
            using var ws = DataWorkspace.Create(new IngestOptions(new DateTime(2026, 11, 1)));
            ws.Ingest("transactions", csv);
            var frame = ws.CustomerAggregates(Snapshot);
            output.WriteLine($"   run {run}: CSV → validate + aggregate → DataFrame {frame.Rows.Count:N0} rows: {sw.Elapsed.TotalSeconds:F2} s");
        }

        if (skipLoadCsv) return;
        GC.Collect();
        var before = Process.GetCurrentProcess().PeakWorkingSet64;
        var sw2 = Stopwatch.StartNew();
        var types = new[] { typeof(string), typeof(string), typeof(DateTime), typeof(double), typeof(double), typeof(long), typeof(string), typeof(string), typeof(string), typeof(string), typeof(bool) };
        var df = DataFrame.LoadCsv(csv, dataTypes: types);
        double tLoad = sw2.Elapsed.TotalSeconds;
        // The same aggregates with the DataFrame API where it can (sum, count, max of a day number; no validation).
        var day = new Int32DataFrameColumn("day", df.Rows.Count);
        var ts = (PrimitiveDataFrameColumn<DateTime>)df["timestamp"];
        for (long i = 0; i < df.Rows.Count; i++) day[i] = (int)(ts[i]!.Value.Date - DateTime.UnixEpoch).TotalDays;
        df.Columns.Add(day);
        var grouped = df.GroupBy("customer_id");
        var sums = grouped.Sum("amount");
        var counts = grouped.Count("transaction_id");
        var last = grouped.Max("day");
        output.WriteLine($"   DataFrame.LoadCsv {tLoad:F1} s; + GroupBy sum/count/max {sw2.Elapsed.TotalSeconds:F1} s → {sums.Rows.Count:N0} customers ({counts.Rows.Count:N0}, {last.Rows.Count:N0}); peak working set {Math.Max(before, Process.GetCurrentProcess().PeakWorkingSet64) / 1e9:F1} GB");
    }

    /// <summary>Same column names, classes, NULLs and values (doubles bit for bit).</summary>
    private static bool SameFrame(DataFrame a, DataFrame b)
    {
        if (a.Rows.Count != b.Rows.Count || a.Columns.Count != b.Columns.Count) return false;
        for (int c = 0; c < a.Columns.Count; c++)
        {
            DataFrameColumn x = a.Columns[c], y = b.Columns[c];
            if (x.Name != y.Name || x.GetType() != y.GetType() || x.NullCount != y.NullCount) return false;
            for (long i = 0; i < x.Length; i++)
            {
                object? u = x[i], v = y[i];
                bool same = (u, v) switch
                {
                    (double du, double dv) => BitConverter.DoubleToInt64Bits(du) == BitConverter.DoubleToInt64Bits(dv),
                    (DateTime tu, DateTime tv) => tu.Ticks == tv.Ticks && tu.Kind == tv.Kind,
                    _ => Equals(u, v),
                };
                if (!same) return false;
            }
        }
        return true;
    }
}

using System.Diagnostics;
using System.Globalization;
using Segmentation.Data;
using Segmentation.Data.ClickHouse;
using Segmentation.Data.Sql;
using Segmentation.Analytics.Features;
using Segmentation.Analytics.Segmenting;
using Segmentation.Analytics.Engines;

namespace Segmentation.Benchmarks;

/// <summary>
/// N seeded transactions in Parquet → validated by DuckDB → (a) the per-customer feature table in DuckDB in-process, and
/// (b) loaded into the local two-shard ClickHouse cluster and the same table built there (per shard, and through the
/// Distributed tables); then every customer assigned in the engine (RFM rules, k-means centroids) with only counts returned.
/// Args: [transactions = 10000000] [customers = transactions / 10] [--frames | --no-frames] [--both-loaders | --rowbinary].
/// Frames (default up to 2 M customers): the feature table comes back as a DataFrame from each engine and is compared cell by
/// cell; without frames each engine returns one summary row (customer count and per-column sums), so nothing per customer
/// enters .NET. --both-loaders times the RowBinary loader too (before/after); --rowbinary loads with it only; --load-only
/// stops after the load; --chunk=N sets the CSV chunk (rows of __rec per file); --distributed also builds the summary through the
/// Distributed tables (always done with frames).
/// Environment: SEG_CLICKHOUSE (default: deploy/clickhouse/cluster.sh's string); SEG_BENCH_DUCKDB_MEMORY (DuckDB
/// memory_limit, default 6GB: beyond it DuckDB spills to its temp directory under TMPDIR); SEG_CH_DIR (server PID files).
/// </summary>
public sealed class ClickHouseBench : IBench
{
    public string Name => "clickhouse";

    public string Description => "Feature table: DuckDB in-process vs the 2-shard ClickHouse cluster (load, query, in-engine assignment)";

    public void Run(string[] args, TextWriter output)
    {
        var numbers = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        long rows = numbers.Length > 0 ? long.Parse(numbers[0], CultureInfo.InvariantCulture) : 10_000_000;
        long customers = numbers.Length > 1 ? long.Parse(numbers[1], CultureInfo.InvariantCulture) : Math.Max(1, rows / 10);
        bool frames = args.Contains("--frames") || (!args.Contains("--no-frames") && customers <= 2_000_000);
        bool bothLoaders = args.Contains("--both-loaders");
        bool loadOnly = args.Contains("--load-only");
        // Through the Distributed tables 18.16 gathers the sub-queries' rows on node 1: at 100 M rows that is one server
        // aggregating every transaction, so without frames it runs only on request.
        bool viaDistributed = args.Contains("--distributed");
        int? chunk = args.FirstOrDefault(a => a.StartsWith("--chunk=", StringComparison.Ordinal)) is { } c ? int.Parse(c["--chunk=".Length..], CultureInfo.InvariantCulture) : null;
        var loadPath = args.Contains("--rowbinary") ? ClickHouseLoadPath.RowBinary : ClickHouseLoadPath.Auto;
        string memory = Environment.GetEnvironmentVariable("SEG_BENCH_DUCKDB_MEMORY") ?? "6GB";
        string connection = Environment.GetEnvironmentVariable(ClickHouseWorkspace.ConnectionVariable)
            ?? "Nodes=127.0.0.1:8124,127.0.0.1:8125;Cluster=two_shards;Database=default";
        var snapshot = new DateTime(2026, 10, 31);
        var dir = Path.Combine(Path.GetTempPath(), "seg-bench-ch-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        output.WriteLine($"   DuckDB memory_limit {memory} (spills to its temp directory); feature table {(frames ? "as DataFrames, compared cell by cell" : "summarised in each engine (no per-customer rows in .NET)")}");
        var sw = Stopwatch.StartNew();
        var total = Stopwatch.StartNew();
        try
        {
            string parquet = Path.Combine(dir, "transactions.parquet");
            using (var gen = DataWorkspace.Create(new IngestOptions(snapshot)))
            {
                gen.Execute($"SET memory_limit = {DuckDbDialect.Instance.Str(memory)}");
                gen.Execute(GeneratorSql(rows, customers, parquet));
            }
            output.WriteLine($"   {rows:N0} transactions, ~{customers:N0} customers; Parquet {new FileInfo(parquet).Length / 1e6:F0} MB written in {sw.Elapsed.TotalSeconds:F1} s; process peak {Peak()}");

            sw.Restart();
            using var duck = DataWorkspace.Create(new IngestOptions(snapshot));
            duck.Execute($"SET memory_limit = {DuckDbDialect.Instance.Str(memory)}");
            var ingest = duck.Ingest("transactions", parquet);
            output.WriteLine($"   DuckDB read + validation: {sw.Elapsed.TotalSeconds:F2} s ({ingest.RowsAccepted:N0} accepted, {ingest.Rejects.Count:N0} rejected); process peak {Peak()}");
            var options = new FeatureTableOptions(Sources: FeatureSources.TransactionsOnly);
            string FeatureSql(SqlDialect d) => CustomerFeatureTable.Render(d, snapshot, options, FeatureSources.TransactionsOnly);
            sw.Restart();
            Microsoft.Data.Analysis.DataFrame? fromDuck = null;
            double[]? duckSummary = null;
            string[] summaryColumns = [];
            if (loadOnly) { }
            else if (frames) fromDuck = CustomerFeatureTable.Build(duck, snapshot, options);
            else
            {
                var empty = duck.Query($"SELECT * FROM ({FeatureSql(duck.Dialect)}) f LIMIT 0");
                summaryColumns = empty.Columns.Where(c => c.DataType == typeof(long) || c.DataType == typeof(double) || c.DataType == typeof(int)).Select(c => c.Name).ToArray();
                duckSummary = Summary(duck, FeatureSql(duck.Dialect), summaryColumns);
            }
            if (!loadOnly) output.WriteLine($"   DuckDB feature table {(frames ? "→ DataFrame" : "→ summary row")}: {sw.Elapsed.TotalSeconds:F2} s ({(frames ? fromDuck!.Rows.Count : (long)duckSummary![0]):N0} customers); process peak {Peak()}");

            var settings = ClickHouseClusterSettings.Parse(connection).WithDatabase("seg_bench");
            if (bothLoaders || loadPath == ClickHouseLoadPath.RowBinary)
            {
                using var before = ClickHouseWorkspace.Connect(settings);
                try
                {
                    sw.Restart();
                    var load = before.LoadTable(duck, "transactions", "bench", path: ClickHouseLoadPath.RowBinary);
                    output.WriteLine($"   load, RowBinary path (DuckDB reader → RowBinary → Distributed insert on node 1, sync): {sw.Elapsed.TotalSeconds:F2} s ({load.RowsInCluster:N0} rows, {load.RowsInCluster / sw.Elapsed.TotalSeconds / 1e6:F2} M rows/s); process peak {Peak()}");
                }
                finally
                {
                    if (loadPath != ClickHouseLoadPath.RowBinary) before.DropDatabases();
                }
            }
            using var ch = ClickHouseWorkspace.Connect(settings);
            try
            {
                output.WriteLine($"   ClickHouse {ch.ServerVersion}, {ch.Settings.Nodes.Count} shards ({string.Join(", ", ch.Settings.Nodes)})");
                if (loadPath != ClickHouseLoadPath.RowBinary)
                {
                    sw.Restart();
                    var load = ch.LoadTable(duck, "transactions", "bench", rowsPerInsert: chunk, path: loadPath);
                    output.WriteLine($"   load, {load.Path} path (DuckDB COPY chunks of {(chunk ?? ClickHouseWorkspace.DefaultCsvChunkRows) / 1e6:0.##} M → CSV → Distributed insert on the nodes in turn, sync): {sw.Elapsed.TotalSeconds:F2} s ({load.RowsInCluster:N0} rows, {load.RowsInCluster / sw.Elapsed.TotalSeconds / 1e6:F2} M rows/s); process peak {Peak()}");
                }

                if (loadOnly) return;
                if (frames)
                {
                    sw.Restart();
                    var colocated = CustomerFeatureTable.Build(ch.Colocated, snapshot, options);
                    output.WriteLine($"   ClickHouse feature table, per shard (colocated) → DataFrame: {sw.Elapsed.TotalSeconds:F2} s; identical to DuckDB: {Same(fromDuck!, colocated)}");
                    colocated = null;
                    sw.Restart();
                    var distributed = CustomerFeatureTable.Build(ch, snapshot, options);
                    output.WriteLine($"   ClickHouse feature table, through the Distributed tables → DataFrame: {sw.Elapsed.TotalSeconds:F2} s; identical to DuckDB: {Same(fromDuck!, distributed)}");
                    fromDuck = null;
                }
                else
                {
                    sw.Restart();
                    var colocated = Summary(ch.Colocated, FeatureSql(ch.Dialect), summaryColumns);
                    output.WriteLine($"   ClickHouse feature table, per shard (colocated) → summary row: {sw.Elapsed.TotalSeconds:F2} s; same count and column sums as DuckDB (1e-9): {SameSummary(duckSummary!, colocated)}");
                    if (viaDistributed)
                    {
                        sw.Restart();
                        var distributed = Summary(ch, FeatureSql(ch.Dialect), summaryColumns);
                        output.WriteLine($"   ClickHouse feature table, through the Distributed tables → summary row: {sw.Elapsed.TotalSeconds:F2} s; same as DuckDB: {SameSummary(duckSummary!, distributed)}");
                    }
                    else output.WriteLine("   ClickHouse feature table through the Distributed tables: skipped (gathers every row on node 1; --distributed to run it)");
                }
                output.WriteLine($"   process peak so far {Peak()}");

                // The RFM cuts are fitted on a seeded sample of customers (at 10 M customers the whole aggregate table would be a
                // copy in .NET); the frozen model then runs in each engine.
                var aggregates = duck.Query($"SELECT * FROM ({CustomerAggregateQuery.Render(DuckDbDialect.Instance, snapshot)}) a USING SAMPLE reservoir(200000 ROWS) REPEATABLE (42)");
                var rfm = new RfmScorer(new RfmOptions(Monetary: Analytics.Features.MonetaryMeasure.NetSpend)).Fit(aggregates);
                aggregates = null;
                sw.Restart();
                var rfmCounts = InEngineAssignment.CountSegments(ch.Colocated, InEngineAssignment.RenderRfm(ch.Dialect, rfm, CustomerAggregateQuery.Render(ch.Dialect, snapshot)));
                double rfmCh = sw.Elapsed.TotalSeconds;
                sw.Restart();
                var rfmDuckCounts = InEngineAssignment.CountSegments(duck, InEngineAssignment.RenderRfm(duck.Dialect, rfm, CustomerAggregateQuery.Render(duck.Dialect, snapshot)));
                output.WriteLine($"   in-engine RFM assignment of {rfmCounts.Values.Sum():N0} customers, counts only: ClickHouse {rfmCh:F2} s, DuckDB {sw.Elapsed.TotalSeconds:F2} s; {rfmCounts.Count} segments, counts equal: {rfmCounts.SequenceEqual(rfmDuckCounts)}");

                string[] features = ["recency_days", "frequency", "monetary"];
                double[] means = [120, 8, 900], scales = [150, 6, 800];
                double[][] centroids = [[-0.5, 1, 1], [1.5, -0.8, -0.7], [0, 0, 0], [-0.7, -0.5, -0.3], [0.4, 1.5, 2]];
                string Features(SqlDialect d) => $"SELECT customer_id, recency_days, purchase_days AS frequency, net_amount AS monetary FROM ({CustomerAggregateQuery.Render(d, snapshot)}) a WHERE recency_days IS NOT NULL";
                sw.Restart();
                var kmCh = InEngineAssignment.CountSegments(ch.Colocated, InEngineAssignment.RenderNearestCentroid(ch.Dialect, Features(ch.Dialect), features, means, scales, centroids));
                double kmChSeconds = sw.Elapsed.TotalSeconds;
                sw.Restart();
                var kmDuck = InEngineAssignment.CountSegments(duck, InEngineAssignment.RenderNearestCentroid(duck.Dialect, Features(duck.Dialect), features, means, scales, centroids));
                output.WriteLine($"   in-engine k-means (k = 5, 3 features) assignment, counts only: ClickHouse {kmChSeconds:F2} s, DuckDB {sw.Elapsed.TotalSeconds:F2} s; counts equal: {kmCh.SequenceEqual(kmDuck)}");
                output.WriteLine($"   peak memory: this process {Peak()} (.NET + DuckDB, which is capped at {memory}); ClickHouse servers {ServerPeaks()}");
                output.WriteLine($"   total {total.Elapsed.TotalMinutes:F1} min; disk: Parquet {new FileInfo(parquet).Length / 1e9:F2} GB, ClickHouse parts {PartsBytes(ch) / 1e9:F2} GB (all shards)");
            }
            finally
            {
                ch.DropDatabases();
            }
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>One row: customers, then the sum of every numeric column (as double), computed in the engine; colocated answers are added.</summary>
    private static double[] Summary(ISqlEngine engine, string featureSql, IReadOnlyList<string> columns)
    {
        var d = engine.Dialect;
        string sql = $"SELECT {d.ToDouble("count(*)")} AS n{string.Concat(columns.Select((c, i) => $", {d.ToDouble($"sum({d.Id(c)})")} AS s{i}"))} FROM ({featureSql}) f";
        var frame = engine.Query(sql);
        var result = new double[columns.Count + 1];
        for (long r = 0; r < frame.Rows.Count; r++)
            for (int i = 0; i < result.Length; i++)
                result[i] += frame.Columns[i][r] is { } v ? Convert.ToDouble(v, CultureInfo.InvariantCulture) : 0;
        return result;
    }

    private static bool SameSummary(double[] a, double[] b) =>
        a.Length == b.Length && a.Zip(b).All(p => p.First == p.Second || Math.Abs(p.First - p.Second) <= 1e-9 * Math.Max(Math.Abs(p.First), Math.Abs(p.Second)));

    private static long PartsBytes(ClickHouseWorkspace ch) =>
        (long)Convert.ToDouble(ch.Colocated.Query($"SELECT toFloat64(sum(bytes_on_disk)) AS b FROM system.parts WHERE active AND database = '{ch.Settings.LocalDatabase}'").Columns[0].Cast<object?>().Sum(v => Convert.ToDouble(v ?? 0.0, CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    /// <summary>Deterministic synthetic transactions (DuckDB's hash of the row number; same N → same file).</summary>
    internal static string GeneratorSql(long rows, long customers, string path) => $"""
        COPY (
          SELECT 'T' || i AS transaction_id,
                 'C' || lpad(CAST(hash(i, 1) % {customers} AS VARCHAR), 8, '0') AS customer_id,
                 TIMESTAMP '2025-01-01' + to_seconds(CAST(hash(i, 2) % (660 * 86400) AS BIGINT)) AS "timestamp",
                 CASE WHEN hash(i, 3) % 100 < 4 THEN -1 ELSE 1 END * (5 + (hash(i, 4) % 30000) / 100.0) AS amount,
                 round((5 + (hash(i, 4) % 30000) / 100.0) * 0.6, 2) AS cost,
                 CAST(1 + hash(i, 5) % 3 AS BIGINT) AS quantity,
                 ['web', 'app', 'store', 'phone'][CAST(1 + hash(i, 6) % 4 AS BIGINT)] AS channel,
                 ['apparel', 'beauty', 'home', 'sports', 'grocery', 'electronics'][CAST(1 + hash(i, 7) % 6 AS BIGINT)] AS category,
                 'east' AS region,
                 CASE WHEN hash(i, 8) % 10 = 0 THEN 'K1' END AS campaign_id,
                 hash(i, 3) % 100 < 4 AS is_return
          FROM range({rows}) r(i)
        ) TO '{path}' (FORMAT parquet)
        """;

    private static bool Same(Microsoft.Data.Analysis.DataFrame a, Microsoft.Data.Analysis.DataFrame b)
    {
        if (a.Rows.Count != b.Rows.Count || a.Columns.Count != b.Columns.Count) return false;
        foreach (var c in a.Columns)
        {
            var o = b.Columns[c.Name];
            for (long i = 0; i < c.Length; i++)
            {
                if (Equals(c[i], o[i])) continue;
                if (c[i] is double x && o[i] is double y && Math.Abs(x - y) <= 1e-9 * Math.Max(Math.Abs(x), Math.Abs(y))) continue;
                return false;
            }
        }
        return true;
    }

    private static string Peak() => $"{Process.GetCurrentProcess().PeakWorkingSet64 / 1e9:F2} GB";

    private static string ServerPeaks()
    {
        string baseDir = Environment.GetEnvironmentVariable("SEG_CH_DIR") ?? "/tmp/seg-clickhouse";
        var parts = new List<string>();
        foreach (var pidFile in Directory.Exists(baseDir) ? Directory.GetFiles(baseDir, "server.pid", SearchOption.AllDirectories).Order().ToArray() : Array.Empty<string>())
        {
            var status = $"/proc/{File.ReadAllText(pidFile).Trim()}/status";
            var hwm = File.Exists(status) ? File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)) : null;
            parts.Add($"{Path.GetFileName(Path.GetDirectoryName(pidFile))} {(hwm is null ? "?" : (long.Parse(hwm.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1e6).ToString("F2", CultureInfo.InvariantCulture) + " GB")}");
        }
        return parts.Count == 0 ? "(PID files not found)" : string.Join(", ", parts) + " (VmHWM since server start)";
    }
}

using System.Diagnostics;
using System.Globalization;
using Segmentation.Analytics.Data;
using Segmentation.Analytics.Data.ClickHouse;
using Segmentation.Analytics.Data.Sql;
using Segmentation.Analytics.Features;
using Segmentation.Analytics.Segmenting;

namespace Segmentation.Benchmarks;

/// <summary>
/// N seeded transactions in Parquet → validated by DuckDB → (a) the per-customer feature table in DuckDB in-process, and
/// (b) loaded into the local two-shard ClickHouse cluster and the same table built there (per shard, and through the
/// Distributed tables); then every customer assigned in the engine (RFM rules, k-means centroids) with only counts returned.
/// Args: [transactions = 10000000] [customers = transactions / 10]. Cluster: env SEG_CLICKHOUSE (default: the
/// connection string of deploy/clickhouse/cluster.sh); server PIDs from SEG_CH_DIR (default /tmp/seg-clickhouse) for their memory.
/// </summary>
public sealed class ClickHouseBench : IBench
{
    public string Name => "clickhouse";

    public string Description => "Feature table: DuckDB in-process vs the 2-shard ClickHouse cluster (load, query, in-engine assignment)";

    public void Run(string[] args, TextWriter output)
    {
        long rows = args.Length > 0 ? long.Parse(args[0], CultureInfo.InvariantCulture) : 10_000_000;
        long customers = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : Math.Max(1, rows / 10);
        string connection = Environment.GetEnvironmentVariable(ClickHouseWorkspace.ConnectionVariable)
            ?? "Nodes=127.0.0.1:8124,127.0.0.1:8125;Cluster=two_shards;Database=default";
        var snapshot = new DateTime(2026, 10, 31);
        var dir = Path.Combine(Path.GetTempPath(), "seg-bench-ch-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var sw = Stopwatch.StartNew();
        try
        {
            string parquet = Path.Combine(dir, "transactions.parquet");
            using (var gen = DataWorkspace.Create(new IngestOptions(snapshot)))
                gen.Execute(GeneratorSql(rows, customers, parquet));
            output.WriteLine($"   {rows:N0} transactions, ~{customers:N0} customers; Parquet {new FileInfo(parquet).Length / 1e6:F0} MB written in {sw.Elapsed.TotalSeconds:F1} s");

            sw.Restart();
            using var duck = DataWorkspace.Create(new IngestOptions(snapshot));
            var ingest = duck.Ingest("transactions", parquet);
            output.WriteLine($"   DuckDB read + validation: {sw.Elapsed.TotalSeconds:F2} s ({ingest.RowsAccepted:N0} accepted, {ingest.Rejects.Count:N0} rejected)");
            var options = new FeatureTableOptions(Sources: FeatureSources.TransactionsOnly);
            sw.Restart();
            var fromDuck = CustomerFeatureTable.Build(duck, snapshot, options);
            output.WriteLine($"   DuckDB feature table → DataFrame: {sw.Elapsed.TotalSeconds:F2} s ({fromDuck.Rows.Count:N0} customers); process peak {Peak()}");

            using var ch = ClickHouseWorkspace.Connect(ClickHouseClusterSettings.Parse(connection).WithDatabase("seg_bench"));
            try
            {
                output.WriteLine($"   ClickHouse {ch.ServerVersion}, {ch.Settings.Nodes.Count} shards ({string.Join(", ", ch.Settings.Nodes)})");
                sw.Restart();
                var load = ch.LoadTable(duck, "transactions", "bench");
                output.WriteLine($"   load (DuckDB → RowBinary → Distributed insert, sync): {sw.Elapsed.TotalSeconds:F2} s ({load.RowsInCluster:N0} rows, {load.RowsInCluster / sw.Elapsed.TotalSeconds / 1e6:F2} M rows/s); process peak {Peak()}");

                sw.Restart();
                var colocated = CustomerFeatureTable.Build(ch.Colocated, snapshot, options);
                output.WriteLine($"   ClickHouse feature table, per shard (colocated) → DataFrame: {sw.Elapsed.TotalSeconds:F2} s; identical to DuckDB: {Same(fromDuck, colocated)}");
                sw.Restart();
                var distributed = CustomerFeatureTable.Build(ch, snapshot, options);
                output.WriteLine($"   ClickHouse feature table, through the Distributed tables → DataFrame: {sw.Elapsed.TotalSeconds:F2} s; identical to DuckDB: {Same(fromDuck, distributed)}");

                var aggregates = duck.Query(CustomerAggregateQuery.Render(SqlDialect.DuckDb, snapshot));
                var rfm = RfmInput.FromAggregates(aggregates, Analytics.Features.MonetaryMeasure.NetSpend).Fit(new RfmOptions());
                sw.Restart();
                var rfmCounts = InEngineAssignment.CountSegments(ch.Colocated, InEngineAssignment.RenderRfm(ch.Dialect, rfm, CustomerAggregateQuery.Render(ch.Dialect, snapshot)));
                double rfmCh = sw.Elapsed.TotalSeconds;
                sw.Restart();
                var rfmDuckCounts = InEngineAssignment.CountSegments(duck, InEngineAssignment.RenderRfm(duck.Dialect, rfm, CustomerAggregateQuery.Render(duck.Dialect, snapshot)));
                output.WriteLine($"   in-engine RFM assignment, counts only: ClickHouse {rfmCh:F2} s, DuckDB {sw.Elapsed.TotalSeconds:F2} s; {rfmCounts.Count} segments, counts equal: {rfmCounts.SequenceEqual(rfmDuckCounts)}");

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
                output.WriteLine($"   peak memory: this process {Peak()} (DuckDB validation + both result frames); ClickHouse servers {ServerPeaks()}");
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

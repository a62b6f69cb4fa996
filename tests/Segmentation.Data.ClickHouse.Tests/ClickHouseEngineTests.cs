using Microsoft.Data.Analysis;
using Segmentation.Data;
using Segmentation.Data.ClickHouse;
using Segmentation.Data.Sql;
using Segmentation.Analytics.Features;
using Segmentation.Analytics.Segmenting;
using Segmentation.Analytics.Engines;

namespace Segmentation.Data.ClickHouse.Tests;

/// <summary>Two data sets validated by DuckDB and loaded once into the test cluster (each in its own database).</summary>
[Trait("Requires", "ClickHouse")]
public sealed class ClickHouseDataFixture : IDisposable
{
    public static readonly DateTime Snapshot = new(2026, 10, 31);
    private readonly TempDirectory handDir = new(), txDir = new();

    public ClickHouseDataFixture()
    {
        HandMadeTables.Write(handDir);
        HandMade = DataWorkspace.Load(handDir.Path, new IngestOptions(new DateTime(2026, 12, 31)));
        GeneratedTransactions.Write(txDir.File("transactions.csv"), customers: 400, rows: 12_000, seed: 7);
        Generated = DataWorkspace.Load(txDir.Path, new IngestOptions(Snapshot));
        HandMadeCluster = ClickHouseCluster.Open();
        GeneratedCluster = ClickHouseCluster.Open();
        HandMadeLoad = HandMadeCluster.Load(HandMade);
        GeneratedLoad = GeneratedCluster.Load(Generated);
    }

    public DataWorkspace HandMade { get; }
    public DataWorkspace Generated { get; }
    public ClickHouseWorkspace HandMadeCluster { get; }
    public ClickHouseWorkspace GeneratedCluster { get; }
    public ClickHouseLoadReport HandMadeLoad { get; }
    public ClickHouseLoadReport GeneratedLoad { get; }

    public void Dispose()
    {
        ClickHouseCluster.Drop(HandMadeCluster);
        ClickHouseCluster.Drop(GeneratedCluster);
        HandMade.Dispose();
        Generated.Dispose();
        handDir.Dispose();
        txDir.Dispose();
    }
}

[Trait("Requires", "ClickHouse")]
public sealed class ClickHouseEngineTests(ClickHouseDataFixture data) : IClassFixture<ClickHouseDataFixture>
{
    [Fact]
    public void Load_keeps_duckdb_validation_and_every_accepted_row_once()
    {
        var tx = data.GeneratedLoad.Ingest.For("transactions")!;
        Assert.True(tx.Rejects.Count > 0, "the generated file has planted bad rows");
        Assert.True(data.GeneratedLoad.Reconciles);
        Assert.Equal(tx.RowsAccepted, data.GeneratedCluster.Count("transactions"));
        Assert.True(data.HandMadeLoad.Reconciles);
        Assert.Equal(["transactions", "customers", "feedback", "campaigns", "campaign_assignments"], data.HandMadeLoad.Tables.Select(t => t.Table));
        // Both shards hold part of the customers (cityHash64 sharding), none of them on both.
        var perShard = data.GeneratedCluster.Colocated.Query("SELECT uniqExact(customer_id) AS n FROM transactions");
        Assert.Equal(2, perShard.Rows.Count);
        Assert.All(Enumerable.Range(0, 2), i => Assert.True((long)perShard.Columns["n"][i] > 100));
        Assert.Equal(400L, (long)perShard.Columns["n"][0] + (long)perShard.Columns["n"][1]);
    }

    [Fact]
    public void Customer_aggregates_through_distributed_tables_equal_duckdb()
    {
        var expected = data.Generated.Query(CustomerAggregateQuery.Render(DuckDbDialect.Instance, ClickHouseDataFixture.Snapshot));
        var distributed = data.GeneratedCluster.Query(CustomerAggregateQuery.Render(ClickHouseDialect.Instance, ClickHouseDataFixture.Snapshot));
        var colocated = data.GeneratedCluster.Colocated.Query(CustomerAggregateQuery.Render(ClickHouseDialect.Instance, ClickHouseDataFixture.Snapshot));
        // Counts, dates and Decimal money sums are exact, so the frames are identical, cell by cell and in type.
        Frames.AssertIdentical(expected, distributed);
        Frames.AssertIdentical(expected, Frames.SortedById(colocated));
        Assert.Equal(400, expected.Rows.Count);
    }

    [Fact]
    public void Feature_table_equals_duckdb_with_every_source_table_and_with_transactions_only()
    {
        var options = new FeatureTableOptions(Sources: FeatureSources.All);
        var expected = CustomerFeatureTable.Build(data.HandMade, ClickHouseDataFixture.Snapshot, options);
        Frames.AssertIdentical(expected, CustomerFeatureTable.Build(data.HandMadeCluster, ClickHouseDataFixture.Snapshot, options));
        Frames.AssertIdentical(expected, CustomerFeatureTable.Build(data.HandMadeCluster.Colocated, ClickHouseDataFixture.Snapshot, options));

        var txOnly = new FeatureTableOptions(Monetary: Analytics.Features.MonetaryMeasure.AveragePerOccasion, Sources: FeatureSources.TransactionsOnly);
        var generated = CustomerFeatureTable.Build(data.Generated, ClickHouseDataFixture.Snapshot, txOnly);
        Frames.AssertIdentical(generated, CustomerFeatureTable.Build(data.GeneratedCluster.Colocated, ClickHouseDataFixture.Snapshot, txOnly));
        Frames.AssertIdentical(generated, CustomerFeatureTable.Build(data.GeneratedCluster, ClickHouseDataFixture.Snapshot, txOnly));
    }

    [Fact]
    public void Rfm_in_the_engine_gives_the_in_process_segments_per_customer_and_in_counts()
    {
        var aggregates = data.Generated.Query(CustomerAggregateQuery.Render(DuckDbDialect.Instance, ClickHouseDataFixture.Snapshot));
        var model = new RfmScorer(new RfmOptions()).Fit(aggregates);
        var inProcess = model.ScoreFrame(aggregates);
        var expectedCounts = Enumerable.Range(0, (int)inProcess.Rows.Count).GroupBy(i => (string)inProcess.Columns["segment_key"][i])
            .ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.True(expectedCounts.Count >= 5, "the data should spread over several segments");

        // The cluster's aggregates scored in process give the same table.
        var fromCluster = model.ScoreFrame(data.GeneratedCluster.Query(CustomerAggregateQuery.Render(ClickHouseDialect.Instance, ClickHouseDataFixture.Snapshot)));
        Frames.AssertIdentical(inProcess, fromCluster);

        foreach (var engine in new ISqlEngine[] { data.Generated, data.GeneratedCluster, data.GeneratedCluster.Colocated })
        {
            string sql = InEngineAssignment.RenderRfm(engine.Dialect, model, CustomerAggregateQuery.Render(engine.Dialect, ClickHouseDataFixture.Snapshot));
            Assert.Equal(expectedCounts.OrderBy(kv => kv.Key, StringComparer.Ordinal), InEngineAssignment.CountSegments(engine, sql));
            var perCustomer = Frames.SortedById(engine.Query(sql));
            for (int i = 0; i < inProcess.Rows.Count; i++)
                Assert.Equal(inProcess.Columns["segment_key"][i], perCustomer.Columns["segment"][i]);
        }
    }

    [Fact]
    public void Kmeans_centroids_in_sql_assign_every_customer_as_the_in_process_kernel()
    {
        string[] features = ["recency_days", "frequency", "monetary"];
        var table = CustomerFeatureTable.Build(data.Generated, ClickHouseDataFixture.Snapshot, new FeatureTableOptions(Sources: FeatureSources.TransactionsOnly));
        var rows = Enumerable.Range(0, (int)table.Rows.Count).Where(i => table.Columns["recency_days"][i] is not null).ToArray();
        var x = rows.SelectMany(i => features.Select(f => Convert.ToDouble(table.Columns[f][i]))).ToArray();
        int n = rows.Length, p = features.Length, k = 5;
        var means = Enumerable.Range(0, p).Select(j => Enumerable.Range(0, n).Average(i => x[i * p + j])).ToArray();
        var scales = Enumerable.Range(0, p).Select(j => Math.Sqrt(Enumerable.Range(0, n).Average(i => Math.Pow(x[i * p + j] - means[j], 2)))).ToArray();
        var rng = new Random(3);
        var centroids = Enumerable.Range(0, k).Select(_ => Enumerable.Range(0, p).Select(_ => rng.NextDouble() * 3 - 1.5).ToArray()).ToArray();
        var z = new double[x.Length];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < p; j++) z[i * p + j] = (x[i * p + j] - means[j]) / scales[j];
        var expected = NearestCentroid.Predict(centroids.SelectMany(c => c).ToArray(), k, new FeatureMatrix(z, n, p), p);
        var expectedById = rows.Select((r, i) => ((string)table.Columns["customer_id"][r], (long)expected[i])).ToDictionary(t => t.Item1, t => t.Item2);

        foreach (var engine in new ISqlEngine[] { data.Generated, data.GeneratedCluster, data.GeneratedCluster.Colocated })
        {
            var d = engine.Dialect;
            string featuresSql = $"SELECT customer_id, recency_days, purchase_days AS frequency, net_amount AS monetary FROM ({CustomerAggregateQuery.Render(d, ClickHouseDataFixture.Snapshot)}) a WHERE recency_days IS NOT NULL";
            string sql = InEngineAssignment.RenderNearestCentroid(d, featuresSql, features, means, scales, centroids);
            var assigned = engine.Query(sql);
            Assert.Equal(n, assigned.Rows.Count);
            for (int i = 0; i < n; i++)
                Assert.Equal(expectedById[(string)assigned.Columns["customer_id"][i]], Convert.ToInt64(assigned.Columns["segment"][i]));
            var counts = InEngineAssignment.CountSegments(engine, sql);
            Assert.Equal(expected.GroupBy(l => l).OrderBy(g => g.Key).Select(g => ($"{g.Key}", (long)g.Count())), counts.Select(kv => (kv.Key, kv.Value)));
        }
    }

    [Fact]
    public void An_interrupted_load_rerun_leaves_each_row_exactly_once()
    {
        var ws = ClickHouseCluster.Open();
        try
        {
            long accepted = data.Generated.Report.For("transactions")!.RowsAccepted;
            // First attempt dies after half the rows (small inserts, so several requests reached the cluster).
            var partial = ws.LoadTable(data.Generated, "transactions", "attempt1", rowsPerInsert: 1000, stopAfterRows: accepted / 2);
            Assert.Equal(accepted / 2, ws.Count("transactions"));
            // A re-run with a new batch replaces it …
            var full = ws.LoadTable(data.Generated, "transactions", "attempt2", rowsPerInsert: 5000);
            Assert.Equal(accepted, full.RowsInCluster);
            Assert.Equal(accepted, ws.Count("transactions"));
            // … and so does a re-run of the same batch id after another interruption.
            ws.LoadTable(data.Generated, "transactions", "attempt3", rowsPerInsert: 1000, stopAfterRows: 3000);
            ws.LoadTable(data.Generated, "transactions", "attempt3");
            Assert.Equal(accepted, ws.Count("transactions"));
            ws.LoadTable(data.Generated, "transactions", "attempt3");
            Assert.Equal(accepted, ws.Count("transactions"));
            Frames.AssertIdentical(
                data.Generated.Query(CustomerAggregateQuery.Render(DuckDbDialect.Instance, ClickHouseDataFixture.Snapshot)),
                ws.Query(CustomerAggregateQuery.Render(ClickHouseDialect.Instance, ClickHouseDataFixture.Snapshot)));
        }
        finally { ClickHouseCluster.Drop(ws); }
    }

    [Fact]
    public void A_refused_query_names_the_stage_and_node_and_the_server_reports_version()
    {
        Assert.Matches(@"^\d+\.\d+", data.GeneratedCluster.ServerVersion);
        var e = Assert.Throws<ClickHouseException>(() => data.GeneratedCluster.Query("SELECT no_such_column FROM transactions"));
        Assert.Equal(ClickHouseStage.Query, e.Stage);
        Assert.Equal(ClickHouseClusterSettings.Parse(ClickHouseCluster.ConnectionString).Nodes[0], e.Endpoint);
        Assert.Contains("no_such_column", e.Message);
        Assert.Contains("query failed on", e.Message);
    }

    [Fact]
    public void A_wrong_port_fails_at_connect_naming_host_and_port()
    {
        var e = Assert.Throws<ClickHouseException>(() => ClickHouseWorkspace.Connect("Nodes=127.0.0.1:1,127.0.0.1:8125;Cluster=two_shards;Database=default"));
        Assert.Equal(ClickHouseStage.Connect, e.Stage);
        Assert.Equal("127.0.0.1:1", e.Endpoint);
        Assert.Contains("127.0.0.1:1", e.Message);
    }
}

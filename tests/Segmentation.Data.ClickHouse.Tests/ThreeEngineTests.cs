using Microsoft.Data.Analysis;
using Npgsql;
using Segmentation.Data;
using Segmentation.Data.ClickHouse;
using Segmentation.Data.Sql;
using Segmentation.Analytics.Evaluation;
using Segmentation.Analytics.Features;
using Segmentation.Analytics.Models;
using Segmentation.Analytics.Segmenting;
using Segmentation.Analytics.Engines;
using Segmentation.Analytics.Serialization;
using Segmentation.Data.Postgres;

namespace Segmentation.Data.ClickHouse.Tests;

/// <summary>
/// The bundled sample data and CDNOW, each validated by DuckDB (in-process), by the PostgreSQL test server (loaded as text
/// tables with COPY and validated there) and loaded into the 2-shard ClickHouse test cluster. Built once for the class.
/// </summary>
[Trait("Requires", "ClickHouse")]
[Trait("Requires", "PostgreSQL")]
public sealed class ThreeEngineFixture : IDisposable
{
    private readonly List<IDisposable> owned = [];
    private readonly NpgsqlConnection admin;
    private readonly List<string> schemas = [];
    private readonly List<ClickHouseWorkspace> clusters = [];
    private readonly Dictionary<string, DataSet> sets = new(StringComparer.Ordinal);

    /// <summary>One data set in the three engines.</summary>
    public sealed record DataSet(string Name, DateTime AsOf, DataWorkspace DuckDb, PostgresWorkspace Postgres, ClickHouseWorkspace ClickHouse)
    {
        public ISqlEngine Engine(string name) => name switch
        {
            "duckdb" => DuckDb,
            "postgres" => Postgres,
            "clickhouse" => ClickHouse,
            "clickhouse-colocated" => ClickHouse.Colocated,
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };
    }

    public ThreeEngineFixture()
    {
        admin = new NpgsqlConnection(PostgresServer.ConnectionString);
        admin.Open();
        try
        {
            Add("sample", RepoPaths.Data("sample"), new DateTime(2026, 10, 31));
            Add("cdnow", RealData.CdnowMasterDirectory, RealData.CdnowEnd);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public DataSet this[string name] => sets[name];

    private void Add(string name, string directory, DateTime asOf)
    {
        // The directory's import spec (schema.json, e.g. the sample's strict rules) also applies to the server tables.
        var spec = Path.Combine(directory, "schema.json");
        var options = new IngestOptions(asOf, File.Exists(spec) ? SchemaMapping.Load(spec) : null);
        var duck = DataWorkspace.Load(directory, options);
        owned.Add(duck);

        string schema = PostgresServer.CreateSchema(admin);
        schemas.Add(schema);
        foreach (var table in DataModel.All)
        {
            var csv = Path.Combine(directory, table.Name + ".csv");
            if (File.Exists(csv)) PostgresServer.LoadCsv(admin, schema, table.Name, csv);
        }
        var pg = PostgresWorkspace.Load(PostgresServer.ConnectionString, options, schema);
        owned.Add(pg);

        var cluster = ClickHouseCluster.Open();
        clusters.Add(cluster);
        cluster.Load(duck);
        sets[name] = new DataSet(name, asOf, duck, pg, cluster);
    }

    public void Dispose()
    {
        foreach (var c in clusters) ClickHouseCluster.Drop(c);
        foreach (var o in owned) o.Dispose();
        foreach (var s in schemas) PostgresServer.DropSchema(admin, s);
        admin.Dispose();
    }
}

/// <summary>
/// Issue 11: per-customer features, RFM scores and names, the KPI table of a month and the segment assignment are identical
/// whichever engine runs the transaction-level SQL — DuckDB is the reference, PostgreSQL and the ClickHouse cluster (through
/// its Distributed tables, and shard by shard where the query is per customer) must match it: counts, dates and text exactly,
/// sums to 1e-9 relative.
/// </summary>
[Trait("Requires", "ClickHouse")]
[Trait("Requires", "PostgreSQL")]
public sealed class ThreeEngineTests(ThreeEngineFixture data) : IClassFixture<ThreeEngineFixture>
{
    private const double Tolerance = 1e-9;

    public static TheoryData<string, string> Cases => new()
    {
        { "sample", "postgres" }, { "sample", "clickhouse" }, { "sample", "clickhouse-colocated" },
        { "cdnow", "postgres" }, { "cdnow", "clickhouse" }, { "cdnow", "clickhouse-colocated" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Features_rfm_kpis_and_assignment_equal_duckdb(string dataSet, string engineName)
    {
        var set = data[dataSet];
        var duck = set.DuckDb;
        var engine = set.Engine(engineName);
        bool perCustomerOnly = engineName == "clickhouse-colocated";

        // 1. Per-customer features (every source table the data set has).
        var expectedFeatures = CustomerFeatureTable.Build(duck, set.AsOf);
        var features = SortedById(CustomerFeatureTable.Build(engine, set.AsOf));
        Assert.True(expectedFeatures.Rows.Count > (dataSet == "cdnow" ? 23_000 : 4_000));
        AssertFramesEqual(expectedFeatures, features);

        // 2. RFM: aggregates, quintile cut points fitted on each engine's aggregates, scores and segment names.
        var expectedAggregates = duck.Query(CustomerAggregateQuery.Render(duck.Dialect, set.AsOf));
        var aggregates = SortedById(engine.Query(CustomerAggregateQuery.Render(engine.Dialect, set.AsOf)));
        AssertFramesEqual(expectedAggregates, aggregates);
        var expectedRfm = new RfmScorer(new RfmOptions()).Fit(expectedAggregates);
        var rfm = new RfmScorer(new RfmOptions()).Fit(aggregates);
        Assert.Equal(expectedRfm.RecencyThresholds, rfm.RecencyThresholds);
        Assert.Equal(expectedRfm.FrequencyThresholds, rfm.FrequencyThresholds);
        Assert.Equal(expectedRfm.MonetaryThresholds, rfm.MonetaryThresholds);
        var expectedScores = expectedRfm.ScoreFrame(expectedAggregates);
        AssertFramesEqual(expectedScores, rfm.ScoreFrame(aggregates));
        Assert.True(expectedScores.Columns["segment_key"].Cast<string>().Distinct().Count() >= 5, "customers spread over several RFM segments");
        // … and the same RFM rules scored inside the engine.
        var rfmInEngine = SortedById(engine.Query(InEngineAssignment.RenderRfm(engine.Dialect, expectedRfm, CustomerAggregateQuery.Render(engine.Dialect, set.AsOf))));
        Assert.Equal(expectedScores.Columns["segment_key"].Cast<string>(), rfmInEngine.Columns["segment"].Cast<string>());

        // 3. Segment assignment: the k-means model of the data set, in process on this engine's features and inside the engine.
        var model = ModelFor(dataSet, expectedFeatures);
        var expectedAssignment = MonthlyEvaluation.ToEvaluationAssignment(model, expectedFeatures);
        var assignment = MonthlyEvaluation.ToEvaluationAssignment(model, features);
        Assert.Equal(expectedAssignment.CustomerIds, assignment.CustomerIds);
        Assert.Equal(expectedAssignment.SegmentKeys, assignment.SegmentKeys);
        var featuresSql = CustomerFeatureTable.Render(engine.Dialect, set.AsOf, FeatureTableOptions.Default, FeatureSources.Detect(engine));
        var buyersSql = $"SELECT * FROM ({featuresSql}) f WHERE recency_days IS NOT NULL";
        var inEngine = SortedById(engine.Query(InEngineAssignment.RenderModel(engine.Dialect, model, buyersSql)));
        var expectedBuyers = expectedAssignment.CustomerIds.Zip(expectedAssignment.SegmentKeys).Where(p => p.Second != MonthlyEvaluation.ProspectsKey).ToArray();
        Assert.Equal(expectedBuyers.Select(p => p.First), inEngine.Columns["customer_id"].Cast<string>());
        Assert.Equal(expectedBuyers.Select(p => p.Second), inEngine.Columns["segment"].Cast<string>());
        var counts = InEngineAssignment.CountSegments(engine, InEngineAssignment.RenderModel(engine.Dialect, model, buyersSql));
        Assert.Equal(expectedBuyers.GroupBy(p => p.Second).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, (long)g.Count())),
            counts.Select(kv => (kv.Key, kv.Value)));

        // 4. The KPI table of the report month (13 monthly periods): segment × period sums run on the whole table, so not shard by shard.
        if (perCustomerOnly) return;
        var month = DateOnly.FromDateTime(set.AsOf);
        var options = new KpiOptions(month);
        var expectedKpis = KpiCalculator.Compute(duck, expectedAssignment, options).ToDataFrame();
        var kpis = KpiCalculator.Compute(engine, assignment, options).ToDataFrame();
        Assert.True(expectedKpis.Rows.Count >= 13 * 3);
        AssertFramesEqual(expectedKpis, kpis);
        Assert.True((double)expectedKpis.Columns["revenue"][expectedKpis.Rows.Count - 1]! > 0);
    }

    private static readonly Dictionary<string, SegmentationModel> Models = new(StringComparer.Ordinal);

    /// <summary>The committed model of the sample data; for CDNOW a k-means model on its transaction features (fitted once).</summary>
    private static SegmentationModel ModelFor(string dataSet, DataFrame features)
    {
        lock (Models)
        {
            if (Models.TryGetValue(dataSet, out var cached)) return cached;
            var model = dataSet == "sample"
                ? SegmentationModel.Load(RepoPaths.Data("sample", "segmentation-model.json"))
                : new SegmentationModelBuilder(new SegmentationOptions(
                    Features: ["recency_days", "frequency", "avg_order_value"], Clusters: 5, LogFeatures: ["frequency", "avg_order_value"], Seed: 7)).Fit(MonthlyEvaluation.Buyers(features));
            return Models[dataSet] = model;
        }
    }

    private static DataFrame SortedById(DataFrame f) => Frames.SortedById(f);

    /// <summary>Same columns, types and rows; doubles to <see cref="Tolerance"/> relative (absolute near zero), everything else exactly.</summary>
    internal static void AssertFramesEqual(DataFrame expected, DataFrame actual) => Frames.AssertIdentical(expected, actual, Tolerance);
}

/// <summary>The whole monthly evaluation (KPIs, comparisons, campaigns, migration, drift, churn, budget) on each engine.</summary>
[Trait("Requires", "ClickHouse")]
[Trait("Requires", "PostgreSQL")]
public sealed class MonthlyEvaluationEngineTests(ThreeEngineFixture data) : IClassFixture<ThreeEngineFixture>
{
    [Theory]
    [InlineData("postgres")]
    [InlineData("clickhouse")]
    public void The_monthly_evaluation_of_the_sample_equals_duckdb(string engineName)
    {
        var set = data["sample"];
        var options = new MonthlyRunOptions(new DateOnly(2026, 10, 1), ManagementStart: new DateOnly(2025, 11, 1), MarketingBudget: 1_000_000,
            ModelPath: RepoPaths.Data("sample", "segmentation-model.json"));
        var expected = MonthlyEvaluation.Run(set.DuckDb, set.DuckDb.Report, options);
        var actual = MonthlyEvaluation.Run(set.Engine(engineName), set.DuckDb.Report, options);
        Assert.Equal(expected.Assignment.SegmentKeys, actual.Assignment.SegmentKeys);
        ThreeEngineTests.AssertFramesEqual(expected.Result.Kpis.ToDataFrame(), actual.Result.Kpis.ToDataFrame());
        Assert.Equal(Rounded(expected.Result), Rounded(actual.Result));
        // The drift check's window feature (orders in the last 12 months) counts the same in every engine, at both snapshots.
        var window = Assert.Single(actual.Result.Drift!.Windows);
        Assert.Equal(expected.Result.Drift!.Windows[0].Index, window.Index, 1e-12);
        foreach (var snapshot in new[] { new DateTime(2025, 10, 31), new DateTime(2026, 10, 31) })
            Assert.Equal(WindowFeatures.Orders12MonthsAt(set.DuckDb, snapshot).Order(), WindowFeatures.Orders12MonthsAt(set.Engine(engineName), snapshot).Order());
    }

    /// <summary>The result as JSON with every number rounded to 9 significant digits (sums may differ in the last bits between engines).</summary>
    internal static string Rounded(EvaluationResult result) =>
        System.Text.RegularExpressions.Regex.Replace(ModelJson.Serialize(new
        {
            kpis = result.Kpis.Rows,
            result.PeriodOverPeriod,
            result.YearOverYear,
            result.BeforeAfter,
            result.Campaigns,
            result.Migration,
            result.Drift,
            churn = result.ChurnRisk?.Segments,
            windows = result.Windows?.Rows,
            result.Recommendations,
            result.Budget,
        }), @"-?\d+\.\d+(?:[eE][-+]?\d+)?",
            m => double.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture).ToString("G9", System.Globalization.CultureInfo.InvariantCulture));
}

using Segmentation.Analytics.Evaluation;
using Segmentation.Analytics.Features;
using Segmentation.Analytics.Serialization;

namespace Segmentation.Data.ClickHouse.Tests;

/// <summary>
/// Issue 18, point 3: the monthly job with its segments kept in the engine (<see cref="MonthlyRunOptions.InEngineAbove"/> forced to
/// 0) gives, on the sample data, every customer the segment the in-process path gives, and the same KPIs, comparisons, campaigns,
/// migration, drift, churn and budget — in DuckDB, PostgreSQL and the 2-shard cluster.
/// </summary>
[Trait("Requires", "ClickHouse")]
[Trait("Requires", "PostgreSQL")]
public sealed class InEngineMonthlyTests(ThreeEngineFixture data) : IClassFixture<ThreeEngineFixture>
{
    private static MonthlyRunOptions Options => new(new DateOnly(2026, 10, 1), ManagementStart: new DateOnly(2025, 11, 1), MarketingBudget: 1_000_000,
        ModelPath: RepoPaths.Data("sample", "segmentation-model.json"));

    [Theory]
    [InlineData("duckdb")]
    [InlineData("postgres")]
    [InlineData("clickhouse")]
    public void The_in_engine_path_equals_the_in_process_path_customer_by_customer(string engineName)
    {
        var set = data["sample"];
        var expected = MonthlyEvaluation.Run(set.DuckDb, set.DuckDb.Report, Options);
        var actual = MonthlyEvaluation.Run(set.Engine(engineName), set.DuckDb.Report, Options with { InEngineAbove = 0 });

        Assert.Equal(expected.Assignment.CustomerIds, actual.Assignment.CustomerIds);
        Assert.Equal(expected.Assignment.SegmentKeys, actual.Assignment.SegmentKeys);
        Assert.Contains(MonthlyEvaluation.ProspectsKey, actual.Assignment.SegmentKeys);
        ThreeEngineTests.AssertFramesEqual(expected.Result.Kpis.ToDataFrame(), actual.Result.Kpis.ToDataFrame());
        // The migration was counted in the engine from the two snapshot tables; the in-process path compares two assignments.
        Assert.NotNull(actual.Result.Migration);
        Assert.Equal(ModelJson.Serialize(expected.Result.Migration), ModelJson.Serialize(actual.Result.Migration));
        Assert.True(actual.Result.Campaigns.Count > 0);
        // The sample (100 000 buyers) holds every buyer of the sample data, so the drift matrices are the same rows too.
        Assert.Equal(MonthlyEvaluationEngineTests.Rounded(expected.Result), MonthlyEvaluationEngineTests.Rounded(actual.Result));
        // The engine tables are gone afterwards.
        Assert.False(set.Engine(engineName).HasTable(InEngineSegments.MonthEnd));
        Assert.False(set.Engine(engineName).HasTable(InEngineSegments.PreviousEnd));
    }

    [Theory]
    [InlineData("duckdb")]
    [InlineData("clickhouse")]
    public void A_sampled_evaluation_counts_every_customer_and_estimates_churn_from_its_sample(string engineName)
    {
        // 1 500 of the sample data's 4 997 customers: sizes, KPIs, comparisons, campaigns and migration still come from the engine's
        // table of every customer; the churn models and CLV from the sample's buyers, scaled to each segment's buyers.
        var set = data["sample"];
        var expected = MonthlyEvaluation.Run(set.DuckDb, set.DuckDb.Report, Options);
        var actual = MonthlyEvaluation.Run(set.Engine(engineName), set.DuckDb.Report, Options with { InEngineAbove = 0, TrainingSampleSize = 1_500 });

        Assert.Equal(1_500, actual.Assignment.Count);
        Assert.Equal(actual.Assignment.CustomerIds.Order(StringComparer.Ordinal), actual.Assignment.CustomerIds);
        var segmentOf = expected.Assignment.ToDictionary();
        Assert.All(Enumerable.Range(0, actual.Assignment.Count), i => Assert.Equal(segmentOf[actual.Assignment.CustomerIds[i]], actual.Assignment.SegmentKeys[i]));
        static Microsoft.Data.Analysis.DataFrame WithoutClv(KpiTable t)
        {
            var frame = t.ToDataFrame();
            foreach (var name in new[] { "clv_mean", "clv_total" }) if (frame.Columns.IndexOf(name) >= 0) frame.Columns.Remove(name);
            return frame;
        }
        ThreeEngineTests.AssertFramesEqual(WithoutClv(expected.Result.Kpis), WithoutClv(actual.Result.Kpis));
        // The comparisons too (to 9 digits: the cluster adds its shards' sums), but for the CLV (the last period's, estimated).
        static string NoClv(IReadOnlyList<KpiComparison> c) => System.Text.RegularExpressions.Regex.Replace(
            ModelJson.Serialize(c.Select(x => x with { Changes = [.. x.Changes.Where(k => !k.Key.StartsWith("clv", StringComparison.Ordinal))] }).ToArray()),
            @"-?\d+\.\d+(?:[eE][-+]?\d+)?", m => double.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture).ToString("G9", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(NoClv(expected.Result.PeriodOverPeriod), NoClv(actual.Result.PeriodOverPeriod));
        Assert.Equal(NoClv(expected.Result.YearOverYear), NoClv(actual.Result.YearOverYear));
        Assert.Contains(actual.Result.PeriodOverPeriod[0].Changes, k => k.Key == "clv_mean");
        Assert.Equal(ModelJson.Serialize(expected.Result.Campaigns), ModelJson.Serialize(actual.Result.Campaigns));
        Assert.Equal(ModelJson.Serialize(expected.Result.Migration), ModelJson.Serialize(actual.Result.Migration));
        Assert.Equal(expected.Result.Drift!.Segments.Index, actual.Result.Drift!.Segments.Index, 12);
        Assert.Null(actual.Result.Forecast);

        // Churn: every segment's buyers exactly; at-risk counts and CLV estimated from the sample. Tolerances: 1 500 of 4 997 customers
        // gives a sampling error of the mean CLV of about 4 % and of an at-risk share of about 1.5 points, plus the difference of the
        // models fitted on the sample and on every buyer; the bounds are about three times that.
        var e = expected.Result.ChurnRisk!;
        var a = actual.Result.ChurnRisk!;
        Assert.True(a.Sampled);
        Assert.Equal(e.Segments.Select(r => (r.Segment, r.Customers)), a.Segments.Select(r => (r.Segment, r.Customers)));
        Assert.Equal(e.Total.LifetimeValue, a.Total.LifetimeValue, e.Total.LifetimeValue * 0.12);
        Assert.Equal(e.Total.AtRiskShare!.Value, a.Total.AtRiskShare!.Value, 0.05);
        Assert.Equal(a.Total.LifetimeValue, a.Segments.SkipLast(1).Sum(r => r.LifetimeValue), 1e-6 * a.Total.LifetimeValue);
        // The CLV column of the KPI table carries the scaled totals and every customer of the segment.
        var last = actual.Result.Kpis.Periods.Count - 1;
        foreach (var r in a.Segments.SkipLast(1))
            Assert.Equal(r.LifetimeValue, actual.Result.Kpis.Row(r.Segment, last).LifetimeValueTotal!.Value, 1e-9 * Math.Max(1, r.LifetimeValue));
        // Intervals: the total CLV's interval (from the sample's customers, scaled) holds the in-process figure.
        var intervals = EstimateIntervals.Compute(actual.Result, actual.Assignment);
        var total = intervals.Segment(KpiRow.AllCustomers).LifetimeValue!;
        Assert.True(e.Total.LifetimeValue >= total.Lower && e.Total.LifetimeValue <= total.Upper,
            $"in-process {e.Total.LifetimeValue}, sampled {a.Total.LifetimeValue} [{total.Lower}, {total.Upper}] est {total.Estimate}");
        Assert.False(set.Engine(engineName).HasTable(InEngineSegments.EvaluationSample));
    }

    [Fact]
    public void The_buyer_sample_is_the_same_customers_in_every_engine()
    {
        var set = data["sample"];
        var day = new DateTime(2025, 10, 31);
        string[] Sample(string engineName)
        {
            var engine = set.Engine(engineName);
            var sql = CustomerFeatureTable.Render(engine.Dialect, day, FeatureTableOptions.Default, FeatureSources.Detect(engine));
            var frame = InEngineSegments.SampleBuyers(engine, sql, 300);
            Assert.DoesNotContain(frame.Columns, c => c.Name == InEngineSegments.SampleKeyColumn);
            Assert.All(frame.Columns["recency_days"].Cast<object?>(), v => Assert.NotNull(v));
            return frame.Columns["customer_id"].Cast<string>().ToArray();
        }
        var duck = Sample("duckdb");
        Assert.Equal(300, duck.Length);
        Assert.Equal(duck.Order(StringComparer.Ordinal), duck);
        Assert.Equal(duck, Sample("postgres"));
        // Each shard draws its own 300; the 300 smallest keys of both are the same customers.
        Assert.Equal(duck, Sample("clickhouse"));
        Assert.Equal(duck, Sample("clickhouse-colocated"));
        // The buyers not drawn all have larger keys than every drawn one: the smallest keys, not any 300.
        var all = set.DuckDb.Query($"SELECT customer_id, {set.DuckDb.Dialect.SampleKey("customer_id")} AS k FROM ({CustomerFeatureTable.Render(set.DuckDb.Dialect, day, FeatureTableOptions.Default, FeatureSources.Detect(set.DuckDb))}) f WHERE recency_days IS NOT NULL ORDER BY k, customer_id LIMIT 300");
        Assert.Equal(all.Columns["customer_id"].Cast<string>().Order(StringComparer.Ordinal), duck);
    }

    [Fact]
    public void The_window_feature_sample_is_the_same_in_every_engine_and_all_of_it_when_small()
    {
        var set = data["sample"];
        DateTime first = new(2025, 10, 31), second = new(2026, 10, 31);
        var duck = InEngineSegments.Orders12MonthsSample(set.DuckDb, first, second, 200);
        Assert.True(duck.First.Length is > 0 and <= 200 && duck.Second.Length is > 0 and <= 200);
        foreach (var engineName in new[] { "postgres", "clickhouse" })
        {
            var other = InEngineSegments.Orders12MonthsSample(set.Engine(engineName), first, second, 200);
            Assert.Equal(duck.First, other.First);
            Assert.Equal(duck.Second, other.Second);
        }
        // A sample as large as the active customers is the full read (as a multiset: the full read is in the engine's id order).
        var all = WindowFeatures.Orders12MonthsAt(set.DuckDb, first, second);
        var whole = InEngineSegments.Orders12MonthsSample(set.ClickHouse, first, second, 1_000_000);
        Assert.Equal(all.First.Order(), whole.First.Order());
        Assert.Equal(all.Second.Order(), whole.Second.Order());
    }

    [Fact]
    public void The_cluster_keeps_the_segments_table_split_by_customer()
    {
        var set = data["sample"];
        var cluster = set.ClickHouse;
        var model = Segmentation.Analytics.Models.SegmentationModel.Load(RepoPaths.Data("sample", "segmentation-model.json"));
        var sql = CustomerFeatureTable.Render(cluster.Dialect, set.AsOf, FeatureTableOptions.Default, FeatureSources.Detect(cluster));
        const string name = "hc_test_segments";
        try
        {
            InEngineSegments.Assign(cluster, name, model, sql, MonthlyEvaluation.ProspectsKey);
            var perShard = cluster.Colocated.Query($"SELECT count(*) AS n FROM {name}");
            Assert.Equal(2, perShard.Rows.Count);
            long first = Convert.ToInt64(perShard.Columns["n"][0]), second = Convert.ToInt64(perShard.Columns["n"][1]);
            Assert.True(first > 0 && second > 0);
            // The Distributed table over the parts holds every customer once, as the feature table has them.
            Assert.Equal(first + second, cluster.Count(name));
            Assert.Equal(set.DuckDb.Query($"SELECT count(*) AS n FROM ({CustomerFeatureTable.Render(set.DuckDb.Dialect, set.AsOf, FeatureTableOptions.Default, FeatureSources.Detect(set.DuckDb))}) f").Columns["n"][0], first + second);
            var counts = InEngineSegments.Counts(cluster, name, []);
            Assert.Equal(first + second, counts.Values.Sum());
        }
        finally
        {
            InEngineSegments.Drop(cluster, name);
        }
        Assert.False(cluster.HasTable(name));
    }
}

using System.Globalization;
using System.Text.Json;
using Segmentation.Analytics.Evaluation;
using Segmentation.Analytics.Features;
using Segmentation.Data;
using Segmentation.Data.Sql;
using Xunit.Abstractions;

namespace Segmentation.Analytics.Tests.Evaluation;

/// <summary>The drift check's window feature (purchase occasions in the last 12 months) and the refit rule built on it.</summary>
public sealed class WindowDriftTests(ITestOutputHelper output)
{
    private static readonly DateTime Training = new(2025, 10, 31), Report = new(2026, 10, 31);

    [Fact]
    public void Orders_12m_and_its_psi_on_the_sample_match_the_pandas_reference()
    {
        var r = JsonDocument.Parse(File.ReadAllText(RepoPaths.Reference("evaluation", "orders_12m_psi.json"))).RootElement;
        using var ws = DataWorkspace.Load(RepoPaths.Data("sample"), new IngestOptions(Report));
        var training = WindowFeatures.Orders12MonthsAt(ws, Training);
        var current = WindowFeatures.Orders12MonthsAt(ws, Report);
        // The distributions exactly (every accepted purchase of the sample is in the reference; tolerance 0).
        AssertHistogram(r.GetProperty("training"), training);
        AssertHistogram(r.GetProperty("current"), current);
        var psi = PopulationStability.FromSamples(WindowFeatures.Orders12Months, training, current);
        output.WriteLine(psi.ToString());
        Assert.Equal(r.GetProperty("edges").EnumerateArray().Select(e => e.GetDouble()), psi.Edges);
        Assert.Equal(r.GetProperty("psi").GetDouble(), psi.Index, 1e-12);
        Assert.Equal(DriftLevel.Stable, psi.Level);
    }

    [Fact]
    public void Customers_buying_twice_as_often_in_the_report_year_give_refit_and_an_unchanged_population_stays_stable()
    {
        var unchanged = Planted(rateFactor: 1);
        var doubled = Planted(rateFactor: 2);
        var shares = new Dictionary<string, double> { ["a"] = 0.5, ["b"] = 0.5 };
        var assignment = new SegmentAssignment(["c1", "c2"], ["a", "b"], [new("a", "甲", "A", 1, null), new("b", "乙", "B", 2, null)]);
        foreach (var (name, rows, stable) in new[] { ("unchanged", unchanged, true), ("doubled", doubled, false) })
        {
            using var ws = Engine(rows);
            var training = WindowFeatures.Orders12MonthsAt(ws, Training);
            var current = WindowFeatures.Orders12MonthsAt(ws, Report);
            // Against a plain LINQ count of the planted rows: distinct purchase days inside each 12-month window, per active customer.
            Assert.Equal(HandCount(rows, Training), training);
            Assert.Equal(HandCount(rows, Report), current);
            var drift = DriftReport.Compute(new DriftReference(shares) { Windows = [new(WindowFeatures.Orders12Months, training, current)] }, assignment);
            var window = Assert.Single(drift.Windows);
            output.WriteLine($"{name}: {window}");
            if (stable)
            {
                Assert.True(window.Index < PopulationStability.WatchThreshold, window.ToString());
                Assert.Equal(DriftLevel.Stable, drift.Level);
            }
            else
            {
                Assert.True(window.Index > PopulationStability.RefitThreshold, window.ToString());
                Assert.Equal(DriftLevel.Refit, drift.Level);
            }
        }
    }

    [Fact]
    public void A_cumulative_feature_beyond_the_refit_threshold_does_not_decide()
    {
        var rng = new Random(5);
        // Purchase occasions to date: a year later every customer has about twice as many, only because time passed.
        var before = Enumerable.Range(0, 1000).Select(_ => (double)rng.Next(1, 20)).ToArray();
        var after = before.Select(v => v * 2 + rng.Next(0, 3)).ToArray();
        var windowBefore = Enumerable.Range(0, 1000).Select(_ => (double)rng.Next(1, 20)).ToArray();
        var windowAfter = Enumerable.Range(0, 1000).Select(_ => (double)rng.Next(1, 20)).ToArray();
        var reference = new DriftReference(new Dictionary<string, double> { ["a"] = 1, ["b"] = 1 },
            FeatureMatrix.FromRows([.. before.Select(v => new[] { v })], ["frequency"]),
            FeatureMatrix.FromRows([.. after.Select(v => new[] { v })], ["frequency"]))
        { Windows = [new(WindowFeatures.Orders12Months, windowBefore, windowAfter)] };
        var assignment = new SegmentAssignment(["c1", "c2"], ["a", "b"], [new("a", "甲", "A", 1, null), new("b", "乙", "B", 2, null)]);
        var drift = DriftReport.Compute(reference, assignment);
        Assert.Equal(DriftLevel.Refit, Assert.Single(drift.Features).Level);
        Assert.Equal(DriftLevel.Stable, Assert.Single(drift.Windows).Level);
        Assert.Equal(DriftLevel.Stable, drift.Level);
    }

    [Fact]
    public void The_window_is_the_12_calendar_months_up_to_and_including_the_snapshot()
    {
        // [2025-11-01, 2026-11-01): the 12 calendar months up to and including 2026-10-31.
        Assert.Equal(new DateTime(2025, 11, 1), WindowFeatures.WindowStart(Report));
        Assert.Equal(new DateTime(2024, 3, 1), WindowFeatures.WindowStart(new DateTime(2025, 2, 28)));
        var sql = WindowFeatures.RenderOrders12Months(DuckDbDialect.Instance, Report);
        Assert.Contains("TIMESTAMP '2025-11-01 00:00:00'", sql);
        Assert.Contains("TIMESTAMP '2026-11-01 00:00:00'", sql);
    }

    private record struct Row(string Customer, DateTime Time, bool Return);

    /// <summary>
    /// 800 customers; customer i buys on kᵢ ∈ [1, 12] distinct days of the training year (2024-11..2025-10) and on
    /// rateFactor·k′ᵢ distinct days of the report year (2025-11..2026-10), k′ᵢ drawn afresh from the same law; some days carry
    /// two purchases, and returns on other days, which must not count. A few customers buy only in one of the years.
    /// </summary>
    private static List<Row> Planted(int rateFactor)
    {
        var rng = new Random(20261 + rateFactor);
        var rows = new List<Row>();
        var trainingStart = new DateTime(2024, 11, 1);
        var reportStart = new DateTime(2025, 11, 1);
        for (int i = 0; i < 800; i++)
        {
            string id = $"C{i:D4}";
            if (i % 40 != 39) AddDays(rows, rng, id, trainingStart, rng.Next(1, 13));
            if (i % 40 != 38) AddDays(rows, rng, id, reportStart, rateFactor * rng.Next(1, 13));
        }
        return rows;
    }

    private static void AddDays(List<Row> rows, Random rng, string id, DateTime yearStart, int days)
    {
        foreach (int d in Enumerable.Range(0, 365).OrderBy(_ => rng.Next()).Take(days))
        {
            var day = yearStart.AddDays(d);
            rows.Add(new(id, day.AddMinutes(rng.Next(0, 1440)), false));
            if (rng.Next(4) == 0) rows.Add(new(id, day.AddMinutes(rng.Next(0, 1440)), false));
            if (rng.Next(6) == 0) rows.Add(new(id, yearStart.AddDays(rng.Next(0, 365)).AddHours(12), true));
        }
    }

    private static double[] HandCount(List<Row> rows, DateTime snapshot)
    {
        var end = snapshot.Date.AddDays(1);
        var start = end.AddMonths(-12);
        return rows.Where(r => !r.Return && r.Time >= start && r.Time < end)
            .GroupBy(r => r.Customer).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (double)g.Select(r => r.Time.Date).Distinct().Count()).ToArray();
    }

    private static DataWorkspace Engine(List<Row> rows)
    {
        var ws = DataWorkspace.Create(new IngestOptions(Report));
        ws.Execute("CREATE TABLE transactions (customer_id VARCHAR, \"timestamp\" TIMESTAMP, is_return BOOLEAN)");
        foreach (var chunk in rows.Chunk(1000))
            ws.Execute("INSERT INTO transactions VALUES " + string.Join(", ", chunk.Select(r =>
                string.Create(CultureInfo.InvariantCulture, $"('{r.Customer}', TIMESTAMP '{r.Time:yyyy-MM-dd HH:mm:ss}', {(r.Return ? "true" : "false")})"))));
        return ws;
    }

    private static void AssertHistogram(JsonElement reference, double[] values)
    {
        Assert.Equal(reference.GetProperty("customers").GetInt32(), values.Length);
        Assert.Equal(reference.GetProperty("sum").GetInt64(), (long)values.Sum());
        var expected = reference.GetProperty("histogram").EnumerateObject().ToDictionary(p => double.Parse(p.Name, CultureInfo.InvariantCulture), p => p.Value.GetInt32());
        var actual = values.GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(expected.OrderBy(kv => kv.Key), actual.OrderBy(kv => kv.Key));
    }
}

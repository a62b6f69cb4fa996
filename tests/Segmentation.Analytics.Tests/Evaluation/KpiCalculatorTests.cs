using Segmentation.Analytics.Evaluation;

namespace Segmentation.Analytics.Tests.Evaluation;

[Collection(SyntheticSampleCollection.Name)]
public sealed class KpiCalculatorTests(SyntheticSample sample)
{
    private static readonly DateOnly ReportMonth = new(2026, 10, 1);

    public static TheoryData<ReportingCycle, int> Cycles => new()
    {
        { ReportingCycle.Monthly, 13 },
        { ReportingCycle.Quarterly, 8 },
        { ReportingCycle.Yearly, 2 },
    };

    [Theory]
    [MemberData(nameof(Cycles))]
    public void Every_kpi_sum_matches_a_plain_loop_over_the_raw_rows(ReportingCycle cycle, int periods)
    {
        var options = new KpiOptions(ReportMonth, cycle, periods);
        var table = KpiCalculator.Compute(sample.Workspace, sample.Assignment, options);
        var segmentOf = sample.Assignment.ToDictionary();
        Assert.Equal(periods * (sample.Assignment.Segments.Count + 1), table.Rows.Count);
        var reference = new KpiReference(sample.Dataset, DateOnly.FromDateTime(SyntheticSample.AsOf));
        foreach (var row in table.Rows)
        {
            var previous = row.Period.Index > 0 ? table.Periods[row.Period.Index - 1]
                : KpiPeriod.Of(-1, row.Period.Start.AddMonths(-row.Period.Months), row.Period.Months);
            var expected = reference.Compute(segmentOf, row.Segment, row.Period, previous, table.ChurnWindowDays);
            AssertCounts(expected, row.Counts, $"{row.Segment} {row.Period.Label}");
        }
        // Sanity of the sample: every KPI family is populated in the last month.
        var total = table.Total(periods - 1);
        Assert.True(total.ActiveCustomers > 1000 && total.Counts.SurveyResponses > 100 && total.ChurnedCustomers > 0 && total.NewCustomers > 0,
            total.ToString());
    }

    [Fact]
    public void Tables_computed_together_equal_each_table_computed_alone()
    {
        // One reading of the transactions serves tables of different cycles, windows and ends (a window ending before the others').
        KpiCalculator.Request[] requests =
        [
            new(new KpiOptions(ReportMonth), Enumerable.Range(0, sample.Assignment.Count).Select(i => i * 0.5).ToArray(), [12, 11, 0]),
            new(KpiOptions.ForWindows([KpiPeriod.Of(0, new DateOnly(2024, 11, 1), 12), KpiPeriod.Of(1, new DateOnly(2025, 11, 1), 12)]), null, [0, 1]),
            new(KpiOptions.ForWindows([KpiPeriod.Of(0, new DateOnly(2025, 2, 1), 6), KpiPeriod.Of(1, new DateOnly(2025, 8, 1), 3), KpiPeriod.Of(2, new DateOnly(2025, 11, 1), 1)]), null, [0, 2]),
            new(new KpiOptions(new DateOnly(2026, 3, 1), ReportingCycle.Quarterly, 5), null, [4]),
        ];
        EngineTables.Upload(sample.Workspace, sample.Assignment);
        try
        {
            var together = KpiCalculator.Compute(sample.Workspace, sample.Assignment, requests, EngineTables.Segments);
            Assert.Equal(requests.Length, together.Count);
            for (int t = 0; t < requests.Length; t++)
            {
                var alone = KpiCalculator.Compute(sample.Workspace, sample.Assignment, [requests[t]], EngineTables.Segments)[0];
                Assert.Equal(alone.Rows, together[t].Rows);
                Assert.Equal(alone.Samples.Keys.Order(), together[t].Samples.Keys.Order());
                foreach (var (key, expected) in alone.Samples)
                {
                    Assert.Equal(expected.Orders, together[t].Samples[key].Orders);
                    Assert.Equal(expected.GrossSales, together[t].Samples[key].GrossSales);
                }
                Assert.True(together[t].Total(together[t].Periods.Count - 1).ChurnedCustomers > 0);
            }
        }
        finally
        {
            sample.Workspace.Execute($"DROP TABLE IF EXISTS {EngineTables.Segments}");
        }
    }

    [Fact]
    public void Sums_read_before_the_lifetime_values_give_the_tables_computed_with_them()
    {
        // The evaluation reads the KPI sums first and adds the CLV once the churn models are fitted: the same tables.
        var clv = Enumerable.Range(0, sample.Assignment.Count).Select(i => i * 0.25).ToArray();
        KpiCalculator.Request[] read =
        [
            new(new KpiOptions(ReportMonth), null, [12, 11]),
            new(KpiOptions.ForWindows([KpiPeriod.Of(0, new DateOnly(2024, 11, 1), 12), KpiPeriod.Of(1, new DateOnly(2025, 11, 1), 12)]), null, [0, 1]),
        ];
        KpiCalculator.Request[] withClv = [read[0] with { LifetimeValue = clv }, read[1]];
        EngineTables.Upload(sample.Workspace, sample.Assignment);
        try
        {
            var sums = KpiCalculator.Read(sample.Workspace, sample.Assignment, read, EngineTables.Segments);
            var late = sums.Tables(sample.Workspace, withClv);
            var direct = KpiCalculator.Compute(sample.Workspace, sample.Assignment, withClv, EngineTables.Segments);
            for (int t = 0; t < read.Length; t++) Assert.Equal(direct[t].Rows, late[t].Rows);
            Assert.Equal(clv.Sum(), late[0].Rows.Single(r => r.Segment == KpiRow.AllCustomers && r.Period.Index == 12).LifetimeValueTotal!.Value, 1e-6);
            Assert.Throws<ArgumentException>(() => sums.Tables(sample.Workspace, [withClv[0]]));
            Assert.Throws<ArgumentException>(() => sums.Tables(sample.Workspace, [withClv[0] with { LifetimeValue = [1.0] }, withClv[1]]));
        }
        finally
        {
            sample.Workspace.Execute($"DROP TABLE IF EXISTS {EngineTables.Segments}");
        }
    }

    [Fact]
    public void The_last_table_drops_each_month_table_once_its_period_table_is_built()
    {
        // The per-month tables are the largest of the evaluation: the last table over multi-month periods needs them only to build
        // its own period tables, so they go right after, and what it reads is unchanged.
        var windows = KpiOptions.ForWindows([KpiPeriod.Of(0, new DateOnly(2024, 11, 1), 12), KpiPeriod.Of(1, new DateOnly(2025, 11, 1), 12)]);
        var periods = windows.ResolvedPeriods;
        var d = sample.Workspace.Dialect;
        bool Exists(string table) => sample.Workspace.Read($"SELECT count(*) FROM duckdb_tables() WHERE table_name = '{table}'", r => r.Read() && r.GetInt64(0) > 0);
        EngineTables.Upload(sample.Workspace, sample.Assignment);
        try
        {
            // The SQL path (DuckDB's workspace would otherwise take the in-process grain, which makes none of these tables).
            KpiCalculator.Request[] requests = [new(windows, null, [0, 1])];
            KpiTable Sql() => KpiCalculator.Read(sample.Workspace, sample.Assignment, requests, EngineTables.Segments, inProcess: false).Tables(sample.Workspace, requests)[0];
            var expected = Sql();
            foreach (var sql in KpiQuery.Prepare(d, periods[^1].EndExclusive, EngineTables.Segments)) sample.Workspace.Execute(sql);
            var kept = KpiQuery.PreparePeriods(d, periods, windows.ResolvedChurnWindowDays);
            var released = KpiQuery.PreparePeriods(d, periods, windows.ResolvedChurnWindowDays, lastUse: true);
            Assert.Equal(2, kept.Count);
            Assert.Equal(new[] { kept[1], $"DROP TABLE IF EXISTS {d.Id(KpiQuery.ActiveMonths)}", kept[0], $"DROP TABLE IF EXISTS {d.Id(KpiQuery.CustomerMonths)}" }, released);
            foreach (var sql in released) sample.Workspace.Execute(sql);
            Assert.False(Exists(KpiQuery.CustomerMonths));
            Assert.False(Exists(KpiQuery.ActiveMonths));
            Assert.True(Exists(KpiQuery.CustomerPeriods) && Exists(KpiQuery.ActivePeriods));
            // Monthly periods read the month tables themselves: nothing to build, nothing dropped.
            Assert.Empty(KpiQuery.PreparePeriods(d, new KpiOptions(ReportMonth).ResolvedPeriods, 90, lastUse: true));
            var read = Sql();
            Assert.Equal(expected.Rows, read.Rows);
            Assert.False(Exists(KpiQuery.CustomerPeriods) || Exists(KpiQuery.CustomerMonths));
        }
        finally
        {
            foreach (var sql in KpiQuery.CleanupPeriods(d).Concat(KpiQuery.Cleanup(d))) sample.Workspace.Execute(sql);
            sample.Workspace.Execute($"DROP TABLE IF EXISTS {EngineTables.Segments}");
        }
    }

    internal static void AssertCounts(KpiCounts expected, KpiCounts actual, string where)
    {
        // Counts exactly; money to the cent (the engine sums exact decimals, the loop sums doubles).
        Assert.True(expected with { GrossSales = 0, Revenue = 0, Cost = 0, RevenueSquares = 0 } == actual with { GrossSales = 0, Revenue = 0, Cost = 0, RevenueSquares = 0 },
            $"{where}: expected {expected}, got {actual}");
        Assert.True(Math.Abs(expected.GrossSales - actual.GrossSales) < 0.005, $"{where} gross {expected.GrossSales} vs {actual.GrossSales}");
        Assert.True(Math.Abs(expected.Revenue - actual.Revenue) < 0.005, $"{where} revenue {expected.Revenue} vs {actual.Revenue}");
        Assert.True(Math.Abs(expected.Cost - actual.Cost) < 0.005, $"{where} cost {expected.Cost} vs {actual.Cost}");
        Assert.True(Math.Abs(expected.RevenueSquares - actual.RevenueSquares) <= 1e-9 * Math.Max(1, expected.RevenueSquares), $"{where} squares {expected.RevenueSquares} vs {actual.RevenueSquares}");
    }
}

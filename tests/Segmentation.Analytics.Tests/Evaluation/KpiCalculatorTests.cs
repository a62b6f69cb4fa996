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

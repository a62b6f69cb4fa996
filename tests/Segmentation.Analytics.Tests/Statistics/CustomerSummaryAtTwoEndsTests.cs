using Segmentation.Analytics.Evaluation;
using Segmentation.Analytics.Statistics;
using Segmentation.Data;
using Segmentation.Testing;

namespace Segmentation.Analytics.Tests.Statistics;

/// <summary>
/// The one-pass reads of the evaluation: the customer summaries at the month end and the previous month end
/// (<see cref="CustomerSummaryAtTwoEnds"/>) and the 12-month window at two snapshots are exactly what a query per end gives.
/// </summary>
public sealed class CustomerSummaryAtTwoEndsTests
{
    private static readonly DateOnly MonthEnd = new(2026, 10, 31), PreviousEnd = new(2026, 9, 30);

    [Fact]
    public void Summaries_at_two_ends_equal_a_summary_per_end_on_the_sample()
    {
        using var ws = DataWorkspace.Load(RepoPaths.Data("sample"), new IngestOptions(MonthEnd.ToDateTime(TimeOnly.MinValue)));
        var both = CustomerSummaryAtTwoEnds.Read(ws, MonthEnd, PreviousEnd);
        // The previous month end has fewer customers (those first seen in October are not in it).
        Assert.True(both.Earlier!.Count < both.Later.Count, $"{both.Earlier.Count} vs {both.Later.Count}");
        foreach (var end in new[] { MonthEnd, PreviousEnd })
            AssertSame(CustomerSummary.FromTransactions(ws, end, 7), both.SummaryAt(end, 7)!);
        AssertSame(CustomerSummary.FromTransactions(ws, MonthEnd, 1), CustomerSummaryAtTwoEnds.Read(ws, MonthEnd, null).SummaryAt(MonthEnd, 1)!);
        Assert.Null(both.SummaryAt(MonthEnd.AddDays(-1), 7));
    }

    [Fact]
    public void The_churn_summary_from_the_one_pass_rows_equals_the_one_from_its_own_query()
    {
        using var ws = DataWorkspace.Load(RepoPaths.Data("sample"), new IngestOptions(MonthEnd.ToDateTime(TimeOnly.MinValue)));
        var ids = CustomerSummaryAtTwoEnds.Read(ws, MonthEnd, null).Later.Select(r => r.Id).ToArray();
        // Every second buyer in the assignment: the rows of the others are left out as the SQL filter leaves them out.
        var kept = ids.Where((_, i) => i % 2 == 0).ToArray();
        var assignment = new SegmentAssignment(kept, kept.Select((_, i) => i % 3 == 0 ? "a" : "b").ToArray(),
            [new("a", "甲", "A", 1, null), new("b", "乙", "B", 2, null)]);
        var expected = ChurnRiskSummary.Compute(ws, assignment, MonthEnd);
        var actual = ChurnRiskSummary.Compute(assignment, MonthEnd, CustomerSummaryAtTwoEnds.Read(ws, MonthEnd, PreviousEnd).Later, null, null, 0);
        Assert.Equal(expected.LifetimeValue, actual.LifetimeValue);
        Assert.Equal(expected.AtRisk, actual.AtRisk);
        Assert.Equal(expected.Segments, actual.Segments);
        AssertSame(expected.Summary!, actual.Summary!);
    }

    [Fact]
    public void Summary_rows_are_in_ordinal_order_even_where_the_engine_sorts_differently()
    {
        // DuckDB sorts the summary rows itself (ORDER BY customer_id) by UTF-8 bytes: U+E000 (EE 80 80) before U+1F600
        // (F0 9F 98 80). .NET's ordinal order compares UTF-16 code units (the surrogate D83D before E000): the rows must follow it.
        using var dir = new TempDirectory();
        dir.Write("transactions.csv", "transaction_id,customer_id,timestamp,amount\n" +
            "T1,K\uE000,2026-09-10 09:00:00,10.00\nT2,K\U0001F600,2026-09-11 09:00:00,20.00\nT3,K\U0001F600,2026-10-02 09:00:00,25.00\n" +
            "T4,A1,2026-10-12 09:00:00,30.00\nT5,Z9,2026-09-13 09:00:00,40.00\nT6,K\U0001F600,2026-10-02 18:00:00,-5.00\n");
        using var ws = DataWorkspace.Load(dir.Path, new IngestOptions(MonthEnd.ToDateTime(TimeOnly.MinValue)));
        var both = CustomerSummaryAtTwoEnds.Read(ws, MonthEnd, PreviousEnd);
        Assert.Equal(["A1", "K\U0001F600", "K\uE000", "Z9"], both.Later.Select(r => r.Id));
        Assert.Equal(["K\U0001F600", "K\uE000", "Z9"], both.Earlier!.Select(r => r.Id));
        // Two purchase days 21 days apart, first seen 50 days before the month end; the return is not a purchase.
        Assert.Equal(new CustomerSummaryRow("K\U0001F600", 1, 21, 50, 25.0), both.Later[1]);
        Assert.Equal(new CustomerSummaryRow("K\U0001F600", 0, 0, 19, 0.0), both.Earlier![0]);
        Assert.Equal(both.Later, CustomerSummaryAtTwoEnds.Read(ws, MonthEnd, null).Later);
    }

    [Fact]
    public void The_window_at_two_snapshots_equals_one_query_per_snapshot()
    {
        using var ws = DataWorkspace.Load(RepoPaths.Data("sample"), new IngestOptions(MonthEnd.ToDateTime(TimeOnly.MinValue)));
        // Disjoint windows (a year apart), overlapping ones (a month apart) and the same day twice.
        foreach (var (first, second) in new[] { (new DateTime(2025, 10, 31), new DateTime(2026, 10, 31)), (new DateTime(2026, 9, 30), new DateTime(2026, 10, 31)),
                                                (new DateTime(2026, 10, 31), new DateTime(2026, 10, 31)) })
        {
            var (a, b) = WindowFeatures.Orders12MonthsAt(ws, first, second);
            Assert.Equal(WindowFeatures.Orders12MonthsAt(ws, first), a);
            Assert.Equal(WindowFeatures.Orders12MonthsAt(ws, second), b);
            Assert.NotEmpty(a);
        }
    }

    internal static void AssertSame(CustomerSummary expected, CustomerSummary actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.ZeroAgeCustomersSkipped, actual.ZeroAgeCustomersSkipped);
        Assert.Equal(expected.CustomerIds, actual.CustomerIds);
        Assert.Equal(expected.CustomerKeys, actual.CustomerKeys);
        Assert.Equal(expected.Frequency, actual.Frequency);
        Assert.Equal(expected.Recency, actual.Recency);
        Assert.Equal(expected.Age, actual.Age);
        Assert.Equal(expected.MonetaryValue, actual.MonetaryValue);
        Assert.Equal(expected.FirstPurchaseDay, actual.FirstPurchaseDay);
        Assert.Equal(expected.LastPurchaseDay, actual.LastPurchaseDay);
        Assert.Equal(expected.CalibrationEndDay, actual.CalibrationEndDay);
    }
}

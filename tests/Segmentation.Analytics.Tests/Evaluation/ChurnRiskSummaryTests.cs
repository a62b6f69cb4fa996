using Segmentation.Analytics.Evaluation;
using Segmentation.Analytics.Statistics;
using Segmentation.Data;

namespace Segmentation.Analytics.Tests.Evaluation;

public sealed class ChurnRiskSummaryTests
{
    private static readonly DateOnly MonthEnd = new(2026, 10, 31);

    [Fact]
    public void An_assignment_in_customer_order_gives_each_customer_what_the_same_assignment_shuffled_gives()
    {
        // Summary rows and an assignment both in customer-id order are merged; any other order goes through a dictionary. The fits see
        // the same rows either way, so every customer's CLV and flag are identical; segment sums differ at most in summation order.
        using var ws = DataWorkspace.Load(RepoPaths.Data("sample"), new IngestOptions(MonthEnd.ToDateTime(TimeOnly.MinValue)));
        var rows = CustomerSummaryAtTwoEnds.Read(ws, MonthEnd, null).Later;
        // Every third buyer is left out, and two customers without a summary row are in: rows and customers do not pair one to one.
        var ids = rows.Select(r => r.Id).Where((_, i) => i % 3 != 0).Append("~never-bought-1").Append("~never-bought-2").Order(StringComparer.Ordinal).ToArray();
        SegmentDefinition[] defs = [new("a", "甲", "A", 1, null), new("b", "乙", "B", 2, null)];
        var keys = ids.Select((_, i) => i % 4 == 0 ? "a" : "b").ToArray();
        var sorted = ChurnRiskSummary.Compute(new SegmentAssignment(ids, keys, defs), MonthEnd, rows, null, null, 0);
        var order = Enumerable.Range(0, ids.Length).Reverse().ToArray();
        var shuffled = ChurnRiskSummary.Compute(new SegmentAssignment(order.Select(i => ids[i]).ToArray(), order.Select(i => keys[i]).ToArray(), defs),
            MonthEnd, rows, null, null, 0);
        Assert.Equal(shuffled.Purchases, sorted.Purchases);
        Assert.Equal(shuffled.Spend, sorted.Spend);
        for (int k = 0; k < order.Length; k++)
        {
            Assert.Equal(shuffled.LifetimeValue[k], sorted.LifetimeValue[order[k]]);
            Assert.Equal(shuffled.AtRisk[k], sorted.AtRisk[order[k]]);
        }
        for (int s = 0; s < sorted.Segments.Count; s++)
        {
            Assert.Equal(shuffled.Segments[s].Customers, sorted.Segments[s].Customers);
            Assert.Equal(shuffled.Segments[s].AtRiskCustomers, sorted.Segments[s].AtRiskCustomers);
        }
        Assert.Equal(ids.Length - 2, sorted.Total.Customers);
        Assert.Equal(0, sorted.LifetimeValue[^1]);
    }
}

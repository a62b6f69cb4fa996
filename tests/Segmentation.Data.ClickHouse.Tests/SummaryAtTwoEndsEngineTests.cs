using Segmentation.Analytics.Evaluation;
using Segmentation.Analytics.Statistics;

namespace Segmentation.Data.ClickHouse.Tests;

/// <summary>
/// The evaluation's one-pass reads on every engine: the customer summaries at the month end and the previous month end
/// (<see cref="CustomerSummaryAtTwoEnds"/>, for the churn section and last month's forecast) equal a summary per end on the same
/// engine, exactly; and the 12-month window at two snapshots equals a query per snapshot.
/// </summary>
[Trait("Requires", "ClickHouse")]
[Trait("Requires", "PostgreSQL")]
public sealed class SummaryAtTwoEndsEngineTests(ThreeEngineFixture data) : IClassFixture<ThreeEngineFixture>
{
    public static TheoryData<string, string> Cases => new()
    {
        { "sample", "duckdb" }, { "sample", "postgres" }, { "sample", "clickhouse" },
        { "cdnow", "duckdb" }, { "cdnow", "postgres" }, { "cdnow", "clickhouse" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Summaries_at_two_ends_equal_one_summary_per_end(string dataSet, string engineName)
    {
        var set = data[dataSet];
        var engine = set.Engine(engineName);
        var end = DateOnly.FromDateTime(set.AsOf);
        var previousEnd = new DateOnly(end.Year, end.Month, 1).AddDays(-1);
        var both = CustomerSummaryAtTwoEnds.Read(engine, end, previousEnd);
        Assert.True(both.Earlier!.Count > 1000, $"{both.Earlier.Count} customers at {previousEnd}");
        foreach (var at in new[] { end, previousEnd })
        {
            var expected = CustomerSummary.FromTransactions(engine, at, 7);
            var actual = both.SummaryAt(at, 7)!;
            Assert.Equal(expected.CustomerKeys, actual.CustomerKeys);
            Assert.Equal(expected.ZeroAgeCustomersSkipped, actual.ZeroAgeCustomersSkipped);
            Assert.Equal(expected.Frequency, actual.Frequency);
            Assert.Equal(expected.Recency, actual.Recency);
            Assert.Equal(expected.Age, actual.Age);
            Assert.Equal(expected.MonetaryValue, actual.MonetaryValue);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_window_at_two_snapshots_equals_one_query_per_snapshot(string dataSet, string engineName)
    {
        var set = data[dataSet];
        var engine = set.Engine(engineName);
        var second = set.AsOf.Date;
        foreach (var first in new[] { second.AddYears(-1), second.AddMonths(-1) })
        {
            var (a, b) = WindowFeatures.Orders12MonthsAt(engine, first, second);
            Assert.Equal(WindowFeatures.Orders12MonthsAt(engine, first), a);
            Assert.Equal(WindowFeatures.Orders12MonthsAt(engine, second), b);
            Assert.Equal(WindowFeatures.Orders12MonthsAt(set.DuckDb, first).Order(), a.Order());
        }
    }
}

using System.Globalization;
using Segmentation.Analytics.Statistics;
using static Segmentation.Analytics.Tests.Statistics.StatisticsTestData;

namespace Segmentation.Analytics.Tests.Statistics;

public sealed class CustomerSummaryTests
{
    private static readonly int CalibrationEnd = new DateOnly(1997, 9, 30).DayNumber;

    [Fact]
    public void Summary_of_cdnow_sample_reproduces_the_published_summary_exactly()
    {
        // data/real/cdnow/cdnow_customers_summary.csv: frequency exact, recency and T in weeks rounded to 2 decimals.
        var (ids, days, amounts) = CdnowTransactions();
        var s = CustomerSummary.FromTransactions(ids, days, amounts, CalibrationEnd);
        var (_, rows) = ReadCsv("data/real/cdnow/cdnow_customers_summary.csv");
        Assert.Equal(rows.Length, s.Count);
        for (int i = 0; i < rows.Length; i++)
        {
            Assert.Equal(long.Parse(rows[i][0], CultureInfo.InvariantCulture), s.CustomerIds[i]);
            Assert.Equal(int.Parse(rows[i][1], CultureInfo.InvariantCulture), s.Frequency[i]);
            Assert.Equal(D(rows[i][2]), Math.Round(s.Recency[i], 2, MidpointRounding.AwayFromZero));
            Assert.Equal(D(rows[i][3]), Math.Round(s.Age[i], 2, MidpointRounding.AwayFromZero));
        }
    }

    [Fact]
    public void Monetary_value_is_the_mean_of_repeat_purchase_days_within_the_published_rounding()
    {
        // zbar in cdnow_customers_summary_with_transactions.csv is rounded to 2 decimals: |ours − zbar| ≤ 0.005 (+1e-9).
        // Exact values (pandas group-by, bgnbd_gammagamma_reference.py) for the first 10 customers to 1e-9.
        var (ids, days, amounts) = CdnowTransactions();
        var s = CustomerSummary.FromTransactions(ids, days, amounts, CalibrationEnd);
        var (_, rows) = ReadCsv("data/real/cdnow/cdnow_customers_summary_with_transactions.csv");
        for (int i = 0; i < rows.Length; i++) Assert.Equal(D(rows[i][4]), s.MonetaryValue[i], 0.005 + 1e-9);
        var exact = Doubles(Reference("bgnbd_gammagamma_reference.json").GetProperty("summary").GetProperty("monetaryFirst10"));
        for (int i = 0; i < 10; i++) Assert.Equal(exact[i], s.MonetaryValue[i], 1e-9);
    }

    [Fact]
    public void Holdout_split_matches_pandas_counts_and_paper_table()
    {
        // Reference: pandas distinct purchase days in (1997-09-30, 1998-06-30] per customer; by-frequency means
        // are the "actual" curve of Fader, Hardie & Lee (2005) Figure 5 (0.237, 0.697, 1.393, …).
        var (ids, days, amounts) = CdnowTransactions();
        var split = CalibrationHoldoutSplit.Create(ids, days, amounts, CalibrationEnd, new DateOnly(1998, 6, 30).DayNumber);
        var summary = Reference("bgnbd_gammagamma_reference.json").GetProperty("summary");
        Assert.Equal(summary.GetProperty("holdoutDuration").GetDouble(), split.HoldoutDuration, 1e-12);
        Assert.Equal(summary.GetProperty("holdoutTotal").GetInt32(), split.HoldoutPurchases.Sum());
        Assert.Equal(summary.GetProperty("holdoutFirst20").EnumerateArray().Select(v => v.GetInt32()), split.HoldoutPurchases.Take(20));
        var model = new BgNbdFitter().Fit(split.Calibration);
        var table = split.CompareByFrequency(model, maxFrequency: 7);
        var expected = summary.GetProperty("holdoutByFrequency").EnumerateArray().ToArray();
        Assert.Equal(expected.Length, table.Count);
        for (int b = 0; b < table.Count; b++)
        {
            Assert.Equal(expected[b].GetProperty("customers").GetInt32(), table[b].Customers);
            Assert.Equal(expected[b].GetProperty("actualMean").GetDouble(), table[b].ActualMean, 1e-12);
            // the model tracks the holdout closely in the paper (Figure 5): within 0.6 purchases per bucket
            Assert.InRange(table[b].PredictedMean - table[b].ActualMean, -0.6, 0.6);
        }
        Assert.True(table[^1].AndAbove);
    }

    [Fact]
    public void Same_day_purchases_are_one_occasion_and_observation_start_drops_earlier_days()
    {
        long[] ids = [5, 5, 5, 5, 9];
        int[] days = [100, 100, 107, 121, 90];
        double[] amounts = [10, 5, 20, 40, 7];
        var s = CustomerSummary.FromTransactions(ids, days, amounts, calibrationEndDay: 128);
        Assert.Equal([5L, 9L], s.CustomerIds);
        Assert.Equal([2, 0], s.Frequency);
        Assert.Equal([3.0, 0.0], s.Recency);
        Assert.Equal([4.0, 38.0 / 7], s.Age);
        Assert.Equal([30.0, 0.0], s.MonetaryValue);
        var late = CustomerSummary.FromTransactions(ids, days, amounts, calibrationEndDay: 128, observationStartDay: 101);
        Assert.Equal([5L], late.CustomerIds);
        Assert.Equal([1], late.Frequency);
        Assert.Equal([40.0], late.MonetaryValue);
    }

    [Fact]
    public void Bad_arguments_name_the_parameter()
    {
        Assert.Equal("days", Assert.ThrowsAny<ArgumentException>(() => CustomerSummary.FromTransactions([1L, 2L], [1], [], 10)).ParamName);
        Assert.Equal("timeUnitDays", Assert.ThrowsAny<ArgumentException>(() => CustomerSummary.FromTransactions([1L], [1], [], 10, null, 0)).ParamName);
        Assert.Equal("observationEndDay", Assert.ThrowsAny<ArgumentException>(() => CalibrationHoldoutSplit.Create([1L], [1], [], 10, 10)).ParamName);
    }
}

using Microsoft.Data.Analysis;
using Segmentation.Analytics.Features;
using System.Globalization;
using Segmentation.Data;
using Segmentation.Data.Sql;
using Segmentation.Analytics.Models;
using Segmentation.Analytics.Segmenting;
using Segmentation.Analytics.Engines;
using Segmentation.Analytics.Serialization;

namespace Segmentation.Analytics.Tests.Segmenting;

public sealed class RfmTests
{
    [Fact]
    public void Rfm_on_cdnow_equals_the_independent_pandas_computation()
    {
        using var ws = DataWorkspace.Load(RealData.CdnowMasterDirectory, new IngestOptions(RealData.CdnowEnd));
        var tx = ws.Report.For("transactions")!;
        Assert.Equal(69_659, tx.RowsRead);
        Assert.Equal(80, tx.Rejects.Count); // the 80 zero-value rows of the provenance note
        Assert.All(tx.Rejects, r => Assert.Equal(RejectRules.ZeroAmount, r.Rule));

        var aggregates = ws.Query(CustomerAggregateQuery.Render(ws.Dialect, RealData.CdnowEnd));
        var input = RfmInput.FromAggregates(aggregates, MonetaryMeasure.NetSpend);
        var model = new RfmScorer(new RfmOptions()).Fit(input);
        var table = model.ScoreFrame(aggregates);

        var thresholds = File.ReadAllLines(RepoPaths.Reference("rfm", "cdnow_rfm_thresholds.txt"))
            .ToDictionary(l => l.Split(',')[0], l => l.Split(',')[1..].Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray());
        AssertClose(thresholds["recency_days"], model.RecencyThresholds);
        AssertClose(thresholds["frequency"], model.FrequencyThresholds);
        AssertClose(thresholds["monetary"], model.MonetaryThresholds);

        var reference = File.ReadAllLines(RepoPaths.Reference("rfm", "cdnow_rfm.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(reference.Length, table.Rows.Count);
        for (int i = 0; i < reference.Length; i++)
        {
            var row = reference[i];
            Assert.Equal(row[0], table["customer_id"][i]);
            Assert.Equal(double.Parse(row[1], CultureInfo.InvariantCulture), (double)table["recency_days"][i]!);
            Assert.Equal(double.Parse(row[2], CultureInfo.InvariantCulture), (double)table["frequency"][i]!);
            Assert.Equal(double.Parse(row[3], CultureInfo.InvariantCulture), Math.Round((double)table["monetary"][i]!, 2), 9);
            Assert.Equal((int.Parse(row[4]), int.Parse(row[5]), int.Parse(row[6])), ((int)table["r"][i]!, (int)table["f"][i]!, (int)table["m"][i]!));
        }
    }

    [Fact]
    public void The_slim_rfm_aggregate_equals_the_full_aggregates_columns_and_the_pandas_reference_on_cdnow()
    {
        using var ws = DataWorkspace.Load(RealData.CdnowMasterDirectory, new IngestOptions(RealData.CdnowEnd));
        var full = ws.Query(CustomerAggregateQuery.Render(ws.Dialect, RealData.CdnowEnd));
        var slim = ws.Query(RfmAggregateQuery.Render(ws.Dialect, RealData.CdnowEnd));
        Assert.Equal(RfmAggregateQuery.Columns, slim.Columns.Select(c => c.Name));
        Frames.AssertIdentical(new DataFrame(RfmAggregateQuery.Columns.Select(c => full[c])), slim);

        var model = new RfmScorer(new RfmOptions()).Fit(slim);
        Assert.Equal(new RfmScorer(new RfmOptions()).Fit(full), model);
        var table = model.ScoreFrame(slim);
        Frames.AssertIdentical(model.ScoreFrame(full), table);
        var reference = File.ReadAllLines(RepoPaths.Reference("rfm", "cdnow_rfm.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(reference.Length, table.Rows.Count);
        for (int i = 0; i < reference.Length; i++)
        {
            Assert.Equal(reference[i][0], table["customer_id"][i]);
            Assert.Equal((int.Parse(reference[i][4]), int.Parse(reference[i][5]), int.Parse(reference[i][6])), ((int)table["r"][i]!, (int)table["f"][i]!, (int)table["m"][i]!));
        }
    }

    [Theory]
    [InlineData("sample", MonetaryMeasure.NetSpend)]
    [InlineData("sample", MonetaryMeasure.AveragePerOccasion)]
    [InlineData("hand-made", MonetaryMeasure.NetSpend)]
    [InlineData("hand-made", MonetaryMeasure.AveragePerOccasion)]
    public void The_slim_rfm_aggregate_gives_the_same_rfm_table_with_returns_only_customers_and_later_purchases(string dataSet, MonetaryMeasure monetary)
    {
        using var dir = new TempDirectory();
        if (dataSet == "hand-made") HandMadeTables.Write(dir);
        var day = new DateTime(2026, 10, 31);
        using var ws = DataWorkspace.Load(dataSet == "sample" ? RepoPaths.Data("sample") : dir.Path, new IngestOptions(day));
        var full = ws.Query(CustomerAggregateQuery.Render(ws.Dialect, day));
        var slim = ws.Query(RfmAggregateQuery.Render(ws.Dialect, day));
        Frames.AssertIdentical(new DataFrame(RfmAggregateQuery.Columns.Select(c => full[c])), slim);
        var model = new RfmScorer(new RfmOptions(Monetary: monetary)).Fit(slim);
        var table = model.ScoreFrame(slim);
        Frames.AssertIdentical(model.ScoreFrame(full), table);
        if (dataSet == "hand-made")
        {
            // C1's purchase of 2026-11-15 is after the snapshot; C3 bought only after it; C5 only returned.
            Assert.Equal(["C1", "C4", "C5"], slim["customer_id"].Cast<string>());
            Assert.Equal([122L, 30L, null], slim["recency_days"].Cast<long?>());
            Assert.Equal([3L, 1L, 0L], slim["purchase_days"].Cast<long?>());
            Assert.Equal([380.0, 40.0, -30.0], slim["net_amount"].Cast<double?>().Select(v => v!.Value));
            Assert.Equal(RfmSegmentRules.ReturnsOnly.Key, table["segment_key"][2]);
        }
    }

    [Fact]
    public void Quantiles_equal_those_of_the_sorted_values_with_ties_and_any_length()
    {
        var random = new Random(5);
        foreach (int n in new[] { 1, 2, 3, 5, 7, 10, 101, 4096, 100_003 })
            foreach (int distinct in new[] { 1, 3, 50, int.MaxValue })
            {
                var values = Enumerable.Range(0, n).Select(_ => distinct == int.MaxValue ? random.NextDouble() * 1e4 - 5e3 : random.Next(distinct)).Select(v => (double)v).ToArray();
                foreach (int bins in new[] { 2, 4, 5, 10 })
                {
                    var sorted = values.Order().ToArray();
                    var expected = Enumerable.Range(1, bins - 1).Select(k =>
                    {
                        double h = (n - 1) * (double)k / bins;
                        int lo = (int)Math.Floor(h), hi = Math.Min(lo + 1, n - 1);
                        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
                    });
                    var before = values.ToArray();
                    Assert.Equal(expected, RfmScorer.Quantiles(values, bins));
                    Assert.Equal(before, values);
                }
            }
    }

    [Fact]
    public void Hand_checked_customer_00001_of_cdnow()
    {
        // 00001 bought once, on 1997-01-01, for $11.77: recency 545 days at 1998-06-30, one occasion.
        using var ws = DataWorkspace.Load(RealData.CdnowMasterDirectory, new IngestOptions(RealData.CdnowEnd));
        var agg = ws.Query(CustomerAggregateQuery.Render(ws.Dialect, RealData.CdnowEnd) + " LIMIT 1");
        Assert.Equal("00001", agg["customer_id"][0]);
        Assert.Equal(545L, agg["recency_days"][0]);
        Assert.Equal(1L, agg["purchase_days"][0]);
        Assert.Equal(11.77, agg["net_amount"][0]);
    }

    [Fact]
    public void Cdnow_frequency_ties_empty_exactly_one_level_and_it_is_reported_as_merged()
    {
        using var ws = DataWorkspace.Load(RealData.CdnowMasterDirectory, new IngestOptions(RealData.CdnowEnd));
        var aggregates = ws.Query(CustomerAggregateQuery.Render(ws.Dialect, RealData.CdnowEnd));
        var input = RfmInput.FromAggregates(aggregates, MonetaryMeasure.NetSpend);
        var model = new RfmScorer(new RfmOptions()).Fit(input);
        // About half of CDNOW's customers bought on one day only: the 20 % and 40 % frequency quantiles are both 1 (pandas: 1, 1, 2, 4).
        double oneTime = input.Frequency.Count(f => f == 1) / (double)input.Count;
        Assert.InRange(oneTime, 0.45, 0.52);
        var empty = Assert.Single(model.EmptyLevels());
        Assert.Equal(new RfmEmptyLevel("F", 2, 1, 1), empty);
        Assert.Equal("F level 2 is empty: its cut points coincide at 1, so those customers score F = 1", empty.ToString());
        // Every other level of R, F and M has customers: the only empty level is the reported one.
        var (r, f, m) = RfmModel.LevelCounts(model.Score(input), model.Bins);
        Assert.All(r.Concat(m), c => Assert.True(c > 0));
        Assert.Equal([1, 3, 4, 5], Enumerable.Range(1, 5).Where(level => f[level - 1] > 0));
        Assert.Equal(input.Frequency.Count(v => v == 1), f[0]);
    }

    [Fact]
    public void Tied_recency_and_monetary_cut_points_are_reported_too()
    {
        // R cut points 10, 10, 30, 40: R = 1 + #{t > v}; level 4 (10 ≤ v < 10) is empty, v = 10 scores 3.
        var model = new RfmModel([10, 10, 30, 40], [1, 2, 3, 4], [5, 7, 7, 7], 5, MonetaryMeasure.NetSpend, RfmSegmentRules.Standard.ToArray());
        Assert.Equal([new RfmEmptyLevel("R", 4, 10, 3), new RfmEmptyLevel("M", 3, 7, 2), new RfmEmptyLevel("M", 4, 7, 2)], model.EmptyLevels());
        Assert.Equal(3, model.ScoreRecency(10));
        Assert.Equal(2, model.ScoreMonetary(7));
    }

    [Fact]
    public void Returns_only_and_net_refund_customers_get_their_own_labels_and_stay_out_of_the_cut_points()
    {
        // a: only returns (never bought); b: bought once for 20, returned 50 (net −30); c–l: ordinary buyers.
        string[] ids = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"];
        double[] recency = [double.PositiveInfinity, 12, 1, 5, 9, 20, 40, 60, 90, 120, 200, 300];
        double[] frequency = [0, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        double[] monetary = [-45, -30, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
        var input = new RfmInput(ids, recency, frequency, monetary);
        var model = new RfmScorer(new RfmOptions()).Fit(input);
        var scores = model.Score(input);
        Assert.Equal(RfmSegmentRules.ReturnsOnly, scores[0].Segment);
        Assert.Equal(("returns_only", "Returns only", "仅退货"), (scores[0].Segment.Key, scores[0].Segment.NameEn, scores[0].Segment.NameZh));
        Assert.Equal(("net_refund", "Net refund", "净退款"), (scores[1].Segment.Key, scores[1].Segment.NameEn, scores[1].Segment.NameZh));
        Assert.All(scores.Skip(2), s => Assert.DoesNotContain(s.Segment.Key, new[] { "returns_only", "net_refund" }));
        // F and M cut points come from the eleven customers who bought (the returns-only customer is not a buyer).
        Assert.Equal(RfmScorer.Quantiles(frequency.AsSpan(1), 5), model.FrequencyThresholds);
        Assert.Equal(RfmScorer.Quantiles(monetary.AsSpan(1), 5), model.MonetaryThresholds);
        Assert.Contains(RfmSegmentRules.ReturnsOnly, model.Segments);
        Assert.Contains(RfmSegmentRules.NetRefund, model.Segments);
    }

    [Fact]
    public void Equal_values_always_share_a_score_and_uniform_values_fill_equal_bins()
    {
        var values = Enumerable.Range(1, 100).Select(v => (double)v).ToArray();
        var model = new RfmScorer(new RfmOptions()).Fit(values, values, values);
        var f = values.Select(model.ScoreFrequency).ToArray();
        Assert.All(Enumerable.Range(1, 5), s => Assert.Equal(20, f.Count(x => x == s)));
        var r = values.Select(model.ScoreRecency).ToArray();
        Assert.All(Enumerable.Range(1, 5), s => Assert.Equal(20, r.Count(x => x == s)));
        Assert.Equal(5, model.ScoreRecency(1));   // most recent → 5
        Assert.Equal(1, model.ScoreRecency(100)); // oldest → 1

        // 60 % one-time buyers: they all share F = 1 (no arbitrary split of equal values).
        var freq = Enumerable.Repeat(1.0, 60).Concat(Enumerable.Range(2, 40).Select(v => (double)v)).ToArray();
        var m2 = new RfmScorer(new RfmOptions()).Fit(freq, freq, freq);
        Assert.All(freq.Where(v => v == 1), v => Assert.Equal(1, m2.ScoreFrequency(v)));
        var byValue = freq.GroupBy(v => v).ToArray();
        Assert.All(byValue, g => Assert.Single(g.Select(m2.ScoreFrequency).Distinct()));
    }

    [Fact]
    public void Standard_rule_table_names_every_cell_and_matches_the_documented_examples()
    {
        var model = new RfmModel([1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4], 5, MonetaryMeasure.NetSpend, RfmSegmentRules.Standard.ToArray());
        for (int r = 1; r <= 5; r++)
            for (int f = 1; f <= 5; f++)
                for (int m = 1; m <= 5; m++)
                    Assert.NotEqual("other", model.Name(r, f, m).Key);
        Assert.Equal("champions", model.Name(5, 5, 5).Key);
        Assert.Equal("重要价值客户", model.Name(5, 5, 5).NameZh);
        Assert.Equal("loyal", model.Name(3, 4, 3).Key);
        Assert.Equal("new", model.Name(5, 1, 2).Key);
        Assert.Equal("promising", model.Name(3, 1, 5).Key);
        Assert.Equal("need_attention", model.Name(2, 3, 3).Key);
        Assert.Equal("about_to_sleep", model.Name(2, 1, 1).Key);
        Assert.Equal("cant_lose_them", model.Name(1, 5, 5).Key);
        Assert.Equal("at_risk", model.Name(1, 4, 2).Key);
        Assert.Equal("hibernating", model.Name(1, 2, 3).Key);
        Assert.Equal("lost", model.Name(1, 1, 1).Key);
        Assert.Equal("流失客户", model.Name(1, 1, 1).NameZh);
        Assert.Equal(11, RfmSegmentRules.Standard.Select(s => s.Key).Distinct().Count());
    }

    [Fact]
    public void Custom_thresholds_and_rule_tables_override_the_defaults()
    {
        var rules = new[] { new RfmSegmentRule("vip", "VIP", "贵宾", 3, 3, 1, 3, 3, 3), new RfmSegmentRule("rest", "Rest", "其他", 1, 3, 1, 3, 1, 3) };
        var model = new RfmScorer(new RfmOptions(Bins: 3, RecencyThresholds: [30, 90], FrequencyThresholds: [1, 3], MonetaryThresholds: [100, 500], Rules: rules))
            .Fit([1.0], [1.0], [1.0]);
        var s = model.Score(recencyDays: 10, frequency: 2, monetary: 800);
        Assert.Equal((3, 2, 3, "vip", "323"), (s.R, s.F, s.M, s.Segment.Key, s.Cell));
        Assert.Equal("rest", model.Score(100, 5, 800).Segment.Key);
        Assert.Equal(1, model.ScoreRecency(90)); // a value on the cut point goes to the lower score
        Assert.Equal(2, model.ScoreRecency(89.9));
    }

    [Theory]
    [InlineData(1, null, "Bins")]
    [InlineData(4, null, "Rules")]
    [InlineData(5, new[] { 1.0, 2.0 }, "RecencyThresholds")]
    [InlineData(5, new[] { 1.0, 3.0, 2.0, 4.0 }, "RecencyThresholds")]
    public void Bad_options_fail_with_the_parameter_name(int bins, double[]? recency, string parameter)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => new RfmScorer(new RfmOptions(Bins: bins, RecencyThresholds: recency)).Fit([1.0], [1.0], [1.0]));
        Assert.Equal(parameter, e.ParamName);
    }

    private static void AssertClose(double[] expected, IReadOnlyList<double> actual)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-9 * Math.Max(1, Math.Abs(expected[i])), $"{expected[i]} vs {actual[i]}");
    }
}

using Segmentation.Analytics.Statistics;

namespace Segmentation.Analytics.Tests.Statistics;

public sealed class ChurnWarningTests
{
    private static readonly BgNbdModel Cdnow = new(0.243, 4.414, 0.793, 2.426, [0, 0, 0, 0], 0, 0, 0, true);

    [Fact]
    public void Flags_follow_the_alive_threshold_and_the_customers_own_rhythm()
    {
        // Customer 0: 10 purchases spread over 10 weeks, silent for 28 weeks → P(alive) tiny and rhythm broken.
        // Customer 1: 2 purchases over 30.43 weeks, last 8.43 weeks ago < 2 × 15.2 → neither rule.
        // Customer 2: 1 purchase at week 5, silent 12 weeks > 2 × 5 → rhythm only (P(alive) still ≈ 0.52 by hand).
        // Customer 3: no repeat purchase → never flagged (BG/NBD P(alive) = 1; no rhythm).
        int[] x = [10, 2, 1, 0];
        double[] tx = [10, 30.43, 5, 0];
        double[] t = [38, 38.86, 17, 38.86];
        var result = ChurnWarning.Assess(Cdnow, x, tx, t);
        for (int i = 0; i < 4; i++) Assert.Equal(Cdnow.ProbabilityAlive(x[i], tx[i], t[i]), result.ProbabilityAlive[i]);
        Assert.Equal([true, false, false, false], result.LowProbabilityAlive);
        Assert.Equal([true, false, true, false], result.BrokenRhythm);
        Assert.Equal([true, false, true, false], result.AtRisk);
        Assert.Equal(2, result.AtRiskCount);
        Assert.InRange(result.ProbabilityAlive[2], 0.52, 0.53);
        // with k = 4 the third customer is within their rhythm
        var lenient = ChurnWarning.Assess(Cdnow, x, tx, t, new ChurnWarningOptions(RhythmMultiple: 4));
        Assert.False(lenient.BrokenRhythm[2]);
    }

    [Fact]
    public void Value_at_risk_sums_clv_of_flagged_customers_per_segment()
    {
        double[] clv = [100, 50, 20, 5, 80];
        bool[] atRisk = [true, false, true, true, false];
        int[] segment = [2, 2, 0, 0, 1];
        var rows = ChurnWarning.ValueAtRisk(clv, atRisk, segment);
        Assert.Equal([0, 1, 2], rows.Select(r => r.Segment));
        Assert.Equal(new SegmentValueAtRisk(0, 2, 2, 25, 25), rows[0]);
        Assert.Equal(new SegmentValueAtRisk(1, 1, 0, 80, 0), rows[1]);
        Assert.Equal(new SegmentValueAtRisk(2, 2, 1, 150, 100), rows[2]);
        Assert.Equal(100.0 / 150, rows[2].ShareAtRisk, 1e-15);
    }

    [Fact]
    public void Bad_options_name_the_parameter()
    {
        Assert.Equal("AliveThreshold", Assert.ThrowsAny<ArgumentException>(() => ChurnWarning.Assess(Cdnow, [1], [1.0], [2.0], new ChurnWarningOptions(AliveThreshold: 1.0))).ParamName);
        Assert.Equal("RhythmMultiple", Assert.ThrowsAny<ArgumentException>(() => ChurnWarning.Assess(Cdnow, [1], [1.0], [2.0], new ChurnWarningOptions(RhythmMultiple: 0))).ParamName);
        Assert.Equal("segmentLabels", Assert.ThrowsAny<ArgumentException>(() => ChurnWarning.ValueAtRisk([1.0], [true], [1, 2])).ParamName);
    }

    [Fact]
    public void Recency_rule_flags_by_the_customers_own_gap_and_one_time_buyers_by_the_median_gap()
    {
        // By hand (k = 2): own gaps t_x / x = 2, 5, 10 → median 5.
        // 0: gap 2, silent 38 − 10 = 28 > 4 → at risk.   1: gap 5, silent 17 − 5 = 12 > 10 → at risk.
        // 2: gap 10, silent 38 − 30 = 8 < 20 → not.       3: one-time buyer, silent 9 < 2 × 5 → not.  4: one-time, 11 > 10 → at risk.
        int[] x = [5, 1, 3, 0, 0];
        double[] tx = [10, 5, 30, 0, 0];
        double[] t = [38, 17, 38, 9, 11];
        var result = ChurnWarning.AssessByRecency(x, tx, t);
        Assert.False(result.UsesProbabilityAlive);
        Assert.Equal(5.0, result.PopulationGap);
        Assert.Equal([true, true, false, false, true], result.AtRisk);
        Assert.Equal([true, true, false, false, true], result.BrokenRhythm);
        Assert.All(result.LowProbabilityAlive, f => Assert.False(f));
        Assert.All(result.ProbabilityAlive, p => Assert.True(double.IsNaN(p)));
        // nobody with a rhythm of their own: one-time buyers are never flagged
        Assert.Equal([false, false], ChurnWarning.AssessByRecency([0, 0], [0.0, 0], [50.0, 60]).AtRisk);
    }

    [Fact]
    public void A_fit_that_is_not_identified_is_assessed_by_the_recency_rule_alone()
    {
        // The same published parameters, once marked as a boundary fit: P(alive) must not flag customer 0 any more; the
        // recency rule (median own gap 5 for one-time buyers) decides, and customer 3 (one purchase, silent 38.86 > 10) is flagged.
        int[] x = [10, 2, 1, 0];
        double[] tx = [10, 30.43, 5, 0];
        double[] t = [38, 38.86, 17, 38.86];
        var summary = new CustomerSummary([1, 2, 3, 4], x, tx, t, [0.0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], 0, 7);
        var identified = ChurnWarning.Assess(Cdnow, summary);
        Assert.True(identified.UsesProbabilityAlive);
        Assert.Equal([true, false, true, false], identified.AtRisk);
        var boundary = Cdnow with
        {
            Diagnostics = new FitDiagnostics(false, [new ParameterBound("a", 1e-9, ParameterLimit.Zero)], false, null, "no drop-out identified — P(alive) is not informative"),
        };
        Assert.False(boundary.ProbabilityAliveIsInformative);
        var fallback = ChurnWarning.Assess(boundary, summary);
        Assert.False(fallback.UsesProbabilityAlive);
        Assert.Equal(ChurnWarning.AssessByRecency(x, tx, t).AtRisk, fallback.AtRisk);
        Assert.Equal([true, false, true, true], fallback.AtRisk);
    }
}

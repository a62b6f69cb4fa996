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
}

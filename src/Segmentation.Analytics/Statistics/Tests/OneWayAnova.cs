using MathNet.Numerics;

namespace Segmentation.Analytics.Statistics.Tests;

/// <summary>
/// One-way analysis of variance of one feature across segments (scipy's <c>f_oneway</c>):
/// F = [SS_between / (K − 1)] / [SS_within / (n − K)], p = P(F(K − 1, n − K) ≥ F), η² = SS_between / SS_total.
/// </summary>
/// <remarks>
/// SS_between = Σ_k n_k (x̄_k − x̄)², SS_within = Σ_k Σ_{i∈k} (x_i − x̄_k)², both from centred two-pass sums. Rows with a
/// missing value (NaN) are left out; segments without any value do not count in K. The p-value is the upper tail
/// computed directly as the regularised incomplete beta I_{d₂/(d₂ + d₁F)}(d₂/2, d₁/2) (no 1 − CDF cancellation), as
/// scipy's <c>fdtrc</c>. SS_within = 0 gives F = ∞ and p = 0 (scipy warns and returns the same).
/// </remarks>
public static class OneWayAnova
{
    /// <summary>Tests whether the segment means of <paramref name="values"/> differ.</summary>
    /// <param name="values">The feature, one value per row (NaN = missing).</param>
    /// <param name="labels">Segment (≥ 0) of every row.</param>
    /// <exception cref="ArgumentException">Lengths differ, a label is negative, fewer than 2 segments with values, or n ≤ K.</exception>
    public static AnovaResult Test(ReadOnlySpan<double> values, ReadOnlySpan<int> labels)
    {
        var groups = GroupedValues.Create(values, labels);
        int k = groups.Groups, n = groups.Count;
        if (k < 2) throw new ArgumentException($"ANOVA needs at least 2 segments with values; found {k}.", nameof(labels));
        if (n <= k) throw new ArgumentException($"ANOVA needs more rows ({n}) than segments ({k}).", nameof(values));
        double grand = 0;
        foreach (var v in groups.Values) grand += v;
        grand /= n;
        double between = 0, within = 0;
        for (int g = 0; g < k; g++)
        {
            var x = groups.Of(g);
            double mean = 0;
            foreach (var v in x) mean += v;
            mean /= x.Length;
            foreach (var v in x) within += (v - mean) * (v - mean);
            between += x.Length * (mean - grand) * (mean - grand);
        }
        double dfBetween = k - 1, dfWithin = n - k;
        double f = within == 0 ? double.PositiveInfinity : between / dfBetween / (within / dfWithin);
        double p = double.IsPositiveInfinity(f) ? 0 : SpecialFunctions.BetaRegularized(dfWithin / 2, dfBetween / 2, dfWithin / (dfWithin + dfBetween * f));
        double total = between + within;
        return new AnovaResult(f, (int)dfBetween, (int)dfWithin, p, total == 0 ? 0 : between / total, n, k);
    }
}

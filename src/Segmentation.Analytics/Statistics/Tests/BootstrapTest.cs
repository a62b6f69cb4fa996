using MathNet.Numerics.Distributions;
using Segmentation.Analytics.Randomness;

namespace Segmentation.Analytics.Statistics.Tests;

/// <summary>
/// Seeded percentile bootstrap for differences of ratio statistics (average order value, orders per customer, NPS), whose
/// sampling distribution has no simple closed form.
/// </summary>
/// <remarks>
/// Each replicate resamples the units of each group independently with replacement (customers for ratios of sums; survey
/// responses for NPS, which is a multinomial draw from the observed promoter/passive/detractor shares) and recomputes the
/// statistic difference d* = θ*_A − θ*_B. Interval: the (α/2, 1 − α/2) percentiles of d* (Efron &amp; Tibshirani 1993, ch. 13);
/// standard error: the sd of d*; two-sided p-value: min(1, 2·min(#{d* ≤ 0} + 1, #{d* ≥ 0} + 1)/(B + 1)), the percentile test
/// of H₀: difference = 0. The same seed gives the same result on every runtime: the draws come from <see cref="StreamRandom"/>,
/// whose sequence for a seed this library defines (the sequence of a seeded System.Random is not promised across .NET versions).
/// </remarks>
public static class BootstrapTest
{
    /// <summary>Default number of bootstrap replicates.</summary>
    public const int DefaultReplicates = 2000;

    /// <summary>
    /// Above this many units in each group, ratio differences use the delta method instead of resampling: the bootstrap costs
    /// O(B·n) (2 000 × 1 M customers per KPI and segment is hours), while for groups this large the linearised standard error
    /// Var(Σx/Σy) ≈ Σ(xᵢ − θ·yᵢ)² / (Σy)² agrees with it (tested) and the normal interval is accurate.
    /// </summary>
    public const int LargeSample = 20_000;

    /// <summary>
    /// Difference of ratios of sums θ = Σ numerator / Σ denominator between groups A and B, resampling units (rows) of each group.
    /// </summary>
    /// <param name="numeratorA">Per-unit numerator of group A (e.g. a customer's sales).</param>
    /// <param name="denominatorA">Per-unit denominator of group A (e.g. the customer's orders); same length.</param>
    /// <param name="numeratorB">Per-unit numerator of group B.</param>
    /// <param name="denominatorB">Per-unit denominator of group B.</param>
    /// <param name="seed">Seed of the resampling.</param>
    /// <param name="replicates">Bootstrap replicates B (≥ 100).</param>
    /// <param name="confidence">Interval level in (0, 1).</param>
    /// <exception cref="ArgumentException">Lengths differ, a group has fewer than 2 units, or its denominators sum to 0.</exception>
    public static DifferenceEstimate RatioDifference(ReadOnlySpan<double> numeratorA, ReadOnlySpan<double> denominatorA,
        ReadOnlySpan<double> numeratorB, ReadOnlySpan<double> denominatorB, int seed, int replicates = DefaultReplicates, double confidence = 0.95)
    {
        if (numeratorA.Length != denominatorA.Length) throw new ArgumentException($"denominatorA has {denominatorA.Length} values; numeratorA has {numeratorA.Length}.", nameof(denominatorA));
        if (numeratorB.Length != denominatorB.Length) throw new ArgumentException($"denominatorB has {denominatorB.Length} values; numeratorB has {numeratorB.Length}.", nameof(denominatorB));
        if (numeratorA.Length < 2) throw new ArgumentException($"Group A needs at least 2 units; got {numeratorA.Length}.", nameof(numeratorA));
        if (numeratorB.Length < 2) throw new ArgumentException($"Group B needs at least 2 units; got {numeratorB.Length}.", nameof(numeratorB));
        ValidateReplicates(replicates);
        DifferenceEstimate.ValidateConfidence(confidence);
        double thetaA = Ratio(numeratorA, denominatorA, nameof(denominatorA)), thetaB = Ratio(numeratorB, denominatorB, nameof(denominatorB));
        if (numeratorA.Length > LargeSample && numeratorB.Length > LargeSample)
            return DeltaMethod(thetaA - thetaB, thetaB, RatioVariance(numeratorA, denominatorA, thetaA) + RatioVariance(numeratorB, denominatorB, thetaB), confidence);
        var rng = new StreamRandom(seed);
        var diffs = new double[replicates];
        for (int r = 0; r < replicates; r++)
            diffs[r] = Resample(numeratorA, denominatorA, ref rng) - Resample(numeratorB, denominatorB, ref rng);
        return Summarise(thetaA - thetaB, thetaB, diffs, confidence);
    }

    /// <summary>
    /// The large-sample form of <see cref="RatioDifference(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, int, int, double)"/>
    /// from each group's sums instead of its units (the groups' units need not travel): θ = Σx/Σy, delta-method variance
    /// (Σx² − 2θΣxy + θ²Σy²)/(Σy)², the same quantity as Σ(xᵢ − θyᵢ)²/(Σy)² expanded.
    /// </summary>
    /// <param name="a">Group A: units n, Σx, Σy, Σx², Σy², Σxy.</param>
    /// <param name="b">Group B, the same sums.</param>
    /// <param name="confidence">Interval level in (0, 1).</param>
    /// <exception cref="ArgumentException">A group has fewer than 2 units or its denominators sum to 0.</exception>
    public static DifferenceEstimate RatioDifference((long N, double X, double Y, double XX, double YY, double XY) a,
        (long N, double X, double Y, double XX, double YY, double XY) b, double confidence = 0.95)
    {
        if (a.N < 2) throw new ArgumentException($"Group A needs at least 2 units; got {a.N}.", nameof(a));
        if (b.N < 2) throw new ArgumentException($"Group B needs at least 2 units; got {b.N}.", nameof(b));
        if (a.Y == 0) throw new ArgumentException("The denominators of group A sum to 0.", nameof(a));
        if (b.Y == 0) throw new ArgumentException("The denominators of group B sum to 0.", nameof(b));
        DifferenceEstimate.ValidateConfidence(confidence);
        double thetaA = a.X / a.Y, thetaB = b.X / b.Y;
        static double Variance((long N, double X, double Y, double XX, double YY, double XY) g, double theta) =>
            Math.Max(0, g.XX - 2 * theta * g.XY + theta * theta * g.YY) / (g.Y * g.Y);
        return DeltaMethod(thetaA - thetaB, thetaB, Variance(a, thetaA) + Variance(b, thetaB), confidence);
    }

    /// <summary>
    /// Difference of Net Promoter Scores (points, −100..100) between A and B from response counts, resampling responses.
    /// </summary>
    /// <exception cref="ArgumentException">A count is negative or a group has fewer than 2 responses.</exception>
    public static DifferenceEstimate NetPromoterDifference(long promotersA, long passivesA, long detractorsA,
        long promotersB, long passivesB, long detractorsB, int seed, int replicates = DefaultReplicates, double confidence = 0.95)
    {
        foreach (var (v, name) in new[] { (promotersA, nameof(promotersA)), (passivesA, nameof(passivesA)), (detractorsA, nameof(detractorsA)),
                                           (promotersB, nameof(promotersB)), (passivesB, nameof(passivesB)), (detractorsB, nameof(detractorsB)) })
            ArgumentOutOfRangeException.ThrowIfNegative(v, name);
        long na = promotersA + passivesA + detractorsA, nb = promotersB + passivesB + detractorsB;
        if (na < 2) throw new ArgumentException($"Group A needs at least 2 responses; got {na}.", nameof(promotersA));
        if (nb < 2) throw new ArgumentException($"Group B needs at least 2 responses; got {nb}.", nameof(promotersB));
        ValidateReplicates(replicates);
        DifferenceEstimate.ValidateConfidence(confidence);
        double npsA = Nps(promotersA, detractorsA, na), npsB = Nps(promotersB, detractorsB, nb);
        if (na > LargeSample && nb > LargeSample)
            return DeltaMethod(npsA - npsB, npsB, NpsVariance(promotersA, detractorsA, na) + NpsVariance(promotersB, detractorsB, nb), confidence);
        var rng = new StreamRandom(seed);
        var diffs = new double[replicates];
        for (int r = 0; r < replicates; r++)
            diffs[r] = DrawNps(promotersA, detractorsA, na, ref rng) - DrawNps(promotersB, detractorsB, nb, ref rng);
        return Summarise(npsA - npsB, npsB, diffs, confidence);
    }

    /// <summary>Delta-method variance of Σx/Σy: Σ(xᵢ − θyᵢ)² / (Σy)² (Cochran 1977, ratio estimator).</summary>
    internal static double RatioVariance(ReadOnlySpan<double> num, ReadOnlySpan<double> den, double theta)
    {
        double sd = 0, ss = 0;
        for (int i = 0; i < num.Length; i++) { sd += den[i]; double r = num[i] - theta * den[i]; ss += r * r; }
        return ss / (sd * sd);
    }

    /// <summary>Variance of the NPS (points) from a multinomial sample: 100²·(p + d − (p − d)²)/n.</summary>
    internal static double NpsVariance(long promoters, long detractors, long n)
    {
        double p = (double)promoters / n, d = (double)detractors / n;
        return 1e4 * (p + d - (p - d) * (p - d)) / n;
    }

    private static DifferenceEstimate DeltaMethod(double estimate, double reference, double variance, double confidence)
    {
        double se = Math.Sqrt(variance);
        double z = Normal.InvCDF(0, 1, 1 - (1 - confidence) / 2);
        double p = se > 0 ? ZTest.TwoSidedPValue(estimate / se) : estimate == 0 ? 1 : 0;
        return new DifferenceEstimate(estimate, se, estimate - z * se, estimate + z * se, p, confidence, SignificanceTest.DeltaMethodZ, reference);
    }

    /// <summary>NPS = 100·(promoters − detractors)/responses.</summary>
    internal static double Nps(long promoters, long detractors, long responses) => 100.0 * (promoters - detractors) / responses;

    private static double DrawNps(long promoters, long detractors, long n, ref StreamRandom rng)
    {
        double pp = (double)promoters / n, pd = (double)detractors / n;
        int k = checked((int)n);
        int p = rng.Binomial(k, pp);
        int rest = k - p;
        double pdGivenNotP = pp < 1 ? Math.Min(1, pd / (1 - pp)) : 0;
        int d = rest > 0 ? rng.Binomial(rest, pdGivenNotP) : 0;
        return Nps(p, d, n);
    }

    private static double Ratio(ReadOnlySpan<double> num, ReadOnlySpan<double> den, string name)
    {
        double sn = 0, sd = 0;
        for (int i = 0; i < num.Length; i++) { sn += num[i]; sd += den[i]; }
        if (sd == 0) throw new ArgumentException("The denominators sum to 0.", name);
        return sn / sd;
    }

    private static double Resample(ReadOnlySpan<double> num, ReadOnlySpan<double> den, ref StreamRandom rng)
    {
        double sn = 0, sd = 0;
        int n = num.Length;
        for (int i = 0; i < n; i++)
        {
            int j = rng.NextInt(n);
            sn += num[j];
            sd += den[j];
        }
        return sd == 0 ? 0 : sn / sd;
    }

    private static DifferenceEstimate Summarise(double estimate, double reference, double[] diffs, double confidence)
    {
        int b = diffs.Length;
        double mean = diffs.Average();
        double sd = Math.Sqrt(diffs.Sum(d => (d - mean) * (d - mean)) / (b - 1));
        Array.Sort(diffs);
        double alpha = 1 - confidence;
        double lower = Percentile(diffs, alpha / 2), upper = Percentile(diffs, 1 - alpha / 2);
        int below = diffs.Count(d => d <= 0), above = diffs.Count(d => d >= 0);
        double p = Math.Min(1.0, 2.0 * (Math.Min(below, above) + 1) / (b + 1));
        return new DifferenceEstimate(estimate, sd, lower, upper, p, confidence, SignificanceTest.Bootstrap, reference);
    }

    /// <summary>Linear-interpolation percentile of sorted values (numpy's default).</summary>
    private static double Percentile(double[] sorted, double q)
    {
        double pos = q * (sorted.Length - 1);
        int lo = (int)Math.Floor(pos), hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    private static void ValidateReplicates(int replicates) =>
        ArgumentOutOfRangeException.ThrowIfLessThan(replicates, 100, nameof(replicates));
}

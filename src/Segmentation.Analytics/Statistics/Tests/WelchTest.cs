using MathNet.Numerics.Distributions;

namespace Segmentation.Analytics.Statistics.Tests;

/// <summary>
/// Welch's t-test of μ_A − μ_B for two independent samples with unequal variances (revenue per customer, CSAT …).
/// </summary>
/// <remarks>
/// SE = √(s²_A/n_A + s²_B/n_B) with sample variances s² (denominator n − 1); t = (x̄_A − x̄_B)/SE; degrees of freedom
/// by Welch–Satterthwaite ν = SE⁴ / ((s²_A/n_A)²/(n_A − 1) + (s²_B/n_B)²/(n_B − 1)); two-sided p = 2·F_ν(−|t|) (the lower tail, which does not cancel to 0 for large |t|); interval
/// (x̄_A − x̄_B) ± t_{ν,1−α/2}·SE (Student t from MathNet.Numerics). Welch (1947), Biometrika 34:28–35. Both groups need n ≥ 2.
/// When SE = 0 the difference is exact: p = 1 if it is 0, else 0.
/// </remarks>
/// <param name="MeanA">x̄_A.</param>
/// <param name="VarianceA">s²_A (n − 1 denominator).</param>
/// <param name="CountA">n_A.</param>
/// <param name="MeanB">x̄_B.</param>
/// <param name="VarianceB">s²_B.</param>
/// <param name="CountB">n_B.</param>
/// <param name="T">The t statistic.</param>
/// <param name="DegreesOfFreedom">Welch–Satterthwaite ν.</param>
/// <param name="Difference">x̄_A − x̄_B with interval and p-value.</param>
public sealed record WelchTest(double MeanA, double VarianceA, long CountA, double MeanB, double VarianceB, long CountB,
                               double T, double DegreesOfFreedom, DifferenceEstimate Difference)
{
    /// <summary>Relative lift (x̄_A − x̄_B)/|x̄_B|; null when x̄_B = 0.</summary>
    public double? RelativeLift => Difference.RelativeChange;

    /// <summary>Runs the test on two samples (not modified).</summary>
    /// <exception cref="ArgumentException">A sample has fewer than 2 values or a value is not finite.</exception>
    public static WelchTest Compute(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double confidence = 0.95)
    {
        var (ma, va) = Moments(a, nameof(a));
        var (mb, vb) = Moments(b, nameof(b));
        return FromMoments(ma, va, a.Length, mb, vb, b.Length, confidence);
    }

    /// <summary>Runs the test from group means, sample variances (n − 1 denominator) and sizes.</summary>
    /// <exception cref="ArgumentException">A count is &lt; 2, a variance is negative, or a value is not finite.</exception>
    public static WelchTest FromMoments(double meanA, double varianceA, long countA, double meanB, double varianceB, long countB, double confidence = 0.95)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(countA, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(countB, 2);
        if (!double.IsFinite(meanA)) throw new ArgumentOutOfRangeException(nameof(meanA), meanA, "must be finite.");
        if (!double.IsFinite(meanB)) throw new ArgumentOutOfRangeException(nameof(meanB), meanB, "must be finite.");
        if (!(varianceA >= 0) || !double.IsFinite(varianceA)) throw new ArgumentOutOfRangeException(nameof(varianceA), varianceA, "must be finite and ≥ 0.");
        if (!(varianceB >= 0) || !double.IsFinite(varianceB)) throw new ArgumentOutOfRangeException(nameof(varianceB), varianceB, "must be finite and ≥ 0.");
        DifferenceEstimate.ValidateConfidence(confidence);
        double wa = varianceA / countA, wb = varianceB / countB, se = Math.Sqrt(wa + wb), diff = meanA - meanB;
        if (se == 0)
            return new WelchTest(meanA, varianceA, countA, meanB, varianceB, countB, 0, double.PositiveInfinity,
                new DifferenceEstimate(diff, 0, diff, diff, diff == 0 ? 1 : 0, confidence, SignificanceTest.WelchT, meanB));
        double df = (wa + wb) * (wa + wb) / (wa * wa / (countA - 1) + wb * wb / (countB - 1));
        double t = diff / se;
        double p = 2 * StudentT.CDF(0, 1, df, -Math.Abs(t));
        double q = StudentT.InvCDF(0, 1, df, 0.5 + confidence / 2);
        return new WelchTest(meanA, varianceA, countA, meanB, varianceB, countB, t, df,
            new DifferenceEstimate(diff, se, diff - q * se, diff + q * se, p, confidence, SignificanceTest.WelchT, meanB));
    }

    /// <summary>Runs the test from sums: n, Σx and Σx² per group (as SQL aggregates return them).</summary>
    public static WelchTest FromSums(long countA, double sumA, double sumOfSquaresA, long countB, double sumB, double sumOfSquaresB, double confidence = 0.95)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(countA, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(countB, 2);
        double ma = sumA / countA, mb = sumB / countB;
        double va = Math.Max(0, (sumOfSquaresA - countA * ma * ma) / (countA - 1));
        double vb = Math.Max(0, (sumOfSquaresB - countB * mb * mb) / (countB - 1));
        return FromMoments(ma, va, countA, mb, vb, countB, confidence);
    }

    private static (double Mean, double Variance) Moments(ReadOnlySpan<double> x, string name)
    {
        if (x.Length < 2) throw new ArgumentException($"A sample needs at least 2 values; got {x.Length}.", name);
        double mean = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (!double.IsFinite(x[i])) throw new ArgumentException($"Value {i} is not finite: {x[i]}.", name);
            mean += (x[i] - mean) / (i + 1);
        }
        double ss = 0;
        foreach (double v in x) ss += (v - mean) * (v - mean);
        return (mean, ss / (x.Length - 1));
    }
}

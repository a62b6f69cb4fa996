using MathNet.Numerics.Distributions;

namespace Segmentation.Analytics.Statistics.Tests;

/// <summary>
/// Two-proportion z-test of p_A − p_B for independent binomial samples (conversion, repeat rate, churn rate …).
/// </summary>
/// <remarks>
/// p̂ = x/n per group. Test statistic z = (p̂_A − p̂_B) / √(p̄(1 − p̄)(1/n_A + 1/n_B)) with the pooled p̄ = (x_A + x_B)/(n_A + n_B);
/// two-sided p = 2Φ(−|z|) (<see cref="ZTest.TwoSidedPValue"/>). Interval: Wald, (p̂_A − p̂_B) ± z_{1−α/2} √(p̂_A(1 − p̂_A)/n_A + p̂_B(1 − p̂_B)/n_B)
/// (Agresti &amp; Caffo 2000 discuss its coverage; for randomised experiments this unpooled variance is Neyman's conservative
/// variance of the finite-population average effect). When both proportions are 0 or both 1 the difference is 0 with
/// p = 1 and a zero-width interval.
/// </remarks>
/// <param name="SuccessesA">x_A.</param>
/// <param name="CountA">n_A.</param>
/// <param name="SuccessesB">x_B.</param>
/// <param name="CountB">n_B.</param>
/// <param name="Z">The pooled z statistic (0 when undefined).</param>
/// <param name="Difference">p̂_A − p̂_B with interval and p-value.</param>
public sealed record TwoProportionTest(long SuccessesA, long CountA, long SuccessesB, long CountB, double Z, DifferenceEstimate Difference)
{
    /// <summary>p̂_A = x_A / n_A.</summary>
    public double RateA => (double)SuccessesA / CountA;

    /// <summary>p̂_B = x_B / n_B.</summary>
    public double RateB => (double)SuccessesB / CountB;

    /// <summary>Relative lift (p̂_A − p̂_B) / p̂_B; null when p̂_B = 0.</summary>
    public double? RelativeLift => Difference.RelativeChange;

    /// <summary>Runs the test.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is &lt; 1, successes are outside [0, n], or the confidence is not in (0, 1).</exception>
    public static TwoProportionTest Compute(long successesA, long countA, long successesB, long countB, double confidence = 0.95)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(countA, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(countB, 1);
        if (successesA < 0 || successesA > countA) throw new ArgumentOutOfRangeException(nameof(successesA), successesA, $"must be in 0..{countA}.");
        if (successesB < 0 || successesB > countB) throw new ArgumentOutOfRangeException(nameof(successesB), successesB, $"must be in 0..{countB}.");
        DifferenceEstimate.ValidateConfidence(confidence);
        double pa = (double)successesA / countA, pb = (double)successesB / countB, diff = pa - pb;
        double pooled = (double)(successesA + successesB) / (countA + countB);
        double sePooled = Math.Sqrt(pooled * (1 - pooled) * (1.0 / countA + 1.0 / countB));
        double se = Math.Sqrt(pa * (1 - pa) / countA + pb * (1 - pb) / countB);
        double z = sePooled > 0 ? diff / sePooled : 0;
        double p = sePooled > 0 ? ZTest.TwoSidedPValue(z) : 1.0;
        double q = Normal.InvCDF(0, 1, 0.5 + confidence / 2);
        return new TwoProportionTest(successesA, countA, successesB, countB, z,
            new DifferenceEstimate(diff, se, diff - q * se, diff + q * se, p, confidence, SignificanceTest.TwoProportionZ, pb));
    }
}

using MathNet.Numerics.Distributions;

namespace Segmentation.Analytics.Statistics.Tests;

/// <summary>The two-sided p-value of a statistic that is standard normal under H₀ (z-tests, delta-method tests).</summary>
public static class ZTest
{
    /// <summary>
    /// p = P(|Z| ≥ |z|) = 2·Φ(−|z|), in [0, 1]; NaN for NaN.
    /// </summary>
    /// <remarks>Computed from the lower tail Φ(−|z|) (MathNet's erfc-based normal CDF), never as 2·(1 − Φ(|z|)): Φ(|z|) rounds
    /// to 1 in double precision from |z| ≈ 8.3 on, so that form returns 0 for every larger |z|, whereas 2·Φ(−10) = 1.52 × 10⁻²³
    /// (scipy's <c>2 * norm.sf(abs(z))</c> does the same).</remarks>
    public static double TwoSidedPValue(double z) => 2 * Normal.CDF(0, 1, -Math.Abs(z));
}

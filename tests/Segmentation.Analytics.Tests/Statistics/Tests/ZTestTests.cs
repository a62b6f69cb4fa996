using MathNet.Numerics.Distributions;
using Segmentation.Analytics.Statistics.Tests;

namespace Segmentation.Analytics.Tests.Statistics.Tests;

public sealed class ZTestTests
{
    /// <summary>2·Φ(−10) = erfc(10/√2) = 1.523970604832105e−23 (mpmath, 30 digits); 2·(1 − Φ(10)) cancels to exactly 0.</summary>
    [Fact]
    public void A_p_value_for_z_of_10_is_1_5e_minus_23_not_0()
    {
        const double Expected = 1.523970604832105e-23;
        Assert.Equal(0.0, 2 * (1 - Normal.CDF(0, 1, 10)));
        foreach (double z in new[] { 10.0, -10.0 })
        {
            double p = ZTest.TwoSidedPValue(z);
            Assert.True(Math.Abs(p - Expected) <= 1e-12 * Expected, $"z = {z}: p = {p:R}");
        }
    }

    [Fact]
    public void Small_and_undefined_statistics_give_the_usual_p_values()
    {
        Assert.Equal(1.0, ZTest.TwoSidedPValue(0));
        Assert.Equal(0.05, ZTest.TwoSidedPValue(Normal.InvCDF(0, 1, 0.975)), 12);
        Assert.Equal(0.0, ZTest.TwoSidedPValue(double.PositiveInfinity));
        Assert.True(double.IsNaN(ZTest.TwoSidedPValue(double.NaN)));
    }
}

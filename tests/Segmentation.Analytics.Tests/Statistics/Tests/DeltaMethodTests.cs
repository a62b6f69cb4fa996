using Segmentation.Analytics.Statistics.Tests;

namespace Segmentation.Analytics.Tests.Statistics.Tests;

public sealed class DeltaMethodTests
{
    /// <summary>
    /// Just above the large-sample threshold the delta-method interval replaces the bootstrap: its standard error must agree
    /// with a bootstrap computed on the same data (5 % relative: the bootstrap SE with B = 2 000 has a Monte-Carlo error of
    /// about 1/√(2B) ≈ 1.6 %).
    /// </summary>
    [Fact]
    public void Delta_method_ratio_interval_agrees_with_the_bootstrap_on_large_groups()
    {
        var rng = new Random(11);
        int n = BootstrapTest.LargeSample + 1;
        double[] ordersA = new double[n], salesA = new double[n], ordersB = new double[n], salesB = new double[n];
        for (int i = 0; i < n; i++)
        {
            ordersA[i] = 1 + rng.Next(4); salesA[i] = ordersA[i] * (50 + 30 * rng.NextDouble());
            ordersB[i] = 1 + rng.Next(4); salesB[i] = ordersB[i] * (48 + 30 * rng.NextDouble());
        }
        var delta = BootstrapTest.RatioDifference(salesA, ordersA, salesB, ordersB, seed: 1);
        Assert.Equal(SignificanceTest.DeltaMethodZ, delta.Test);
        // The same data one unit smaller in each group goes through the bootstrap.
        var boot = BootstrapTest.RatioDifference(salesA.AsSpan(0, n - 1), ordersA.AsSpan(0, n - 1), salesB.AsSpan(0, n - 1), ordersB.AsSpan(0, n - 1), seed: 1);
        Assert.Equal(SignificanceTest.Bootstrap, boot.Test);
        Assert.InRange(delta.StandardError / boot.StandardError, 0.95, 1.05);
        Assert.InRange(delta.Estimate - boot.Estimate, -0.01, 0.01);
        Assert.True(delta.Lower < delta.Estimate && delta.Estimate < delta.Upper);
    }

    /// <summary>
    /// A delta-method difference ten standard errors from 0: the p-value is 2·Φ(−10) ≈ 1.52e−23, not the 0 that
    /// 2·(1 − Φ(10)) rounds to. Groups of n units at μ ± 1 (unit denominators) have SE = √(2/n), so μ_A − μ_B = 10·√(2/n).
    /// </summary>
    [Fact]
    public void A_delta_method_p_value_ten_standard_errors_out_is_not_rounded_to_0()
    {
        int n = BootstrapTest.LargeSample + 2;
        double gap = 10 * Math.Sqrt(2.0 / n);
        var a = Enumerable.Range(0, n).Select(i => 5 + gap + (i % 2 == 0 ? 1 : -1.0)).ToArray();
        var b = Enumerable.Range(0, n).Select(i => 5 + (i % 2 == 0 ? 1 : -1.0)).ToArray();
        var ones = Enumerable.Repeat(1.0, n).ToArray();
        var d = BootstrapTest.RatioDifference(a, ones, b, ones, seed: 1);
        Assert.Equal(SignificanceTest.DeltaMethodZ, d.Test);
        Assert.Equal(10, d.Estimate / d.StandardError, 9);
        Assert.InRange(d.PValue, 1.5239706e-23 * (1 - 1e-6), 1.5239706e-23 * (1 + 1e-6));
    }

    [Fact]
    public void Delta_method_nps_interval_agrees_with_the_bootstrap_on_large_samples()
    {
        long n = BootstrapTest.LargeSample + 1;
        var delta = BootstrapTest.NetPromoterDifference(9000, 6000, n - 15000, 8000, 6500, n - 14500, seed: 2);
        var boot = BootstrapTest.NetPromoterDifference(9000, 6000, n - 15001, 8000, 6500, n - 14501, seed: 2);
        Assert.Equal(SignificanceTest.DeltaMethodZ, delta.Test);
        Assert.Equal(SignificanceTest.Bootstrap, boot.Test);
        Assert.InRange(delta.StandardError / boot.StandardError, 0.95, 1.05);
        // Textbook: Var(NPS) = 100²(p + d − (p − d)²)/n per group.
        double Var(double p, double d) => 1e4 * (p + d - (p - d) * (p - d)) / n;
        double expected = Math.Sqrt(Var(9000.0 / n, (n - 15000.0) / n) + Var(8000.0 / n, (n - 14500.0) / n));
        Assert.Equal(expected, delta.StandardError, 12);
    }
}

using System.Text.Json;
using Segmentation.Analytics.Statistics.Tests;

namespace Segmentation.Analytics.Tests.Statistics.Tests;

/// <summary>The two-sample tests against scipy 1.10.1 (tests/reference/evaluation/two_sample.py).</summary>
public sealed class TwoSampleTestTests
{
    private static readonly JsonElement Reference = JsonDocument.Parse(File.ReadAllText(RepoPaths.Reference("evaluation", "two_sample.json"))).RootElement;

    [Fact]
    public void Welch_test_matches_scipy_ttest_ind_with_unequal_variances()
    {
        var r = Reference.GetProperty("welch");
        var a = r.GetProperty("a").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        var b = r.GetProperty("b").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        var w = WelchTest.Compute(a, b);
        Assert.Equal(r.GetProperty("t").GetDouble(), w.T, 10);
        Assert.Equal(r.GetProperty("df").GetDouble(), w.DegreesOfFreedom, 8);
        Assert.Equal(r.GetProperty("p").GetDouble(), w.Difference.PValue, 8);
        Assert.Equal(r.GetProperty("diff").GetDouble(), w.Difference.Estimate, 10);
        Assert.Equal(r.GetProperty("lower").GetDouble(), w.Difference.Lower, 7);
        Assert.Equal(r.GetProperty("upper").GetDouble(), w.Difference.Upper, 7);
        // The sums form gives the same test.
        var s = WelchTest.FromSums(a.Length, a.Sum(), a.Sum(x => x * x), b.Length, b.Sum(), b.Sum(x => x * x));
        Assert.Equal(w.Difference.PValue, s.Difference.PValue, 9);
    }

    [Fact]
    public void Two_proportion_test_matches_the_pooled_z_and_wald_interval_from_scipy_norm()
    {
        var r = Reference.GetProperty("two_proportion");
        var t = TwoProportionTest.Compute(r.GetProperty("xa").GetInt64(), r.GetProperty("na").GetInt64(), r.GetProperty("xb").GetInt64(), r.GetProperty("nb").GetInt64());
        Assert.Equal(r.GetProperty("z").GetDouble(), t.Z, 10);
        Assert.Equal(r.GetProperty("p").GetDouble(), t.Difference.PValue, 10);
        Assert.Equal(r.GetProperty("lower").GetDouble(), t.Difference.Lower, 10);
        Assert.Equal(r.GetProperty("upper").GetDouble(), t.Difference.Upper, 10);
        Assert.Equal((187.0 / 240 - 41.0 / 60) / (41.0 / 60), t.RelativeLift!.Value, 12);
    }

    [Fact]
    public void Bootstrap_is_deterministic_per_seed_and_its_interval_agrees_with_the_normal_approximation_for_a_large_sample()
    {
        var rng = new Random(3);
        double[] ordersA = Enumerable.Range(0, 3000).Select(_ => 1.0 + rng.Next(4)).ToArray(), salesA = ordersA.Select(o => o * (100 + 40 * rng.NextDouble())).ToArray();
        double[] ordersB = Enumerable.Range(0, 3000).Select(_ => 1.0 + rng.Next(4)).ToArray(), salesB = ordersB.Select(o => o * (90 + 40 * rng.NextDouble())).ToArray();
        var one = BootstrapTest.RatioDifference(salesA, ordersA, salesB, ordersB, seed: 11);
        var two = BootstrapTest.RatioDifference(salesA, ordersA, salesB, ordersB, seed: 11);
        Assert.Equal(one, two);
        Assert.Equal(salesA.Sum() / ordersA.Sum() - salesB.Sum() / ordersB.Sum(), one.Estimate, 9);
        // A ~10-unit difference of per-order means with sd ≈ 11.5 per order is far from 0; the percentile interval is close to estimate ± 1.96 SE.
        Assert.True(one.PValue < 0.001 && one.Lower > 0);
        Assert.Equal(one.Estimate - 1.96 * one.StandardError, one.Lower, 0);
        // NPS: 50 % vs 30 % promoters, 20 % vs 20 % detractors in 400 responses each: difference 20 points.
        var nps = BootstrapTest.NetPromoterDifference(200, 120, 80, 120, 200, 80, seed: 5);
        Assert.Equal(20.0, nps.Estimate, 12);
        Assert.True(nps.Covers(20) && nps.IsSignificant, nps.ToString());
    }

    [Fact]
    public void Bad_arguments_name_the_parameter()
    {
        Assert.Equal("countA", Assert.Throws<ArgumentOutOfRangeException>(() => TwoProportionTest.Compute(1, 0, 1, 2)).ParamName);
        Assert.Equal("successesB", Assert.Throws<ArgumentOutOfRangeException>(() => TwoProportionTest.Compute(1, 2, 3, 2)).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentException>(() => WelchTest.Compute([1.0, 2.0], [1.0])).ParamName);
        Assert.Equal("confidence", Assert.Throws<ArgumentOutOfRangeException>(() => WelchTest.Compute([1.0, 2.0], [1.0, 3.0], 1.5)).ParamName);
    }
}

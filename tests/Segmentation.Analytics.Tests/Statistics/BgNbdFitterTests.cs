using Segmentation.Analytics.Models;
using Segmentation.Analytics.Statistics;
using static Segmentation.Analytics.Tests.Statistics.StatisticsTestData;
using Segmentation.Analytics.Serialization;

namespace Segmentation.Analytics.Tests.Statistics;

public sealed class BgNbdFitterTests
{
    private static readonly Lazy<BgNbdModel> CdnowModel = new(() =>
    {
        var (x, tx, t) = CdnowSummary();
        return new BgNbdFitter().Fit(x, tx, t);
    });

    [Fact]
    public void Fit_on_cdnow_reproduces_the_published_estimates()
    {
        // Fader, Hardie & Lee (2005), Marketing Science 24(2), section 5: r = 0.243, α = 4.414, a = 0.793,
        // b = 2.426, LL = −9582.4. Tolerance: the published rounding (half a unit of the last digit) plus 1e-4.
        var m = CdnowModel.Value;
        Assert.True(m.Converged);
        Assert.Equal(0.243, m.R, 0.0005 + 1e-4);
        Assert.Equal(4.414, m.Alpha, 0.0005 + 1e-4);
        Assert.Equal(0.793, m.A, 0.0005 + 1e-4);
        Assert.Equal(2.426, m.B, 0.0005 + 1e-4);
        Assert.Equal(-9582.4, m.LogLikelihood, 0.05 + 1e-4);
        Assert.Equal(2357, m.Customers);
    }

    [Fact]
    public void Fit_on_cdnow_is_identified_by_its_diagnostics()
    {
        // An interior optimum with a well-conditioned information matrix (condition number ≈ 165 in log-parameters): no
        // bound, positive definite, standard errors finite; P(alive) may be used.
        var d = CdnowModel.Value.Diagnostics!;
        Assert.True(d.Identified, d.ToString());
        Assert.Empty(d.Bounds);
        Assert.True(d.PositiveDefinite);
        Assert.InRange(d.ConditionNumber!.Value, 1, 1e4);
        Assert.Null(d.Meaning);
        Assert.True(CdnowModel.Value.ProbabilityAliveIsInformative);
    }

    [Fact]
    public void Fit_on_cdnow_matches_scipy_and_lifetimes_standard_errors()
    {
        // Reference: scipy Nelder-Mead + BFGS to gtol 1e-9 (bgnbd_gammagamma_reference.py); estimates agree to 1e-5 relative.
        // Standard errors: lifetimes' Quickstart summary prints se(r) 0.012557, se(α) 0.378221, se(a) 0.185719,
        // se(b) 0.705345; the reference's numerical Hessian gives the same to 1e-5 relative; we allow 1e-4.
        var m = CdnowModel.Value;
        var bg = Reference("bgnbd_gammagamma_reference.json").GetProperty("bgnbd");
        Assert.Equal(bg.GetProperty("r").GetDouble(), m.R, 1e-5 * m.R);
        Assert.Equal(bg.GetProperty("alpha").GetDouble(), m.Alpha, 1e-5 * m.Alpha);
        Assert.Equal(bg.GetProperty("a").GetDouble(), m.A, 1e-5 * m.A);
        Assert.Equal(bg.GetProperty("b").GetDouble(), m.B, 1e-5 * m.B);
        Assert.Equal(bg.GetProperty("logLikelihood").GetDouble(), m.LogLikelihood, 1e-6);
        double[] lifetimesSe = [0.012557, 0.378221, 0.185719, 0.705345];
        for (int j = 0; j < 4; j++) Assert.Equal(lifetimesSe[j], m.StandardErrors[j], 1e-4 * lifetimesSe[j] + 5e-7);
    }

    [Fact]
    public void Conditional_expectation_matches_fader_hardie_worked_example()
    {
        // Fader, Hardie & Lee (2005) and Hardie's note 004: x = 2, t_x = 30.43, T = 38.86 → E[Y(39)] = 1.226 (3 decimals).
        var m = Published();
        Assert.Equal(1.226, m.ConditionalExpectedPurchases(39, 2, 30.43, 38.86), 0.0005);
    }

    [Fact]
    public void Predictions_match_scipy_hyp2f1_at_the_published_parameters()
    {
        // Reference: the closed forms evaluated with scipy.special.hyp2f1 / gammaln / betaln at the same
        // (rounded) parameters; we use Euler's transformation and our own series, so agreement is to round-off: 1e-10 relative.
        var m = Published();
        var bg = Reference("bgnbd_gammagamma_reference.json").GetProperty("bgnbd");
        foreach (var c in bg.GetProperty("conditional").EnumerateArray())
        {
            int x = c.GetProperty("x").GetInt32();
            double tx = c.GetProperty("tx").GetDouble(), T = c.GetProperty("T").GetDouble(), t = c.GetProperty("t").GetDouble();
            double expected = c.GetProperty("expected").GetDouble();
            Assert.Equal(expected, m.ConditionalExpectedPurchases(t, x, tx, T), 1e-10 * Math.Max(1, expected));
            Assert.Equal(c.GetProperty("pAlive").GetDouble(), m.ProbabilityAlive(x, tx, T), 1e-12);
        }
        foreach (var u in bg.GetProperty("unconditional").EnumerateArray())
        {
            double expected = u.GetProperty("expected").GetDouble();
            Assert.Equal(expected, m.ExpectedPurchases(u.GetProperty("t").GetDouble()), 1e-10 * Math.Max(1, expected));
        }
        foreach (var p in bg.GetProperty("pmf").EnumerateArray())
            Assert.Equal(p.GetProperty("p").GetDouble(), m.ProbabilityOfPurchases(p.GetProperty("t").GetDouble(), p.GetProperty("n").GetInt32()), 1e-12);
    }

    [Fact]
    public void Quickstart_top_customers_match_lifetimes_docs()
    {
        // lifetimes docs (Quickstart, "Ranking customers"): E[Y(1)] for the 5 highest customers, 6 decimals printed.
        var m = CdnowModel.Value;
        (int X, double Tx, double T, double Expected)[] rows =
        [
            (18, 35.14, 35.86, 0.424877), (19, 34.00, 34.14, 0.474738), (17, 28.43, 28.86, 0.486526),
            (29, 37.71, 38.00, 0.662396), (26, 30.86, 31.00, 0.710623),
        ];
        foreach (var r in rows) Assert.Equal(r.Expected, m.ConditionalExpectedPurchases(1, r.X, r.Tx, r.T), 2e-6);
    }

    [Fact]
    public void Probabilities_of_purchase_counts_sum_to_one()
    {
        var m = Published();
        double total = Enumerable.Range(0, 400).Sum(n => m.ProbabilityOfPurchases(39, n));
        Assert.Equal(1.0, total, 1e-9);
        // and their mean is E[X(t)]
        double mean = Enumerable.Range(0, 400).Sum(n => n * m.ProbabilityOfPurchases(39, n));
        Assert.Equal(m.ExpectedPurchases(39), mean, 1e-7);
    }

    [Fact]
    public void Fit_recovers_planted_parameters_from_simulated_customers()
    {
        // 30 000 customers with ages 20..52 weeks from r = 0.5, α = 5, a = 0.8, b = 2.5; the estimates must lie
        // within 4 standard errors of the truth (a failure by chance has probability < 1e-3 per parameter).
        var random = new Random(7);
        var age = Enumerable.Range(0, 30_000).Select(_ => 20 + random.Next(0, 33 * 7) / 7.0).ToArray();
        var (x, tx) = BgNbdSimulator.Simulate(0.5, 5, 0.8, 2.5, age, seed: 11);
        var m = new BgNbdFitter().Fit(x, tx, age);
        double[] truth = [0.5, 5, 0.8, 2.5];
        double[] est = [m.R, m.Alpha, m.A, m.B];
        for (int j = 0; j < 4; j++) Assert.InRange(est[j], truth[j] - 4 * m.StandardErrors[j], truth[j] + 4 * m.StandardErrors[j]);
    }

    [Fact]
    public void Weights_give_the_same_fit_as_repeated_rows()
    {
        var (x, tx, t) = CdnowSummary();
        var head = new BgNbdFitter().Fit(x.AsSpan(0, 600), tx.AsSpan(0, 600), t.AsSpan(0, 600), Enumerable.Repeat(3.0, 600).ToArray());
        var tripled = new BgNbdFitter().Fit(
            x.Take(600).Concat(x.Take(600)).Concat(x.Take(600)).ToArray(),
            tx.Take(600).Concat(tx.Take(600)).Concat(tx.Take(600)).ToArray(),
            t.Take(600).Concat(t.Take(600)).Concat(t.Take(600)).ToArray());
        Assert.Equal(tripled.R, head.R, 1e-8);
        Assert.Equal(tripled.B, head.B, 1e-6);
        Assert.Equal(tripled.LogLikelihood, head.LogLikelihood, 1e-6);
    }

    [Fact]
    public void Model_round_trips_through_json_and_prints_invariantly()
    {
        var m = CdnowModel.Value;
        var path = Path.Combine(Path.GetTempPath(), $"bgnbd-{Guid.NewGuid():N}.json");
        try
        {
            m.Save(path);
            var back = BgNbdModel.Load(path);
            Assert.Equal(m.R, back.R);
            Assert.Equal(m.StandardErrors, back.StandardErrors);
            Assert.Equal(m.ConditionalExpectedPurchases(39, 2, 30.43, 38.86), back.ConditionalExpectedPurchases(39, 2, 30.43, 38.86));
        }
        finally { File.Delete(path); }
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            var text = m.ToString();
            Assert.Contains("0.2425", text);
            Assert.Contains("-9582.4", text);
        }
        finally { System.Globalization.CultureInfo.CurrentCulture = culture; }
    }

    [Theory]
    [InlineData(0, 500, 1e-9, "Starts")]
    [InlineData(3, 0, 1e-9, "MaxIterations")]
    [InlineData(3, 500, 0.0, "Tolerance")]
    [InlineData(3, 500, double.NaN, "Tolerance")]
    public void Bad_options_throw_naming_the_parameter(int starts, int maxIterations, double tolerance, string name)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => new BgNbdFitter(new BgNbdOptions(starts, maxIterations, tolerance)));
        Assert.Equal(name, e.ParamName);
    }

    [Fact]
    public void Bad_data_throws_naming_the_parameter_and_row()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => new BgNbdFitter().Fit([1, 2], [5.0, 12.0], [10.0, 11.0]));
        Assert.Equal("recency", e.ParamName);
        Assert.Contains("Row 1", e.Message);
        Assert.Equal("age", Assert.ThrowsAny<ArgumentException>(() => new BgNbdFitter().Fit([1], [0.0], [0.0])).ParamName);
        Assert.Equal("frequency", Assert.ThrowsAny<ArgumentException>(() => new BgNbdFitter().Fit([0, 0], [0.0, 0.0], [3.0, 4.0])).ParamName);
    }

    private static BgNbdModel Published() => new(0.243, 4.414, 0.793, 2.426, [0, 0, 0, 0], 0, 0, 0, true);
}

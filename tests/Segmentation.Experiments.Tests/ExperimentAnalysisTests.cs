using System.Globalization;
using MathNet.Numerics.Distributions;
using Segmentation.Analytics.Evaluation;
using Segmentation.Experiments;
using Segmentation.Analytics.Statistics.Tests;

namespace Segmentation.Experiments.Tests;

public sealed class ExperimentAnalysisTests(HillstromExperiment hillstrom) : IClassFixture<HillstromExperiment>
{
    private const double Tolerance = 1e-9;
    private const double Z975 = 1.959963984540054; // Φ⁻¹(0.975)

    private sealed record Sums(long N, double Sum, double SumOfSquares);

    /// <summary>n, Σy, Σy² per arm and outcome, from SQL over the raw file (not through the library's reader).</summary>
    private static Dictionary<(string Arm, string Outcome), Sums> ReferenceSums()
    {
        var result = new Dictionary<(string, string), Sums>();
        foreach (var outcome in new[] { "spend", "visit", "conversion" })
            foreach (var row in HillstromExperiment.Sql($"SELECT treatment, count(*), sum(CAST({outcome} AS DOUBLE)), sum(CAST({outcome} AS DOUBLE) * CAST({outcome} AS DOUBLE)) FROM {{file}} GROUP BY treatment"))
                result[((string)row[0], outcome)] = new Sums(Convert.ToInt64(row[1], CultureInfo.InvariantCulture), Convert.ToDouble(row[2], CultureInfo.InvariantCulture), Convert.ToDouble(row[3], CultureInfo.InvariantCulture));
        return result;
    }

    [Fact]
    public void Every_arm_and_outcome_matches_sql_sums_and_the_textbook_formulas_on_hillstrom()
    {
        var sums = ReferenceSums();
        var economics = new EconomicsOptions(CostPerContact: 0.10, Margin: 0.30);
        var analysis = ExperimentAnalysis.Analyze(hillstrom.Data, new ExperimentAnalysisOptions(Economics: economics));
        Assert.Equal(6, analysis.Effects.Count);
        foreach (var arm in new[] { "Mens E-Mail", "Womens E-Mail" })
            foreach (var outcome in new[] { "spend", "visit", "conversion" })
            {
                var e = analysis.Effect(arm, outcome);
                var a = sums[(arm, outcome)];
                var c = sums[("No E-Mail", outcome)];
                Assert.Equal(a.N, e.CountArm);
                Assert.Equal(c.N, e.CountControl);
                double ma = a.Sum / a.N, mc = c.Sum / c.N, diff = ma - mc;
                double se, lower, upper, p;
                if (outcome == "spend")
                {
                    // Welch: s² = (Σy² − n·ȳ²)/(n − 1); SE = √(s²_a/n_a + s²_c/n_c); Welch–Satterthwaite ν; t quantile.
                    double va = (a.SumOfSquares - a.N * ma * ma) / (a.N - 1), vc = (c.SumOfSquares - c.N * mc * mc) / (c.N - 1);
                    double wa = va / a.N, wc = vc / c.N;
                    se = Math.Sqrt(wa + wc);
                    double df = (wa + wc) * (wa + wc) / (wa * wa / (a.N - 1) + wc * wc / (c.N - 1));
                    double q = StudentT.InvCDF(0, 1, df, 0.975);
                    lower = diff - q * se; upper = diff + q * se;
                    p = 2 * StudentT.CDF(0, 1, df, -Math.Abs(diff / se));
                    Assert.Equal(SignificanceTest.WelchT, e.Difference.Test);
                }
                else
                {
                    // Two proportions: unpooled Wald interval, pooled z for the p-value.
                    se = Math.Sqrt(ma * (1 - ma) / a.N + mc * (1 - mc) / c.N);
                    lower = diff - Z975 * se; upper = diff + Z975 * se;
                    double pooled = (a.Sum + c.Sum) / (a.N + c.N);
                    double z = diff / Math.Sqrt(pooled * (1 - pooled) * (1.0 / a.N + 1.0 / c.N));
                    p = 2 * Normal.CDF(0, 1, -Math.Abs(z));
                    Assert.Equal(SignificanceTest.TwoProportionZ, e.Difference.Test);
                }
                string what = $"{arm}/{outcome}";
                HillstromExperiment.AssertRelative(ma, e.MeanArm, Tolerance, what + " mean arm");
                HillstromExperiment.AssertRelative(mc, e.MeanControl, Tolerance, what + " mean control");
                HillstromExperiment.AssertRelative(diff, e.Difference.Estimate, Tolerance, what + " difference");
                HillstromExperiment.AssertRelative(se, e.Difference.StandardError, Tolerance, what + " SE");
                HillstromExperiment.AssertRelative(lower, e.Difference.Lower, Tolerance, what + " lower");
                HillstromExperiment.AssertRelative(upper, e.Difference.Upper, Tolerance, what + " upper");
                HillstromExperiment.AssertRelative(p, e.Difference.PValue, Tolerance, what + " p");
                HillstromExperiment.AssertRelative(diff / mc, e.RelativeLift!.Value, Tolerance, what + " lift");
                HillstromExperiment.AssertRelative(1000 * diff, e.IncrementalPer1000, Tolerance, what + " per 1000");
                if (outcome == "spend")
                {
                    // ROI of one contact: (margin·Δ − cost)/cost.
                    HillstromExperiment.AssertRelative((0.30 * diff - 0.10) / 0.10, e.Return!.Roi, Tolerance, what + " ROI");
                    HillstromExperiment.AssertRelative((0.30 * lower - 0.10) / 0.10, e.Return.RoiLower, Tolerance, what + " ROI lower");
                }
                else Assert.Null(e.Return);
            }
    }

    [Fact]
    public void Hillstrom_effects_are_the_published_ones()
    {
        // Hillstrom (2008) challenge: men's e-mail +$0.77 spend per customer, women's +$0.42; visits +7.7 and +4.5 points.
        var analysis = ExperimentAnalysis.Analyze(hillstrom.Data);
        Assert.Equal(0.770, analysis.Effect("Mens E-Mail", "spend").Difference.Estimate, 3);
        Assert.Equal(0.424, analysis.Effect("Womens E-Mail", "spend").Difference.Estimate, 3);
        Assert.Equal(0.0766, analysis.Effect("Mens E-Mail", "visit").Difference.Estimate, 4);
        Assert.Equal(0.0452, analysis.Effect("Womens E-Mail", "visit").Difference.Estimate, 4);
        Assert.Equal([21306L, 21307L, 21387L], analysis.ArmCounts);
    }

    [Fact]
    public void Economics_naming_an_unknown_outcome_fails_with_the_name()
    {
        var e = Assert.Throws<ArgumentException>(() => ExperimentAnalysis.Analyze(hillstrom.Data, new ExperimentAnalysisOptions(Economics: new EconomicsOptions(0.1, 0.3, "profit"))));
        Assert.Contains("profit", e.Message);
    }
}

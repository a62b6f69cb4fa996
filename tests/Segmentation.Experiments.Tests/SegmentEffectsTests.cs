using System.Globalization;
using System.Text.Json;
using MathNet.Numerics.Distributions;
using Segmentation.Experiments;
using Segmentation.Analytics.Statistics.Tests;

namespace Segmentation.Experiments.Tests;

public sealed class SegmentEffectsTests(HillstromExperiment hillstrom) : IClassFixture<HillstromExperiment>
{
    private static readonly string[] Arms = ["Mens E-Mail", "Womens E-Mail"];
    private static readonly string[] Outcomes = ["spend", "visit", "conversion"];

    /// <summary>Holm written out: sort, multiply the i-th smallest by (m − i + 1), running maximum, cap at 1.</summary>
    private static double[] HandHolm(double[] p)
    {
        int m = p.Length;
        var idx = Enumerable.Range(0, m).OrderBy(i => p[i]).ToArray();
        var adj = new double[m];
        double prev = 0;
        for (int r = 0; r < m; r++) { prev = Math.Max(prev, Math.Min(1, (m - r) * p[idx[r]])); adj[idx[r]] = prev; }
        return adj;
    }

    /// <summary>BH written out: p₍ᵢ₎·m/i, running minimum from the largest, cap at 1.</summary>
    private static double[] HandBh(double[] p)
    {
        int m = p.Length;
        var idx = Enumerable.Range(0, m).OrderBy(i => p[i]).ToArray();
        var adj = new double[m];
        double prev = 1;
        for (int r = m - 1; r >= 0; r--) { prev = Math.Min(prev, p[idx[r]] * m / (r + 1)); adj[idx[r]] = prev; }
        return adj;
    }

    /// <summary>The raw p-value of one segment cell from SQL sums and the textbook formulas.</summary>
    private static Dictionary<(string Outcome, string Arm, string Segment), (double Diff, double P, long NArm, long NControl)> ReferenceCells()
    {
        var sums = new Dictionary<(string, string, string), (long N, double S, double S2)>();
        foreach (var o in Outcomes)
            foreach (var row in HillstromExperiment.Sql($"SELECT treatment, history_segment, count(*), sum(CAST({o} AS DOUBLE)), sum(CAST({o} AS DOUBLE) * CAST({o} AS DOUBLE)) FROM {{file}} GROUP BY ALL"))
                sums[(o, (string)row[0], (string)row[1])] = (Convert.ToInt64(row[2], CultureInfo.InvariantCulture), Convert.ToDouble(row[3], CultureInfo.InvariantCulture), Convert.ToDouble(row[4], CultureInfo.InvariantCulture));
        var result = new Dictionary<(string, string, string), (double, double, long, long)>();
        foreach (var ((o, arm, seg), a) in sums)
        {
            if (arm == "No E-Mail") continue;
            var c = sums[(o, "No E-Mail", seg)];
            double ma = a.S / a.N, mc = c.S / c.N, diff = ma - mc, p;
            if (o == "spend")
            {
                double wa = (a.S2 - a.N * ma * ma) / (a.N - 1) / a.N, wc = (c.S2 - c.N * mc * mc) / (c.N - 1) / c.N;
                double df = (wa + wc) * (wa + wc) / (wa * wa / (a.N - 1) + wc * wc / (c.N - 1));
                p = 2 * StudentT.CDF(0, 1, df, -Math.Abs(diff / Math.Sqrt(wa + wc)));
            }
            else
            {
                double pooled = (a.S + c.S) / (a.N + c.N);
                p = 2 * Normal.CDF(0, 1, -Math.Abs(diff / Math.Sqrt(pooled * (1 - pooled) * (1.0 / a.N + 1.0 / c.N))));
            }
            result[(o, arm, seg)] = (diff, p, a.N, c.N);
        }
        return result;
    }

    [Theory]
    [InlineData(MultiplicityCorrection.Holm)]
    [InlineData(MultiplicityCorrection.BenjaminiHochberg)]
    public void Per_segment_effects_and_adjusted_p_values_match_sql_and_a_hand_written_correction(MultiplicityCorrection correction)
    {
        var reference = ReferenceCells();
        var effects = SegmentEffects.Compute(hillstrom.Data, new SegmentEffectsOptions(Correction: correction));
        Assert.Equal(7, effects.Segments.Count);
        Assert.Equal(3 * 2 * 7, effects.Rows.Count);
        foreach (var o in Outcomes)
        {
            var family = Arms.SelectMany(a => effects.Segments.Select(s => (Arm: a, Segment: s))).ToArray();
            var raw = family.Select(f => reference[(o, f.Arm, f.Segment)].P).ToArray();
            var adjusted = correction == MultiplicityCorrection.Holm ? HandHolm(raw) : HandBh(raw);
            for (int k = 0; k < family.Length; k++)
            {
                var row = effects.Row(family[k].Segment, family[k].Arm, o);
                var cell = reference[(o, family[k].Arm, family[k].Segment)];
                string what = $"{o}/{family[k].Arm}/{family[k].Segment}";
                Assert.Equal(cell.NArm, row.Effect.CountArm);
                Assert.Equal(cell.NControl, row.Effect.CountControl);
                HillstromExperiment.AssertRelative(cell.Diff, row.Effect.Difference.Estimate, 1e-9, what + " difference");
                HillstromExperiment.AssertRelative(cell.P, row.Effect.Difference.PValue, 1e-9, what + " p");
                HillstromExperiment.AssertRelative(adjusted[k], row.AdjustedPValue, 1e-9, what + " adjusted p");
                Assert.Equal(Math.Min(cell.NArm, cell.NControl) < 500, row.IsSmall);
            }
        }
    }

    [Fact]
    public void Adjusted_p_values_match_statsmodels_multipletests()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(RepoPaths.Reference("experiments", "hillstrom_segments.json")));
        var holm = SegmentEffects.Compute(hillstrom.Data, new SegmentEffectsOptions(Correction: MultiplicityCorrection.Holm));
        var bh = SegmentEffects.Compute(hillstrom.Data, new SegmentEffectsOptions(Correction: MultiplicityCorrection.BenjaminiHochberg));
        int n = 0;
        foreach (var r in json.RootElement.GetProperty("rows").EnumerateArray())
        {
            string o = r.GetProperty("outcome").GetString()!, arm = r.GetProperty("arm").GetString()!, seg = r.GetProperty("segment").GetString()!;
            string what = $"{o}/{arm}/{seg}";
            var h = holm.Row(seg, arm, o);
            // scipy's t distribution and MathNet's agree to ~1e-12 relative on these p-values; 1e-8 leaves room for both.
            HillstromExperiment.AssertRelative(r.GetProperty("difference").GetDouble(), h.Effect.Difference.Estimate, 1e-9, what + " difference");
            HillstromExperiment.AssertRelative(r.GetProperty("p_value").GetDouble(), h.Effect.Difference.PValue, 1e-8, what + " p (scipy)");
            HillstromExperiment.AssertRelative(r.GetProperty("holm").GetDouble(), h.AdjustedPValue, 1e-8, what + " Holm (statsmodels)");
            HillstromExperiment.AssertRelative(r.GetProperty("bh").GetDouble(), bh.Row(seg, arm, o).AdjustedPValue, 1e-8, what + " BH (statsmodels)");
            n++;
        }
        Assert.Equal(42, n);
    }

    [Fact]
    public void Statements_name_responding_and_non_responding_segments_in_both_languages()
    {
        var effects = SegmentEffects.Compute(hillstrom.Data);
        var en = effects.Statements("en");
        var zh = effects.Statements("zh");
        Assert.Equal(6, en.Count);
        Assert.Equal(6, zh.Count);
        // Women's e-mail on conversion (Holm): responds in $0–100 and $500–750 only (adjusted p 0.032 and 0.037).
        var womensConversion = en.Single(s => s.StartsWith("Womens E-Mail significantly raises conversion", StringComparison.Ordinal));
        Assert.Contains("1) $0 - $100, 5) $500 - $750.", womensConversion);
        Assert.Contains("No significant effect in: 2) $100 - $200", womensConversion);
        Assert.Contains("7) $1,000 +", womensConversion.Split("Small segments")[1]);
        Assert.Contains(zh, s => s.Contains("Womens E-Mail 显著提升了 conversion 的细分") && s.Contains("样本过小"));
        Assert.Equal(SegmentResponse.NoEvidence, effects.Row("3) $200 - $350", "Womens E-Mail", "conversion").Response);
    }

    [Fact]
    public void Own_segments_value_tiers_and_recency_value_scores_cover_every_customer()
    {
        var tiers = SegmentEffects.Compute(hillstrom.Data, new SegmentEffectsOptions(ExperimentSegmentation.ByValueTier("history")));
        Assert.Equal(["A customers", "B customers", "C customers"], tiers.Segments);
        var rm = SegmentEffects.Compute(hillstrom.Data, new SegmentEffectsOptions(ExperimentSegmentation.ByRecencyValue("recency", "history")));
        Assert.Equal(9, rm.Segments.Count);
        foreach (var s in new[] { tiers, rm })
            foreach (var arm in Arms)
                Assert.Equal(hillstrom.Data.ArmCounts()[Array.IndexOf(hillstrom.Data.Arms.ToArray(), arm)],
                    s.Rows.Where(r => r.Effect.Arm == arm && r.Effect.Outcome == "visit").Sum(r => r.Effect.CountArm));
        // R3 = the most recent third: recency (months) below both tercile cuts (computed here with numpy's linear quantile rule).
        var recency = hillstrom.Data.NumericFeature("recency");
        var sorted = recency.Order().ToArray();
        double Quantile(double q) { double h = (sorted.Length - 1) * q; int lo = (int)Math.Floor(h); return sorted[lo] + (h - lo) * (sorted[Math.Min(lo + 1, sorted.Length - 1)] - sorted[lo]); }
        double cut = Math.Min(Quantile(1.0 / 3), Quantile(2.0 / 3));
        int mens = hillstrom.Data.Arms.ToList().IndexOf("Mens E-Mail");
        long expected = Enumerable.Range(0, recency.Length).LongCount(i => recency[i] < cut && hillstrom.Data.Arm[i] == mens);
        Assert.Equal(expected, rm.Rows.Where(r => r.Segment.StartsWith("R3", StringComparison.Ordinal) && r.Effect.Outcome == "visit" && r.Effect.Arm == "Mens E-Mail").Sum(r => r.Effect.CountArm));
    }
}

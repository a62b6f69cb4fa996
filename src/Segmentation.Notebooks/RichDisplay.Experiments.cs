using Segmentation.Experiments;

namespace Segmentation.Notebooks;

public static partial class RichDisplay
{
    /// <summary>The arms of an experiment (customers per arm) and every arm × outcome effect against the control (see <see cref="ArmEffects"/>).</summary>
    public static string ExperimentAnalysis(ExperimentAnalysis analysis, DisplayLanguage language = DisplayLanguage.Bilingual)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var arms = string.Join(" · ", analysis.Arms.Select((a, i) => $"{HtmlText.Encode(a)} {HtmlText.Count(analysis.ArmCounts[i])}"));
        return ArmEffects(analysis.Effects, language, $"{T("arm_effects", language)} · {arms}");
    }

    /// <summary>
    /// Arm effects: per arm and outcome the group sizes and means, Δ = ȳ_arm − ȳ_control with its interval and p-value,
    /// relative lift, increment per 1 000 customers and ROI (when economics were given). Rates are shown in % and points.
    /// </summary>
    public static string ArmEffects(IEnumerable<ArmEffect> effects, DisplayLanguage language = DisplayLanguage.Bilingual, string? captionHtml = null)
    {
        ArgumentNullException.ThrowIfNull(effects);
        var list = effects.ToArray();
        bool roi = list.Any(e => e.Return is not null);
        var t = new HtmlTable(captionHtml ?? T("arm_effects", language))
            .Column(H("arm", language)).Column(H("outcome", language)).Column(H("n_arm_control", language), true).Column(H("mean_arm", language), true)
            .Column(H("mean_control", language), true).Column(H("difference", language), true).Column(H("p_value", language), true).Column(H("lift", language), true)
            .Column(H("per_1000", language), true);
        if (roi) t.Column(H("roi", language), true);
        foreach (var e in list)
        {
            var cells = new List<string>
            {
                e.Arm, e.Outcome, $"{HtmlText.Count(e.CountArm)}/{HtmlText.Count(e.CountControl)}", Mean(e, e.MeanArm), Mean(e, e.MeanControl),
                $"{Delta(e, e.Difference.Estimate)} [{Delta(e, e.Difference.Lower)}, {Delta(e, e.Difference.Upper)}]", PValue(e.Difference.PValue),
                e.RelativeLift is double l ? Signed(100 * l, 1) + "%" : "·", HtmlText.Fixed(e.IncrementalPer1000, 1),
            };
            if (roi) cells.Add(e.Return is { } r ? $"{HtmlText.Percent(r.Roi)} [{HtmlText.Percent(r.RoiLower)}, {HtmlText.Percent(r.RoiUpper)}]" : "·");
            int row = t.Row([.. cells]);
            if (e.Difference.IsSignificant) t.Emphasise(row, 5);
        }
        return t.ToHtml("Binary outcomes: two-proportion z-test, Δ in percentage points; continuous: Welch's t-test. Bold: p &lt; 0.05.");
    }

    /// <summary>
    /// Effects per segment: for every outcome, arm and segment the sizes, Δ with its (unadjusted) interval, the raw and the
    /// multiplicity-adjusted p-value and the verdict; small segments flagged. The plain-language statements follow.
    /// </summary>
    /// <param name="effects">The per-segment effects.</param>
    /// <param name="outcome">Show only this outcome (default: all).</param>
    /// <param name="language">Header language; the statements are in Chinese for <see cref="DisplayLanguage.Chinese"/>, else English.</param>
    public static string SegmentEffects(SegmentEffects effects, string? outcome = null, DisplayLanguage language = DisplayLanguage.Bilingual)
    {
        ArgumentNullException.ThrowIfNull(effects);
        var t = new HtmlTable($"{T("segment_effects", language)} · {HtmlText.Encode(effects.Grouping)} · {effects.Options.Correction}, α = {HtmlText.Number(effects.Options.Alpha)}")
            .Column(H("outcome", language)).Column(H("arm", language)).Column(H("segment", language)).Column(H("n_arm_control", language), true)
            .Column(H("difference", language), true).Column(H("p_value", language), true).Column(H("adjusted_p", language), true).Column(H("verdict", language))
            .Column(H("small", language));
        foreach (var r in effects.Rows.Where(r => outcome is null || r.Effect.Outcome == outcome))
        {
            var e = r.Effect;
            int row = t.Row(e.Outcome, e.Arm, r.Segment, $"{HtmlText.Count(e.CountArm)}/{HtmlText.Count(e.CountControl)}",
                $"{Delta(e, e.Difference.Estimate)} [{Delta(e, e.Difference.Lower)}, {Delta(e, e.Difference.Upper)}]", PValue(e.Difference.PValue),
                PValue(r.AdjustedPValue), r.Response.ToString(), r.IsSmall ? "⚠" : "");
            if (r.Response == SegmentResponse.Responds) t.Emphasise(row, 7);
            if (r.Response == SegmentResponse.Harmed) t.Highlight(row);
        }
        var statements = effects.Statements(language == DisplayLanguage.Chinese ? "zh" : "en").Where(s => outcome is null || s.Contains(outcome, StringComparison.Ordinal));
        return t.ToHtml(string.Join("<br/>", statements.Select(HtmlText.Encode)));
    }

    /// <summary>The first <paramref name="rows"/> customers of a targeting list: rank, file row, best arm, expected lift and net value.</summary>
    public static string TargetingList(TargetingList list, int rows = DefaultMaxRows, DisplayLanguage language = DisplayLanguage.Bilingual)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        var t = new HtmlTable($"{T("targeting", language)} · {HtmlText.Encode(list.Outcome)} · {HtmlText.Count(list.Customers.Count)} / {HtmlText.Count(list.ContactsAllowed)}")
            .Column(H("rank", language), true).Column(H("row", language), true).Column(H("best_arm", language)).Column(H("expected_lift", language), true)
            .Column(H("expected_net", language), true);
        foreach (var c in list.Customers.Take(rows))
            t.Row(c.Rank.ToString(Inv), c.Row.ToString(Inv), c.BestArm, HtmlText.Fixed(c.ExpectedLift, 4), HtmlText.Fixed(c.ExpectedNet, 4));
        string economics = list.Economics is { } e ? $" · cost/contact {HtmlText.Number(e.CostPerContact)}, margin {HtmlText.Number(e.Margin)}" : "";
        return t.ToHtml($"{T("expected_lift", language)} Σ = {HtmlText.Fixed(list.ExpectedLift, 2)} · {T("expected_net", language)} Σ = {HtmlText.Fixed(list.ExpectedNet, 2)}{economics}");
    }

    /// <summary>The Qini figures of cross-fitted uplift predictions: per treatment arm the Qini coefficient, area, the gain of targeting everyone and of the top 30 %.</summary>
    public static string UpliftPredictions(UpliftPredictions predictions, DisplayLanguage language = DisplayLanguage.Bilingual)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        var o = predictions.Options;
        var t = new HtmlTable($"{T("qini", language)} · {HtmlText.Encode(predictions.Outcome)} · T-learner FastTree, {o.Folds} folds, {o.Trees} trees · n = {HtmlText.Count(predictions.Count)}")
            .Column(H("arm", language)).Column(H("qini_coefficient", language), true).Column("area", true).Column(H("target_everyone", language), true)
            .Column(H("gain_at_30", language), true).Column("random @ 30%", true);
        for (int a = 1; a < predictions.Arms.Count; a++)
        {
            var q = predictions.Qini[a - 1];
            t.Row(predictions.Arms[a], HtmlText.Fixed(q.Coefficient, 2), HtmlText.Fixed(q.Area, 2), HtmlText.Fixed(q.TargetEveryone, 2), HtmlText.Fixed(q.GainAt(0.3), 2),
                HtmlText.Fixed(0.3 * q.TargetEveryone, 2));
        }
        return t.ToHtml("Qini coefficient = area between the curve and random targeting (Radcliffe 2007); &gt; 0: the model ranks better than random.");
    }

    private static string Mean(ArmEffect e, double value) => e.Kind == OutcomeKind.Binary ? HtmlText.Fixed(100 * value, 2) + "%" : HtmlText.Fixed(value, 3);

    private static string Delta(ArmEffect e, double value) => e.Kind == OutcomeKind.Binary ? Signed(100 * value, 2) + " pt" : Signed(value, 3);

    private static string Signed(double value, int decimals) => double.IsFinite(value) ? (value >= 0 ? "+" : "") + HtmlText.Fixed(value, decimals) : HtmlText.Number(value);
}

using System.Globalization;
using Segmentation.Analytics.Evaluation;

namespace Segmentation.Reports.Monthly.ViewModel;

/// <summary>The appendix: data quality, drift, the model's validation indices and the KPI definitions.</summary>
/// <param name="Heading">Appendix heading.</param>
/// <param name="DataQualityHeading">Sub-heading of the data quality.</param>
/// <param name="DataQuality">Rows read, accepted and rejected per table.</param>
/// <param name="Reconciles">Whether rows read = accepted + rejected.</param>
/// <param name="RejectsByRule">Rejected rows per table and rule; null when nothing was rejected.</param>
/// <param name="DriftHeading">Sub-heading of the drift check.</param>
/// <param name="Drift">PSI of the segment mix and of every feature, flagged beyond the stable range; null without a reference.</param>
/// <param name="DriftNote">The refit rule, or why drift is not applicable (the model was fitted on this period's data).</param>
/// <param name="ValidationHeading">Sub-heading of the validation indices.</param>
/// <param name="Validation">Silhouette, Calinski-Harabasz, Davies-Bouldin, and the bootstrap stability and LDA accuracy when computed.</param>
/// <param name="DefinitionsHeading">Sub-heading of the KPI definitions.</param>
/// <param name="Definitions">KPI, unit, definition, for the KPIs the data can measure.</param>
public sealed record AppendixModel(string Heading, string DataQualityHeading, ReportTable DataQuality, string Reconciles, ReportTable? RejectsByRule,
                                   string DriftHeading, ReportTable? Drift, string DriftNote, string ValidationHeading, ReportTable Validation,
                                   string DefinitionsHeading, ReportTable Definitions)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    internal static AppendixModel Create(ReportContext c)
    {
        var text = c.Text;
        var quality = c.Run.DataQuality;
        var tables = quality.Tables.Select(t => new ReportTableRow(
            [c.Label("table_", t.Table), ReportFormat.Whole(t.RowsRead), ReportFormat.Whole(t.RowsAccepted), ReportFormat.Whole(t.Rejects.Count)]));
        var byRule = quality.Tables.SelectMany(t => t.RejectsByRule.Select(kv => new ReportTableRow([c.Label("table_", t.Table), c.Label("rule_", kv.Key), ReportFormat.Whole(kv.Value)]))).ToArray();

        return new AppendixModel(text["s7"],
            text["data_quality"], c.Table(["table", "read", "accepted", "rejected"], tables),
            text.Format("reconciles", text[quality.Reconciles ? "yes" : "no"]),
            byRule.Length > 0 ? c.Table(["table", "rule", "rows"], byRule) : null,
            text["drift"], SameData(c) ? null : DriftTable(c), DriftRule(c),
            text["validation"], ValidationTable(c),
            text["definitions"], c.Table(["kpi", "unit", "definition"],
                KpiDefinitions.All.Where(d => c.NotMeasured(d.Key) is null).Select(d => new ReportTableRow([c.Pick(d.NameZh, d.NameEn), Unit(c, d.Unit), c.Pick(d.DefinitionZh, d.DefinitionEn)]))));
    }

    /// <summary>A KPI unit in words (money with the currency sign).</summary>
    private static string Unit(ReportContext c, string unit) =>
        unit == "currency" && c.CurrencySymbol is { } sign ? c.Text.Format("money_header", c.Text["unit_currency"], sign.Trim()) : c.Label("unit_", unit);

    /// <summary>PSI of the segment mix against training and against the previous period, of the window features and of the model's
    /// features; "refit" only where a comparable measure (segment mix, window feature) is beyond the threshold — cumulative features
    /// print as not comparable, other model features as shifted without deciding; null without a reference.</summary>
    private static ReportTable? DriftTable(ReportContext c)
    {
        if (c.Result.Drift is not { } drift) return null;
        var text = c.Text;
        string Level(DriftLevel level) => text[level switch { DriftLevel.Refit => "psi_refit", DriftLevel.Watch => "psi_watch", _ => "psi_ok" }];
        ReportTableRow Deciding(string label, PopulationStability p) => new([label, p.Index.ToString("F3", Inv), Level(p.Level)]) { Flagged = p.Level != DriftLevel.Stable };
        var rows = new List<ReportTableRow> { Deciding(text["segment_mix_training"], drift.Segments) };
        if (PreviousMix(c) is { } mix) rows.Add(Deciding(text["segment_mix_previous"], mix));
        foreach (var w in drift.Windows)
            rows.Add(drift.IncompleteWindows.Contains(w.Name)
                ? new([c.Label("feature_", w.Name), w.Index.ToString("F3", Inv), text["psi_window_before_data"]])
                : Deciding(c.Label("feature_", w.Name), w));
        foreach (var p in drift.Features)
        {
            bool cumulative = WindowFeatures.Cumulative.Contains(p.Name);
            string status = cumulative ? text["psi_cumulative"] : p.Level == DriftLevel.Refit ? text["psi_shifted"] : Level(p.Level);
            rows.Add(new([c.Label("feature_", p.Name), p.Index.ToString("F3", Inv), status]) { Flagged = !cumulative && p.Level != DriftLevel.Stable });
        }
        return c.Table(["feature", "psi", "psi_level"], rows);
    }

    /// <summary>PSI of the previous period's segment mix (rows + lost) against this one's (columns + new), over the same keys; null without a migration.</summary>
    private static PopulationStability? PreviousMix(ReportContext c)
    {
        if (c.Result.Migration is not { } m) return null;
        var keys = m.FromSegments.Union(m.ToSegments).ToArray();
        double[] previous = [.. keys.Select(k => m.FromSegments.ToList().IndexOf(k) is var i and >= 0 ? m.Counts[i].Sum() + m.Lost[i] : 0.0)];
        double[] current = [.. keys.Select(k => m.ToSegments.ToList().IndexOf(k) is var j and >= 0 ? m.Counts.Sum(r => r[j]) + m.New[j] : 0.0)];
        return previous.Sum() > 0 && current.Sum() > 0 && keys.Length >= 2 ? PopulationStability.FromDistributions("segment_previous", previous, current) : null;
    }

    /// <summary>
    /// The overall recommendation, from the comparable measures only: the segment mix against training and against the previous
    /// period, and the window features (<see cref="DriftReport.Windows"/>); never from a model feature. Null without a reference.
    /// </summary>
    internal static (DriftLevel Level, IReadOnlyList<string> Beyond)? Recommendation(ReportContext c)
    {
        if (c.Result.Drift is not { } drift || SameData(c)) return null;
        var measures = new List<(string Label, PopulationStability Psi)> { (c.Text["segment_mix_training"], drift.Segments) };
        if (PreviousMix(c) is { } mix) measures.Add((c.Text["segment_mix_previous"], mix));
        measures.AddRange(drift.Windows.Where(w => !drift.IncompleteWindows.Contains(w.Name)).Select(w => (c.Label("feature_", w.Name), w)));
        var items = measures.Select(m => (m.Psi.Level, Text: $"{m.Label} {m.Psi.Index.ToString("F3", Inv)}")).ToList();
        // A segment reproduced at training that the current buyers no longer reproduce (bootstrap Jaccard < 0.6: refit; < 0.75: watch).
        if (drift.Stability is { } stability)
            foreach (var s in stability.Segments.Where(s => s.Deciding))
            {
                var level = s.Level;
                items.Add((level, c.Text.Format("stability_item", c.SegmentName(s.Key), s.CurrentJaccard.ToString("F2", Inv))));
            }
        var worst = items.Max(m => m.Level);
        return (worst, items.Where(m => m.Level == worst && worst != DriftLevel.Stable).Select(m => m.Text).ToArray());
    }

    /// <summary>Why there is no drift table, or the rule it follows and the recommendation.</summary>
    internal static string DriftRule(ReportContext c)
    {
        if (SameData(c)) return c.Text["psi_not_applicable"];
        if (Recommendation(c) is not { } r) return c.Text["drift_note"];
        string verdict = r.Level switch
        {
            DriftLevel.Refit => c.Text.Format("drift_verdict_refit", string.Join(c.Text["list_separator"], r.Beyond)),
            DriftLevel.Watch => c.Text.Format("drift_verdict_watch", string.Join(c.Text["list_separator"], r.Beyond)),
            _ => c.Text["drift_verdict_stable"],
        };
        string space = c.Options.Language == ReportLanguage.Zh ? "" : " ";
        string stability = "";
        if (c.Result.Drift?.Stability is { Segments.Count: > 0 } st && st.Segments.Where(s => s.Deciding).ToArray() is { Length: > 0 } deciding)
        {
            var lowest = deciding.MinBy(s => s.CurrentJaccard)!;
            stability = space + c.Text.Format("stability_now", st.Bootstraps.ToString(Inv), lowest.CurrentJaccard.ToString("F2", Inv), c.SegmentName(lowest.Key));
        }
        return c.Text["drift_note"] + stability + space + verdict;
    }

    /// <summary>True when the model was trained on the report period's own snapshot: training and current data are one table, every PSI 0.</summary>
    private static bool SameData(ReportContext c) => c.Run.Model.TrainingSnapshot == c.ReportPeriod.End;

    private static ReportTable ValidationTable(ReportContext c)
    {
        var v = c.Run.Model.Validation;
        var text = c.Text;
        var rows = new List<ReportTableRow>
        {
            new([text["silhouette"], v.Indices.Silhouette.ToString("F3", Inv)]),
            new([text["calinski_harabasz"], v.Indices.CalinskiHarabasz.ToString("F1", Inv)]),
            new([text["davies_bouldin"], v.Indices.DaviesBouldin.ToString("F3", Inv)]),
        };
        if (v.Stability is { } stability) rows.Add(new([text["bootstrap_stability"], stability.MeanAdjustedRand.ToString("F3", Inv)]));
        if (v.Separability is { } separability) rows.Add(new([text["lda_accuracy"], ReportFormat.Percent(separability.LdaAccuracy)]));
        return c.Table(["metric", "value"], rows);
    }
}

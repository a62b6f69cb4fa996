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
/// <param name="ValidationHeading">Sub-heading of the validation indices.</param>
/// <param name="Validation">Silhouette, Calinski-Harabasz, Davies-Bouldin, and the bootstrap stability and LDA accuracy when computed.</param>
/// <param name="DefinitionsHeading">Sub-heading of the KPI definitions.</param>
/// <param name="Definitions">KPI, unit, definition.</param>
public sealed record AppendixModel(string Heading, string DataQualityHeading, ReportTable DataQuality, string Reconciles, ReportTable? RejectsByRule,
                                   string DriftHeading, ReportTable? Drift, string ValidationHeading, ReportTable Validation,
                                   string DefinitionsHeading, ReportTable Definitions)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    internal static AppendixModel Create(ReportContext c)
    {
        var text = c.Text;
        var quality = c.Run.DataQuality;
        var tables = quality.Tables.Select(t => new ReportTableRow(
            [t.Table, ReportFormat.Whole(t.RowsRead), ReportFormat.Whole(t.RowsAccepted), ReportFormat.Whole(t.Rejects.Count)]));
        var byRule = quality.Tables.SelectMany(t => t.RejectsByRule.Select(kv => new ReportTableRow([t.Table, kv.Key, ReportFormat.Whole(kv.Value)]))).ToArray();

        return new AppendixModel(text["s7"],
            text["data_quality"], c.Table(["table", "read", "accepted", "rejected"], tables),
            text.Format("reconciles", text[quality.Reconciles ? "yes" : "no"]),
            byRule.Length > 0 ? c.Table(["table", "rule", "rows"], byRule) : null,
            text["drift"], DriftTable(c),
            text["validation"], ValidationTable(c),
            text["definitions"], c.Table(["kpi", "unit", "definition"],
                KpiDefinitions.All.Select(d => new ReportTableRow([c.Pick(d.NameZh, d.NameEn), d.Unit, c.Pick(d.DefinitionZh, d.DefinitionEn)]))));
    }

    private static ReportTable? DriftTable(ReportContext c)
    {
        if (c.Result.Drift is not { } drift) return null;
        var text = c.Text;
        var rows = drift.Features.Prepend(drift.Segments).Select(p => new ReportTableRow(
        [
            p.Name == "segment" ? text["segment"] : p.Name,
            p.Index.ToString("F3", Inv),
            text[p.Level switch { DriftLevel.Refit => "psi_refit", DriftLevel.Watch => "psi_watch", _ => "psi_ok" }],
        ]) { Flagged = p.Level != DriftLevel.Stable });
        return c.Table(["feature", "psi", "psi_level"], rows);
    }

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

using Segmentation.Data;
using Segmentation.Analytics.Engines;

namespace Segmentation.Notebooks;

public static partial class RichDisplay
{
    /// <summary>
    /// The ingest report: per table rows read / accepted / rejected and whether read = accepted + rejected; the rejects
    /// counted by rule with an example reason; the first <paramref name="sampleRejects"/> rejected rows; unmapped and
    /// identifier columns.
    /// </summary>
    public static string IngestReport(IngestReport report, int sampleRejects = 10, DisplayLanguage language = DisplayLanguage.Bilingual)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentOutOfRangeException.ThrowIfNegative(sampleRejects);
        var caption = $"{T("ingest_report", language)} · as of {report.AsOf:yyyy-MM-dd}";
        var totals = new HtmlTable(caption)
            .Column(H("table", language)).Column(H("file", language)).Column(H("encoding", language))
            .Column(H("rows_read", language), true).Column(H("accepted", language), true).Column(H("rejected", language), true)
            .Column(H("reconciled", language));
        foreach (var t in report.Tables)
        {
            int r = totals.Row(t.Table, Path.GetFileName(t.File), t.Encoding, HtmlText.Count(t.RowsRead), HtmlText.Count(t.RowsAccepted),
                HtmlText.Count(t.Rejects.Count), YesNo(t.Reconciles, language));
            if (t.Rejects.Count > 0) totals.Emphasise(r, 5);
        }
        int total = totals.Row(DisplayLabels.Text("total", language), "", "", HtmlText.Count(report.RowsRead), HtmlText.Count(report.RowsAccepted),
            HtmlText.Count(report.Rejects.LongCount()), YesNo(report.Reconciles, language));
        totals.Highlight(total);
        var html = new System.Text.StringBuilder(totals.ToHtml());
        html.Append(RejectDetails(report.Tables, sampleRejects, language));
        return html.ToString();
    }

    /// <summary>One table's ingest (same layout as <see cref="IngestReport(Analytics.Engines.IngestReport, int, DisplayLanguage)"/>).</summary>
    public static string TableIngest(TableIngest ingest, int sampleRejects = 10, DisplayLanguage language = DisplayLanguage.Bilingual)
    {
        ArgumentNullException.ThrowIfNull(ingest);
        var t = new HtmlTable($"{T("ingest_report", language)} · {HtmlText.Encode(ingest.Table)}")
            .Column(H("file", language)).Column(H("encoding", language)).Column(H("rows_read", language), true)
            .Column(H("accepted", language), true).Column(H("rejected", language), true).Column(H("reconciled", language));
        t.Row(Path.GetFileName(ingest.File), ingest.Encoding, HtmlText.Count(ingest.RowsRead), HtmlText.Count(ingest.RowsAccepted),
            HtmlText.Count(ingest.Rejects.Count), YesNo(ingest.Reconciles, language));
        return t.ToHtml() + RejectDetails([ingest], sampleRejects, language);
    }

    private static string RejectDetails(IReadOnlyList<TableIngest> tables, int sampleRejects, DisplayLanguage language)
    {
        var html = new System.Text.StringBuilder();
        var rejects = tables.SelectMany(t => t.Rejects.Select(r => (t.Table, Reject: r))).ToArray();
        if (rejects.Length > 0)
        {
            var byRule = new HtmlTable(T("rejects_by_rule", language))
                .Column(H("table", language)).Column(H("rule", language)).Column(H("count", language), true).Column(H("example", language));
            foreach (var g in rejects.GroupBy(x => (x.Table, x.Reject.Rule)).OrderBy(g => g.Key.Table, StringComparer.Ordinal).ThenBy(g => g.Key.Rule, StringComparer.Ordinal))
                byRule.Row(g.Key.Table, g.Key.Rule, HtmlText.Count(g.Count()), g.First().Reject.Reason);
            html.Append(byRule.ToHtml());
            if (sampleRejects > 0)
            {
                var sample = new HtmlTable(T("first_rejects", language))
                    .Column(H("file", language)).Column(H("row", language), true).Column(H("column", language)).Column(H("rule", language))
                    .Column(H("reason", language)).Column(H("value", language));
                foreach (var (_, r) in rejects.OrderBy(x => x.Reject.File, StringComparer.Ordinal).ThenBy(x => x.Reject.Row).Take(sampleRejects))
                    sample.Row(Path.GetFileName(r.File), HtmlText.Count(r.Row), r.Column, r.Rule, r.Reason, r.Value ?? "·");
                html.Append(sample.ToHtml(rejects.Length > sampleRejects ? $"{HtmlText.Count(rejects.Length)} {T("rejected", language)}" : null));
            }
        }
        foreach (var t in tables)
        {
            if (t.IgnoredColumns.Count > 0)
                html.Append($"<div style=\"font-size:11px\">{HtmlText.Encode(t.Table)} · {T("ignored_columns", language)}: {HtmlText.Encode(string.Join(", ", t.IgnoredColumns))}</div>");
            if (t.IdentifierColumns.Count > 0)
                html.Append($"<div style=\"font-size:11px\">{HtmlText.Encode(t.Table)} · {T("identifier_columns", language)}: {HtmlText.Encode(string.Join(", ", t.IdentifierColumns))}</div>");
        }
        return html.ToString();
    }
}

using Segmentation.Analytics.Features;
using System.Globalization;
using Microsoft.Data.Analysis;
using Segmentation.Data;
using Segmentation.Analytics.Segmenting;
using Segmentation.Analytics.Validation;
using Segmentation.Analytics.Engines;

namespace Segmentation.Notebooks.Tests;

public sealed class RichDisplayTests
{
    [Fact]
    public void DataFrame_html_shows_typed_headers_invariant_numbers_and_only_the_first_rows()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE"); // a comma-decimal culture must not leak into the display
        try
        {
            var frame = new DataFrame(
                new DoubleDataFrameColumn("amount", [1234.5, 0.25, double.NaN, 7]),
                new Int64DataFrameColumn("orders", [1L, 2L, 3L, 4L]),
                new StringDataFrameColumn("segment", ["冠军", "b", null!, "d"]));

            var html = RichDisplay.DataFrame(frame, maxRows: 3);

            Assert.Contains("amount<br/>", html);
            Assert.Contains(">double</span>", html);
            Assert.Contains(">long</span>", html);
            Assert.Contains(">1234.5<", html);
            Assert.Contains(">0.25<", html);
            Assert.Contains(">NaN<", html);
            Assert.Contains(">冠军<", html);
            Assert.Contains(">·<", html);               // null
            Assert.DoesNotContain(">7<", html);         // row 4 is beyond maxRows
            Assert.Contains("4 行 / rows × 3 列 / columns", html);
            Assert.Contains("显示前 / first shown 3", html);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Headers_follow_the_display_language()
    {
        var frame = new DataFrame(new DoubleDataFrameColumn("x", [1.0]));
        Assert.Contains("rows × 1 columns", RichDisplay.DataFrame(frame, language: DisplayLanguage.English));
        Assert.Contains("行 × 1 列", RichDisplay.DataFrame(frame, language: DisplayLanguage.Chinese));
        Assert.Equal("拒绝 / Rejected", DisplayLabels.Text("rejected"));
        Assert.Throws<ArgumentException>(() => DisplayLabels.Text("no-such-label"));
    }

    [Fact]
    public void Ingest_report_html_counts_read_accepted_rejected_and_lists_each_rule_with_its_reason()
    {
        var file = Path.Combine(Path.GetTempPath(), $"seg-dirty-{Guid.NewGuid():N}.csv");
        File.WriteAllText(file, "transaction_id,customer_id,timestamp,amount\nT1,C1,2026-01-01 10:00:00,5.00\nT2,,2026-01-01 10:00:00,5.00\nT3,C3,2026-01-02 10:00:00,0\nT1,C4,2026-01-03 10:00:00,2.00\n");
        try
        {
            // Zero amounts rejected (as `--zero-amounts reject`), so the table lists three rules.
            using var ws = DataWorkspace.Create(new IngestOptions(new DateTime(2026, 6, 30), CheckReferences: false, ZeroAmounts: ZeroAmountPolicy.Reject));
            ws.Ingest("transactions", file);

            var html = RichDisplay.IngestReport(ws.Report);

            Assert.Contains(">4<", html);   // read
            Assert.Contains(">1<", html);   // accepted
            Assert.Contains(">3<", html);   // rejected
            Assert.Contains("✓ 是 / Yes", html); // reconciles
            Assert.Contains(">missing<", html);
            Assert.Contains(">zero_amount<", html);
            Assert.Contains(">duplicate<", html);
            Assert.Contains("&#39;customer_id&#39; is required", html);
            Assert.Contains("按规则统计的拒绝行 / Rejects by rule", html);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void K_selection_html_bolds_each_index_choice_and_tints_the_recommended_k()
    {
        var result = new KSelectionResult(
        [
            new KSelectionRow(2, 100, 0.40, 0, 50, 0.9, 0.5, 0.01),
            new KSelectionRow(3, 60, 0.55, 0, 80, 0.7, 0.8, 0.01),
            new KSelectionRow(4, 50, 0.45, 0, 70, 0.6, 0.7, 0.01),
        ], BySilhouette: 3, ByCalinskiHarabasz: 3, ByDaviesBouldin: 4, ByGap: 3, RecommendedClusters: 3, Explanation: "k = 3: most indices agree.");

        var html = RichDisplay.KSelection(result);

        Assert.Contains("轮廓系数<br/>", html);
        Assert.Contains("font-weight:700\">0.5500<", html);   // silhouette's choice
        Assert.Contains("font-weight:700\">0.6000<", html);   // Davies-Bouldin's choice (k = 4)
        Assert.Contains("<tr style=\"background:#fff4d6\"><td style=\"border-bottom:1px solid #ddd;padding:3px 8px;text-align:right;font-variant-numeric:tabular-nums;font-weight:700\">3<", html);
        Assert.Contains("k = 3: most indices agree.", html);
        Assert.Contains("0.8000 ± 0.0100", html);
    }

    [Fact]
    public void Rfm_summary_counts_customers_and_shares_per_named_segment_in_rule_order()
    {
        var model = new RfmScorer(new RfmOptions(Monetary: MonetaryMeasure.NetSpend)).Fit(new DataFrame(
            new StringDataFrameColumn("customer_id", ["a", "b", "c", "d", "e"]),
            new Int64DataFrameColumn("recency_days", [1L, 2L, 300L, 400L, 5L]),
            new Int64DataFrameColumn("purchase_days", [10L, 9L, 1L, 1L, 8L]),
            new DoubleDataFrameColumn("net_amount", [100.0, 90, 5, 5, 80])));
        var scores = model.ScoreFrame(new DataFrame(
            new StringDataFrameColumn("customer_id", ["a", "b", "c", "d", "e"]),
            new Int64DataFrameColumn("recency_days", [1L, 2L, 300L, 400L, 5L]),
            new Int64DataFrameColumn("purchase_days", [10L, 9L, 1L, 1L, 8L]),
            new DoubleDataFrameColumn("net_amount", [100.0, 90, 5, 5, 80])));

        var summary = RfmSegmentSummary.From(scores, model);

        Assert.Equal(5, summary.Customers);
        Assert.Equal(5, summary.Rows.Sum(r => r.Customers));
        Assert.Equal(1.0, summary.Rows.Sum(r => r.Share), 12);
        Assert.Equal(1.0, summary.Rows.Sum(r => r.MonetaryShare), 12);
        var keys = scores["segment_key"].Cast<string>().ToArray();
        foreach (var row in summary.Rows)
        {
            var members = Enumerable.Range(0, 5).Where(i => keys[i] == row.Key).ToArray();
            Assert.Equal(members.Length, row.Customers);
            Assert.Equal(members.Average(i => (double)scores["monetary"][i]), row.MeanMonetary, 12);
        }
        var order = model.Rules.Select(r => r.Key).ToList();
        Assert.Equal(summary.Rows.Select(r => order.IndexOf(r.Key)).Order(), summary.Rows.Select(r => order.IndexOf(r.Key)));
        var html = RichDisplay.RfmSegments(summary);
        Assert.Contains(summary.Rows[0].NameZh + " / " + summary.Rows[0].NameEn, html);
    }

    [Fact]
    public void Numbers_are_formatted_culture_invariantly()
    {
        Assert.Equal("1234.57", HtmlText.Number(1234.5678));
        Assert.Equal("0.1235", HtmlText.Number(0.123456));
        Assert.Equal("42", HtmlText.Number(42));
        Assert.Equal("1.23457E+10", HtmlText.Number(12345678901.5));
        Assert.Equal("12,345", HtmlText.Count(12345));
        Assert.Equal("12.3%", HtmlText.Percent(0.1234));
        Assert.Equal("−∞", HtmlText.Number(double.NegativeInfinity));
    }
}

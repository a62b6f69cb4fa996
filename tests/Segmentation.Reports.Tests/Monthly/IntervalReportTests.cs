using System.Text.Json;
using System.Text.RegularExpressions;
using Segmentation.Analytics.Evaluation;
using Segmentation.Analytics.Serialization;
using Segmentation.Analytics.Statistics.Intervals;
using Segmentation.Reports.Monthly;
using Segmentation.Reports.Monthly.ViewModel;

namespace Segmentation.Reports.Tests.Monthly;

/// <summary>Issue 21, point 5: an interval on every estimate the monthly report prints, read back from the PDF (zh and en) and the
/// JSON, suppressed with the numbers, with the method of each stated in the appendix.</summary>
public sealed class IntervalReportTests(MonthlyReportFixture sample, TransactionsOnlyFixture retail)
    : IClassFixture<MonthlyReportFixture>, IClassFixture<TransactionsOnlyFixture>
{
    /// <summary>Text as PdfPig reads it, without whitespace (a wrapped line loses its space) and NFKC-normalised; the bundled font's
    /// en dash reads back as the figure dash U+2012, which is mapped back.</summary>
    private static string Squeezed(string text) => Regex.Replace(text.Normalize(System.Text.NormalizationForm.FormKC), @"\s+", "").Replace('\u2012', '\u2013');

    private static string PdfText(MonthlyEvaluation run, ReportLanguage language, ReportFormat? format = null) =>
        Squeezed(PdfReadBack.Read(new MonthlyReport(run, language, format).Compose().GeneratePdf()).AllText);

    /// <summary>The text of the page bodies only (running header and footer left out, as in <see cref="PageFillTests"/>), so a
    /// paragraph that continues on the next page reads as one.</summary>
    private static string BodyText(MonthlyEvaluation run, ReportLanguage language) =>
        Squeezed(string.Concat(PdfReadBack.Read(new MonthlyReport(run, language).Compose().GeneratePdf()).Pages
            .SelectMany(p => p.RawWords.Where(w => w.BoundingBox.Bottom > PageFillTests.BodyBottom && w.BoundingBox.Bottom < PageFillTests.BodyTop))
            .Select(w => w.Text)));

    private static string Bounds(string format, Interval i, Func<double, string> f) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, format, f(i.Lower), f(i.Upper));

    private static string Range(Interval i, Func<double, string> f) => Bounds(i.Lower < 0 || i.Upper < 0 ? "({0},{1})" : "({0}–{1})", i, f);

    [Theory]
    [InlineData(ReportLanguage.Zh)]
    [InlineData(ReportLanguage.En)]
    public void The_pdf_prints_the_interval_of_every_estimate_it_shows(ReportLanguage language)
    {
        var run = sample.Run;
        var text = PdfText(run, language);
        var intervals = EstimateIntervals.Compute(run.Result, run.Assignment);
        int last = run.Result.Kpis.Periods.Count - 1;
        string Money(double v) => v.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        string Pct(double v) => (v * 100).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
        int checkedSegments = 0;
        foreach (var s in run.Result.Segments.Where(s => run.Result.Kpis.Row(s.Key, last).Customers >= 10))
        {
            var ci = intervals.Segment(s.Key);
            // Overview: size, share, revenue share, mean CLV; KPIs: repeat rate, CSAT; churn: at-risk share, CLV per buyer, value at risk.
            Assert.Contains(Range(ci.Customers!, Money), text);
            Assert.Contains(Range(ci.Share!, Pct), text);
            Assert.Contains(Range(ci.MeanLifetimeValue!, Money), text);
            Assert.Contains(Range(ci.MeanBuyerLifetimeValue!, Money), text);
            Assert.Contains(Range(ci.AtRiskShare!, Pct), text);
            Assert.Contains(Range(ci.MeanCsat!, v => ReportFormat.Number(v)), text);
            if (ci.RepeatPurchaseRate is { } repeat) Assert.Contains(Range(repeat, Pct), text);
            var change = intervals.Change(ComparisonKind.BeforeAfter, s.Key, "revenue")!.Relative!;
            Assert.Contains(Range(change, v => ReportFormat.Relative(v)), text);
            // Every interval contains the number printed above it.
            foreach (var i in new[] { ci.Customers, ci.Share, ci.RevenueShare, ci.MeanLifetimeValue, ci.ValueAtRisk, ci.AtRiskShare, ci.MeanCsat, change })
                Assert.True(i!.Lower <= i.Estimate && i.Estimate <= i.Upper, $"{s.Key}: {i}");
            checkedSegments++;
        }
        Assert.Equal(6, checkedSegments);
        // The executive summary's block and the migration's note, in the report's language.
        var strings = ReportStrings.For(language);
        Assert.Contains(Squeezed(strings["intervals_heading"]), text);
        Assert.Contains(Squeezed(strings["migration_intervals_note"]), text);
        var total = intervals.Segment(KpiRow.AllCustomers);
        Assert.Contains(Range(total.Nps!, v => ReportFormat.Number(v, 1)), text);
        var revenue = intervals.Change(ComparisonKind.PeriodOverPeriod, KpiRow.AllCustomers, "revenue")!.Relative!;
        Assert.Contains(Range(revenue, v => ReportFormat.Relative(v)), text);
    }

    [Theory]
    [InlineData(ReportLanguage.Zh, new[] { "Wilson", "Clopper-Pearson", "BCa", "delta", "t区间" })]
    [InlineData(ReportLanguage.En, new[] { "Wilson", "Clopper-Pearson", "BCa", "delta", "Student t" })]
    public void The_appendix_states_the_method_of_every_interval(ReportLanguage language, string[] methods)
    {
        var text = BodyText(sample.Run, language);
        var paragraph = Squeezed(ReportStrings.For(language).Format("methodology_intervals", BootstrapInterval.DefaultReplicates, sample.Run.Result.Options.Seed,
            BootstrapInterval.LargeSample.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains(paragraph, text);
        foreach (var method in methods) Assert.Contains(Squeezed(method), paragraph);
        // After the methodology heading, not somewhere else.
        string heading = Squeezed(ReportStrings.For(language)["methodology"]);
        Assert.True(text.LastIndexOf(heading, StringComparison.Ordinal) < text.IndexOf(paragraph, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Intervals_are_the_same_for_the_same_run_on_any_thread_count()
    {
        var result = sample.Run.Result;
        string Json(EstimateIntervals e) => JsonSerializer.Serialize(e);
        string all = Json(EstimateIntervals.Compute(result, sample.Run.Assignment));
        string one = await Task.Factory.StartNew(() => Json(EstimateIntervals.Compute(result, sample.Run.Assignment)), CancellationToken.None,
            TaskCreationOptions.None, new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, 1).ConcurrentScheduler);
        Assert.Equal(all, one);
        Assert.NotEqual(all, Json(EstimateIntervals.Compute(result, sample.Run.Assignment, seed: 1)));
        // The bootstrap went into it: the CLV intervals are BCa, bounded away from the estimate.
        var clv = EstimateIntervals.Compute(result, sample.Run.Assignment).Segment(KpiRow.AllCustomers).MeanLifetimeValue!;
        Assert.Equal(IntervalMethod.Bootstrap, clv.Method);
        Assert.True(clv.Lower < clv.Estimate && clv.Estimate < clv.Upper);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(300)]
    [InlineData(600)]
    public void No_interval_is_printed_for_a_hidden_group_nor_one_that_gives_a_hidden_count_back(int minimum)
    {
        foreach (var run in new[] { sample.Run, retail.Run })
        {
            var format = new ReportFormat(minimum);
            var m = MonthlyReportModel.Create(run, new MonthlyReportOptions(ReportLanguage.En, format));
            var export = EvaluationExport.Create(run, format);
            int last = run.Result.Kpis.Periods.Count - 1;
            var segments = run.Result.Segments.ToArray();
            for (int i = 0; i < segments.Length; i++)
            {
                var key = segments[i].Key;
                var row = m.Overview.Table.Rows[i];
                bool hidden = export.SuppressedSegments.Contains(key) || format.Suppress(run.Result.Kpis.Row(key, last).Customers);
                if (hidden)
                {
                    Assert.True(row.Intervals is null || row.Intervals.All(x => x is null), $"overview {key}");
                    Assert.True(m.Kpis.Table.Rows[i].Intervals is null || m.Kpis.Table.Rows[i].Intervals!.All(x => x is null), $"KPIs {key}");
                    var json = export.Intervals!.Segments.Single(x => x.Segment == key);
                    Assert.Equal(new EvaluationExport.SegmentEstimateIntervals(key, null, null, null, null, null, null, null, null, null, null, null, null), json);
                }
                // A repeat rate's interval tells its active customers: none where the JSON hides that count.
                var kpis = export.Kpis.Single(x => x.Segment == key);
                int repeat = m.Kpis.Columns.ToList().IndexOf("repeat_rate");
                if (kpis.ActiveCustomers is null)
                {
                    Assert.Null(m.Kpis.Table.Rows[i].Intervals?[repeat]);
                    Assert.Null(export.Intervals!.Segments.Single(x => x.Segment == key).RepeatPurchaseRate);
                }
            }
            // Churn: no interval on an at-risk share or value whose count is hidden ("<k" or the dash), in the PDF and in the JSON.
            if (m.Churn.Table is { } churn)
                foreach (var row in churn.Rows)
                    if (!char.IsAsciiDigit(row.Cells[2][0])) Assert.True(row.Intervals is null || row.Intervals[3] is null && row.Intervals[5] is null, $"churn {row.Cells[0]}");
            foreach (var risk in export.ChurnRisk.Where(x => x.AtRiskCustomers is null))
            {
                var json = export.Intervals!.Segments.Single(x => x.Segment == risk.Segment);
                Assert.Null(json.AtRiskShare);
                Assert.Null(json.ValueAtRisk);
            }
            // Migration: an interval only under a printed share of a row whose total is not small (its width would tell the total).
            if (run.Result.Migration is { } migration && m.Migration.Heatmap is { Intervals: { } cells } heatmap)
                for (int r = 0; r < cells.Count; r++)
                {
                    long rowTotal = migration.Counts[r].Sum() + migration.Lost[r];
                    for (int c = 0; c < cells[r].Count; c++)
                        if (cells[r][c] is not null)
                        {
                            Assert.True(double.IsFinite(heatmap.RowShares[r][c]), $"interval under a hidden cell {r},{c}");
                            Assert.True(rowTotal >= minimum, $"interval in a row of {rowTotal} < {minimum}");
                            Assert.NotNull(export.SegmentMigration!.Counts[r][c]);
                        }
                }
        }
    }

    [Fact]
    public void Evaluate_json_carries_the_intervals_with_their_method()
    {
        var run = sample.Run;
        var export = EvaluationExport.Create(run);
        var intervals = EstimateIntervals.Compute(run.Result, run.Assignment);
        using var json = JsonDocument.Parse(ModelJson.Serialize(export));
        var root = json.RootElement;
        var block = root.EnumerateObject().Single(p => p.Name.Replace("_", "").Equals("intervals", StringComparison.OrdinalIgnoreCase)).Value;
        Assert.Equal(0.95, block.EnumerateObject().First(p => p.Name.Equals("confidence", StringComparison.OrdinalIgnoreCase)).Value.GetDouble());
        var first = run.Result.Segments[0].Key;
        var expected = intervals.Segment(first).Customers!;
        var size = export.Intervals!.Segments.Single(s => s.Segment == first).Customers!;
        Assert.Equal((expected.Estimate, expected.Lower, expected.Upper, "Wilson"), (size.Estimate, size.Lower, size.Upper, size.Method));
        Assert.Contains("ClopperPearson", root.GetRawText());
        Assert.Contains("Bootstrap", root.GetRawText());
        // Revenue's change carries its delta-method interval, a tested rate its test's interval.
        var total = export.PeriodOverPeriod.Single(c => c.Segment == KpiRow.AllCustomers);
        Assert.Equal("DeltaMethod", total.Changes.Single(c => c.Kpi == "revenue").Relative!.Method);
        var repeat = total.Changes.Single(c => c.Kpi == "repeat_purchase_rate").Difference!;
        Assert.Equal("ComparisonTest", repeat.Method);
        var test = run.Result.PeriodOverPeriod.Single(c => c.Segment == KpiRow.AllCustomers).Change("repeat_purchase_rate").Test!;
        Assert.Equal((test.Lower, test.Upper), (repeat.Lower, repeat.Upper));
    }
}

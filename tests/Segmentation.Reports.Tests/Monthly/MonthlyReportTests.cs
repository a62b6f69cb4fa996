using System.Globalization;
using System.Text.RegularExpressions;
using Segmentation.Analytics.Evaluation;
using Segmentation.Reports.Monthly;
using Segmentation.Data;

namespace Segmentation.Reports.Tests.Monthly;

public sealed class MonthlyReportTests(MonthlyReportFixture fixture) : IClassFixture<MonthlyReportFixture>
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private PdfReadBack Render(ReportLanguage language, ReportFormat? format = null) =>
        PdfReadBack.Read(new MonthlyReport(fixture.Run, language, format).Compose().GeneratePdf());

    private static HashSet<string> Words(PdfReadBack pdf) => pdf.Pages.SelectMany(p => p.Words).ToHashSet(StringComparer.Ordinal);

    [Theory]
    [InlineData(ReportLanguage.Zh, new[] { "客户细分管理效果评估报告", "1.执行摘要", "2.细分群体概览", "3.分群关键指标", "4.营销活动与策略效果", "5.客户迁移", "6.流失预警", "附录", "数据质量", "指标定义", "方法说明" })]
    [InlineData(ReportLanguage.En, new[] { "Customer segmentation effect evaluation", "1. Executive summary", "2. Segment overview", "3. KPIs per segment", "4. Campaign and strategy effects", "5. Migration", "6. Churn warning", "Appendix", "Data quality", "KPI definitions", "Methodology" })]
    public void Every_section_is_present(ReportLanguage language, string[] headings)
    {
        var text = Render(language).AllText.Replace(" ", "");
        foreach (var h in headings) Assert.Contains(h.Replace(" ", ""), text);
    }

    [Theory]
    [InlineData(ReportLanguage.Zh)]
    [InlineData(ReportLanguage.En)]
    public void The_numbers_printed_are_the_evaluation_engines_numbers(ReportLanguage language)
    {
        var result = fixture.Run.Result;
        var words = Words(Render(language));
        int last = result.Kpis.Periods.Count - 1;
        string N0(double v) => v.ToString("N0", Inv);

        // Segment overview and churn: customers per segment (none below 10 in the sample but the prospects).
        foreach (var s in result.Segments)
        {
            var row = result.Kpis.Row(s.Key, last);
            Assert.Contains(row.Customers >= 10 || row.Customers == 0 ? N0(row.Customers) : "<10", words);
        }
        Assert.Contains(N0(result.Kpis.Total(last).Customers), words);

        // Before/after revenue per segment (KPI section).
        foreach (var c in result.BeforeAfter.Where(c => result.Kpis.Row(c.Segment, last).Customers >= 10))
        {
            var revenue = c.Change("revenue");
            Assert.Contains(N0(revenue.Reference!.Value), words);
            Assert.Contains(N0(revenue.Current!.Value), words);
        }

        // Campaigns: incremental profit and cost.
        foreach (var u in result.Campaigns)
        {
            Assert.Contains(N0(u.IncrementalProfit), words);
            Assert.Contains(N0(u.Campaign.Cost), words);
        }

        // Churn warning: value at risk per segment.
        foreach (var s in result.ChurnRisk!.Segments.Where(s => s.Customers >= 10))
            Assert.Contains(N0(s.ValueAtRisk), words);

        // Appendix: rows read, accepted and rejected per table.
        foreach (var t in fixture.Run.DataQuality.Tables)
        {
            Assert.Contains(t.RowsRead.ToString("N0", Inv), words);
            Assert.Contains(t.Rejects.Count.ToString("N0", Inv), words);
        }
    }

    [Fact]
    public void No_customer_id_or_personal_data_is_printed()
    {
        foreach (var language in new[] { ReportLanguage.Zh, ReportLanguage.En })
        {
            var pdf = Render(language);
            var text = pdf.AllText;
            Assert.DoesNotMatch(new Regex(@"C\d{7}"), text);
            Assert.DoesNotMatch(new Regex(@"P[0-9a-f]{16}"), text);
            Assert.DoesNotContain("@", text);
            // Phone numbers as words (the joined page text runs axis ticks together, e.g. "05101520…").
            Assert.DoesNotContain(Words(pdf), w => Regex.IsMatch(w, @"^\+?1[3-9]\d{9}$"));
        }
    }

    [Fact]
    public void Groups_under_the_minimum_size_are_suppressed()
    {
        var result = fixture.Run.Result;
        int last = result.Kpis.Periods.Count - 1;
        var small = result.Segments.Select(s => result.Kpis.Row(s.Key, last)).Where(r => r.Customers is >= 10 and < 400).ToArray();
        Assert.NotEmpty(small); // business buyers: about 250 customers
        var words = Words(Render(ReportLanguage.En, new ReportFormat(MinimumGroupSize: 400)));
        Assert.Contains("<400", words);
        foreach (var row in small)
        {
            Assert.DoesNotContain(row.Customers.ToString("N0", Inv), words);
            var revenue = result.BeforeAfter.First(c => c.Segment == row.Segment).Change("revenue");
            Assert.DoesNotContain(revenue.Current!.Value.ToString("N0", Inv), words);
        }
    }

    [Fact]
    public void The_same_inputs_give_the_same_pdf()
    {
        var a = new MonthlyReport(fixture.Run, ReportLanguage.Zh).Compose().GeneratePdf();
        var b = new MonthlyReport(fixture.Run, ReportLanguage.Zh).Compose().GeneratePdf();
        Assert.Equal(a, b);
        // And a second evaluation of the same data with the saved model gives the same report text, but for the methodology
        // saying the model was fitted in the first run and loaded in the second.
        var again = MonthlyEvaluation.Run(Path.Combine(MonthlyReportFixture.Root, "data", "sample"), fixture.Options);
        Assert.False(again.ModelFitted);
        static string Squeezed(string text) => Regex.Replace(text.Normalize(System.Text.NormalizationForm.FormKC), @"\s+", "");
        string fitted = Squeezed(ReportStrings.For(ReportLanguage.Zh)["model_fitted"]), loaded = Squeezed(ReportStrings.For(ReportLanguage.Zh)["model_loaded"]);
        string first = Squeezed(PdfReadBack.Read(a).AllText), second = Squeezed(PdfReadBack.Read(new MonthlyReport(again, ReportLanguage.Zh).Compose().GeneratePdf()).AllText);
        Assert.Contains(fitted, first);
        Assert.Contains(loaded, second);
        Assert.Equal(first.Replace(fitted, ""), second.Replace(loaded, ""));
    }

    [Theory]
    [InlineData(ReportLanguage.Zh, "训练样本 100,000 / 954,321 位购买客户（随机抽样，种子 20261）")]
    [InlineData(ReportLanguage.En, "fitted on a random sample of 100,000 of 954,321 buyers (seed 20261)")]
    public void A_model_fitted_on_a_sample_says_so_on_the_cover(ReportLanguage language, string expected)
    {
        var sampled = fixture.Run with { Model = fixture.Run.Model with { Sample = new Segmentation.Analytics.Models.TrainingSample(100_000, 954_321, 20261) } };
        // Compared without whitespace (a wrapped line loses the space at the break) and NFKC-normalised, as the read-back text is.
        static string Squeezed(string text) => System.Text.RegularExpressions.Regex.Replace(text.Normalize(System.Text.NormalizationForm.FormKC), @"\s+", "");
        string Text(MonthlyEvaluation run) => Squeezed(PdfReadBack.Read(new MonthlyReport(run, language).Compose().GeneratePdf()).AllText);
        Assert.Contains(Squeezed(expected), Text(sampled));
        Assert.DoesNotContain(Squeezed(expected)[..8], Text(fixture.Run));
    }

    [Fact]
    public void Findings_name_the_largest_mover_the_best_campaign_and_the_biggest_risk()
    {
        var findings = new MonthlyReport(fixture.Run, ReportLanguage.En).Findings();
        Assert.Equal(3, findings.Count);
        var best = fixture.Run.Result.Campaigns.OrderByDescending(c => c.Conversion.IsSignificant).ThenByDescending(c => c.IncrementalProfit).First();
        Assert.Contains(best.Campaign.Name, findings[1]);
        var risk = fixture.Run.Result.ChurnRisk!.Segments.Where(s => s.Segment != KpiRow.AllCustomers).MaxBy(s => s.ValueAtRisk)!;
        Assert.Contains(fixture.Run.Result.Segments.First(s => s.Key == risk.Segment).NameEn, findings[2]);
    }
}

public sealed class MonthlyReportExperimentTests(MonthlyReportFixture fixture) : IClassFixture<MonthlyReportFixture>
{
    [Theory]
    [InlineData(ReportLanguage.Zh, "7.随机实验")]
    [InlineData(ReportLanguage.En, "7.Randomisedexperiment")]
    public void An_experiment_file_adds_its_section_with_the_analysis_numbers(ReportLanguage language, string heading)
    {
        var section = ExperimentSection.Analyze(Path.Combine(MonthlyReportFixture.Root, "data", "real", "hillstrom", "hillstrom.csv"),
            Segmentation.Experiments.ExperimentSchema.Hillstrom);
        var pdf = PdfReadBack.Read(new MonthlyReport(fixture.Run, language, null, section).Compose().GeneratePdf());
        Assert.Contains(heading, pdf.AllText.Replace(" ", ""));
        var words = pdf.Pages.SelectMany(p => p.Words).ToHashSet(StringComparer.Ordinal);
        // Mens E-Mail vs No E-Mail on spend: Hillstrom's published +$0.77 (0.770 here, Welch 95 % CI).
        var spend = section.Analysis.Effects.First(e => e.Arm == "Mens E-Mail" && e.Outcome == "spend");
        Assert.Equal(0.770, spend.Difference.Estimate, 3);
        Assert.Contains(ReportFormat.Number(spend.Difference.Estimate, 3), words);
        Assert.Contains(ReportFormat.Number(spend.MeanControl, 3), words);
    }
}

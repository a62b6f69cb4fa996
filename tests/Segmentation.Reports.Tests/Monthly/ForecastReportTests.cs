using System.Text;
using Segmentation.Analytics.Evaluation;
using Segmentation.Data;
using Segmentation.Reports.Monthly;

namespace Segmentation.Reports.Tests.Monthly;

/// <summary>
/// Section 6.1, next month's forecast, read back from the PDF: on the bundled sample (2026-10) the forecast for 2026-11 per
/// segment with 90 % predictive intervals and the recomputed forecast of 2026-10 beside its actuals, in zh and en; on Online
/// Retail (2011-11), where BG/NBD is not identified (a → 0, b → ∞), one sentence instead of numbers.
/// </summary>
public sealed class ForecastReportTests(MonthlyReportFixture fixture) : IClassFixture<MonthlyReportFixture>
{
    private static string Squeezed(string text) => text.Replace(" ", "").Replace("\n", "").Normalize(NormalizationForm.FormKC);

    private static string Range(ForecastRange r) =>
        Squeezed($"{ReportFormat.Money(r.Expected)} [{ReportFormat.Money(r.Lower)}, {ReportFormat.Money(r.Upper)}]");

    [Theory]
    [InlineData(ReportLanguage.En, "6.1Forecastfornextmonth(2026-11)", "Lastmonth(2026-10),forecastagainstactual", "90%predictiveintervals")]
    [InlineData(ReportLanguage.Zh, "6.1下月预测(2026-11)", "上月(2026-10)预测与实际", "90%预测区间")]
    public void Sample_report_prints_the_forecast_per_segment_and_last_months_check(ReportLanguage language, string heading, string previous, string intervals)
    {
        var forecast = fixture.Run.Result.Forecast!;
        Assert.True(forecast.Reliable, forecast.Reason);
        Assert.Equal(new DateOnly(2026, 11, 30), forecast.HorizonEnd);
        var text = Squeezed(PdfReadBack.Read(new MonthlyReport(fixture.Run, language).Compose().GeneratePdf()).AllText);
        Assert.Contains(Squeezed(heading), text);
        Assert.Contains(Squeezed(intervals), text);
        // The total row's three forecasts, each "expected [lower, upper]" as the evaluation computed them.
        var total = forecast.Segments.Single(s => s.Segment == KpiRow.AllCustomers);
        Assert.Contains(Range(total.Buyers), text);
        Assert.Contains(Range(total.Orders), text);
        Assert.Contains(Range(total.Revenue!), text);
        Assert.All(forecast.Segments, s =>
        {
            Assert.InRange(s.Orders.Expected, s.Orders.Lower, s.Orders.Upper);
            Assert.True(s.Buyers.Upper <= s.Customers, $"{s.Segment}: at most every customer buys");
        });
        // Last month's forecast, recomputed at 2026-09-30, beside what its customers did in October.
        var past = forecast.Previous!;
        Assert.Contains(Squeezed(previous), text);
        var pastTotal = past.Single(s => s.Segment == KpiRow.AllCustomers);
        Assert.Equal(past.Where(s => s.Segment != KpiRow.AllCustomers).Sum(s => s.ActualOrders), pastTotal.ActualOrders);
        Assert.Contains(Range(pastTotal.Orders), text);
        Assert.Contains(Squeezed(ReportFormat.Money(pastTotal.ActualOrders)), text);
        Assert.True(pastTotal.ActualBuyers <= pastTotal.ActualOrders);
    }

    [Theory]
    [InlineData(ReportLanguage.En, "Noforecastfornextmonth:theBG/NBDfitisnotidentifiedonthisdata(a→0,b→∞),soitspredictionsarenotreliable.")]
    [InlineData(ReportLanguage.Zh, "本期不作下月预测：BG/NBD模型在本数据上不可识别（a→0,b→∞），其预测不可靠。")]
    public void Online_retail_report_says_in_one_sentence_that_there_is_no_reliable_forecast(ReportLanguage language, string sentence)
    {
        var forecast = OnlineRetailNovember.Run.Result.Forecast!;
        Assert.False(forecast.Reliable);
        Assert.Empty(forecast.Segments);
        Assert.Contains(forecast.Diagnostics!.Bounds, b => b.Name == "a" && b.Limit == Analytics.Statistics.ParameterLimit.Zero);
        var text = Squeezed(PdfReadBack.Read(new MonthlyReport(OnlineRetailNovember.Run, language).Compose().GeneratePdf()).AllText);
        Assert.Contains(Squeezed(sentence), text);
        Assert.DoesNotContain(Squeezed(language == ReportLanguage.En ? "Lastmonth(" : "上月("), text);
    }
}

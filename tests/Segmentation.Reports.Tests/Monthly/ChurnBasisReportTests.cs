using Segmentation.Analytics.Evaluation;
using Segmentation.Data;
using Segmentation.Reports.Monthly;

namespace Segmentation.Reports.Tests.Monthly;

/// <summary>
/// The churn section says in one sentence when P(alive) is not used and why: on a transactions-only export (Online Retail,
/// 2011-11) the BG/NBD fit runs to a → 0, b → ∞ (nobody is seen to drop out), so the warning uses the recency rule; on the
/// bundled sample the fit is identified and P(alive) is used without that sentence.
/// </summary>
public sealed class ChurnBasisReportTests(MonthlyReportFixture fixture) : IClassFixture<MonthlyReportFixture>
{
    private static string Squeezed(string text) => text.Replace(" ", "").Replace("\n", "");

    [Theory]
    [InlineData(ReportLanguage.En, "P(alive)isnotusedthisperiod:theBG/NBDfitisnotidentifiedonthisdata(a→0,b→∞)", "exceeds2×theirownmeangapbetweenpurchases")]
    [InlineData(ReportLanguage.Zh, "本期未使用存活概率P(alive)：BG/NBD模型在本数据上不可识别（a→0,b→∞）", "超过自身平均购买间隔2倍")]
    public void Report_on_online_retail_states_that_p_alive_is_not_used_and_why(ReportLanguage language, string why, string rule)
    {
        var churn = OnlineRetailNovember.Run.Result.ChurnRisk!;
        Assert.False(churn.UsesProbabilityAlive);
        Assert.Contains(churn.Purchases.Diagnostics!.Bounds, b => b.Name == "a" && b.Limit == Analytics.Statistics.ParameterLimit.Zero);
        var text = Squeezed(PdfReadBack.Read(new MonthlyReport(OnlineRetailNovember.Run, language).Compose().GeneratePdf()).AllText);
        // PdfReadBack normalises to NFKC (full-width "（：" read back as "(:"): the expected text is normalised the same way
        Assert.Contains(why.Normalize(System.Text.NormalizationForm.FormKC), text);
        Assert.Contains(rule.Normalize(System.Text.NormalizationForm.FormKC), text);
        // the median own gap of repeat customers, in days, is printed for one-time buyers
        Assert.Contains(Squeezed(ReportFormat.Number(churn.PopulationGapWeeks * 7, 0)), text);
        // P(alive) of a fit that is not identified is not printed: every segment's mean P(alive) is a dash
        Assert.All(churn.Segments, s => Assert.True(double.IsNaN(s.MeanProbabilityAlive) || s.Customers == 0));
        // the dormant segment is flagged by the recency rule (it was 0 % "at risk" with P(alive) = 100 % before)
        Assert.True(churn.Total.AtRiskCustomers > 0);
    }

    [Theory]
    [InlineData(ReportLanguage.En, "P(alive)isnotused")]
    [InlineData(ReportLanguage.Zh, "未使用存活概率")]
    public void Report_on_the_sample_uses_p_alive_without_the_sentence(ReportLanguage language, string sentence)
    {
        Assert.True(fixture.Run.Result.ChurnRisk!.UsesProbabilityAlive, fixture.Run.Result.ChurnRisk.Purchases.Diagnostics?.ToString());
        var text = Squeezed(PdfReadBack.Read(new MonthlyReport(fixture.Run, language).Compose().GeneratePdf()).AllText);
        Assert.DoesNotContain(sentence, text);
    }
}

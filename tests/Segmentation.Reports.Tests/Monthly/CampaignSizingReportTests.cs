using System.Globalization;
using Segmentation.Analytics.Evaluation;
using Segmentation.Reports.Monthly;

namespace Segmentation.Reports.Tests.Monthly;

/// <summary>
/// The playbook page prints the control group each proposed campaign needs, and the campaigns page flags the past campaigns too
/// small for their planned lift — read back from the PDF in Chinese and English, with small groups still suppressed. The sizes
/// themselves come from <see cref="CampaignPower"/>, which tests/Segmentation.Analytics.Tests checks against statsmodels.
/// </summary>
public sealed class CampaignSizingReportTests(MonthlyReportFixture fixture) : IClassFixture<MonthlyReportFixture>
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private PdfReadBack Render(ReportLanguage language, ReportFormat? format = null) =>
        PdfReadBack.Read(new MonthlyReport(fixture.Run, language, format).Compose().GeneratePdf());

    private static string Squeezed(string s) => s.Replace(" ", "", StringComparison.Ordinal);

    /// <summary>The words of the page holding <paramref name="heading"/> and of the page after it (a table may break there).</summary>
    private static HashSet<string> WordsFrom(PdfReadBack pdf, string heading)
    {
        int i = pdf.Pages.ToList().FindIndex(p => Squeezed(p.Text).Contains(Squeezed(heading), StringComparison.Ordinal));
        Assert.True(i >= 0, $"no page holds '{heading}'");
        return pdf.Pages.Skip(i).Take(2).SelectMany(p => p.Words).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The report text (spaces removed) from <paramref name="start"/> to <paramref name="end"/>: one section's tables.</summary>
    private static string Section(PdfReadBack pdf, string start, string end)
    {
        var text = Squeezed(pdf.AllText);
        int i = text.IndexOf(Squeezed(start), StringComparison.Ordinal), j = text.IndexOf(Squeezed(end), i + 1, StringComparison.Ordinal);
        Assert.True(i >= 0 && j > i, $"no section from '{start}' to '{end}'");
        return text[i..j];
    }

    private int Last => fixture.Run.Result.Kpis.Periods.Count - 1;

    [Theory]
    [InlineData(ReportLanguage.Zh, "下期活动所需对照组")]
    [InlineData(ReportLanguage.En, "Control groups the next campaigns need")]
    public void Playbook_page_prints_the_control_group_each_proposed_campaign_needs(ReportLanguage language, string heading)
    {
        var result = fixture.Run.Result;
        var words = WordsFrom(Render(language), heading);
        int sized = 0;
        foreach (var r in result.Recommendations.Where(r => r.Strategy is not null))
        {
            var row = result.Kpis.Row(r.Segment.Key, Last);
            double? rate = row.ActiveRate;
            if (rate is > 0 && rate * 1.1 < 1)
            {
                // +10 % relative over the segment's conversion in the report month, two-sided α = 5 %, power 80 %, 1:1.
                long control = CampaignPower.ProportionSampleSize(rate.Value, 0.1 * rate.Value, new PowerOptions()).Control;
                Assert.Contains(control.ToString("N0", Inv), words);
                sized++;
            }
            double mean = row.Counts.Revenue / row.Customers;
            if (mean > 0 && row.Customers >= 2)
            {
                double sd = Math.Sqrt((row.Counts.RevenueSquares - row.Customers * mean * mean) / (row.Customers - 1));
                long control = CampaignPower.MeanSampleSize(0.1 * mean, new MeanSpread(sd), new PowerOptions()).Control;
                Assert.Contains(control.ToString("N0", Inv), words);
                sized++;
            }
        }
        Assert.True(sized >= 6, $"only {sized} sizes checked");
    }

    [Theory]
    [InlineData(ReportLanguage.Zh, "往期活动的样本量是否足够", "样本量不足以检出计划提升", "不足", "足够")]
    [InlineData(ReportLanguage.En, "Were past campaigns large enough?", "Too small to detect the planned lift", "too small", "adequate")]
    public void Campaigns_page_flags_the_campaigns_too_small_for_their_planned_lift(ReportLanguage language, string heading, string flag, string tooSmall, string adequate)
    {
        var pdf = Render(language);
        var words = WordsFrom(pdf, heading);
        var text = Squeezed(pdf.AllText);
        var checks = fixture.Run.Result.Campaigns.Select(u => (Campaign: u, Check: CampaignPowerCheck.Of(u))).Where(x => x.Check is not null).ToArray();
        Assert.Contains(checks, x => x.Check!.TooSmall);
        Assert.Contains(checks, x => !x.Check!.TooSmall); // the sample holds both kinds
        int start = text.IndexOf(Squeezed(flag), StringComparison.Ordinal);
        Assert.True(start >= 0, "no too-small sentence");
        string sentence = text[start..(text.IndexOf(language == ReportLanguage.Zh ? "。" : ".", start + flag.Length, StringComparison.Ordinal) + 1)];
        foreach (var (u, check) in checks)
        {
            Assert.Contains(ReportFormat.Percent(check!.AchievedPower), words);
            Assert.Contains(ReportFormat.Relative(check.DetectableRelativeLift), words);
            if (check.TooSmall) Assert.Contains(Squeezed(u.Campaign.Name), sentence);
            else Assert.DoesNotContain(Squeezed(u.Campaign.Name), sentence);
        }
        var section = Section(pdf, heading, language == ReportLanguage.Zh ? "策略手册" : "Strategy playbook");
        Assert.Contains(Squeezed(tooSmall), section);
        Assert.Contains(Squeezed(adequate), section);
    }

    [Fact]
    public void Suppressed_segments_and_campaigns_print_no_sizes_or_power()
    {
        var result = fixture.Run.Result;
        // 400: the business buyers (about 250 customers) are hidden, and every campaign has a group under 400.
        var format = new ReportFormat(MinimumGroupSize: 400);
        var pdf = Render(ReportLanguage.En, format);
        var playbook = Section(pdf, "Control groups the next campaigns need", "Next period's marketing budget");
        var hidden = result.Recommendations.Where(r => r.Strategy is not null && result.Kpis.Row(r.Segment.Key, Last).Customers is > 0 and < 400).ToArray();
        Assert.NotEmpty(hidden);
        foreach (var r in hidden)
        {
            var row = result.Kpis.Row(r.Segment.Key, Last);
            var sizing = CampaignSizing.Plan(SegmentBaseline.FromKpiRow(row));
            Assert.NotNull(sizing.Conversion);
            Assert.DoesNotContain(sizing.Conversion!.Control.ToString("N0", Inv), playbook);
            Assert.DoesNotContain(sizing.Spend!.Control.ToString("N0", Inv), playbook);
        }
        // From the end of the rule (which names the planned +10.0 %) to the next heading: the table only.
        var campaigns = Section(pdf, "does not show that it did not work.", "Strategy playbook");
        var text = Squeezed(pdf.AllText);
        foreach (var u in result.Campaigns.Where(u => format.Suppress(u.TreatedCustomers) || format.Suppress(u.ControlCustomers)))
        {
            var check = CampaignPowerCheck.Of(u)!;
            Assert.DoesNotContain(ReportFormat.Percent(check.AchievedPower), campaigns);
            Assert.DoesNotContain(ReportFormat.Relative(check.DetectableRelativeLift), campaigns);
        }
        Assert.DoesNotContain(Squeezed("Too small to detect the planned lift"), text);
        Assert.DoesNotContain("toosmall", campaigns);
        Assert.DoesNotContain("adequate", campaigns);
    }
}

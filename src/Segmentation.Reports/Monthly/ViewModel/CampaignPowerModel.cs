using Segmentation.Analytics.Evaluation;

namespace Segmentation.Reports.Monthly.ViewModel;

/// <summary>
/// Whether each past randomised campaign was big enough for the lift it was planned for (<see cref="CampaignPowerCheck"/>: power of
/// its actual group sizes for +10 % relative over its control's conversion, and the smallest lift they could detect).
/// </summary>
/// <param name="Heading">Sub-heading.</param>
/// <param name="Rule">The planned lift, α and the power threshold, in one sentence.</param>
/// <param name="Table">Campaign, treated/control, control conversion, power for the planned lift, smallest detectable lift, verdict
/// ("too small" or "adequate"); suppressed campaigns show dashes.</param>
/// <param name="TooSmall">Campaigns flagged too small, in one sentence; null when none is.</param>
public sealed record CampaignPowerModel(string Heading, string Rule, ReportTable Table, string? TooSmall)
{
    internal static CampaignPowerModel? Create(ReportContext c, Func<CampaignUplift, bool> hidden)
    {
        var text = c.Text;
        var checks = c.Result.Campaigns.Select(u => (Campaign: u, Check: CampaignPowerCheck.Of(u))).Where(x => x.Check is not null).ToArray();
        if (checks.Length == 0) return null;
        var rows = checks.Select(x =>
        {
            var (u, check) = (x.Campaign, x.Check!);
            bool hide = hidden(u);
            string Cell(string value) => ReportContext.Unless(hide, value);
            return new ReportTableRow(
            [
                u.Campaign.Name, $"{c.Format.Count(u.TreatedCustomers)}/{c.Format.Count(u.ControlCustomers)}",
                Cell(ReportFormat.Percent(check.BaselineRate)), Cell(ReportFormat.Percent(check.AchievedPower)),
                Cell(check.DetectableRelativeLift is { } l ? ReportFormat.Relative(l) : ReportFormat.Dash),
                Cell(text[check.TooSmall ? "power_too_small" : "power_adequate"]),
            ]);
        });
        var small = checks.Where(x => !hidden(x.Campaign) && x.Check!.TooSmall).Select(x => x.Campaign.Campaign.Name).ToArray();
        var header = new[] { text["campaign"], text["treated_control"], text["power_control_conversion"], text["power_for_planned"], text["power_detectable"], text["power_verdict"] };
        return new CampaignPowerModel(text["power_heading"],
            text.Format("power_rule", ReportFormat.Relative(CampaignSizing.DefaultRelativeLift), ReportFormat.Percent(0.8)),
            new ReportTable(header, [.. rows]),
            small.Length == 0 ? null : text.Format("power_too_small_list", string.Join(text["list_separator"], small), ReportFormat.Relative(CampaignSizing.DefaultRelativeLift)));
    }
}

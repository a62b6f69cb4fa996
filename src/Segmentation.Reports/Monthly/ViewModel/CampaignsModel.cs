using Segmentation.Analytics.Evaluation;

namespace Segmentation.Reports.Monthly.ViewModel;

/// <summary>Section 4: every campaign's uplift with its evidence, and a forest plot of the campaigns shown.</summary>
/// <param name="Heading">Section heading.</param>
/// <param name="Table">Campaign, target, treated/control, conversion uplift [95 % CI], p, incremental profit, cost, ROI, evidence;
/// null when there was no campaign.</param>
/// <param name="Forest">Conversion uplift of the campaigns whose groups are not suppressed; null when there was no campaign.</param>
/// <param name="Notice">Printed instead of the table when there was no campaign.</param>
public sealed record CampaignsModel(string Heading, ReportTable? Table, ForestChartModel? Forest, string Notice)
{
    /// <summary>The campaign targets that match no segment of the model, in one sentence; null when every target matched.</summary>
    public string? UnmatchedTargets { get; init; }

    /// <summary>Targets the model does not name, resolved by where the treated customers are ("a → segment (96 %)"), or null.</summary>
    public string? TargetsByLanding { get; init; }

    /// <summary>Whether each randomised campaign was large enough for its planned lift; null when none can be checked.</summary>
    public CampaignPowerModel? Power { get; init; }

    internal static CampaignsModel Create(ReportContext c)
    {
        var text = c.Text;
        var campaigns = c.Result.Campaigns;
        if (campaigns.Count == 0) return new CampaignsModel(text["s4"], null, null, text["no_campaigns"]);
        bool Hidden(CampaignUplift u) => c.Format.Suppress(u.TreatedCustomers) || c.Format.Suppress(u.ControlCustomers);
        var rows = campaigns.Select(u =>
        {
            bool hide = Hidden(u);
            var conversion = u.Conversion;
            return new ReportTableRow(
            [
                u.Campaign.Name,
                c.TargetName(u),
                $"{c.Format.Count(u.TreatedCustomers)}/{c.Format.Count(u.ControlCustomers)}",
                ReportContext.Unless(hide, ReportContext.Interval(ReportFormat.Points, conversion.Estimate, conversion.Lower, conversion.Upper)),
                ReportContext.Unless(hide, ReportFormat.P(conversion.PValue)),
                ReportContext.Unless(hide, ReportFormat.Money(u.IncrementalProfit)),
                ReportFormat.Money(u.Campaign.Cost),
                ReportContext.Unless(hide, ReportFormat.Percent(u.Roi)),
                text[u.Evidence == EvidenceStrength.Randomised ? "randomised" : "quasi"],
            ]);
        });
        var shown = campaigns.Where(u => !Hidden(u)).ToArray();
        var forest = new ForestChartModel(text["forest"], [.. shown.Select(u => u.Campaign.Name)], [.. shown.Select(u => u.Conversion.Estimate)],
            [.. shown.Select(u => u.Conversion.Lower)], [.. shown.Select(u => u.Conversion.Upper)]);
        var unmatched = campaigns.Where(u => c.TargetSegment(u) is null).Select(u => u.Campaign.TargetSegment).Distinct(StringComparer.Ordinal).ToArray();
        string? unmatchedNote = unmatched.Length == 0 ? null : text.Format("unknown_targets", string.Join(text["list_separator"], unmatched));
        // Targets the model does not name, read from where the treated customers are: say so, with the share, so nobody takes the
        // label for the model's own.
        var landed = campaigns.Where(u => c.TargetSegment(u.Campaign.TargetSegment) is null && c.LandingSegment(u) is not null)
            .Select(u => text.Format("target_landing_item", u.Campaign.Name, c.Name(c.LandingSegment(u)!), ReportFormat.Percent(u.TreatedSegmentShare)))
            .Distinct(StringComparer.Ordinal).ToArray();
        string? landedNote = landed.Length == 0 ? null : text.Format("targets_by_landing", string.Join(text["list_separator"], landed));
        var header = new[] { "campaign", "target", "treated_control", "conversion_uplift", "p_value" }.Select(id => text[id])
            .Concat([c.MoneyHeader("incremental_profit"), c.MoneyHeader("cost"), text["roi"], text["evidence"]]);
        return new CampaignsModel(text["s4"], new ReportTable([.. header], [.. rows]), forest, text["no_campaigns"]) { UnmatchedTargets = unmatchedNote, TargetsByLanding = landedNote, Power = CampaignPowerModel.Create(c, Hidden) };
    }
}

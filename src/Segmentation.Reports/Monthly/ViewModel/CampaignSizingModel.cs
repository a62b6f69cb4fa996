using System.Globalization;
using Segmentation.Analytics.Evaluation;

namespace Segmentation.Reports.Monthly.ViewModel;

/// <summary>
/// The control group each proposed campaign (one per playbook segment) needs: from the segment's conversion and spend per customer
/// in the report period and the planned lift (<see cref="CampaignSizing.DefaultRelativeLift"/>, +10 % relative), two-sided α = 5 %,
/// power 80 %, treatment:control 1:1.
/// </summary>
/// <param name="Heading">Sub-heading.</param>
/// <param name="Rule">How the sizes were computed, in one sentence.</param>
/// <param name="Table">Segment, customers, conversion, control for the conversion lift, spend per customer, control for the spend lift,
/// whether the segment is big enough (or the lift it could detect); spend with two decimals (−0 printed as 0.00). A suppressed segment shows only its name and count.</param>
public sealed record CampaignSizingModel(string Heading, string Rule, ReportTable Table)
{
    internal static CampaignSizingModel? Create(ReportContext c)
    {
        var text = c.Text;
        var proposed = c.Result.Recommendations.Where(r => r.Strategy is not null).ToArray();
        if (proposed.Length == 0) return null;
        var options = new PowerOptions();
        var rows = proposed.Select(r =>
        {
            var row = c.Latest(r.Segment.Key);
            bool hide = c.Suppressed(r.Segment.Key) || c.Format.Suppress(row.Customers);
            var sizing = CampaignSizing.Plan(SegmentBaseline.FromKpiRow(row), CampaignSizing.DefaultRelativeLift, options);
            string Cell(string value) => ReportContext.Unless(hide, value);
            string verdict = sizing.Conversion is not null
                ? sizing.ConversionFits ? text["sizing_fits"]
                  : sizing.ConversionDetectableLiftWithSegment is { } lift ? text.Format("sizing_too_small", ReportFormat.Relative(lift))
                  : text["sizing_too_small_any"]
                : sizing.Baseline.ConversionRate is not > 0 ? text["sizing_no_baseline"]
                : sizing.Spend is null ? text.Format("sizing_rate_ceiling", ReportFormat.Relative(sizing.RelativeLift))
                : text.Format(sizing.SpendFits ? "sizing_spend_fits" : "sizing_spend_too_small", ReportFormat.Relative(sizing.RelativeLift));
            return new ReportTableRow(
            [
                c.Name(r.Segment), c.Customers(r.Segment.Key),
                Cell(ReportFormat.Percent(sizing.Baseline.ConversionRate)), Cell(sizing.Conversion is { } p ? ReportFormat.Whole(p.Control) : ReportFormat.Dash),
                Cell((Math.Round(sizing.Baseline.SpendMean, 2) + 0.0).ToString("N2", CultureInfo.InvariantCulture)), Cell(sizing.Spend is { } s ? ReportFormat.Whole(s.Control) : ReportFormat.Dash),
                Cell(verdict),
            ]);
        });
        var header = new[] { text["segment"], text["customers"], text["sizing_conversion"], text["sizing_control_conversion"],
            c.MoneyHeader("sizing_spend"), text["sizing_control_spend"], text["sizing_verdict"] };
        return new CampaignSizingModel(text["sizing_heading"],
            text.Format("sizing_rule", ReportFormat.Relative(CampaignSizing.DefaultRelativeLift), c.ReportPeriod.Label), new ReportTable(header, [.. rows]));
    }
}

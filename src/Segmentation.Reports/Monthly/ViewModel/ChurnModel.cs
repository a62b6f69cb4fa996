using Segmentation.Analytics.Evaluation;
namespace Segmentation.Reports.Monthly.ViewModel;

/// <summary>Section 6: at-risk customers and value at risk per segment.</summary>
/// <param name="Heading">Section heading.</param>
/// <param name="Table">Segment, customers, at-risk customers and share, mean CLV, value at risk, mean P(alive); null when the churn
/// models could not be fitted.</param>
/// <param name="Notice">Printed instead of the table when the churn models could not be fitted.</param>
public sealed record ChurnModel(string Heading, ReportTable? Table, string Notice)
{
    internal static ChurnModel Create(ReportContext c)
    {
        var text = c.Text;
        if (c.Result.ChurnRisk is not { } churn) return new ChurnModel(text["s6"], null, text["no_churn"]);
        // Small-group suppression (not the churn logic): the report-wide hidden segments, and at-risk counts under the minimum
        // hidden with a complement (the total row gives their sum) and without their share (share × customers = the count).
        var segments = churn.Segments.ToArray();
        var atRiskHidden = SmallGroupSuppression.Line([.. segments.Select(s => s.Segment == KpiRow.AllCustomers ? 0 : s.AtRiskCustomers)], c.Format.MinimumGroupSize);
        var rows = segments.Select((s, i) =>
        {
            bool hide = c.Suppressed(s.Segment);
            bool hideRisk = hide || atRiskHidden[i];
            return new ReportTableRow(
            [
                c.SegmentName(s.Segment),
                s.Segment == KpiRow.AllCustomers ? c.Format.Count(s.Customers) : c.Customers(s.Segment),
                ReportContext.Unless(hideRisk && !(c.Format.Suppress(s.AtRiskCustomers) && s.AtRiskCustomers > 0), c.Format.Count(s.AtRiskCustomers)),
                ReportContext.Unless(hideRisk, ReportFormat.Percent(s.AtRiskShare)),
                ReportContext.Unless(hide, ReportFormat.Money(s.Customers > 0 ? s.LifetimeValue / s.Customers : null)),
                ReportContext.Unless(hide, ReportFormat.Money(s.ValueAtRisk)),
                ReportContext.Unless(hide, ReportFormat.Percent(s.MeanProbabilityAlive)),
            ]);
        });
        return new ChurnModel(text["s6"], c.Table(["segment", "customers", "at_risk", "at_risk_share", "clv", "value_at_risk", "p_alive"], rows), text["no_churn"]);
    }
}

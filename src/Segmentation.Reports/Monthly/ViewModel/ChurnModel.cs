using Segmentation.Analytics.Evaluation;
using Segmentation.Analytics.Statistics;

namespace Segmentation.Reports.Monthly.ViewModel;

/// <summary>Section 6: at-risk customers and value at risk per segment.</summary>
/// <param name="Heading">Section heading.</param>
/// <param name="Table">Segment, customers, at-risk customers and share, mean CLV, value at risk, mean P(alive); null when the churn
/// models could not be fitted.</param>
/// <param name="Notice">Printed instead of the table when the churn models could not be fitted.</param>
/// <param name="Basis">Printed above the table when P(alive) is not used (the BG/NBD fit is not identified): why, and the recency rule used
/// instead; null when P(alive) is used.</param>
public sealed record ChurnModel(string Heading, ReportTable? Table, string Notice, string? Basis = null)
{
    /// <summary>What the brackets under the numbers are (95 % intervals; methods in the appendix); null without a table.</summary>
    public string? IntervalNote { get; init; }

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
            var ci = c.Intervals.Segment(s.Segment);
            bool estimate = !hide && s.Customers > 0 && !c.Format.Suppress(s.Customers);
            return new ReportTableRow(
            [
                c.SegmentName(s.Segment),
                s.Segment == KpiRow.AllCustomers ? c.Format.Count(s.Customers) : c.Customers(s.Segment),
                ReportContext.Unless(hideRisk && !(c.Format.Suppress(s.AtRiskCustomers) && s.AtRiskCustomers > 0), c.Format.Count(s.AtRiskCustomers)),
                ReportContext.Unless(hideRisk, ReportFormat.Percent(s.AtRiskShare)),
                ReportContext.Unless(hide, ReportFormat.Money(s.Customers > 0 ? s.LifetimeValue / s.Customers : null)),
                ReportContext.Unless(hide, ReportFormat.Money(s.ValueAtRisk)),
                ReportContext.Unless(hide, ReportFormat.Percent(s.MeanProbabilityAlive)),
            ])
            {
                // Intervals under the estimates that print; none on a hidden at-risk count's share or value (a few customers' CLV).
                Intervals = [null, null, null, estimate && !hideRisk ? c.PercentBounds(ci.AtRiskShare) : null,
                    estimate ? c.Bounds(ci.MeanBuyerLifetimeValue, ReportFormat.Money) : null,
                    estimate && !hideRisk ? c.Bounds(ci.ValueAtRisk, ReportFormat.Money) : null, null],
            };
        });
        string? basis = churn.UsesProbabilityAlive ? null : text.Format("churn_no_p_alive", Reason(churn.Purchases.Diagnostics),
            ReportFormat.Number(churn.Warning.RhythmMultiple, 0), ReportFormat.Number(churn.PopulationGapWeeks * 7, 0));
        // Fitted on a sample of the customers (the segments kept in the engine): say so, and how large it was.
        if (churn.SampleSegments is { } sample)
        {
            string note = text.Format("churn_sampled", c.Format.Count(sample[^1].Customers), c.Format.Count(churn.Total.Customers));
            basis = basis is null ? note : note + " " + basis;
        }
        return new ChurnModel(text["s6"], c.Table(["segment", "customers", "at_risk", "at_risk_share", "clv", "value_at_risk", "p_alive"], rows), text["no_churn"], basis)
            { IntervalNote = text["intervals_note"] };
    }

    /// <summary>The parameters at a bound ("a → 0, b → ∞"), or the condition of the information matrix when none is.</summary>
    internal static string Reason(FitDiagnostics? d) => d switch
    {
        { Bounds.Count: > 0 } => string.Join(", ", d.Bounds.Select(b => $"{b.Name} → {(b.Limit == ParameterLimit.Zero ? "0" : "∞")}")),
        { ConditionNumber: { } k } => "cond = " + ReportFormat.Number(k, 0),
        _ => "cond = ∞",
    };
}

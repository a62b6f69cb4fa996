namespace Segmentation.Analytics.Evaluation;

/// <summary>
/// Everything the monthly management report and the notebook show for one month: KPI table, comparisons, before/after,
/// campaign uplift, migration, drift, churn warning, strategies and budget. Immutable; every figure carries its unit in its
/// type's documentation.
/// </summary>
/// <param name="Options">The options it was computed with.</param>
/// <param name="Segments">The segment definitions.</param>
/// <param name="Kpis">KPI table over the periods (the last = the report month), CLV filled for the last period.</param>
/// <param name="PeriodOverPeriod">Last period vs the one before, per segment and total.</param>
/// <param name="YearOverYear">Last period vs the same period a year earlier (empty when the table is shorter than a year).</param>
/// <param name="Windows">KPI table of the baseline and evaluation windows (null without a management start).</param>
/// <param name="BeforeAfter">Evaluation vs baseline window, per segment and total (empty without windows).</param>
/// <param name="Campaigns">Uplift of every campaign.</param>
/// <param name="Migration">Migration from the previous assignment (null when none was given).</param>
/// <param name="Drift">Drift against the model's training data (null when no reference was given).</param>
/// <param name="ChurnRisk">At-risk customers and value at risk per segment (null when the models could not be fitted).</param>
/// <param name="Recommendations">Playbook strategy per segment.</param>
/// <param name="Budget">Budget allocation (null when the budget is 0).</param>
public sealed record EvaluationResult(
    EvaluationOptions Options,
    IReadOnlyList<SegmentDefinition> Segments,
    KpiTable Kpis,
    IReadOnlyList<KpiComparison> PeriodOverPeriod,
    IReadOnlyList<KpiComparison> YearOverYear,
    KpiTable? Windows,
    IReadOnlyList<KpiComparison> BeforeAfter,
    IReadOnlyList<CampaignUplift> Campaigns,
    SegmentMigration? Migration,
    DriftReport? Drift,
    ChurnRiskSummary? ChurnRisk,
    IReadOnlyList<SegmentRecommendation> Recommendations,
    BudgetAllocation? Budget)
{
    /// <summary>Next month's buyers, orders and revenue per segment with intervals, and last month's forecast against its actuals
    /// (null when the models could not be fitted at all; <see cref="NextPeriodForecast.Reliable"/> false when the fit is not identified).</summary>
    public NextPeriodForecast? Forecast { get; init; }
}

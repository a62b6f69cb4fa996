namespace Segmentation.Analytics.Evaluation;

/// <summary>What a KPI comparison compares.</summary>
public enum ComparisonKind
{
    /// <summary>The report period against the one before it.</summary>
    PeriodOverPeriod,
    /// <summary>The report period against the same period a year earlier.</summary>
    YearOverYear,
    /// <summary>The evaluation window (after the start of segment-based management) against the baseline window before it.</summary>
    BeforeAfter,
}

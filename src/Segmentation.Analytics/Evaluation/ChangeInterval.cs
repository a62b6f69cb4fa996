using Segmentation.Analytics.Statistics.Intervals;

namespace Segmentation.Analytics.Evaluation;

/// <summary>The interval of one KPI change of one segment between two periods.</summary>
/// <param name="Kind">Period over period, year over year, or before/after.</param>
/// <param name="Segment">Segment key or <see cref="KpiRow.AllCustomers"/>.</param>
/// <param name="Kpi">KPI key (<see cref="KpiDefinitions"/>).</param>
/// <param name="Absolute">Interval of current − reference in the KPI's unit (the comparison's test interval; for revenue the delta method
/// on the two totals); null when the change has none.</param>
/// <param name="Relative">Interval of current / reference − 1 (revenue only: the delta method on the ratio of the two totals); null
/// otherwise.</param>
public sealed record ChangeInterval(ComparisonKind Kind, string Segment, string Kpi, Interval? Absolute, Interval? Relative);

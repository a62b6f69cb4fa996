namespace Segmentation.Analytics.Evaluation;

/// <summary>All KPI changes of one segment (or all customers) between two periods.</summary>
/// <param name="Kind">Period over period, year over year, or before/after.</param>
/// <param name="Segment">Segment key or <see cref="KpiRow.AllCustomers"/>.</param>
/// <param name="Current">The current (later) period.</param>
/// <param name="Reference">The reference (earlier) period.</param>
/// <param name="Changes">One change per KPI, in <see cref="KpiDefinitions"/> order.</param>
public sealed record KpiComparison(ComparisonKind Kind, string Segment, KpiPeriod Current, KpiPeriod Reference, IReadOnlyList<KpiChange> Changes)
{
    /// <summary>The change of a KPI key.</summary>
    /// <exception cref="KeyNotFoundException">Unknown key.</exception>
    public KpiChange Change(string key) => Changes.FirstOrDefault(c => c.Key == key) ?? throw new KeyNotFoundException($"No change for KPI '{key}'.");
}

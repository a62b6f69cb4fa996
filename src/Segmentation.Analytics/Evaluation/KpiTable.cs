using Microsoft.Data.Analysis;

namespace Segmentation.Analytics.Evaluation;

/// <summary>
/// KPIs per segment per period, plus a total row ("all customers", <see cref="KpiRow.AllCustomers"/>) per period.
/// </summary>
/// <param name="Periods">The periods, oldest first.</param>
/// <param name="Segments">The segment definitions, in display order.</param>
/// <param name="Rows">One row per segment per period, then the total rows; ordered by period, then segment order, total last.</param>
/// <param name="ChurnWindowDays">The churn window W used.</param>
public sealed record KpiTable(IReadOnlyList<KpiPeriod> Periods, IReadOnlyList<SegmentDefinition> Segments, IReadOnlyList<KpiRow> Rows, int ChurnWindowDays)
{
    /// <summary>Per-customer samples of some periods (segment key, period index) → sample, for the bootstrap of order ratios;
    /// empty unless requested from <see cref="KpiCalculator.Compute(Engines.ISqlEngine, SegmentAssignment, KpiOptions, IReadOnlyList{double}?, IReadOnlyCollection{int}?)"/>.</summary>
    public IReadOnlyDictionary<(string Segment, int Period), CustomerSample> Samples { get; init; } = new Dictionary<(string, int), CustomerSample>();

    /// <summary>The sample of a segment (or the total, concatenated) in a period; null when not carried.</summary>
    public CustomerSample? Sample(string segment, int periodIndex)
    {
        if (segment != KpiRow.AllCustomers) return Samples.GetValueOrDefault((segment, periodIndex));
        var parts = Segments.Select(s => Samples.GetValueOrDefault((s.Key, periodIndex))).ToArray();
        return parts.Any(p => p is null) ? null : CustomerSample.Concat(parts!);
    }

    /// <summary>The row of a segment key (or <see cref="KpiRow.AllCustomers"/>) in period <paramref name="periodIndex"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such row.</exception>
    public KpiRow Row(string segment, int periodIndex) =>
        Rows.FirstOrDefault(r => r.Segment == segment && r.Period.Index == periodIndex)
        ?? throw new KeyNotFoundException($"No KPI row for segment '{segment}' in period {periodIndex}.");

    /// <summary>The total row of a period.</summary>
    public KpiRow Total(int periodIndex) => Row(KpiRow.AllCustomers, periodIndex);

    /// <summary>The rows of the last period (segments, then total).</summary>
    public IReadOnlyList<KpiRow> Latest => Rows.Where(r => r.Period.Index == Periods.Count - 1).ToArray();

    /// <summary>The table in long-to-wide form: one row per segment × period, one column per KPI key (null = undefined).</summary>
    public DataFrame ToDataFrame()
    {
        var segment = new StringDataFrameColumn("segment", Rows.Count);
        var period = new StringDataFrameColumn("period", Rows.Count);
        var columns = KpiDefinitions.All.Select(d => new DoubleDataFrameColumn(d.Key, Rows.Count)).ToArray();
        for (int i = 0; i < Rows.Count; i++)
        {
            segment[i] = Rows[i].Segment;
            period[i] = Rows[i].Period.Label;
            for (int k = 0; k < columns.Length; k++) columns[k][i] = Rows[i].Value(columns[k].Name);
        }
        return new DataFrame([segment, period, .. columns]);
    }
}

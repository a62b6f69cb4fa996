using System.Globalization;
using Segmentation.Analytics.Engines;
using Segmentation.Analytics.Features;
using Segmentation.Analytics.Models;

namespace Segmentation.Analytics.Evaluation;

/// <summary>
/// What a segment does without a campaign, in one month: the baseline a campaign for it is sized against.
/// </summary>
/// <param name="Segment">Segment key (<see cref="KpiRow.AllCustomers"/> for every customer).</param>
/// <param name="Period">The month measured.</param>
/// <param name="Customers">Customers of the segment (acquired by the month end).</param>
/// <param name="ActiveCustomers">Of them, customers with ≥ 1 purchase in the month: the conversion a campaign would lift.</param>
/// <param name="SpendMean">Net revenue per customer in the month (currency; every customer, buyers or not).</param>
/// <param name="SpendStandardDeviation">Its standard deviation across the customers (n − 1 denominator, from the KPI table's
/// Σ revenue and Σ revenue²); null with fewer than 2 customers.</param>
public sealed record SegmentBaseline(string Segment, KpiPeriod Period, long Customers, long ActiveCustomers, double SpendMean, double? SpendStandardDeviation)
{
    /// <summary>Active customers / customers in the month; null without customers.</summary>
    public double? ConversionRate => Customers > 0 ? (double)ActiveCustomers / Customers : null;

    /// <summary>The baseline of one KPI row (its period, customers, active customers, revenue and Σ revenue²).</summary>
    public static SegmentBaseline FromKpiRow(KpiRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        long n = row.Customers;
        double mean = n > 0 ? row.Counts.Revenue / n : 0;
        double? sd = n >= 2 ? Math.Sqrt(Math.Max(0, (row.Counts.RevenueSquares - n * mean * mean) / (n - 1))) : null;
        return new SegmentBaseline(row.Segment, row.Period, n, row.ActiveCustomers, mean, sd);
    }

    /// <summary>
    /// The baseline of every segment of <paramref name="model"/> (and of all customers) in <paramref name="month"/>: the customers are
    /// assigned with the model at the month end (as the monthly evaluation does) and the month's KPI sums are read in the engine.
    /// </summary>
    /// <param name="engine">Engine with the validated transactions.</param>
    /// <param name="model">The frozen segmentation model.</param>
    /// <param name="month">Any day of the month.</param>
    /// <returns>Per segment in the model's order, then <see cref="MonthlyEvaluation.ProspectsKey"/>, then the total row.</returns>
    public static IReadOnlyList<SegmentBaseline> Measure(ISqlEngine engine, SegmentationModel model, DateOnly month)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(model);
        var end = new DateOnly(month.Year, month.Month, 1).AddMonths(1).AddDays(-1);
        var features = CustomerFeatureTable.Build(engine, end.ToDateTime(TimeOnly.MinValue));
        var assignment = MonthlyEvaluation.ToEvaluationAssignment(model, features);
        var kpis = KpiCalculator.Compute(engine, assignment, new KpiOptions(end, ReportingCycle.Monthly, Periods: 1));
        return [.. assignment.Segments.Select(s => FromKpiRow(kpis.Row(s.Key, 0))), FromKpiRow(kpis.Total(0))];
    }

    /// <summary>Culture-invariant one-line form.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Segment} {Period.Label}: {Customers} customers, conversion {ConversionRate:P2}, spend {SpendMean:F2} ± {SpendStandardDeviation:F2} (sd)");
}

using System.Globalization;

namespace Segmentation.Analytics.Evaluation;

/// <summary>Churn warning figures of one segment at the period end.</summary>
/// <param name="Segment">Segment key (or <see cref="KpiRow.AllCustomers"/>).</param>
/// <param name="Customers">Customers with at least one purchase by the period end.</param>
/// <param name="AtRiskCustomers">Customers flagged by the churn warning (low P(alive) or a broken purchase rhythm).</param>
/// <param name="LifetimeValue">Σ CLV of the customers (currency, next 12 months, discounted).</param>
/// <param name="ValueAtRisk">Σ CLV of the at-risk customers (currency).</param>
/// <param name="MeanProbabilityAlive">Mean BG/NBD P(alive); NaN when P(alive) was not used (fit not identified, see <see cref="ChurnRiskSummary.UsesProbabilityAlive"/>) (0 for a segment without customers).</param>
public sealed record SegmentChurnRisk(string Segment, int Customers, int AtRiskCustomers, double LifetimeValue, double ValueAtRisk, double MeanProbabilityAlive)
{
    /// <summary>At-risk customers / customers.</summary>
    public double? AtRiskShare => Customers > 0 ? (double)AtRiskCustomers / Customers : null;

    /// <summary>Value at risk / lifetime value.</summary>
    public double? ValueAtRiskShare => LifetimeValue > 0 ? ValueAtRisk / LifetimeValue : null;

    /// <summary>Culture-invariant one-line form.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Segment}: {AtRiskCustomers}/{Customers} at risk, value at risk {ValueAtRisk:F0} of {LifetimeValue:F0}");
}

using System.Globalization;

namespace Segmentation.Analytics.Statistics;

/// <summary>Lifetime value at risk in one segment.</summary>
/// <param name="Segment">Segment label.</param>
/// <param name="Customers">Customers in the segment.</param>
/// <param name="AtRiskCustomers">Customers flagged at risk.</param>
/// <param name="TotalValue">Σ CLV of the segment.</param>
/// <param name="ValueAtRisk">Σ CLV of its at-risk customers.</param>
public sealed record SegmentValueAtRisk(int Segment, int Customers, int AtRiskCustomers, double TotalValue, double ValueAtRisk)
{
    /// <summary>ValueAtRisk / TotalValue (0 when the segment has no value).</summary>
    public double ShareAtRisk => TotalValue > 0 ? ValueAtRisk / TotalValue : 0.0;

    /// <summary>Culture-invariant one-line form.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"segment {Segment}: {AtRiskCustomers}/{Customers} at risk, value at risk {ValueAtRisk:F2} of {TotalValue:F2} ({ShareAtRisk:P1})");
}

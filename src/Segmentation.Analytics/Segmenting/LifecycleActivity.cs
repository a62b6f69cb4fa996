namespace Segmentation.Analytics.Segmenting;

/// <summary>The purchase history of one customer at the snapshot, as the lifecycle rules read it (columns of the customer feature table).</summary>
/// <param name="Occasions">Purchase occasions (feature <c>frequency</c>); 0 for prospects.</param>
/// <param name="RecencyDays">Days since the last purchase (<c>recency_days</c>); null without purchases.</param>
/// <param name="TenureDays">Days since the first purchase (<c>tenure_days</c>); null without purchases.</param>
/// <param name="MeanIntervalDays">Mean days between occasions (<c>mean_interpurchase_days</c>); null with fewer than 2 occasions.</param>
public sealed record LifecycleActivity(long Occasions, double? RecencyDays, double? TenureDays, double? MeanIntervalDays)
{
    /// <summary>Checks consistency: occasions ≥ 0; with purchases, 0 ≤ recency ≤ tenure; with ≥ 2 occasions, an interval &gt; 0.</summary>
    /// <exception cref="ArgumentException">The record is inconsistent (message says which field, <paramref name="index"/> says which customer).</exception>
    public void Validate(int index, string parameter)
    {
        if (Occasions < 0) throw new ArgumentException($"Customer {index}: Occasions is {Occasions}; it cannot be negative.", parameter);
        if (Occasions == 0) return;
        if (RecencyDays is not { } r || r < 0 || !double.IsFinite(r))
            throw new ArgumentException($"Customer {index}: RecencyDays is {RecencyDays?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "missing"}; a customer with purchases needs recency ≥ 0.", parameter);
        if (TenureDays is not { } t || t < r || !double.IsFinite(t))
            throw new ArgumentException($"Customer {index}: TenureDays is {TenureDays?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "missing"}; it must be ≥ RecencyDays ({r}).", parameter);
        if (Occasions >= 2 && (MeanIntervalDays is not { } m || !(m > 0) || !double.IsFinite(m)))
            throw new ArgumentException($"Customer {index}: MeanIntervalDays is {MeanIntervalDays?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "missing"}; a customer with {Occasions} occasions needs an interval > 0.", parameter);
    }
}

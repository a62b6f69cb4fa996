namespace Segmentation.Analytics.Profiling;

/// <summary>Settings of <see cref="SegmentProfiler"/>.</summary>
/// <param name="NumericFeatures">Numeric columns to describe; null = every numeric column except <paramref name="IdColumn"/>.</param>
/// <param name="CategoricalFeatures">Categorical columns whose composition to report; null = every text column except <paramref name="IdColumn"/>.</param>
/// <param name="IdColumn">The customer key (never profiled).</param>
/// <param name="RevenueColumn">Column summed for the revenue share (default <c>monetary</c>); null or absent = no revenue share.</param>
/// <param name="ProfitColumn">Column summed for the profit share, if any.</param>
/// <param name="ClvColumn">Column summed for the customer-lifetime-value share, if any.</param>
/// <param name="TopFeatures">How many distinguishing features (largest |z|) each profile lists.</param>
/// <param name="MaxCategories">Categories listed per categorical feature (the most frequent in the population; the rest are summed as <c>&lt;other&gt;</c>).</param>
public sealed record SegmentProfilerOptions(
    EquatableArray<string>? NumericFeatures = null,
    EquatableArray<string>? CategoricalFeatures = null,
    string IdColumn = "customer_id",
    string? RevenueColumn = "monetary",
    string? ProfitColumn = null,
    string? ClvColumn = null,
    int TopFeatures = 5,
    int MaxCategories = 20)
{
    /// <summary>Throws an <see cref="ArgumentOutOfRangeException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(TopFeatures, 0, nameof(TopFeatures));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxCategories, 1, nameof(MaxCategories));
    }
}

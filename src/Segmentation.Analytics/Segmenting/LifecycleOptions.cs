namespace Segmentation.Analytics.Segmenting;

/// <summary>Options of <see cref="LifecycleClassifier"/> (the rules are listed there).</summary>
/// <param name="NewWithinDays">N: a customer whose first purchase is at most N days before the snapshot is new (default 90).</param>
/// <param name="LoyalOccasions">F: purchase occasions needed to be loyal (default 5; at least 2).</param>
/// <param name="AtRiskFactor">k: at risk when recency &gt; k × the purchase interval (default 2).</param>
/// <param name="LostFactor">m: lost when recency &gt; m × the purchase interval (default 4; at least k).</param>
/// <param name="LostAfterDays">Hard limit: lost when recency &gt; this many days, whatever the interval (default 365).</param>
public sealed record LifecycleOptions(int NewWithinDays = 90, int LoyalOccasions = 5, double AtRiskFactor = 2, double LostFactor = 4, int LostAfterDays = 365)
{
    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the exception names it and its value.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(NewWithinDays);
        ArgumentOutOfRangeException.ThrowIfLessThan(LoyalOccasions, 2);
        if (!(AtRiskFactor > 0) || !double.IsFinite(AtRiskFactor))
            throw new ArgumentOutOfRangeException(nameof(AtRiskFactor), AtRiskFactor, "AtRiskFactor must be a positive number.");
        if (!(LostFactor >= AtRiskFactor) || !double.IsFinite(LostFactor))
            throw new ArgumentOutOfRangeException(nameof(LostFactor), LostFactor, $"LostFactor must be a number ≥ AtRiskFactor ({AtRiskFactor}).");
        ArgumentOutOfRangeException.ThrowIfLessThan(LostAfterDays, 1);
    }
}

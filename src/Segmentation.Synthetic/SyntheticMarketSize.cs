namespace Segmentation.Synthetic;

/// <summary>One row of market.csv.</summary>
/// <param name="Month">First day of the month.</param>
/// <param name="Segment">Planted segment key, or null for the whole market (which also includes demand outside the planted segments).</param>
/// <param name="MarketSize">Market size in the month (currency units).</param>
public sealed record SyntheticMarketSize(DateOnly Month, string? Segment, double MarketSize);

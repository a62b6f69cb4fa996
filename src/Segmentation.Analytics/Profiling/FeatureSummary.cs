namespace Segmentation.Analytics.Profiling;

/// <summary>A numeric feature over the whole population (the reference of every segment's index and z-score).</summary>
/// <param name="Feature">Feature name.</param>
/// <param name="Mean">Mean of the non-missing values.</param>
/// <param name="Median">Median of the non-missing values (average of the two middle values for an even count).</param>
/// <param name="StandardDeviation">Population standard deviation (divisor n) of the non-missing values.</param>
/// <param name="Count">Non-missing values.</param>
public sealed record FeatureSummary(string Feature, double Mean, double Median, double StandardDeviation, int Count);

namespace Segmentation.Analytics.Profiling;

/// <summary>A numeric feature within one segment, compared with the population.</summary>
/// <param name="Feature">Feature name.</param>
/// <param name="Mean">Segment mean (non-missing values; NaN when the segment has none).</param>
/// <param name="Median">Segment median.</param>
/// <param name="StandardDeviation">Segment population standard deviation (divisor n).</param>
/// <param name="Count">Non-missing values in the segment.</param>
/// <param name="PopulationMean">Mean over all customers.</param>
/// <param name="Index">100 × segment mean / population mean (100 = average); NaN when the population mean is 0.</param>
/// <param name="ZScore">(segment mean − population mean) / population standard deviation; 0 when that deviation is 0.</param>
public sealed record FeatureProfile(string Feature, double Mean, double Median, double StandardDeviation, int Count, double PopulationMean, double Index, double ZScore);

namespace Segmentation.Analytics.Models;

/// <summary>A count per feature (values imputed, or unknown categories met) during assignment.</summary>
/// <param name="Feature">Feature name.</param>
/// <param name="Count">Rows affected.</param>
public sealed record FeatureCount(string Feature, int Count);

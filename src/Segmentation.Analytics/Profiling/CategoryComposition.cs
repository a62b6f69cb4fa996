namespace Segmentation.Analytics.Profiling;

/// <summary>The composition of one segment by a categorical feature (e.g. gender, region, lifestyle).</summary>
/// <param name="Feature">Feature name.</param>
/// <param name="MissingShare">Share of the segment with no value.</param>
/// <param name="PopulationMissingShare">Share of all customers with no value.</param>
/// <param name="Categories">Shares by category, most frequent in the population first (ties: ordinal order).</param>
public sealed record CategoryComposition(string Feature, double MissingShare, double PopulationMissingShare, EquatableArray<CategoryShare> Categories)
{
    /// <summary>Share of the segment that has a value (1 − <see cref="MissingShare"/>).</summary>
    [System.Text.Json.Serialization.JsonIgnore] public double KnownShare => 1 - MissingShare;
}

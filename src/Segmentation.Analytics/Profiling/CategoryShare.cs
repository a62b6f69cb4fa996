namespace Segmentation.Analytics.Profiling;

/// <summary>One category of a categorical feature within a segment.</summary>
/// <param name="Category">The value (<c>&lt;other&gt;</c> for the categories beyond the listed ones).</param>
/// <param name="Count">Customers of the segment with that value.</param>
/// <param name="Share">Count / segment size (missing values count in the denominator).</param>
/// <param name="PopulationShare">The same share over all customers.</param>
public sealed record CategoryShare(string Category, int Count, double Share, double PopulationShare);

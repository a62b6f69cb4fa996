using Segmentation.Analytics.Statistics.Tests;

namespace Segmentation.Analytics.Validation;

/// <summary>How strongly one feature differs between the segments.</summary>
/// <param name="Feature">Feature name.</param>
/// <param name="Rank">1 = the feature that separates the segments most (largest η²).</param>
/// <param name="Anova">One-way ANOVA (F, p, η²).</param>
/// <param name="KruskalWallis">Kruskal-Wallis (H, p, ε²).</param>
/// <param name="Significant">Both p-values are below the significance level.</param>
public sealed record FeatureSeparation(string Feature, int Rank, AnovaResult Anova, KruskalWallisResult KruskalWallis, bool Significant)
{
    /// <summary>The feature has one value for every customer (or none): no test was run (F, H and p are NaN) and it ranks last.
    /// Not written when false.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool Constant { get; init; }
}

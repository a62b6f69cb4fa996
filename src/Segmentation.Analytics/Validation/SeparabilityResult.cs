namespace Segmentation.Analytics.Validation;

/// <summary>Can the segments be told apart? Discriminant analysis and per-feature tests.</summary>
/// <param name="LdaAccuracy">Cross-validated accuracy of linear discriminant analysis predicting the segment from the clustering features (NaN when LDA could not be fitted, see <paramref name="LdaProblem"/>).</param>
/// <param name="LdaFolds">Folds of the cross-validation.</param>
/// <param name="Classes">Segment indices: rows and columns of <paramref name="Confusion"/>.</param>
/// <param name="Confusion">Confusion[i][j] = rows of segment Classes[i] predicted (out of fold) as Classes[j]; empty when LDA failed.</param>
/// <param name="LdaProblem">Why LDA could not be fitted, or null.</param>
/// <param name="Features">Per-feature ANOVA and Kruskal-Wallis, ranked by η² (most distinguishing first).</param>
public sealed record SeparabilityResult(double LdaAccuracy, int LdaFolds, EquatableArray<int> Classes, EquatableArray<EquatableArray<int>> Confusion, string? LdaProblem, EquatableArray<FeatureSeparation> Features);

namespace Segmentation.Analytics.Validation;

/// <summary>All indices for one k of a <see cref="KSelection"/> table.</summary>
/// <param name="Clusters">k.</param>
/// <param name="Inertia">Within-cluster sum of squares of the best k-means fit (lower is better, always falls with k).</param>
/// <param name="Silhouette">Mean silhouette (higher is better); estimated on large data, see <paramref name="SilhouetteStandardError"/>.</param>
/// <param name="SilhouetteStandardError">0 when exact, the sampling standard error otherwise.</param>
/// <param name="CalinskiHarabasz">Calinski-Harabasz (higher is better).</param>
/// <param name="DaviesBouldin">Davies-Bouldin (lower is better).</param>
/// <param name="Gap">Gap(k), or null when the gap statistic was skipped.</param>
/// <param name="GapStandardError">s_k, or null.</param>
public sealed record KSelectionRow(int Clusters, double Inertia, double Silhouette, double SilhouetteStandardError,
    double CalinskiHarabasz, double DaviesBouldin, double? Gap, double? GapStandardError);

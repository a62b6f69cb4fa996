namespace Segmentation.Analytics.Validation;

/// <summary>Internal validity indices of a partition (computed on the clustering space, i.e. the transformed features).</summary>
/// <param name="Inertia">Within-segment sum of squares around the segment means.</param>
/// <param name="Silhouette">Mean silhouette (exact, or the sample estimate).</param>
/// <param name="SilhouetteExact">True when <paramref name="Silhouette"/> is exact.</param>
/// <param name="SilhouetteStandardError">0 when exact; the sampling standard error otherwise.</param>
/// <param name="SilhouetteLower">Lower end of the 95 % interval (= the mean when exact).</param>
/// <param name="SilhouetteUpper">Upper end of the 95 % interval (= the mean when exact).</param>
/// <param name="CalinskiHarabasz">Calinski-Harabasz variance ratio (higher is better).</param>
/// <param name="DaviesBouldin">Davies-Bouldin index (lower is better).</param>
public sealed record InternalIndices(double Inertia, double Silhouette, bool SilhouetteExact, double SilhouetteStandardError,
    double SilhouetteLower, double SilhouetteUpper, double CalinskiHarabasz, double DaviesBouldin);

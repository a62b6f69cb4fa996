namespace Segmentation.Analytics.Validation;

/// <summary>Settings of <see cref="KSelection"/>.</summary>
/// <param name="MinClusters">Smallest k (≥ 2: the indices need two clusters).</param>
/// <param name="MaxClusters">Largest k.</param>
/// <param name="Restarts">k-means++ restarts per k.</param>
/// <param name="Seed">Seed of every random choice.</param>
/// <param name="GapReferenceSets">B for the gap statistic; 0 skips the gap statistic.</param>
/// <param name="ExactSilhouetteMaxRows">Up to this many rows the silhouette is exact; above, it is estimated from <paramref name="SilhouetteSampleSize"/> rows.</param>
/// <param name="SilhouetteSampleSize">Rows sampled for the silhouette estimate on large data.</param>
/// <param name="MaxDegreeOfParallelism">Threads to use (−1 = all). Results do not depend on it.</param>
public sealed record KSelectionOptions(
    int MinClusters = 2,
    int MaxClusters = 10,
    int Restarts = 10,
    int Seed = 0,
    int GapReferenceSets = 10,
    int ExactSilhouetteMaxRows = 20_000,
    int SilhouetteSampleSize = 2_000,
    int MaxDegreeOfParallelism = -1)
{
    /// <summary>Checks the options against the number of rows.</summary>
    public void Validate(int rows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MinClusters, 2, nameof(MinClusters));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxClusters, MinClusters, nameof(MaxClusters));
        ArgumentOutOfRangeException.ThrowIfLessThan(Restarts, 1, nameof(Restarts));
        ArgumentOutOfRangeException.ThrowIfNegative(GapReferenceSets, nameof(GapReferenceSets));
        if (GapReferenceSets == 1) throw new ArgumentOutOfRangeException(nameof(GapReferenceSets), 1, "Use 0 (no gap statistic) or at least 2 reference sets.");
        ArgumentOutOfRangeException.ThrowIfLessThan(SilhouetteSampleSize, 2, nameof(SilhouetteSampleSize));
        if (MaxClusters + 1 > rows)
            throw new ArgumentOutOfRangeException(nameof(MaxClusters), MaxClusters, $"MaxClusters must be below the number of rows ({rows}).");
    }
}

namespace Segmentation.Analytics.Validation;

/// <summary>Settings of <see cref="GapStatistic"/>.</summary>
/// <param name="MinClusters">Smallest k evaluated (≥ 1).</param>
/// <param name="MaxClusters">Largest k evaluated (&gt; MinClusters).</param>
/// <param name="ReferenceSets">B, the number of reference data sets (Tibshirani et al. used 10–20; more narrows s_k).</param>
/// <param name="Reference">The reference distribution.</param>
/// <param name="Restarts">k-means++ restarts per fit (data and reference sets).</param>
/// <param name="Seed">Seed of the reference draws and of the k-means starts.</param>
/// <param name="MaxDegreeOfParallelism">Threads to use (−1 = all). Results do not depend on it.</param>
public sealed record GapStatisticOptions(
    int MinClusters = 1,
    int MaxClusters = 10,
    int ReferenceSets = 10,
    GapReference Reference = GapReference.PrincipalComponents,
    int Restarts = 5,
    int Seed = 0,
    int MaxDegreeOfParallelism = -1)
{
    /// <summary>Checks the options against the number of rows.</summary>
    public void Validate(int rows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MinClusters, 1, nameof(MinClusters));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MaxClusters, MinClusters, nameof(MaxClusters));
        ArgumentOutOfRangeException.ThrowIfLessThan(ReferenceSets, 2, nameof(ReferenceSets));
        ArgumentOutOfRangeException.ThrowIfLessThan(Restarts, 1, nameof(Restarts));
        if (MaxClusters > rows)
            throw new ArgumentOutOfRangeException(nameof(MaxClusters), MaxClusters, $"MaxClusters exceeds the number of rows ({rows}).");
    }
}
